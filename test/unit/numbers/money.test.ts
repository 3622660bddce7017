import assert from 'node:assert/strict';
import { monthlyTotals } from '../../../src/numbers/inventory';
import { formatMoney, formatTotals, lineTotal } from '../../../src/numbers/money';

const entry = (amount: number, currencyId: string) => ({ cost: { amount, currencyId } });

describe('money: one way to write and sum it', () => {
  it('writes each currency with its usual decimals and its code, never a symbol', () => {
    assert.equal(formatMoney({ amount: 500, currencyId: 'JPY' }), '500 JPY');
    assert.equal(formatMoney({ amount: 0.015, currencyId: 'USD' }), '0.015 USD');
    assert.equal(formatMoney({ amount: 1234.5, currencyId: 'EUR' }), '1,234.50 EUR');
    assert.equal(formatMoney({ amount: 3, currencyId: '' }), '3.00', 'no currency: a bare amount, no trailing space');
  });

  it('the tree totals exactly, per currency, skipping unreadable amounts', () => {
    const totals = monthlyTotals([entry(0.1, 'USD'), entry(0.2, 'USD'), entry(500, 'JPY'), entry(Number.NaN, 'USD')]);
    assert.deepEqual(totals, [
      { amount: 500, currencyId: 'JPY' },
      { amount: 0.3, currencyId: 'USD' },
    ]);
    assert.equal(formatTotals(totals, { perMonth: true }), '500 JPY/month + 0.30 USD/month');
  });

  it('a line total is exact: 3 × 0.1 USD is 0.30 USD, 3 × 0.0125 USD is 0.0375 USD', () => {
    assert.equal(formatMoney(lineTotal({ cost: { amount: 0.1, currencyId: 'USD' }, quantity: 3 })), '0.30 USD');
    assert.equal(formatMoney(lineTotal({ cost: { amount: 0.0125, currencyId: 'USD' }, quantity: 3 })), '0.0375 USD');
  });
});
