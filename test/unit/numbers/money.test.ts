import assert from 'node:assert/strict';
import { formatMoney as treeMoney, formatTotals, monthlyTotals } from '../../../src/numbers/inventory';
import { formatMoney, lineTotal } from '../../../src/rent/rental';

const entry = (amount: number, currencyId: string) => ({ cost: { amount, currencyId } });

describe('money: the tree and the rent flow write it one way', () => {
  it('a JPY price, a sub-cent price and thousands read the same in the tree as in the rent modal', () => {
    for (const m of [{ amount: 500, currencyId: 'JPY' }, { amount: 0.015, currencyId: 'USD' }, { amount: 1234.5, currencyId: 'EUR' }]) {
      assert.equal(treeMoney(m), formatMoney(m));
    }
    assert.equal(treeMoney({ amount: 500, currencyId: 'JPY' }), '500 JPY');
    assert.equal(formatMoney({ amount: 3, currencyId: '' }), '3.00', 'no currency: a bare amount, no trailing space');
  });

  it('the tree totals exactly, per currency, skipping unreadable amounts', () => {
    const totals = monthlyTotals([entry(0.1, 'USD'), entry(0.2, 'USD'), entry(500, 'JPY'), entry(Number.NaN, 'USD')]);
    assert.deepEqual(totals, [{ amount: 500, currencyId: 'JPY' }, { amount: 0.3, currencyId: 'USD' }]);
    assert.equal(formatTotals(totals), '500 JPY/month + 0.30 USD/month');
  });

  it('a reservation of 3 × 0.1 USD costs 0.30 USD (the tooltip uses the exact line total)', () => {
    assert.equal(0.1 * 3 === 0.3, false, 'the float product is not 0.3');
    assert.equal(formatMoney(lineTotal({ cost: { amount: 0.1, currencyId: 'USD' }, quantity: 3 })), '0.30 USD');
    assert.equal(formatMoney(lineTotal({ cost: { amount: 0.0125, currencyId: 'USD' }, quantity: 3 })), '0.0375 USD');
  });
});
