// One VS Code window of the simulation: the product's plain assign commands and rent controller
// (no vscode layer), over the window's own InstanceApi, sharing globalState (the cart) and the
// global storage folder (the application locks) with the other windows of the machine.
import { AssignCommands } from '../../src/assign/assignCommands';
import type { AssignEnvironment } from '../../src/assign/assignEnvironment';
import { Cart } from '../../src/rent/cart';
import { RentController } from '../../src/rent/rentController';
import type { RentEnvironment } from '../../src/rent/rentEnvironment';
import { testMessages } from '../support/testMessages';
import type { InstanceApi } from '../../src/sinch/client';
import type { RentedNumber } from '../../src/sinch/types';
import { anAccount } from '../support/builders';
import type { SyncedStorage } from './simStorage';
import type { SimSinch } from './simSinch';
import type { SimUser } from './simUser';
import type { SimLocks } from './simLocks';
import { WRITE_LEASE_MS } from '../../src/platform/leaseLocks';

export interface SharedMachine {
  /** globalState: each window's own copy, synced to the others a while after each write. */
  storage: SyncedStorage;
  /** The lock folder in global storage, shared by every window of the machine. */
  locks: SimLocks;
}

export class SimWindow {
  readonly api: InstanceApi;
  readonly assign: AssignCommands;
  readonly rent: RentController;
  readonly cart: Cart;
  private list: readonly RentedNumber[] | undefined;
  /** Errors that reached the command wrapper (shown to the user by it). */
  readonly thrown: unknown[] = [];

  constructor(
    readonly name: string,
    readonly sinch: SimSinch,
    readonly user: SimUser,
    machine: SharedMachine,
    random: () => number,
  ) {
    this.api = sinch.api(name, random);
    const clock = sinch.clock;
    const account = anAccount({ organisationId: sinch.orgId, organisationName: 'Acme' });
    const session = {
      current: () => ({ organisationId: sinch.orgId, account, api: this.api }),
      noteError: () => undefined,
    };
    const log = { info: () => undefined, warn: () => undefined, show: () => undefined };
    const model = {
      get numbers() {
        return self.list;
      },
      refresh: async () => {
        self.list = await self.api.listRentedNumbers(sinch.orgId);
        return self.list;
      },
    };
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const withProgress = <T>(
      _title: string,
      task: (report: (message: string) => void, signal: AbortSignal) => Promise<T>,
    ): Promise<T> => task(() => undefined, new AbortController().signal);
    // One message service per window, over the simulated user (as the extension has one).
    const editor = {
      prompter: user,
      messages: testMessages(user),
      session,
      model,
      revealNumbers: async () => undefined,
      log,
      withProgress,
      signal: (caller?: AbortSignal) => caller ?? new AbortController().signal,
      now: () => clock.now,
      // The journal is not what the simulation checks: entries go nowhere.
      activity: { record: () => undefined },
    };
    const assignEnv: AssignEnvironment = {
      ...editor,
      labels: () => ({}),
      addedApplications: () => [],
      documentsReferencing: () => [],
      machineLocks: {
        locks: machine.locks,
        owner: name,
        leaseMs: WRITE_LEASE_MS,
        wait: (ms) => sinch.passTime(ms, `${name} waits for a lock`),
      },
    };
    this.assign = new AssignCommands(assignEnv);
    this.cart = new Cart(machine.storage.view(name), 'cart', () => clock.now);
    const rentEnv: RentEnvironment = {
      ...editor,
      cart: this.cart,
      windowId: name,
      claims: machine.locks,
      maxPerRental: () => 10,
      spendLimits: () => ({}),
      openDashboard: async () => undefined,
      assignNumbers: async () => undefined,
      refreshView: async () => {
        await model.refresh();
      },
    };
    this.rent = new RentController(rentEnv);
  }

  /** Runs one user operation to its end, with every follow-up the user pressed. */
  async run(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.thrown.push(error);
    }
    await this.assign.idle();
    await this.rent.idle();
  }

  dispose(): void {
    this.cart.dispose();
  }
}
