// An in-memory Sinch shop and editor for the rent flow in plain Node: the controller sees the
// same InstanceApi shape and SinchApiError values it sees in the extension.
import { RentController } from '../../../src/rent/rentController';
import type { RentEnvironment } from '../../../src/rent/rentEnvironment';
import { testMessages, type WaysRecord } from '../../support/testMessages';
import { Cart } from '../../../src/rent/cart';
import { collectAll } from '../../support/collectAll';
import { type InstanceApi } from '../../../src/sinch/client';
import { SinchApiError, type SinchErrorKind } from '../../../src/sinch/errors';
import type { NumberGroup, RentedNumber } from '../../../src/sinch/types';
import { FakePrompter } from '../../support/fakePrompter';
import { aNumber, shop } from '../../support/builders';
import { InMemoryMemento } from '../../support/memento';
import type { ActivityEntry } from '../../../src/numbers/activity';

export type Fault =
  | { kind: 'error'; error: SinchErrorKind; errorCode?: number; status?: number }
  /** Sinch does the work, the answer is lost (timeout after the request was sent). */
  | { kind: 'lostAfter' }
  /** The connection breaks before Sinch sees the request. */
  | { kind: 'lostBefore' };

const PREFIX: Record<number, string> = { 1: '3314', 2: '4420', 13: '1415', 50: '3491', 75: '1504' };

type Endpoint = 'listShop' | 'reserve' | 'checkout' | 'list';

export function apiError(
  kind: SinchErrorKind,
  extra: { errorCode?: number; status?: number; outcomeUnknown?: boolean } = {},
): SinchApiError {
  return new SinchApiError({ kind, message: `fake ${kind}`, method: 'POST', path: '/fake', ...extra });
}

export class FakeShop {
  groups: NumberGroup[] = shop();
  numbers: RentedNumber[] = [
    aNumber({ number: 14150005550 }),
    aNumber({ number: 14150005551, applicationKey: 'bb7b4e39-4227-4913-8c81-2db4abb54fb3' }),
  ];
  reservations = new Map<string, { groupId: number; quantity: number; capabilities: string[] }>();
  credit = 20;
  accounting = true;
  /** Every request, e.g. "checkout ref-1,ref-2". */
  calls: string[] = [];
  /** Runs as a checkout request arrives, before Sinch handles it (a colleague acting at that moment). */
  onCheckout?: () => void;
  private faults: Array<{ endpoint: Endpoint; fault: Fault; skip: number }> = [];
  private nextRef = 1;
  private nextSuffix = new Map<number, number>();

  /** The fault hits the endpoint's next request, or the one after `skip` more. */
  fault(endpoint: Endpoint, fault: Fault, skip = 0): this {
    this.faults.push({ endpoint, fault, skip });
    return this;
  }
  count(endpoint: Endpoint): number {
    return this.calls.filter((c) => c.split(' ')[0] === endpoint).length;
  }

  private take(endpoint: Endpoint): Fault | undefined {
    const i = this.faults.findIndex((f) => f.endpoint === endpoint);
    if (i < 0) return undefined;
    if (this.faults[i].skip-- > 0) return undefined;
    return this.faults.splice(i, 1)[0].fault;
  }

  private async handle<T>(endpoint: Endpoint, detail: string, work: () => T): Promise<T> {
    this.calls.push(`${endpoint}${detail ? ` ${detail}` : ''}`);
    await Promise.resolve();
    const f = this.take(endpoint);
    if (f?.kind === 'error') throw apiError(f.error, { errorCode: f.errorCode, status: f.status });
    if (f?.kind === 'lostBefore') throw apiError('network', { outcomeUnknown: true });
    const result = work();
    if (f?.kind === 'lostAfter') throw apiError('timeout', { outcomeUnknown: true });
    return result;
  }

  readonly api: InstanceApi = {
    getOrganisations: async () => ({ shape: 'object', organisations: [{ id: '8888123', name: 'Acme' }] }),
    listShopGroups: (_org) => this.handle('listShop', '', () => this.groups.map((g) => ({ ...g }))),
    reserve: (_org, req) =>
      this.handle('reserve', `${req.groupId}x${req.quantity}`, () => {
        const g = this.groups.find((x) => x.groupId === req.groupId);
        if (!g || req.quantity > g.availability) throw apiError('validation', { errorCode: 40003 });
        g.availability -= req.quantity;
        const referenceId = `ref-${this.nextRef++}`;
        this.reservations.set(referenceId, {
          groupId: req.groupId,
          quantity: req.quantity,
          capabilities: req.capabilities,
        });
        return { referenceId };
      }),
    checkout: async (_org, ids) => {
      const colleague = this.onCheckout;
      this.onCheckout = undefined;
      colleague?.();
      return this.checkoutNow(ids);
    },
    listRentedNumbers: (_org) => this.handle('list', '', () => this.numbers.map((n) => ({ ...n }))),
    streamRentedNumbers: async (org, collect) => collectAll(await this.api.listRentedNumbers(org), collect()),
    listApplicationNumbers: async () => [],
    assignNumbers: async () => [],
    unassignNumber: async () => undefined,
  };

