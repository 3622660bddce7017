// The actions offered in a rent message (Check Out All…, Try Again, Reserve Again, Rent More…)
// run after the command has returned, each as its own operation: its errors offer a Retry of
// that action, and the one-money-flow lock is free while a message waits.
import assert from 'node:assert/strict';
import { busyMessage } from '../../../src/rent/rentController';
import { RentButtons } from '../../../src/rent/outcomes';
import { apiError, checkoutRefused, errorOutcome, lostAnswerReason } from '../../../src/rent/outcomes';
import { SinchApiError, type SinchErrorKind } from '../../../src/sinch/errors';
import { aNumber, paris } from '../../support/builders';
import { apiError as fakeApiError, rentHarness } from './fakeEnvironment';

const PARIS = { groupId: 1, quantity: 1 };

/** Resolves `p`, or fails when it is still pending after `ms` (a handler must not wait for a toast). */
async function settles<T>(p: Promise<T>, what: string, ms = 1000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} is still pending`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe('rent: follow-up actions', () => {
  it('a 503 in "Check Out All…" offered after Add to Cart: Retry runs Check Out All again, not the Rent wizard', async () => {
    const h = rentHarness();
    h.prompter
      .thenModal('Add to Cart')
      .onToast(/^Reserved/, RentButtons.checkOutAll)
      .thenModal('Check Out')
      .onToast(/unavailable/i, 'Retry')
      .thenModal('Check Out');
    h.shop.fault('list', { kind: 'error', error: 'unavailable', status: 503 }); // the list taken before the checkout
    await h.controller.rentNumbers(PARIS);
    await h.controller.idle();
    const failed = h.prompter.shown.filter((m) => m.severity === 'error');
    assert.equal(failed.length, 1, h.prompter.transcript());
    assert.ok(failed[0].actions.includes('Retry'), 'the failed follow-up offers Retry');
    assert.equal(h.shop.count('listShop'), 1, 'the Rent wizard did not run again');
    assert.equal(h.shop.count('reserve'), 1);
    assert.deepEqual(
      h.shop.calls.filter((c) => c.startsWith('checkout')),
      ['checkout ref-1'],
    );
    assert.match(h.prompter.shown.filter((m) => m.modal).at(-1)!.text, /^Check out 1 number/);
    assert.match(h.prompter.shown.at(-1)!.text, /^Rented /);
    assert.deepEqual(h.cart.items('8888123'), []);
  });

  it('the command returns while its message is still open, and the lock is already free', async () => {
    const h = rentHarness();
    const message = h.prompter.message.bind(h.prompter);
    // A toast nobody dismisses: never resolves.
    h.prompter.message = (severity, text, o, ...actions) =>
      o.modal
        ? message(severity, text, o, ...actions)
        : (void message(severity, text, o, ...actions), new Promise(() => undefined));
    h.prompter.thenModal('Add to Cart');
    await settles(h.controller.rentNumbers(PARIS), 'Rent Numbers');
    assert.match(h.prompter.shown.at(-1)!.text, /^Reserved/);
    h.prompter.thenModal(undefined);
    await settles(h.controller.checkoutCart(), 'Check Out All');
    assert.ok(!h.prompter.shown.some((m) => m.text === busyMessage()), h.prompter.transcript());
    assert.match(h.prompter.shown.at(-1)!.text, /^Check out 1 number/, 'the second flow reached its confirmation');
  });

  it('a follow-up takes the lock again: while its confirmation is open, another rental is told to wait', async () => {
    const h = rentHarness();
    let answer!: (button: string | undefined) => void;
    const message = h.prompter.message.bind(h.prompter);
    h.prompter.message = (severity, text, o, ...actions) => {
      if (o.modal && /^Check out/.test(text)) {
        void message(severity, text, { ...o, modal: false });
        return new Promise((resolve) => {
          answer = resolve;
        });
      }
      return message(severity, text, o, ...actions);
    };
    h.prompter.thenModal('Add to Cart').onToast(/^Reserved/, RentButtons.checkOutAll);
    await h.controller.rentNumbers(PARIS);
    for (let i = 0; i < 20 && !answer; i++) await new Promise((r) => setImmediate(r));
    assert.ok(answer, 'Check Out All… asked for its confirmation');
    await h.controller.rentNumbers(PARIS);
    assert.ok(
      h.prompter.shown.some((m) => m.text === busyMessage()),
      h.prompter.transcript(),
    );
    answer('Check Out');
    await h.controller.idle();
    assert.equal(h.shop.count('checkout'), 1);
    assert.equal(h.shop.count('reserve'), 1, 'the second rental never reserved');
  });

  it('"accepted but no new number" offers Refresh and Show Log, and they do that', async () => {
    const h = rentHarness();
    h.shop.api.checkout = async () => undefined;
    h.prompter.thenModal('Rent').onToast(/shows no new number/, RentButtons.refresh);
    await h.controller.rentNumbers(PARIS);
    await h.controller.idle();
    assert.deepEqual(h.prompter.shown.at(-1)!.actions, [RentButtons.refresh, RentButtons.showLog]);
    assert.equal(h.record.viewRefreshes, 1);

    const g = rentHarness();
    g.shop.api.checkout = async () => undefined;
    g.prompter.thenModal('Rent').onToast(/shows no new number/, RentButtons.showLog);
    await g.controller.rentNumbers(PARIS);
    await g.controller.idle();
    assert.equal(g.record.logShown, 1);
  });

  it('a lost answer with only some of the numbers on the list offers Refresh and Show Log', async () => {
    const h = rentHarness();
    let sent = 0;
    h.shop.api.checkout = async () => {
      if (sent++ === 0) h.shop.numbers.push(aNumber({ number: 33140000100, groupId: 1 })); // one of the two asked for
      throw fakeApiError('timeout', { outcomeUnknown: true });
    };
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers({ groupId: 1, quantity: 2 });
    const m = h.prompter.shown.at(-1)!;
    assert.equal(sent, 2, 'the first checkout and its one re-send');
    assert.match(
      m.text.replace(/\u00a0/g, ' '),
      /New numbers appeared in Paris, France since just before the checkout: \+33 1 40 00 01 00\. They may not be yours/,
    );
    assert.deepEqual(m.actions, [RentButtons.refresh, RentButtons.showLog]);
  });
});

describe('rent: outcome wording (outcomes.ts)', () => {
  const org = { id: '8888123', name: 'Acme' };
  const ways = {
    openDashboard: async () => 'dashboard',
    signIn: async () => 'signIn',
    refresh: async () => 'refresh',
    showLog: async () => 'log',
  };
  const lost = (kind: SinchErrorKind, status?: number) =>
    new SinchApiError({ kind, status, outcomeUnknown: true, message: '', method: 'POST', path: '' });

  it('names why a checkout answer is missing', () => {
    assert.equal(lostAnswerReason(lost('timeout')), 'it did not answer in time');
    assert.equal(lostAnswerReason(lost('cancelled')), 'the request was interrupted');
    assert.equal(lostAnswerReason(lost('protocol', 200)), 'its 200 answer could not be read');
    assert.equal(lostAnswerReason(lost('protocol')), 'its answer could not be read');
    assert.equal(lostAnswerReason(lost('unavailable', 502)), 'a gateway or proxy answered (502) in its place');
    assert.equal(lostAnswerReason(lost('network')), 'the connection broke');
  });

  it('leaves errors Sinch does not explain to the command wrapper (undefined)', () => {
    const refusal = {
      org,
      lines: [{ group: paris, quantity: 1, capabilities: ['voice' as const] }],
      until: 0,
      fromCart: true,
      who: () => 'demo@example.com',
    };
    const more = { ...ways, keepInCart: async () => undefined, reserveAgain: async () => undefined };
    assert.equal(checkoutRefused(fakeApiError('unavailable', { status: 503 }), refusal, more), undefined);
    assert.equal(checkoutRefused(new Error('boom'), refusal, more), undefined);
    assert.equal(
      errorOutcome(new Error('boom'), org, () => '', ways),
      undefined,
    );
    assert.equal(apiError(new Error('x')), undefined);
    const credit = checkoutRefused(fakeApiError('credit', { errorCode: 40200 }), refusal, more)!;
    assert.deepEqual(
      credit.buttons!.map((a) => a.title),
      [RentButtons.openDashboard],
      'from the cart: no Keep in Cart',
    );
  });
});
