// Rent numbers inside the real extension host, against the simulator: the whole flow with a
// scripted user, every refusal Sinch can give, and a checkout whose answer is lost.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { withCancellableProgress } from '../../src/platform/vscode/progress';
import {
  DEMO,
  waitUntil,
  extensionApi,
  freshStart,
  scriptedUser,
  showNumbersView,
  signInDemo,
  simulator,
} from './support';

const RENT = 'sinchNumbers.rentNumbers';
const CHECKOUT = 'sinchNumbers.checkoutCart';
const DISCARD = 'sinchNumbers.discardReservation';

type Counters = Record<string, number>;
/** Numbers in messages keep their spaces unbreakable; compare them as plain text. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');
type WireNumber = { number: number; groupId: number; orgId?: string };

async function acmeNumbers(): Promise<WireNumber[]> {
  return ((await simulator.snapshot()).numbers as WireNumber[]).filter((n) => n.orgId === DEMO.orgId);
}

function added(before: WireNumber[], after: WireNumber[]): WireNumber[] {
  const had = new Set(before.map((n) => n.number));
  return after.filter((n) => !had.has(n.number));
}

describe('rent numbers', function () {
  this.timeout(60_000);

  beforeEach(async () => {
    const api = await freshStart();
    await signInDemo();
    // Show the tree as a person would have it, and let its own first refresh finish, so the
    // counters below are the flow's alone.
    await showNumbersView(api);
    await simulator.resetCounters();
  });

  afterEach(async () => {
    await simulator.setReservationTtl(15 * 60_000);
    const api = await extensionApi();
    await api.cart.remove(api.cart.items(DEMO.orgId).map((i) => i.referenceId));
  });

  it('rents one number in Paris with scripted picks: exactly one reserve and one checkout; the number is on the server and in the model', async () => {
    const api = await extensionApi();
    const user = await scriptedUser();
    user.thenPick('Paris').thenInput('1').thenModal('Rent');
    const before = await acmeNumbers();
    await vscode.commands.executeCommand(RENT);

    const c: Counters = await simulator.counters();
    assert.equal(c.reserve, 1, user.transcript());
    assert.equal(c.checkout, 1);
    assert.equal(c.listNumbers, 2, "the list right before the checkout (never the tree's), and one refresh after it");
    const news = added(before, await acmeNumbers());
    assert.equal(news.length, 1);
    assert.equal(news[0].groupId, 1);
    assert.ok(
      api.model.numbers?.some((n) => n.number === news[0].number),
      'the model holds the new number',
    );

    const picks = user.asked.map((a) => `${a.kind} ${a.step}/${a.totalSteps} ${a.title}`);
    // The demo shop mixes one- and two-capability groups: the first step cannot know the total yet.
    assert.deepEqual(picks, ['pick 1/undefined Rent Numbers', 'input 2/2 Rent Numbers']);
    const modal = user.shown.find((m) => m.modal)!;
    assert.match(modal.text, /Rent 1 number in Paris, France for 2\.00 USD per month\?/);
    assert.match(modal.detail!, /Organisation: Acme \(8888123\)/);
    const done = user.shown.at(-1)!;
    assert.equal(plain(done.text), 'Rented +33 1 40 00 01 01 for Acme (8888123).');
    assert.deepEqual(done.actions, ['Assign to Application…']);
    console.log(
      `      happy-path counters: ${JSON.stringify(Object.fromEntries(Object.entries(c).filter(([, v]) => v > 0)))}`,
    );
  });

  it('"Assign to Application…" in the success message opens the assign flow for the new number', async () => {
    const user = await scriptedUser();
    user
      .thenModal('Rent')
      .onToast(/^Rented/, 'Assign to Application…')
      .thenPick(undefined);
    await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 1 });
    // The command returns at once; the action picked in its message runs after.
    await waitUntil(() => user.asked.some((a) => /Assign/.test(a.title ?? '')), {
      timeout: 10_000,
      what: `the assign flow:\n${user.transcript()}`,
    });
    const assign = user.asked.at(-1)!;
    assert.equal(assign.kind, 'pick', user.transcript());
    assert.match(assign.title ?? '', /Assign/);
    // The number is given, so the flow starts at the application, not at choosing numbers.
    assert.ok(
      !(assign.items ?? []).some((i) => /^\+/.test(i)),
      `expected an application pick, got: ${(assign.items ?? []).join(' | ')}`,
    );
    assert.ok(assign.step === undefined || assign.step === 1);
  });

  it('the cart survives a window reload: a new Cart over the same globalState sees the reservation', async () => {
    const api = await extensionApi();
    const user = await scriptedUser();
    user.thenModal('Add to Cart');
    await vscode.commands.executeCommand(RENT, { groupId: 2, quantity: 1 });
    const { Cart } = await import('../../src/rent/cart');
    const reloaded = new Cart(api.services.context.globalState, 'sinchNumbers.cart');
    try {
      assert.deepEqual(
        reloaded.items(DEMO.orgId).map((i) => i.referenceId),
        api.cart.items(DEMO.orgId).map((i) => i.referenceId),
      );
      assert.equal(reloaded.items(DEMO.orgId).length, 1);
    } finally {
      reloaded.dispose();
    }
  });

  it('the group pick lists every group with numbers available, grouped by country, and leaves out empty groups', async () => {
    const user = await scriptedUser();
    user.thenPick(undefined);
    await vscode.commands.executeCommand(RENT);
    const items = user.asked[0].items!;
    assert.ok(items.includes('Paris, France') && items.includes('France'), items.join(' | '));
    assert.ok(!items.some((i) => /Amsterdam/.test(i)), 'Amsterdam has none available');
    const c: Counters = await simulator.counters();
    assert.equal(c.reserve, 0);
  });

  it('Cancel at the confirmation sends no reserve and no checkout', async () => {
    const user = await scriptedUser();
    user.thenPick('Paris').thenInput('2').thenModal(undefined);
    await vscode.commands.executeCommand(RENT);
    const c: Counters = await simulator.counters();
    assert.equal(c.reserve, 0);
    assert.equal(c.checkout, 0);
    assert.equal(user.shown.filter((m) => !m.modal).length, 0, user.transcript());
  });

  it('a cart of two groups is checked out in ONE POST after a modal with the grand total and the organisation', async () => {
    const api = await extensionApi();
    const user = await scriptedUser();
    user.thenModal('Add to Cart').thenModal('Add to Cart');
    await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 2 });
    await vscode.commands.executeCommand(RENT, { groupId: 50, quantity: 1 });
    assert.equal(api.cart.items(DEMO.orgId).length, 2);
    let c: Counters = await simulator.counters();
    assert.deepEqual([c.reserve, c.checkout], [2, 0]);
    assert.equal((await simulator.snapshot()).reservations.length, 2);

    const before = await acmeNumbers();
    user.thenModal('Check Out');
    await vscode.commands.executeCommand(CHECKOUT);
    c = await simulator.counters();
    assert.equal(c.checkout, 1, user.transcript());
    const modal = user.shown.filter((m) => m.modal).at(-1)!;
    assert.equal(modal.text, 'Check out 3 numbers for 2.50 EUR + 4.00 USD per month?');
    assert.match(modal.detail!, /Organisation: Acme \(8888123\)/);
    assert.equal(added(before, await acmeNumbers()).length, 3);
    assert.deepEqual(api.cart.items(DEMO.orgId), []);
  });

  it('Discard forgets a reservation here, sending nothing', async () => {
    const api = await extensionApi();
    const user = await scriptedUser();
    user.thenModal('Add to Cart');
    await vscode.commands.executeCommand(RENT, { groupId: 2, quantity: 1 });
    const [item] = api.cart.items(DEMO.orgId);
    await simulator.resetCounters();
    // The reservation's row, as the tree hands it to the menu command.
    const row = {
      kind: 'sectionRow',
      id: `reservation/${item.referenceId}`,
      section: 'reservations',
      ref: item.referenceId,
    };
    await vscode.commands.executeCommand(DISCARD, row, [row]);
    assert.deepEqual(api.cart.items(DEMO.orgId), []);
    const c: Counters = await simulator.counters();
    assert.equal(
      Object.values(c).reduce((a, b) => a + b, 0),
      0,
    );
    assert.match(user.shown.at(-1)!.text, /Discarded the reservation of 1 number in London, United Kingdom/);
  });

  it('40200: not enough credit names the total asked for', async () => {
    await simulator.setCredit(DEMO.orgId, 0);
    const user = await scriptedUser();
    user.thenModal('Rent');
    await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 3 });
    const m = user.shown.at(-1)!;
    assert.equal(m.severity, 'error');
    assert.match(
      m.text,
      /Acme \(8888123\) does not have enough credit for this checkout of 6\.00 USD per month, so nothing was rented/,
    );
    assert.deepEqual(m.actions, ['Open Sinch Dashboard', 'Keep in Cart']);
  });

  it("40400 (fault) inside the reservation's lifetime: says this checkout rented nothing, may have been used elsewhere; Reserve Again confirms again and rents", async () => {
    await simulator.faults.inject('checkout', { kind: 'status', status: 404, errorCode: 40400 });
    const user = await scriptedUser();
    user
      .thenModal('Rent')
      .onToast(/no longer holds the reservation/, 'Reserve Again')
      .thenModal('Rent');
    const before = await acmeNumbers();
    await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 1 });
    const told = user.shown.find((m) => /no longer holds the reservation/.test(m.text))!;
    assert.match(
      told.text,
      /^Sinch no longer holds the reservation \(40400\), although it should be open until .*: it was checked out already, perhaps from another VS Code window, or it expired early\. No new number appeared since just before this checkout, so this checkout rented nothing and charged nothing\./,
      user.transcript(),
    );
    assert.deepEqual(told.actions, ['Reserve Again', 'Refresh']);
    await waitUntil(() => user.shown.some((m) => /^Rented/.test(m.text)), {
      timeout: 10_000,
      what: `Reserve Again to rent:\n${user.transcript()}`,
    });
    assert.equal(user.shown.filter((m) => m.modal).length, 2);
    const c: Counters = await simulator.counters();
    assert.deepEqual([c.reserve, c.checkout], [2, 2]);
    assert.equal(added(before, await acmeNumbers()).length, 1);
  });

  it('40400 (short reservation lifetime on Sinch): the cart checkout says Sinch no longer holds it and empties the cart', async () => {
    const api = await extensionApi();
    const user = await scriptedUser();
    user.thenModal('Add to Cart');
    await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 1 });
    await simulator.setReservationTtl(1);
    user.thenModal('Check Out');
    await vscode.commands.executeCommand(CHECKOUT);
    const m = user.shown.at(-1)!;
    assert.match(
      m.text,
      /^Sinch no longer holds the reservation \(40400\).*so this checkout rented nothing and charged nothing\./,
    );
    assert.deepEqual(m.actions, ['Reserve Again', 'Refresh']);
    assert.deepEqual(api.cart.items(DEMO.orgId), []);
  });

  it('42200: accounting not set up says to set up billing in the Sinch Dashboard', async () => {
    await signInDemo({ type: 'email', endpoint: 'accounting@example.com' }, 'accounting-password');
    const user = await scriptedUser();
    user.thenModal('Rent');
    await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 1 });
    const m = user.shown.at(-1)!;
    assert.match(
      m.text,
      /Billing is not set up for Initech \(7777001\) \(42200\), so Sinch cannot rent numbers to it\. Set up billing in the Sinch Dashboard/,
    );
    assert.deepEqual(m.actions, ['Open Sinch Dashboard']);
    assert.match(user.shown.find((x) => x.modal)!.detail!, /Organisation: Initech \(7777001\)/);
  });

  for (const errorCode of [40300, 40301]) {
    it(`${errorCode}: forbidden says the account is not the owner of the organisation`, async () => {
      await simulator.faults.inject('checkout', { kind: 'status', status: 403, errorCode });
      const user = await scriptedUser();
      user.thenModal('Rent');
      await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 1 });
      const m = user.shown.at(-1)!;
      assert.match(
        m.text,
        new RegExp(
          `Sinch refused to rent numbers for Acme \\(8888123\\) \\(${errorCode}\\): the signed-in account demo@example.com is not the owner of the organisation`,
        ),
      );
      assert.deepEqual(m.actions, ['Sign In']);
    });
  }

  it('a checkout that times out after the server rented: the same reservation sent once more answers 40400, so it went through; bought once, named', async function () {
    this.timeout(30_000);
    const settings = vscode.workspace.getConfiguration('sinchNumbers');
    await settings.update('requestTimeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    try {
      await simulator.faults.inject('checkout', { kind: 'hangAfter' });
      const user = await scriptedUser();
      user.thenModal('Rent');
      const before = await acmeNumbers();
      await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 2 });
      const news = added(before, await acmeNumbers());
      assert.equal(news.length, 2, 'rented once, not twice');
      const c: Counters = await simulator.counters();
      assert.deepEqual([c.reserve, c.checkout], [1, 2], 'one reservation; the checkout and its one re-send');
      const m = user.shown.at(-1)!;
      assert.match(
        plain(m.text),
        /^Sinch did not confirm the checkout \(it did not answer in time\), but it went through: sent once more with the same reservation, Sinch answered that it was used already\. Rented 2 numbers for Acme \(8888123\): \+33 1 40 00 01 01 and \+33 1 40 00 01 02\. The reservation is used\.$/,
        user.transcript(),
      );
    } finally {
      await settings.update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a checkout reset before the server saw it: the same reservation sent once more completes it; one purchase, named', async () => {
    await simulator.faults.inject('checkout', { kind: 'resetBefore' });
    const user = await scriptedUser();
    user.thenModal('Rent');
    const before = await acmeNumbers();
    await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 1 });
    const c: Counters = await simulator.counters();
    assert.deepEqual([c.reserve, c.checkout], [1, 2], 'one reservation, checked out by the re-send');
    assert.equal(added(before, await acmeNumbers()).length, 1);
    assert.equal(
      plain(user.shown.at(-1)!.text),
      'Sinch did not answer the checkout (the connection broke), so it was sent once more with the same reservation, which cannot be charged twice; that went through. ' +
        'Rented +33 1 40 00 01 01 for Acme (8888123). The reservation is used.',
      user.transcript(),
    );
  });

  it('a checkout reset twice before the server saw it: nothing rented, the reservation open until hh:mm; Try Again reuses it', async () => {
    await simulator.faults.inject('checkout', { kind: 'resetBefore' }, 2);
    const user = await scriptedUser();
    user
      .thenModal('Rent')
      .onToast(/nothing was rented/, 'Try Again')
      .thenModal('Check Out');
    const before = await acmeNumbers();
    await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 1 });
    const told = user.shown.find((m) => /nothing was rented/.test(m.text))!;
    assert.match(
      told.text,
      /^Sinch did not answer the checkout \(the connection broke\), nor when it was sent once more with the same reservation\. The numbers of Acme \(8888123\) show that nothing was rented and nothing was charged\. The reservation stays open until .+: Try Again sends it once more, and it cannot be charged twice\.$/,
      user.transcript(),
    );
    await waitUntil(() => user.shown.some((m) => /^Rented/.test(m.text)), {
      timeout: 10_000,
      what: `Try Again to rent:\n${user.transcript()}`,
    });
    const c: Counters = await simulator.counters();
    assert.deepEqual([c.reserve, c.checkout], [1, 3], 'one reservation; two lost checkouts, then Try Again');
    assert.equal(added(before, await acmeNumbers()).length, 1);
  });

  it('a 503 in "Check Out All…" offered after Add to Cart: Retry checks out again, it does not restart Rent Numbers', async () => {
    const api = await extensionApi();
    const user = await scriptedUser();
    user
      .thenModal('Add to Cart')
      .onToast(/^Reserved/, 'Check Out All…')
      .thenModal('Check Out')
      .onToast(/unavailable|try again|503/i, 'Retry')
      .thenModal('Check Out');
    await simulator.faults.inject('checkout', { kind: 'status', status: 503 });
    const before = await acmeNumbers();
    await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 1 });
    await waitUntil(() => user.shown.some((m) => /^Rented/.test(m.text)), {
      timeout: 15_000,
      what: `the retried checkout:\n${user.transcript()}`,
    });
    const c: Counters = await simulator.counters();
    assert.deepEqual(
      [c.listShop ?? 0, c.reserve, c.checkout],
      [1, 1, 2],
      `Retry re-ran Check Out All only:\n${user.transcript()}`,
    );
    const error = user.shown.find((m) => m.severity === 'error')!;
    assert.ok(error.actions.includes('Retry'), user.transcript());
    assert.equal(
      user.shown.filter((m) => m.modal).length,
      3,
      'Add to Cart, then Check Out twice; no second Rent confirmation',
    );
    assert.equal(added(before, await acmeNumbers()).length, 1);
    assert.deepEqual(api.cart.items(DEMO.orgId), []);
  });

  it('the shared cancellable progress hands its task a signal that also aborts with the extension (clients.signal)', async () => {
    const lifetime = new AbortController();
    let callerSignal: AbortSignal | undefined;
    const clients = {
      signal: (caller?: AbortSignal) => {
        callerSignal = caller;
        return AbortSignal.any([caller!, lifetime.signal]);
      },
    };
    const seen: boolean[] = [];
    const result = await withCancellableProgress({ clients }, 'Testing the rent progress', async (report, signal) => {
      report('half way');
      seen.push(signal.aborted);
      lifetime.abort();
      seen.push(signal.aborted);
      return 42;
    });
    assert.equal(result, 42);
    assert.deepEqual(seen, [false, true]);
    assert.ok(callerSignal && !callerSignal.aborted, 'its own Cancel signal was combined, not replaced');
  });

  it('two invocations at once run one flow', async () => {
    const user = await scriptedUser();
    user.thenModal('Rent');
    await Promise.all([
      vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 1 }),
      vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 1 }),
    ]);
    const c: Counters = await simulator.counters();
    assert.deepEqual([c.reserve, c.checkout], [1, 1]);
    assert.ok(
      user.shown.some((m) => /already in progress/.test(m.text)),
      user.transcript(),
    );
  });

  it('the automation argument skips the picks but never the confirmation, and is validated like typed input', async () => {
    const user = await scriptedUser();
    user.thenModal(undefined);
    await vscode.commands.executeCommand(RENT, { groupId: 13, quantity: 2, capabilities: ['sms'] });
    assert.equal(user.asked.length, 0);
    assert.match(user.shown[0].text, /Rent 2 numbers in San Francisco, United States for 2\.00 USD per month\?/);
    const settings = vscode.workspace.getConfiguration('sinchNumbers');
    await settings.update('maxNumbersPerRental', 2, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 3 });
      await waitUntil(() => user.shown.some((m) => /At most 2 numbers per rental/.test(m.text)), {
        timeout: 5000,
        what: 'the cap message',
      });
    } finally {
      await settings.update('maxNumbersPerRental', undefined, vscode.ConfigurationTarget.Global);
    }
    await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 8 });
    await waitUntil(() => user.shown.some((m) => /Only 7 numbers are available/.test(m.text)), {
      timeout: 5000,
      what: 'the availability message',
    });
    await vscode.commands.executeCommand(RENT, { groupId: 1, quantity: 1.5 });
    await waitUntil(() => user.shown.some((m) => /not a whole number/.test(m.text)), {
      timeout: 5000,
      what: 'the decimal message',
    });
    const c: Counters = await simulator.counters();
    assert.deepEqual([c.reserve, c.checkout], [0, 0]);
  });
});
