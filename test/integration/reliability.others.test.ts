// When others act at the same time, inside the real extension host against the simulator: a
// colleague (a second SinchClient signed in to the same organisation) renting in the same group
// or assigning a number behind the tree's back, a checkout or an assign whose connection drops,
// and a second VS Code window checking out the same cart (a second RentController over the same
// globalState). What the user is told must be true, and no number may leave an application
// without the user's say.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SinchClient } from '../../src/sinch/client';
import { Cart } from '../../src/rent/cart';
import { RentController } from '../../src/rent/rentController';
import { claimKey } from '../../src/rent/checkoutRun';
import { FileLeaseLocks } from '../../src/platform/leaseLocks';
import * as path from 'node:path';
import type { RentEnvironment } from '../../src/rent/rentEnvironment';
import { NO_ACTIVITY } from '../../src/numbers/activity';
import { testMessages } from '../support/testMessages';
import type { ExtensionApi } from '../../src/extension';
import { FakePrompter } from '../support/fakePrompter';
import { InMemoryMemento } from '../support/memento';
import { DEMO_SMS_APP } from '../support/demo';
import { shortKey } from '../../src/numbers/treeNodes';
import { DEMO, DEMO_APP, waitUntil, freshStart, numberNode, scriptedUser, signInDemo, simulator } from './support';
import type { EndpointName } from '../simulator/routes';

const RENT = 'sinchNumbers.rentNumbers';
const CHECKOUT = 'sinchNumbers.checkoutCart';
const ASSIGN = 'sinchNumbers.assignNumbers';
const SMS_APP = DEMO_SMS_APP;
const FREE_VOICE = 14150005550;
const ON_DEMO_APP = 14150005551;
const FREE_BOTH = 493012340100;
const PARIS = 1;

type WireNumber = { number: number; groupId: number; applicationKey?: string; orgId?: string };
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

async function acmeNumbers(): Promise<WireNumber[]> {
  return ((await simulator.snapshot()).numbers as WireNumber[]).filter((n) => n.orgId === DEMO.orgId);
}

/** The colleague: the same organisation, signed in from another client. */
async function colleague() {
  const client = new SinchClient({
    endpoints: { userApi: simulator.url(), api: simulator.url(), portalApi: simulator.url() },
  });
  const login = await client.login({ type: 'email', endpoint: DEMO.email }, DEMO.password);
  const instance = await client.createInstance(login.authorization, { os: 'test', platform: 'the colleague' });
  const api = client.instance(instance);
  return {
    api,
    /** Rents one number of a group and returns it. */
    async rents(groupId: number): Promise<number> {
      const before = new Set((await api.listRentedNumbers(DEMO.orgId)).map((n) => n.number));
      const { referenceId } = await api.reserve(DEMO.orgId, { groupId, quantity: 1, capabilities: [] });
      await api.checkout(DEMO.orgId, [referenceId]);
      return (await api.listRentedNumbers(DEMO.orgId)).find((n) => !before.has(n.number))!.number;
    },
  };
}

/** Once the extension's checkout (or assign) has reached the simulator, `act` runs (while that request is held open). */
async function whenRequestArrives(endpoint: EndpointName, act: () => Promise<unknown>): Promise<void> {
  await waitUntil(async () => ((await simulator.counters())[endpoint] ?? 0) > 0, {
    timeout: 20_000,
    what: `the ${endpoint} request`,
  });
  await act();
}

