// The rent flow's half of what the fault matrix found: a checkout that Sinch "accepted" without
// renting anything, or whose answer could not be read, never ends in "Rented".
import assert from 'node:assert/strict';
import { SinchApiError } from '../../../src/sinch/errors';
import { rentHarness } from '../rent/fakeEnvironment';

const PARIS = { groupId: 1, quantity: 1 };

describe('reliability: odd checkout answers in the rent flow', () => {
  it('a checkout answered with success while the list shows no new number is a warning, not "Rented"', async () => {
    const h = rentHarness();
    h.shop.api.checkout = async () => undefined; // e.g. an empty 200 from something in between
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers(PARIS);
    const m = h.prompter.shown.at(-1)!;
    assert.equal(m.severity, 'warning');
    assert.equal(
      m.text,
      'Sinch accepted the checkout of 1 number for Acme (8888123), but its list of numbers shows no new number. Check the Numbers view before renting again.',
    );
    assert.equal(h.record.openProgress, 0);
  });

  it('a checkout whose 200 answer cannot be read is sent once more with the same ids (never a new reservation), looked up, and named as such', async () => {
    const h = rentHarness();
    let sent = 0;
    h.shop.api.checkout = async () => {
      sent++;
      throw new SinchApiError({
        kind: 'protocol',
        message: 'Sinch answered 200 with a body that is not JSON.',
        method: 'POST',
        path: '/p',
        status: 200,
        outcomeUnknown: true,
      });
    };
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers(PARIS);
    const m = h.prompter.shown.at(-1)!;
    assert.equal(m.severity, 'warning');
    assert.match(
      m.text,
      /^Sinch did not answer the checkout \(its 200 answer could not be read\), nor when it was sent once more with the same reservation\. The numbers of Acme \(8888123\) show that nothing was rented and nothing was charged\. The reservation stays open until .*: Try Again sends it once more, and it cannot be charged twice\.$/,
    );
    assert.equal(sent, 2, 'the first and its one re-send, both of reference ref-1');
    assert.equal(h.shop.count('reserve'), 1);
    assert.equal(h.shop.count('list'), 2, "the list right before, and the look-up after (which is the view's refresh)");
  });
});
