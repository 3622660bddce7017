import assert from 'node:assert/strict';
import { checkQuantity, diffRented, groupCapabilities, normaliseCap } from '../../../src/rent/rental';
import { aNumber } from '../../support/builders';
import { formatMoney, formatTotals, lineTotal, totalsByCurrency } from '../../../src/numbers/money';

describe('rent: quantity validation', () => {
  const limits = { availability: 7, maxPerRental: 10 };
  const table: Array<[input: string | number, expected: number | RegExp]> = [
    ['1', 1],
    ['7', 7],
    [' 3 ', 3],
    ['+2', 2],
    [4, 4],
    ['0', /at least 1.*from 1 to 7/],
    [0, /at least 1/],
    ['-1', /cannot be negative.*1 to 7/],
    [-1, /cannot be negative/],
    ['1.5', /1\.5 is not a whole number.*1 to 7/],
    [1.5, /not a whole number/],
    ['2.', /not a whole number/],
    ['2.0', /2\.0 is not a whole number/],
    ['abc', /"abc" is not a number.*1 to 7/],
    ['1e3', /not a number/],
    ['0x10', /not a number/],
    ['', /^How many numbers to rent\? Enter a whole number from 1 to 7\.$/],
    ['   ', /1 to 7/],
    ['8', /Only 7 numbers are available in this group.*1 to 7/],
    ['99999999999999999999', /Only 7 numbers are available/],
    [Number.NaN, /1 to 7/],
    [Number.POSITIVE_INFINITY, /1 to 7/],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(typeof input === 'number' && !Number.isFinite(input) ? String(input) : input)} → ${expected instanceof RegExp ? 'refused' : expected}`, () => {
      const r = checkQuantity(input, limits);
      if (typeof expected === 'number') assert.deepEqual(r, { ok: true, quantity: expected });
      else {
        assert.equal(r.ok, false);
        assert.match((r as { message: string }).message, expected);
      }
    });
  }

  it('names the safety cap when it is the limit that binds', () => {
    const r = checkQuantity('11', { availability: 50, maxPerRental: 10 });
    assert.equal(r.ok, false);
    assert.match(
      (r as { message: string }).message,
      /At most 10 numbers per rental \(setting Max Numbers Per Rental\)\. Enter a whole number from 1 to 10\./,
    );
  });

  it('names availability when it is lower than the cap, and the cap when both are exceeded and it is lower', () => {
    assert.match(
      (checkQuantity('5', { availability: 2, maxPerRental: 3 }) as { message: string }).message,
      /Only 2 numbers are available/,
    );
    assert.match(
      (checkQuantity('5', { availability: 4, maxPerRental: 3 }) as { message: string }).message,
      /At most 3 numbers per rental/,
    );
  });

  it('says "Enter 1" when one is all that may be rented, and refuses an empty group', () => {
    assert.match(
      (checkQuantity('2', { availability: 1, maxPerRental: 10 }) as { message: string }).message,
      /Only 1 number is available in this group\. Enter 1\./,
    );
    assert.match(
      (checkQuantity('1', { availability: 0, maxPerRental: 10 }) as { message: string }).message,
      /No numbers are available/,
    );
  });

  it('falls back to the default cap of 10 when the setting is unusable', () => {
    assert.equal(normaliseCap(undefined), 10);
    assert.equal(normaliseCap(0), 10);
    assert.equal(normaliseCap(2.5), 10);
    assert.equal(normaliseCap('5'), 10);
    assert.equal(normaliseCap(3), 3);
    assert.equal(checkQuantity('11', { availability: 50, maxPerRental: Number.NaN }).ok, false);
  });
});

describe('rent: totals per currency', () => {
  it('multiplies a unit cost exactly', () => {
    assert.deepEqual(lineTotal({ cost: { amount: 0.1, currencyId: 'USD' }, quantity: 3 }), {
      amount: 0.3,
      currencyId: 'USD',
    });
    assert.deepEqual(lineTotal({ cost: { amount: 2, currencyId: 'USD' }, quantity: 7 }), {
      amount: 14,
      currencyId: 'USD',
    });
  });

  it('sums per currency without converting, ordered by currency code', () => {
    const totals = totalsByCurrency([
      { cost: { amount: 2, currencyId: 'USD' }, quantity: 2 },
      { cost: { amount: 2.5, currencyId: 'EUR' }, quantity: 1 },
      { cost: { amount: 0.1, currencyId: 'USD' }, quantity: 2 },
      { cost: { amount: 0.2, currencyId: 'USD' }, quantity: 1 },
      { cost: { amount: 150, currencyId: 'JPY' }, quantity: 3 },
    ]);
    assert.deepEqual(totals, [
      { amount: 2.5, currencyId: 'EUR' },
      { amount: 450, currencyId: 'JPY' },
      { amount: 4.4, currencyId: 'USD' },
    ]);
    assert.equal(formatTotals(totals), '2.50 EUR + 450 JPY + 4.40 USD');
  });

  it('formats with the currency code and its usual decimals', () => {
    assert.equal(formatMoney({ amount: 2, currencyId: 'USD' }), '2.00 USD');
    assert.equal(formatMoney({ amount: 1234.5, currencyId: 'EUR' }), '1,234.50 EUR');
    assert.equal(formatMoney({ amount: 0.015, currencyId: 'USD' }), '0.015 USD');
    assert.equal(formatMoney({ amount: 500, currencyId: 'JPY' }), '500 JPY');
    assert.equal(formatMoney({ amount: 1, currencyId: 'XX1' }), '1.00 XX1');
    assert.equal(formatTotals([]), '0.00 USD');
  });

  it('keeps the capabilities the API can reserve, voice first', () => {
    assert.deepEqual(groupCapabilities({ capabilities: ['sms', 'voice'] }), ['voice', 'sms']);
    assert.deepEqual(groupCapabilities({ capabilities: ['SMS', 'fax'] }), ['sms']);
    assert.deepEqual(groupCapabilities({ capabilities: [] }), []);
  });
});

describe('rent: before/after diff of rented lists', () => {
  const before = [aNumber({ number: 14150005550 }), aNumber({ number: 14150005551 })];

  it('finds the numbers added (sorted) and removed', () => {
    const after = [
      aNumber({ number: 33140000101, groupId: 1 }),
      aNumber({ number: 14150005551 }),
      aNumber({ number: 33140000100, groupId: 1 }),
    ];
    const d = diffRented(before, after);
    assert.deepEqual(
      d.added.map((n) => n.number),
      [33140000100, 33140000101],
    );
    assert.deepEqual(
      d.removed.map((n) => n.number),
      [14150005550],
    );
  });

  it('is empty when nothing changed, whatever the order', () => {
    const d = diffRented(before, [...before].reverse());
    assert.deepEqual(d, { added: [], removed: [] });
  });
});

describe('checkQuantity with absurdly long input', () => {
  it('calls 10,000 digits too many, not "not a whole number"', () => {
    const r = checkQuantity('9'.repeat(10_000), { availability: 5, maxPerRental: 10 });
    assert.equal(r.ok, false);
    assert.match((r as { message: string }).message, /^Only 5 numbers are available in this group/);
  });
});
