import assert from 'node:assert/strict';
import { RentButtons } from '../../../src/rent/outcomes';
import { rentHarness } from './fakeEnvironment';

const PARIS = { groupId: 1, quantity: 2 };

describe('rent flows: the activity journal', () => {
  it('a rental: one checkout entry, verified, with the numbers, unit and total cost, who and the message shown', async () => {
    const h = rentHarness();
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers(PARIS);
    assert.equal(h.record.activity.length, 1);
    const [e] = h.record.activity;
    assert.equal(e.operation, 'checkout');
    assert.equal(e.verdict, 'verified');
    assert.deepEqual(e.numbers, [33140000100, 33140000101]);
    assert.deepEqual(e.unitCost, { amount: 2, currencyId: 'USD' });
    assert.deepEqual(e.totalCost, [{ amount: 4, currencyId: 'USD' }]);
    assert.equal(e.account, 'demo@example.com');
    assert.equal(e.organisationId, '8888123');
    assert.equal(e.organisationName, 'Acme');
    assert.equal(e.message, h.prompter.shown.at(-1)!.text);
    assert.equal(e.time, h.now);
    assert.ok(!JSON.stringify(e).includes('instanceSecret') && !JSON.stringify(e).includes('"s"'), 'no secret');
  });

  it('Add to Cart is a reserve entry (no numbers yet); the cart checkout of two currencies one entry with both totals', async () => {
    const h = rentHarness();
    h.prompter.thenModal('Add to Cart');
    await h.controller.rentNumbers(PARIS);
    h.prompter.thenModal('Add to Cart');
    await h.controller.rentNumbers({ groupId: 50, quantity: 1 });
    h.prompter.thenModal('Check Out');
    await h.controller.checkoutCart();
    assert.deepEqual(
      h.record.activity.map((e) => [e.operation, e.verdict, e.numbers.length]),
      [
        ['reserve', 'verified', 0],
        ['reserve', 'verified', 0],
        ['checkout', 'verified', 3],
      ],
    );
    const checkout = h.record.activity[2];
    assert.equal(checkout.unitCost, undefined, 'two prices: no single unit cost');
    assert.deepEqual(checkout.totalCost, [
      { amount: 2.5, currencyId: 'EUR' },
      { amount: 4, currencyId: 'USD' },
    ]);
  });

  it('refused for credit: failed, with the refusal the user saw', async () => {
    const h = rentHarness();
    h.shop.credit = 1;
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers({ groupId: 1, quantity: 3 });
    const [e, ...more] = h.record.activity;
    assert.deepEqual(more, []);
    assert.equal(e.verdict, 'failed');
    assert.match(e.message, /does not have enough credit/);
    assert.deepEqual(e.numbers, []);
  });

  it('a lost answer twice with nothing new: failed ("nothing was rented"); a lost answer that went through: verified', async () => {
    const h = rentHarness();
    h.shop.fault('checkout', { kind: 'lostBefore' }).fault('checkout', { kind: 'lostBefore' });
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers({ groupId: 1, quantity: 1 });
    assert.equal(h.record.activity.at(-1)!.verdict, 'failed');
    assert.match(h.record.activity.at(-1)!.message, /nothing was rented/);

    const h2 = rentHarness();
    h2.shop.fault('checkout', { kind: 'lostAfter' });
    h2.prompter.thenModal('Rent').onToast(/Rented/, RentButtons.assign);
    await h2.controller.rentNumbers(PARIS);
    const [e] = h2.record.activity;
    assert.equal(e.verdict, 'verified');
    assert.deepEqual(e.numbers, [33140000100, 33140000101]);
    assert.match(e.message, /it went through/);
  });

  it('Cancel at the confirmation journals nothing', async () => {
    const h = rentHarness();
    h.prompter.thenModal(undefined);
    await h.controller.rentNumbers(PARIS);
    assert.deepEqual(h.record.activity, []);
  });
});
