import assert from 'node:assert/strict';
import { busyMessage } from '../../../src/rent/rentController';
import { RentButtons } from '../../../src/rent/outcomes';
import { CHECKOUT_MARK_MS, RESERVATION_LIFETIME_MS } from '../../../src/rent/cart';
import { InMemoryMemento } from '../../support/memento';
import { rentHarness } from './fakeEnvironment';

const PARIS = { groupId: 1, quantity: 1 };
/** Numbers in messages keep their spaces unbreakable; compare them as plain text. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('rent: the money flow (plain Node, fake shop)', () => {
  it('rents one Paris number: confirm names quantity × group, unit cost, total and organisation; one reserve, one checkout', async () => {
    const h = rentHarness();
    h.prompter
      .thenPick('Paris')
      .thenInput('1')
      .thenModal('Rent')
      .onToast(/Rented/, RentButtons.assign);
    await h.controller.rentNumbers();
    await h.controller.idle(); // the picked follow-up runs after the command returned
    const modal = h.prompter.shown.find((m) => m.modal)!;
    assert.equal(modal.text, 'Rent 1 number in Paris, France for 2.00 USD per month?');
    assert.match(modal.detail!, /1 × Paris, France, area code 01 \(Voice\)/);
    assert.match(modal.detail!, /Unit cost: 2\.00 USD per number per month/);
    assert.match(modal.detail!, /Total: 2\.00 USD per month/);
    assert.match(modal.detail!, /Organisation: Acme \(8888123\)/);
    // The first button is the modal's default (Enter): the one that spends nothing.
    assert.deepEqual(modal.actions, ['Change Quantity…', 'Rent', 'Add to Cart']);
    assert.deepEqual(h.shop.calls, ['listShop', 'reserve 1x1', 'list', 'checkout ref-1', 'list']);
    const done = h.prompter.shown.at(-1)!;
    assert.equal(plain(done.text), 'Rented +33 1 40 00 01 00 for Acme (8888123).');
    assert.deepEqual(h.record.revealed, [[33140000100]]);
    assert.deepEqual(h.record.assigned, [[33140000100]]);
    assert.equal(h.record.openProgress, 0);
  });

  it('Cancel at the confirmation sends no reserve and no checkout', async () => {
    const h = rentHarness();
    h.prompter.thenPick('Paris').thenInput('3').thenModal(undefined);
    await h.controller.rentNumbers();
    assert.deepEqual(h.shop.calls, ['listShop']);
    assert.equal(h.prompter.shown.filter((m) => !m.modal).length, 0, 'a cancel is silent');
  });

  it('Change Quantity… on the confirmation goes back to the quantity, answers kept, and confirms the new total', async () => {
    const h = rentHarness();
    h.prompter.thenPick('Paris').thenInput('3').thenModal('Change Quantity…').thenInput('2').thenModal('Rent');
    await h.controller.rentNumbers();
    const inputs = h.prompter.asked.filter((a) => a.kind === 'input');
    assert.deepEqual(
      inputs.map((a) => [a.step, a.totalSteps, a.value]),
      [
        [2, 2, '1'],
        [2, 2, '3'],
      ],
    );
    const modals = h.prompter.shown.filter((m) => m.modal);
    assert.deepEqual(
      modals.map((m) => m.text),
      [
        'Rent 3 numbers in Paris, France for 6.00 USD per month?',
        'Rent 2 numbers in Paris, France for 4.00 USD per month?',
      ],
    );
    assert.deepEqual(h.shop.calls.slice(0, 2), ['listShop', 'reserve 1x2'], 'only the changed quantity is reserved');
  });

  it('Escape after Change Quantity… ends the flow and sends nothing', async () => {
    const h = rentHarness();
    h.prompter.thenPick('Paris').thenInput('3').thenModal('Change Quantity…').thenInput(undefined);
    await h.controller.rentNumbers();
    assert.deepEqual(h.shop.calls, ['listShop']);
  });

  it('Escape in the picks ends quietly and sends nothing but the shop listing', async () => {
    const h = rentHarness();
    h.prompter.thenPick('Paris').thenInput(undefined);
    await h.controller.rentNumbers();
    assert.deepEqual(h.shop.calls, ['listShop']);
    assert.equal(h.prompter.shown.length, 0);
  });

  it('the automation argument skips the picks, never the confirmation', async () => {
    const h = rentHarness();
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers({ groupId: 13, quantity: ' 2 ', capabilities: ['sms'] });
    assert.equal(h.prompter.asked.length, 0, 'no picks');
    assert.equal(h.prompter.shown.filter((m) => m.modal).length, 1);
    assert.deepEqual(h.shop.calls.slice(0, 2), ['listShop', 'reserve 13x2']);
    assert.equal(h.shop.count('checkout'), 1);
  });

  for (const [arg, message] of [
    [{ groupId: 'paris', quantity: 1 }, /no valid groupId/],
    [{ groupId: 1 }, /no quantity/],
    [{ groupId: 1, quantity: 0 }, /at least 1/],
    [{ groupId: 1, quantity: 1.5 }, /whole/],
    [{ groupId: 1, quantity: 'abc' }, /not a number/],
    [{ groupId: 2, quantity: 3 }, /Only 2 numbers are available/],
    [{ groupId: 13, quantity: 10 }, /At most 4 numbers per rental/],
    [{ groupId: 1, quantity: 1, capabilities: ['sms'] }, /does not offer sms/],
    [{ groupId: 1, quantity: 1, capabilities: ['fax'] }, /invalid capabilities/],
    [{ groupId: 999, quantity: 1 }, /no number group 999/],
  ] as const) {
    it(`refuses the automation argument ${JSON.stringify(arg)} before any reservation`, async () => {
      const h = rentHarness({ maxPerRental: 4 });
      await assert.rejects(
        h.controller.rentNumbers(arg),
        (e: Error) => e.name === 'InputError' && message.test(e.message),
      );
      assert.equal(h.shop.count('reserve'), 0);
      assert.equal(h.prompter.shown.filter((m) => m.modal).length, 0);
    });
  }

  it('ignores an argument that is not an automation argument (a tree node)', async () => {
    const h = rentHarness();
    h.prompter.thenPick(undefined);
    await h.controller.rentNumbers({ kind: 'unassigned' });
    assert.equal(h.prompter.asked.length, 1, 'the group pick was shown');
  });

  it('two invocations at once run one flow; the second says so', async () => {
    const h = rentHarness();
    h.prompter.thenModal('Rent');
    await Promise.all([h.controller.rentNumbers(PARIS), h.controller.rentNumbers(PARIS)]);
    assert.equal(h.shop.count('reserve'), 1);
    assert.equal(h.shop.count('checkout'), 1);
    assert.ok(h.prompter.shown.some((m) => m.text === busyMessage()));
    // …and once it is over, the next one runs.
    h.prompter.thenModal(undefined);
    await h.controller.rentNumbers(PARIS);
    assert.equal(h.prompter.shown.filter((m) => m.modal).length, 2);
  });

  it('Add to Cart reserves only; Check Out All sends every reference id of the organisation in ONE checkout', async () => {
    const h = rentHarness();
    h.prompter.thenModal('Add to Cart');
    await h.controller.rentNumbers({ groupId: 1, quantity: 2 });
    h.prompter.thenModal('Add to Cart');
    await h.controller.rentNumbers({ groupId: 50, quantity: 1 });
    assert.equal(h.shop.count('checkout'), 0);
    const items = h.cart.items('8888123');
    assert.deepEqual(
      items.map((i) => [i.referenceId, i.group.groupId, i.quantity, i.expiresAt - i.reservedAt]),
      [
        ['ref-1', 1, 2, RESERVATION_LIFETIME_MS],
        ['ref-2', 50, 1, RESERVATION_LIFETIME_MS],
      ],
    );
    assert.match(
      h.prompter.shown.at(-1)!.text,
      /Reserved 1 number in Madrid, Spain for Acme \(8888123\) and added them to the cart/,
    );
    assert.deepEqual(h.prompter.shown.at(-1)!.actions, [RentButtons.checkOutAll, RentButtons.rentMore]);

    h.prompter.thenModal('Check Out');
    await h.controller.checkoutCart();
    const modal = h.prompter.shown.filter((m) => m.modal).at(-1)!;
    assert.equal(modal.text, 'Check out 3 numbers for 2.50 EUR + 4.00 USD per month?');
    assert.match(modal.detail!, /2 × Paris, France \(area code 01, Voice\): 2\.00 USD each, 4\.00 USD per month/);
    assert.match(modal.detail!, /1 × Madrid, Spain \(area code 91, Voice\): 2\.50 EUR each, 2\.50 EUR per month/);
    assert.match(modal.detail!, /Organisation: Acme \(8888123\)/);
    assert.deepEqual(
      h.shop.calls.filter((c) => c.startsWith('checkout')),
      ['checkout ref-1,ref-2'],
    );
    assert.deepEqual(h.cart.items('8888123'), []);
    assert.match(h.prompter.shown.at(-1)!.text, /^Rented 3 numbers for Acme \(8888123\): /);
  });

  it('Cancel at Check Out All sends nothing and keeps the cart', async () => {
    const h = rentHarness();
    h.prompter.thenModal('Add to Cart');
    await h.controller.rentNumbers(PARIS);
    h.prompter.thenModal(undefined);
    await h.controller.checkoutCart();
    assert.equal(h.shop.count('checkout'), 0);
    assert.equal(h.cart.items('8888123').length, 1);
  });

  it('an empty cart says so and offers Rent Numbers', async () => {
    const h = rentHarness();
    await h.controller.checkoutCart();
    assert.match(h.prompter.shown[0].text, /cart of Acme \(8888123\) is empty/);
    assert.equal(h.shop.calls.length, 0);
  });

  it('40200: names the total asked for; Keep in Cart keeps the reservation', async () => {
    const h = rentHarness();
    h.shop.credit = 1;
    h.prompter.thenModal('Rent').onToast(/enough credit/, RentButtons.keepInCart);
    await h.controller.rentNumbers({ groupId: 1, quantity: 3 });
    await h.controller.idle();
    const err = h.prompter.shown.find((m) => /enough credit/.test(m.text))!;
    assert.equal(err.severity, 'error');
    assert.match(
      err.text,
      /Acme \(8888123\) does not have enough credit for this checkout of 6\.00 USD per month, so nothing was rented/,
    );
    assert.deepEqual(err.actions, [RentButtons.openDashboard, RentButtons.keepInCart]);
    assert.deepEqual(
      h.cart.items('8888123').map((i) => i.referenceId),
      ['ref-1'],
    );
    assert.equal(h.record.noted.length, 1, 'noteError was called');
  });

  it("40400 once the reservation's time is up: Reserve Again reserves the same group, quantity and capabilities after its own confirmation", async () => {
    const h = rentHarness();
    h.shop.fault('checkout', { kind: 'error', error: 'notFound', errorCode: 40400 });
    h.shop.onCheckout = () => h.advance(RESERVATION_LIFETIME_MS); // the checkout arrives after 15 minutes
    h.prompter
      .thenModal('Rent')
      .onToast(/expired/, RentButtons.reserveAgain)
      .thenModal('Rent');
    await h.controller.rentNumbers({ groupId: 13, quantity: 2, capabilities: ['sms'] });
    await h.controller.idle();
    assert.match(
      h.prompter.shown.find((m) => /expired/.test(m.text))!.text,
      /The reservation expired on Sinch before checkout \(reservations last 15 minutes\), so nothing was rented for Acme \(8888123\)/,
    );
    const second = h.prompter.shown.filter((m) => m.modal)[1];
    assert.match(second.detail!, /The earlier reservation expired/);
    assert.match(second.detail!, /2 × San Francisco, United States \(area code 415, SMS\)/);
    assert.match(second.detail!, /Organisation: Acme \(8888123\)/);
    assert.deepEqual(
      h.shop.calls.filter((c) => /reserve|checkout/.test(c)),
      ['reserve 13x2', 'checkout ref-1', 'reserve 13x2', 'checkout ref-2'],
    );
    assert.match(h.prompter.shown.at(-1)!.text, /^Rented 2 numbers/);
  });

  it('40400 in the cart empties it (the set cannot be checked out) and offers Reserve Again for all of it', async () => {
    const h = rentHarness();
    h.prompter.thenModal('Add to Cart');
    await h.controller.rentNumbers(PARIS);
    h.shop.reservations.clear(); // expired on the server
    h.shop.onCheckout = () => h.advance(RESERVATION_LIFETIME_MS); // taken from the cart in time, lapsed when Sinch answers
    h.prompter.thenModal('Check Out');
    await h.controller.checkoutCart();
    assert.match(h.prompter.shown.at(-1)!.text, /expired on Sinch.*the cart was emptied/);
    assert.deepEqual(h.prompter.shown.at(-1)!.actions, [RentButtons.reserveAgain]);
    assert.deepEqual(h.cart.items('8888123'), []);
  });

  it('40400 while the reservation should still be open: never "nothing was rented" nor "expired"; says it may have been used elsewhere', async () => {
    const h = rentHarness();
    h.prompter.thenModal('Add to Cart');
    await h.controller.rentNumbers(PARIS);
    h.shop.reservations.clear(); // used or dropped on the server, 1 minute after it was made
    h.advance(60_000);
    h.prompter.thenModal('Check Out');
    await h.controller.checkoutCart();
    const m = h.prompter.shown.at(-1)!;
    assert.equal(
      plain(m.text),
      'Sinch no longer holds the reservation (40400), although it should be open until ' +
        `${clock(h.now - 60_000 + RESERVATION_LIFETIME_MS)}: it was checked out already, perhaps from another VS Code window, or it expired early. ` +
        'No new number appeared since just before this checkout, so this checkout rented nothing and charged nothing. Check the Numbers view before reserving again.',
    );
    assert.equal(m.severity, 'warning');
    assert.deepEqual(m.actions, [RentButtons.reserveAgain, RentButtons.refresh]);
    assert.deepEqual(h.cart.items('8888123'), [], 'Sinch no longer holds it');
    assert.deepEqual(
      h.shop.calls.filter((c) => c.startsWith('checkout')),
      ['checkout ref-1'],
      'never sent again',
    );
  });

  it('42200: says to set up billing in the Sinch Dashboard and offers to open it', async () => {
    const h = rentHarness();
    h.shop.accounting = false;
    h.prompter.thenModal('Rent').onToast(/Billing/, RentButtons.openDashboard);
    await h.controller.rentNumbers(PARIS);
    await h.controller.idle();
    assert.match(
      h.prompter.shown.at(-1)!.text,
      /Billing is not set up for Acme \(8888123\) \(42200\).*Set up billing in the Sinch Dashboard/,
    );
    assert.equal(h.record.dashboard, 1);
  });

  for (const code of [40300, 40301]) {
    it(`${code}: the account is not the owner of the organisation`, async () => {
      const h = rentHarness();
      h.shop.fault('listShop', { kind: 'error', error: 'forbidden', errorCode: code, status: 403 });
      await h.controller.rentNumbers();
      const m = h.prompter.shown.at(-1)!;
      assert.match(
        m.text,
        new RegExp(
          `refused to rent numbers for Acme \\(8888123\\) \\(${code}\\): the signed-in account demo@example.com is not the owner`,
        ),
      );
      assert.deepEqual(m.actions, [RentButtons.signIn]);
      assert.equal(h.record.openProgress, 0);
    });
  }

  it('a lost answer after Sinch rented: the same ids once more answer 40400, so it went through; the numbers are named; nothing bought twice', async () => {
    const h = rentHarness();
    h.shop.fault('checkout', { kind: 'lostAfter' });
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers({ groupId: 1, quantity: 2 });
    assert.deepEqual(
      h.shop.calls.filter((c) => /reserve|checkout/.test(c)),
      ['reserve 1x2', 'checkout ref-1', 'checkout ref-1'],
    );
    assert.equal(h.shop.numbers.length, 4, 'two numbers bought, once');
    const m = h.prompter.shown.at(-1)!;
    assert.equal(
      plain(m.text),
      'Sinch did not confirm the checkout (it did not answer in time), but it went through: sent once more with the same reservation, Sinch answered that it was used already. ' +
        'Rented 2 numbers for Acme (8888123): +33 1 40 00 01 00 and +33 1 40 00 01 01. The reservation is used.',
    );
    assert.equal(m.severity, 'info');
    assert.deepEqual(m.actions, [RentButtons.assign]);
    assert.deepEqual(h.record.revealed, [[33140000100, 33140000101]]);
  });

  it('a lost answer before Sinch saw it: the same ids once more complete it, and say so', async () => {
    const h = rentHarness();
    h.shop.fault('checkout', { kind: 'lostBefore' });
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers(PARIS);
    assert.deepEqual(
      h.shop.calls.filter((c) => /reserve|checkout/.test(c)),
      ['reserve 1x1', 'checkout ref-1', 'checkout ref-1'],
    );
    assert.equal(
      plain(h.prompter.shown.at(-1)!.text),
      'Sinch did not answer the checkout (the connection broke), so it was sent once more with the same reservation, which cannot be charged twice; that went through. ' +
        'Rented +33 1 40 00 01 00 for Acme (8888123). The reservation is used.',
    );
  });

  it('no answer twice and nothing new: nothing was rented, the reservation stays open until hh:mm; Try Again reuses the SAME reference id after a confirmation', async () => {
    const h = rentHarness();
    h.shop.fault('checkout', { kind: 'lostBefore' }).fault('checkout', { kind: 'lostBefore' });
    h.prompter
      .thenModal('Rent')
      .onToast(/nothing was rented/, RentButtons.tryAgain)
      .thenModal('Check Out');
    await h.controller.rentNumbers(PARIS);
    await h.controller.idle();
    const warn = h.prompter.shown.find((m) => /nothing was rented/.test(m.text))!;
    assert.equal(warn.severity, 'warning');
    assert.equal(
      warn.text,
      'Sinch did not answer the checkout (the connection broke), nor when it was sent once more with the same reservation. ' +
        'The numbers of Acme (8888123) show that nothing was rented and nothing was charged. ' +
        `The reservation stays open until ${clock(h.now + RESERVATION_LIFETIME_MS)}: Try Again sends it once more, and it cannot be charged twice.`,
    );
    assert.deepEqual(
      h.shop.calls.filter((c) => /reserve|checkout/.test(c)),
      ['reserve 1x1', 'checkout ref-1', 'checkout ref-1', 'checkout ref-1'],
    );
    assert.match(h.prompter.shown.filter((m) => m.modal)[1].detail!, /same reservation again/);
    assert.match(plain(h.prompter.shown.at(-1)!.text), /^Rented \+33 1 40 00 01 00 for Acme/);
  });

  it('when the numbers cannot be listed after a lost answer, nothing more is sent; Check Again looks again', async () => {
    const h = rentHarness();
    h.shop
      .fault('checkout', { kind: 'lostAfter' })
      .fault('list', { kind: 'error', error: 'unavailable', status: 503 }, 1);
    h.prompter.thenModal('Rent').onToast(/could not be listed/, RentButtons.checkAgain);
    await h.controller.rentNumbers(PARIS);
    await h.controller.idle();
    const lost = h.prompter.shown.find((m) => /could not be listed/.test(m.text))!;
    assert.equal(lost.severity, 'error');
    assert.equal(
      lost.text,
      'Sinch did not answer the checkout (it did not answer in time); sent once more with the same reservation, Sinch answered that it no longer holds it (40400). ' +
        'The numbers of Acme (8888123) could not be listed to find out whether it went through. Nothing more was sent. Check before renting again.',
    );
    assert.match(
      plain(h.prompter.shown.at(-1)!.text),
      /but it went through: .* Rented \+33 1 40 00 01 00 for Acme \(8888123\)\. The reservation is used\.$/,
    );
    assert.equal(h.shop.count('checkout'), 2, 'the first checkout and its one re-send; Check Again sent nothing');
    assert.equal(h.record.openProgress, 0);
  });

  it('Discard forgets the clicked reservation, a selection, or all under the Reservations root', async () => {
    const h = rentHarness();
    for (const g of [1, 2, 50]) {
      h.prompter.thenModal('Add to Cart');
      await h.controller.rentNumbers({ groupId: g, quantity: 1 });
    }
    const [a, b, c] = h.cart.items('8888123');
    await h.controller.discardReservation([a.referenceId]);
    assert.deepEqual(
      h.cart.items('8888123').map((i) => i.referenceId),
      [b.referenceId, c.referenceId],
    );
    assert.match(
      h.prompter.shown.at(-1)!.text,
      /Discarded the reservation of 1 number in Paris, France\. Nothing was charged/,
    );
    await h.controller.discardReservation('all');
    assert.deepEqual(h.cart.items('8888123'), []);
    assert.equal(h.shop.count('checkout'), 0);
  });

  it('reservations expire from the cart after 15 minutes', async () => {
    const h = rentHarness();
    h.prompter.thenModal('Add to Cart');
    await h.controller.rentNumbers(PARIS);
    h.advance(RESERVATION_LIFETIME_MS - 1);
    assert.equal(h.cart.items('8888123').length, 1);
    h.advance(1);
    assert.equal(h.cart.items('8888123').length, 0);
    assert.equal(h.cart.items('9999001').length, 0, 'another organisation never sees it');
  });
});

describe('rent: the "before" list of a checkout', () => {
  it('is read right before the checkout, never taken from the tree: shop list, reserve, list, checkout, list', async () => {
    const h = rentHarness();
    h.prompter.thenPick('Paris').thenInput('1').thenModal('Rent');
    await h.controller.rentNumbers();
    await h.controller.idle();
    assert.deepEqual(h.shop.calls, ['listShop', 'reserve 1x1', 'list', 'checkout ref-1', 'list']);
    assert.equal(plain(h.prompter.shown.at(-1)!.text), 'Rented +33 1 40 00 01 00 for Acme (8888123).');
  });

  it('when it cannot be read, nothing is checked out and the reservation goes to the cart instead of being lost', async () => {
    const h = rentHarness();
    h.shop.fault('list', { kind: 'error', error: 'unavailable', status: 503 });
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers(PARIS);
    const m = h.prompter.shown.at(-1)!;
    assert.equal(m.severity, 'error');
    assert.equal(
      m.text,
      `The numbers of Acme (8888123) could not be read before the checkout, so nothing was checked out and nothing was charged. The reservation is in the cart until ${clock(h.now + RESERVATION_LIFETIME_MS)}. fake unavailable`,
    );
    assert.deepEqual(m.actions, [RentButtons.checkOutAll]);
    assert.equal(h.shop.count('checkout'), 0);
    assert.deepEqual(
      h.cart.items('8888123').map((i) => i.referenceId),
      ['ref-1'],
    );
  });
});

describe('rent: a colleague renting in the same group at the same time', () => {
  it('a colleague rented before our list, then our checkout never reached Sinch: ours is completed by the re-send and only ours is named', async () => {
    const h = rentHarness();
    const colleague = h.shop.colleagueRents(1); // +33 1 40 00 01 00, while the tree still showed the old list
    h.shop.fault('checkout', { kind: 'lostBefore' });
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers(PARIS);
    const text = plain(h.prompter.shown.at(-1)!.text);
    assert.match(text, /Rented \+33 1 40 00 01 01 for Acme \(8888123\)\./);
    assert.ok(!text.includes('+33 1 40 00 01 00'), `the colleague's ${colleague.join()} is never claimed: ${text}`);
  });

  it('a colleague rented between our list and our checkout, which never reached Sinch twice: the new number "may not be yours", nothing is claimed, the reservation is open', async () => {
    const h = rentHarness();
    h.shop.onCheckout = () => h.shop.colleagueRents(1);
    h.shop.fault('checkout', { kind: 'lostBefore' }).fault('checkout', { kind: 'lostBefore' });
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers(PARIS);
    const m = h.prompter.shown.at(-1)!;
    assert.equal(m.severity, 'warning');
    assert.equal(
      plain(m.text),
      'Sinch did not answer the checkout (the connection broke), nor when it was sent once more with the same reservation. ' +
        'New numbers appeared in Paris, France since just before the checkout: +33 1 40 00 01 00. They may not be yours: someone else may have rented in the same group at the same time. Check the Numbers view before renting again. ' +
        `The reservation is either used or still open until ${clock(h.now + RESERVATION_LIFETIME_MS)}.`,
    );
    assert.ok(!/Rented|went through/.test(m.text));
    assert.deepEqual(m.actions, [RentButtons.refresh, RentButtons.showLog]);
    assert.ok(h.shop.reservations.has('ref-1'), 'ours was not bought');
  });

  it('a colleague rented between our list and our checkout, whose answer was lost: the re-send completes ours; both numbers shown, neither claimed', async () => {
    const h = rentHarness();
    h.shop.onCheckout = () => h.shop.colleagueRents(1);
    h.shop.fault('checkout', { kind: 'lostBefore' });
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers(PARIS);
    const m = h.prompter.shown.at(-1)!;
    assert.equal(
      plain(m.text),
      'Sinch did not answer the checkout (the connection broke), so it was sent once more with the same reservation, which cannot be charged twice; that went through. ' +
        'Rented 1 number for Acme (8888123). New numbers appeared in Paris, France since just before the checkout: +33 1 40 00 01 00 and +33 1 40 00 01 01. ' +
        'They may not all be yours: someone else may have rented in the same group at the same time. The reservation is used.',
    );
    assert.equal(m.severity, 'warning');
    assert.deepEqual(h.record.revealed, [[33140000100, 33140000101]]);
  });

  it('a colleague rented between our list and our checkout, which answered: Rented, and the extra number is not claimed', async () => {
    const h = rentHarness();
    h.shop.onCheckout = () => h.shop.colleagueRents(1);
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers(PARIS);
    const text = plain(h.prompter.shown.at(-1)!.text);
    assert.match(
      text,
      /^Rented 1 number for Acme \(8888123\)\. New numbers appeared in Paris, France since just before the checkout: \+33 1 40 00 01 00 and \+33 1 40 00 01 01\. They may not all be yours/,
    );
  });
});

describe('rent: two windows, one cart', () => {
  /** Two windows over one Sinch and one globalState. */
  function twoWindows() {
    const a = rentHarness({ windowId: 'window-A' });
    const b = rentHarness({ windowId: 'window-B', shop: a.shop, storage: a.storage });
    return { a, b };
  }

  it("while window A checks out, window B's Check Out All does not check the reservation out again and says so", async () => {
    const { a, b } = twoWindows();
    a.prompter.thenModal('Add to Cart');
    await a.controller.rentNumbers(PARIS);
    a.prompter.thenModal('Check Out');
    let fromB: Promise<void> | undefined;
    a.shop.onCheckout = () => {
      fromB = b.controller.checkoutCart();
    };
    await a.controller.checkoutCart();
    await fromB;
    assert.match(plain(a.prompter.shown.at(-1)!.text), /^Rented \+33 1 40 00 01 00 for Acme/);
    const told = b.prompter.shown.at(-1)!;
    assert.equal(
      told.text,
      `Another VS Code window has been checking out the reservation of 1 number in Paris, France for Acme (8888123) since ${clock(a.now)}, ` +
        'so this window does not check it out again. The Numbers view shows the new numbers once that window is done.',
    );
    assert.ok(!b.prompter.shown.some((m) => m.modal), 'window B asked for no money');
    assert.deepEqual(
      a.shop.calls.filter((c) => c.startsWith('checkout')),
      ['checkout ref-1'],
    );
    assert.deepEqual(b.cart.items('8888123'), [], 'checked out: gone from the cart in both windows');
  });

  it("window B confirms both of the cart's reservations, and A starts checking out one of them right then: B buys nothing and says the other stays in the cart", async () => {
    const { a, b } = twoWindows();
    a.prompter.thenModal('Add to Cart');
    await a.controller.rentNumbers(PARIS);
    b.prompter.thenModal('Add to Cart').thenModal('Check Out');
    await b.controller.rentNumbers(PARIS);
    // Between B's confirmation and its claim, window A claims the first reservation.
    const answer = b.prompter.message.bind(b.prompter);
    b.prompter.message = async (severity, text, options, ...actions) => {
      const chosen = await answer(severity, text, options, ...actions);
      if (chosen === 'Check Out') await a.cart.claim(['ref-1'], 'window-A');
      return chosen;
    };
    await b.controller.checkoutCart();
    assert.match(
      b.prompter.shown.at(-1)!.text,
      /this window does not check it out again\. .*Nothing else was checked out: the other reservation stays in the cart\.$/,
      b.prompter.transcript(),
    );
    assert.deepEqual(
      a.shop.calls.filter((c) => c.startsWith('checkout')),
      [],
      'B sent no checkout',
    );
    assert.equal(b.cart.items('8888123').length, 2, 'both reservations are still in the cart');
  });

  it('both check out (B had not yet seen A\'s mark): B is told that A checked it out, never "nothing was rented" or Reserve Again', async () => {
    const { a } = twoWindows();
    a.prompter.thenModal('Add to Cart');
    await a.controller.rentNumbers(PARIS);
    // Window B's copy of the shared globalState lags: it still shows the reservation unclaimed.
    const lagging = new InMemoryMemento(Object.fromEntries(a.storage.data));
    const b = rentHarness({ windowId: 'window-B', shop: a.shop, storage: lagging });
    a.prompter.thenModal('Check Out');
    await a.controller.checkoutCart();
    b.prompter.thenModal('Check Out');
    b.shop.onCheckout = () => {
      for (const [k, v] of a.storage.data) lagging.data.set(k, v);
    }; // A's marks arrive meanwhile
    await b.controller.checkoutCart();
    const told = b.prompter.shown.at(-1)!;
    assert.equal(
      told.text,
      `Another VS Code window checked out this reservation at ${clock(a.now)}; this window did not buy it again. The Numbers view shows the numbers of Acme (8888123).`,
    );
    assert.deepEqual(told.actions, [RentButtons.refresh]);
    assert.ok(!b.prompter.shown.some((m) => /nothing was rented|expired/.test(m.text)), b.prompter.transcript());
    assert.equal(a.shop.numbers.length, 3, 'one number bought, once');
  });

  it('a checkingOut mark older than five minutes belongs to a window that went away: the cart may be checked out here', async () => {
    const { a, b } = twoWindows();
    a.prompter.thenModal('Add to Cart');
    await a.controller.rentNumbers(PARIS);
    await a.cart.claim(['ref-1'], 'window-A');
    b.advance(CHECKOUT_MARK_MS);
    b.prompter.thenModal('Check Out');
    await b.controller.checkoutCart();
    assert.match(plain(b.prompter.shown.at(-1)!.text), /^Rented \+33 1 40 00 01 00 for Acme/);
  });
});

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
