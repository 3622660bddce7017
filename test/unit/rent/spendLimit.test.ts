import assert from 'node:assert/strict';
import { rentHarness } from './fakeEnvironment';

// The fake shop's organisation pays 2.00 USD a month (two numbers at 1.00); Paris costs 2.00 USD each.
const PARIS = { groupId: 1, quantity: 3 };

describe('rent: the monthly spend limit (sinchNumbers.monthlySpendLimit)', () => {
  it('under the limit: the confirmation is the usual one', async () => {
    const h = rentHarness({ limits: { USD: 8 } });
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers(PARIS);
    const [modal] = h.prompter.shown.filter((m) => m.modal);
    assert.deepEqual(modal.actions, ['Change Quantity…', 'Rent', 'Add to Cart']);
    assert.doesNotMatch(modal.detail!, /limit/);
    assert.equal(h.shop.count('checkout'), 1);
  });

  it('above it: the confirmation says so with the figures, and Rent is "Rent Above Limit…"', async () => {
    const h = rentHarness({ limits: { USD: 5 } });
    h.prompter.thenModal('Change Quantity…').thenInput('1').thenModal('Rent');
    await h.controller.rentNumbers(PARIS);
    const [above, under] = h.prompter.shown.filter((m) => m.modal);
    assert.equal(above.text, 'Rent 3 numbers in Paris, France for 6.00 USD per month?');
    assert.match(
      above.detail!,
      /^This takes Acme's monthly cost from 2\.00 to 8\.00 USD, above your limit of 5\.00\.\n\n3 × Paris/,
    );
    assert.deepEqual(above.actions, ['Change Quantity…', 'Rent Above Limit…', 'Add to Cart']);
    // 2.00 + 2.00 = 4.00 is within 5.00: the usual confirmation again.
    assert.deepEqual(under.actions, ['Change Quantity…', 'Rent', 'Add to Cart']);
    assert.equal(h.shop.count('checkout'), 1);
  });

  it('blocks: "Rent Above Limit…" asks a second time, and Cancel there sends nothing', async () => {
    const h = rentHarness({ limits: { USD: 5 } });
    h.prompter.thenModal('Rent Above Limit…').thenModal(undefined);
    await h.controller.rentNumbers(PARIS);
    const second = h.prompter.shown.filter((m) => m.modal)[1];
    assert.equal(second.text, 'Go over your monthly spend limit?');
    assert.match(second.detail!, /from 2\.00 to 8\.00 USD, above your limit of 5\.00/);
    assert.deepEqual(second.actions, ['Go Over My Limit']);
    assert.deepEqual(h.shop.calls, ['listShop', 'list'], 'the list for the cost now; no reserve, no checkout');
  });

  it('going over explicitly rents, and the journal has the checkout', async () => {
    const h = rentHarness({ limits: { USD: 5 } });
    h.prompter.thenModal('Rent Above Limit…').thenModal('Go Over My Limit');
    await h.controller.rentNumbers(PARIS);
    assert.equal(h.shop.count('checkout'), 1);
    assert.equal(h.record.activity.at(-1)!.verdict, 'verified');
  });

  it('a limit in another currency does not touch a USD rental; Add to Cart spends nothing and is not asked twice', async () => {
    const h = rentHarness({ limits: { EUR: 0 } });
    h.prompter.thenModal('Rent');
    await h.controller.rentNumbers(PARIS);
    assert.equal(h.shop.count('checkout'), 1);

    const h2 = rentHarness({ limits: { USD: 5 } });
    h2.prompter.thenModal('Add to Cart');
    await h2.controller.rentNumbers(PARIS);
    assert.equal(h2.prompter.shown.filter((m) => m.modal).length, 1);
    assert.equal(h2.cart.items('8888123').length, 1);
  });

  it('Check Out All above the limit: the sentence, "Check Out Above Limit…", then the second confirmation', async () => {
    const h = rentHarness({ limits: { USD: 5 } });
    h.prompter.thenModal('Add to Cart');
    await h.controller.rentNumbers(PARIS);
    h.prompter.thenModal('Check Out Above Limit…').thenModal('Go Over My Limit');
    await h.controller.checkoutCart();
    const modals = h.prompter.shown.filter((m) => m.modal);
    assert.match(
      modals[1].detail!,
      /^This takes Acme's monthly cost from 2\.00 to 8\.00 USD, above your limit of 5\.00\./,
    );
    assert.deepEqual(modals[1].actions, ['Check Out Above Limit…']);
    assert.deepEqual(modals[2].actions, ['Go Over My Limit']);
    assert.equal(h.shop.count('checkout'), 1);
  });
});