  /** A colleague rents `quantity` numbers of a group in the same organisation, with their own reservation. */
  colleagueRents(groupId: number, quantity = 1): number[] {
    const before = new Set(this.numbers.map((n) => n.number));
    const id = `colleague-${this.nextRef++}`;
    this.reservations.set(id, { groupId, quantity, capabilities: ['voice'] });
    this.rent([id]);
    return this.numbers.filter((n) => !before.has(n.number)).map((n) => n.number);
  }

  private checkoutNow(ids: string[]): Promise<void> {
    return this.handle('checkout', ids.join(','), () => {
      const rs = ids.map((id) => this.reservations.get(id));
      if (rs.some((r) => !r)) throw apiError('notFound', { errorCode: 40400 });
      if (!this.accounting) throw apiError('accounting', { errorCode: 42200 });
      const total = rs.reduce(
        (s, r) => s + r!.quantity * this.groups.find((g) => g.groupId === r!.groupId)!.cost.amount,
        0,
      );
      if (total > this.credit) throw apiError('credit', { errorCode: 40200 });
      this.credit -= total;
      this.rent(ids);
    });
  }

  private rent(ids: string[]): void {
    for (const id of ids) {
      const r = this.reservations.get(id)!;
      this.reservations.delete(id);
      for (let i = 0; i < r.quantity; i++) {
        const suffix = this.nextSuffix.get(r.groupId) ?? 100;
        this.nextSuffix.set(r.groupId, suffix + 1);
        const prefix = PREFIX[r.groupId] ?? '1999';
        this.numbers.push(
          aNumber({
            number: Number(`${prefix}${String(suffix).padStart(7, '0')}`),
            groupId: r.groupId,
            capabilities: r.capabilities,
          }),
        );
      }
    }
  }
}

/**
 * The rent flow over the fake shop. Two harnesses given the same `shop` and `storage` (and their
 * own `windowId`) are two windows of one VS Code: one Sinch, one globalState, one cart.
 */
export function rentHarness(
  options: {
    maxPerRental?: number;
    org?: string;
    windowId?: string;
    shop?: FakeShop;
    storage?: InMemoryMemento;
    /** sinchNumbers.monthlySpendLimit. */
    limits?: Record<string, number>;
  } = {},
) {
  const shop = options.shop ?? new FakeShop();
  const prompter = new FakePrompter();
  let clock = Date.parse('2025-06-20T11:43:10.944Z');
  const storage = options.storage ?? new InMemoryMemento();
  const cart = new Cart(storage, 'cart', () => clock);
  const record = {
    noted: [] as unknown[],
    progress: [] as string[],
    reports: [] as string[],
    openProgress: 0,
    revealed: [] as number[][],
    assigned: [] as number[][],
    refreshes: 0,
    dashboard: 0,
    signIns: 0,
    viewRefreshes: 0,
    logShown: 0,
    proxySettings: 0,
    copied: [] as string[],
    warnings: [] as string[],
    /** What the flows wrote to the activity journal. */
    activity: [] as ActivityEntry[],
  };
  const ways: WaysRecord = record;
  const cancel = new AbortController();
  const env: RentEnvironment = {
    prompter,
    activity: { record: (e) => record.activity.push(e) },
    session: {
      current: () => ({
        organisationId: options.org ?? '8888123',
        account: {
          id: 'email:demo@example.com',
          identity: { type: 'email', endpoint: 'demo@example.com' },
          displayName: 'Jane Bloggs',
          organisationId: options.org ?? '8888123',
          organisationName: 'Acme',
          instanceId: 'i',
          instanceSecret: 's',
          signedInAt: 0,
        },
        api: shop.api,
      }),
      noteError: (e) => {
        record.noted.push(e);
      },
    },
    cart,
    model: {
      numbers: undefined,
      refresh: async () => {
        record.refreshes++;
        return shop.api.listRentedNumbers('8888123');
      },
    },
    windowId: options.windowId ?? 'window-1',
    messages: testMessages(prompter, ways),
    revealNumbers: async (n) => {
      record.revealed.push([...n]);
    },
    log: {
      info: () => undefined,
      warn: () => undefined,
      show: () => {
        record.logShown++;
      },
    },
    withProgress: async (title, task) => {
      record.progress.push(title);
      record.openProgress++;
      try {
        return await task((m) => record.reports.push(m), cancel.signal);
      } finally {
        record.openProgress--;
      }
    },
    signal: (caller) => caller ?? new AbortController().signal,
    maxPerRental: () => options.maxPerRental ?? 10,
    spendLimits: () => options.limits ?? {},
    openDashboard: async () => {
      record.dashboard++;
    },
    assignNumbers: async (n) => {
      record.assigned.push(n);
    },
    refreshView: async () => {
      record.viewRefreshes++;
    },
    now: () => clock,
  };
  const controller = new RentController(env);
  return {
    shop,
    prompter,
    cart,
    storage,
    record,
    controller,
    cancel,
    env,
    advance(ms: number) {
      clock += ms;
    },
    get now() {
      return clock;
    },
  };
}