describe('reliability: others acting at the same time', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  beforeEach(async () => {
    api = await freshStart();
    await signInDemo();
    await vscode.commands.executeCommand('sinchNumbers.numbers.focus');
    await api.model.refresh({ fresh: true });
    await waitUntil(() => !api.model.loading, { timeout: 5000, what: 'the tree to settle' });
    await simulator.resetCounters();
  });

  afterEach(async () => {
    await simulator.faults.clear();
    await simulator.setLatency(0);
    await api.cart.remove(api.cart.items(DEMO.orgId).map((i) => i.referenceId));
  });

  describe('the checkout verdict', () => {
    it('a colleague rented in the same group while the tree still showed the old list, then our checkout was reset before Sinch saw it: the same reservation sent once more rents ours, and only ours is named', async () => {
      const theirs = await (await colleague()).rents(PARIS); // the tree does not show it yet
      await simulator.resetCounters();
      await simulator.faults.inject('checkout', { kind: 'resetBefore' });
      const user = await scriptedUser();
      user.thenModal('Rent');
      const before = await acmeNumbers();
      await vscode.commands.executeCommand(RENT, { groupId: PARIS, quantity: 1 });

      const ours = (await acmeNumbers()).filter((n) => !before.some((b) => b.number === n.number));
      assert.equal(ours.length, 1, 'one number bought for us');
      const text = plain(user.shown.at(-1)!.text);
      assert.match(
        text,
        /so it was sent once more with the same reservation, which cannot be charged twice; that went through\. Rented \+33 1 40 00 01 \d\d for Acme \(8888123\)\. The reservation is used\.$/,
        user.transcript(),
      );
      assert.ok(
        text.includes(String(ours[0].number).replace(/^33(\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '+33 $1 $2 $3 $4 $5')),
        text,
      );
      assert.ok(
        !text.includes(String(theirs).replace(/^33(\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '+33 $1 $2 $3 $4 $5')),
        `the colleague's ${theirs} is never claimed: ${text}`,
      );
      const c = await simulator.counters();
      assert.deepEqual([c.reserve, c.checkout], [1, 2]);
    });

    it('a colleague rents in the same group between our list and our checkout, and both our checkouts drop: the new number "may not be yours", nothing is claimed, the reservation stays open', async () => {
      const them = await colleague();
      await simulator.faults.inject('checkout', { kind: 'resetBefore', afterMs: 1500 });
      const user = await scriptedUser();
      user.thenModal('Rent');
      const creditBefore = (await simulator.snapshot()).credit[DEMO.orgId];
      let theirs = 0;
      await Promise.all([
        vscode.commands.executeCommand(RENT, { groupId: PARIS, quantity: 1 }),
        whenRequestArrives('checkout', async () => {
          theirs = await them.rents(PARIS);
          await simulator.faults.inject('checkout', { kind: 'resetBefore' }); // for our re-send, not the colleague's checkout
        }),
      ]);
      const m = user.shown.at(-1)!;
      assert.equal(m.severity, 'warning');
      const shown = String(theirs).replace(/^33(\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '+33 $1 $2 $3 $4 $5');
      assert.match(
        plain(m.text),
        new RegExp(
          `^Sinch did not answer the checkout \\(the connection broke\\), nor when it was sent once more with the same reservation\\. New numbers appeared in Paris, France since just before the checkout: \\${shown}\\. They may not be yours: someone else may have rented in the same group at the same time\\. Check the Numbers view before renting again\\. The reservation is either used or still open until .+\\.$`,
        ),
        user.transcript(),
      );
      assert.ok(!/Rented|went through/.test(m.text), 'nothing is claimed');
      const state = await simulator.snapshot();
      assert.equal(
        state.reservations.filter((r: { orgId: string }) => r.orgId === DEMO.orgId).length,
        1,
        'our reservation is still open: nothing of ours was bought',
      );
      assert.equal(state.credit[DEMO.orgId], creditBefore - 2, "only the colleague's number was paid for");
    });
  });

  describe('two windows, one cart (globalState is shared)', () => {
    /** A second window: its own RentController and prompter over the same globalState, session and Sinch. */
    function secondWindow(
      storage: { get<T>(key: string): T | undefined; update(key: string, value: unknown): PromiseLike<void> } = api
        .services.context.globalState,
      shareLocks = false,
    ) {
      const prompter = new FakePrompter();
      const cart = new Cart(storage, 'sinchNumbers.cart');
      // Its own client over the same account, as another window has (and whose errors this bundle's classes recognise).
      const client = new SinchClient({
        endpoints: { userApi: simulator.url(), api: simulator.url(), portalApi: simulator.url() },
      });
      const session = {
        current: () => {
          const s = api.services.session.current();
          return { ...s, api: client.instance({ id: s.account.instanceId, secret: s.account.instanceSecret }) };
        },
        noteError: () => undefined,
      };
      const env: RentEnvironment = {
        prompter,
        session,
        cart,
        messages: testMessages(prompter),
        model: { numbers: undefined, refresh: (options) => api.model.refresh(options) },
        windowId: 'the-other-window',
        // The same machine: the same lock folder, where a cart checkout claims its reservations.
        claims: shareLocks ? machineLocks() : undefined,
        activity: NO_ACTIVITY,
        revealNumbers: async () => undefined,
        log: api.services.log,
        withProgress: (_title, task) => task(() => undefined, new AbortController().signal),
        signal: (caller) => api.services.clients.signal(caller),
        maxPerRental: () => 10,
        spendLimits: () => ({}),
        openDashboard: async () => undefined,
        assignNumbers: async () => undefined,
        refreshView: async () => undefined,
        now: Date.now,
      };
      return { prompter, cart, controller: new RentController(env) };
    }

    function machineLocks(): FileLeaseLocks {
      return new FileLeaseLocks(path.join(api.services.context.globalStorageUri.fsPath, 'locks'));
    }

    async function oneReservationInTheCart(): Promise<string> {
      const user = await scriptedUser();
      user.thenModal('Add to Cart');
      await vscode.commands.executeCommand(RENT, { groupId: PARIS, quantity: 1 });
      const [item] = api.cart.items(DEMO.orgId);
      assert.ok(item, user.transcript());
      return item.referenceId;
    }

    it('both windows check out at once: one rents, the other does not check out again and says another window is doing it', async () => {
      const id = await oneReservationInTheCart();
      const other = secondWindow(undefined, true);
      try {
        await simulator.setLatency(400);
        const user = await scriptedUser();
        user.thenModal('Check Out');
        other.prompter.thenModal('Check Out');
        const here = vscode.commands.executeCommand(CHECKOUT);
        const locks = machineLocks();
        await waitUntil(async () => (await locks.holder(claimKey(id)))?.note === 'checkingOut', {
          timeout: 10_000,
          what: "this window's claim on the reservation, in the machine's lock folder",
        });
        await other.controller.checkoutCart();
        await here;
        assert.match(plain(user.shown.at(-1)!.text), /^Rented \+33 1 40 00 01 \d\d for Acme/, user.transcript());
        const told = other.prompter.shown.at(-1)!;
        assert.match(
          told.text,
          /^Another VS Code window has been checking out the reservation of 1 number in Paris, France for Acme \(8888123\) since .+, so this window does not check it out again\./,
          other.prompter.transcript(),
        );
        assert.ok(!other.prompter.shown.some((m) => m.modal), 'the other window asked for no money');
        assert.ok(!other.prompter.shown.some((m) => /nothing was rented|Reserve Again/.test(m.text)));
        assert.equal((await simulator.counters()).checkout, 1);
        assert.deepEqual(other.cart.items(DEMO.orgId), [], 'checked out: gone from the cart both windows share');
      } finally {
        other.cart.dispose();
      }
    });

    it('the other window had not yet seen the mark and checks out too: Sinch answers 40400, and it re-reads the cart and says this window checked it out, never "nothing was rented … Reserve Again"', async () => {
      await oneReservationInTheCart();
      // The other window's copy of the shared globalState lags behind this one's.
      const lagging = new InMemoryMemento({
        'sinchNumbers.cart': api.services.context.globalState.get('sinchNumbers.cart'),
      });
      const other = secondWindow(lagging);
      try {
        const user = await scriptedUser();
        user.thenModal('Check Out');
        await vscode.commands.executeCommand(CHECKOUT);
        assert.match(plain(user.shown.at(-1)!.text), /^Rented /, user.transcript());
        const bought = (await acmeNumbers()).length;

        await simulator.setLatency(400);
        await simulator.resetCounters();
        other.prompter.thenModal('Check Out');
        await Promise.all([
          other.controller.checkoutCart(),
          // This window's marks reach the other window while its checkout is on its way.
          whenRequestArrives('checkout', async () => {
            await lagging.update('sinchNumbers.cart', api.services.context.globalState.get('sinchNumbers.cart'));
          }),
        ]);
        const told = other.prompter.shown.at(-1)!;
        assert.match(
          told.text,
          /^Another VS Code window checked out this reservation at .+; this window did not buy it again\. The Numbers view shows the numbers of Acme \(8888123\)\.$/,
          other.prompter.transcript(),
        );
        assert.ok(
          !other.prompter.shown.some((m) =>
            /nothing was rented|expired|Reserve Again/.test(`${m.text} ${m.actions.join(' ')}`),
          ),
          other.prompter.transcript(),
        );
        assert.equal((await acmeNumbers()).length, bought, 'nothing bought twice');
      } finally {
        other.cart.dispose();
      }
    });
  });

  describe('assign when a colleague assigns at the same time', () => {
    it('a colleague assigns an "unassigned" number to another application just before our assign: the Move confirmation names that application; declining leaves it there', async () => {
      const them = await colleague();
      await them.api.assignNumbers(SMS_APP, 'voice', [
        ...(await them.api.listApplicationNumbers(SMS_APP))
          .filter((n) => n.capabilities.includes('voice'))
          .map((n) => n.number),
        FREE_VOICE,
      ]);
      assert.equal(
        api.model.numbers?.find((n) => n.number === FREE_VOICE)?.applicationKey,
        undefined,
        'the tree still shows it unassigned',
      );
      await simulator.resetCounters();

      const user = await scriptedUser();
      const node = numberNode(api, FREE_VOICE);
      user.thenPick(DEMO_APP).thenModal(undefined);
      await vscode.commands.executeCommand(ASSIGN, node, [node]);
      const modal = user.shown.find((m) => m.modal)!;
      assert.ok(modal, user.transcript());
      assert.equal(
        modal.text,
        `Move +1 415-000-5550 from ${shortKey(SMS_APP)} to ${shortKey(DEMO_APP)} in Acme (8888123)?`,
      );
      assert.match(
        modal.detail!,
        new RegExp(`^The Numbers view showed \\+1 415-000-5550 as unassigned; it is on ${shortKey(SMS_APP)} now\\.`),
      );
      const c = await simulator.counters();
      assert.deepEqual(
        [c.listNumbers, c.listAppNumbers ?? 0, c.assign ?? 0],
        [1, 0, 0],
        'one read of where the numbers are; nothing written',
      );
      const now = (await acmeNumbers()).find((n) => n.number === FREE_VOICE)!;
      assert.equal(now.applicationKey, SMS_APP, 'it stays where the colleague put it');
      assert.equal(
        api.model.numbers?.find((n) => n.number === FREE_VOICE)?.applicationKey,
        SMS_APP,
        'and the tree shows it there now',
      );
    });

    it('accepting the Move moves it, and the message says where from', async () => {
      const them = await colleague();
      await them.api.assignNumbers(SMS_APP, 'voice', [
        ...(await them.api.listApplicationNumbers(SMS_APP))
          .filter((n) => n.capabilities.includes('voice'))
          .map((n) => n.number),
        FREE_VOICE,
      ]);
      const user = await scriptedUser();
      const node = numberNode(api, FREE_VOICE);
      user.thenPick(DEMO_APP).thenModal('Move');
      await vscode.commands.executeCommand(ASSIGN, node, [node]);
      assert.match(
        user.shown.at(-1)!.text,
        new RegExp(`^Moved \\+1 415-000-5550 from ${shortKey(SMS_APP)} to ${shortKey(DEMO_APP)} \\(Voice\\)\\.`),
        user.transcript(),
      );
      assert.equal((await acmeNumbers()).find((n) => n.number === FREE_VOICE)!.applicationKey, DEMO_APP);
    });

    it("the assign PUT is reset before Sinch saw it while a colleague adds a number to the application: never resent blind; re-read, re-merged, the change confirmed, the colleague's number kept", async () => {
      const them = await colleague();
      await simulator.faults.inject('assign', { kind: 'resetBefore', afterMs: 1500 });
      const user = await scriptedUser();
      const node = numberNode(api, FREE_VOICE);
      user.thenPick(DEMO_APP).thenModal('Assign');
      await Promise.all([
        vscode.commands.executeCommand(ASSIGN, node, [node]),
        whenRequestArrives('assign', () => them.api.assignNumbers(DEMO_APP, 'voice', [ON_DEMO_APP, FREE_BOTH])),
      ]);
      const onApp = (await acmeNumbers())
        .filter((n) => n.applicationKey === DEMO_APP)
        .map((n) => n.number)
        .sort((a, b) => a - b);
      assert.deepEqual(
        onApp,
        [FREE_VOICE, ON_DEMO_APP, FREE_BOTH].sort((a, b) => a - b),
        user.transcript(),
      );
      const modal = user.shown.find((m) => m.modal)!;
      assert.match(modal.text, /changed since you looked/, user.transcript());
      assert.match(modal.detail!, /Now also on it:\n {2}\+49 30 12340100/);
      const c = await simulator.counters();
      assert.equal(c.assign, 3, "our lost PUT, the colleague's, and our one re-merged PUT: none resent blind");
      assert.match(user.shown.at(-1)!.text, /^Assigned \+1 415-000-5550 to /);
    });

    it('two assigns of one number at once in one window: the second waits for the first, sees where it went, and asks to move it', async () => {
      const user = await scriptedUser();
      const node = numberNode(api, FREE_VOICE);
      user.thenPick(DEMO_APP).thenPick(SMS_APP).thenModal('Move');
      await simulator.setLatency(200);
      await Promise.all([
        vscode.commands.executeCommand(ASSIGN, node, [node]),
        // The second starts once the first has picked and is reading where the number is.
        whenRequestArrives('listNumbers', async () => vscode.commands.executeCommand(ASSIGN, node, [node])),
      ]);
      const modal = user.shown.find((m) => m.modal)!;
      assert.ok(modal, user.transcript());
      assert.equal(
        modal.text,
        `Move +1 415-000-5550 from ${shortKey(DEMO_APP)} to ${shortKey(SMS_APP)} in Acme (8888123)?`,
      );
      assert.equal((await acmeNumbers()).find((n) => n.number === FREE_VOICE)!.applicationKey, SMS_APP);
      assert.deepEqual(
        (await acmeNumbers()).filter((n) => n.applicationKey === DEMO_APP).map((n) => n.number),
        [ON_DEMO_APP],
        'the first application keeps its own number',
      );
    });
  });
});
