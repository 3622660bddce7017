// The wire readers treat server text as data and refuse money no price can be.
import assert from 'node:assert/strict';
import {
  MAX_AMOUNT,
  readNumberGroups,
  readOrganisation,
  readRentedNumber,
  readRentedNumbers,
} from '../../../src/sinch/wire';
import { SharedValues } from '../../../src/numbers/sharedValues';
import { formatTotals } from '../../../src/numbers/money';
import { buildInventory } from '../../../src/numbers/inventory';

const wireNumber = (extra: Record<string, unknown> = {}) => ({
  number: 14150005550,
  groupId: 13,
  capabilities: ['voice'],
  countryId: 'US',
  city: 'SAN FRANCISCO',
  country: 'US',
  areaCode: '415',
  expires: '2026-01-01T00:00:00+00:00',
  cost: { amount: 1, currencyId: 'USD' },
  ...extra,
});
const wireGroup = (extra: Record<string, unknown> = {}) => ({
  groupId: 1,
  country: 'France',
  countryId: 'FR',
  city: 'PARIS',
  type: 'Voice',
  availability: 7,
  areaCode: '01',
  cost: { amount: 2, currencyId: 'USD' },
  capabilities: ['voice'],
  ...extra,
});

describe('sinch: wire readers keep server text as data', () => {
  it('descriptive strings arrive as one line without control or bidi characters or links, capped', () => {
    const [n] = readRentedNumbers([
      wireNumber({
        city: 'PARIS\n\n![x](https://evil.example/p.png)',
        country: 'invoice\u202Egnp.exe',
        areaCode: '\u0007415',
        applicationKey: 'bb7b4e39-4227-4913-8c81-2db4abb54fb3\n\n[Sign in](https://evil.example)',
        expires: `${'9'.repeat(500)}`,
      }),
    ])!;
    assert.equal(n.city, 'PARIS ![x]\uff08https://evil.example/p.png)');
    assert.equal(n.country, 'invoice gnp.exe');
    assert.equal(n.areaCode, '415');
    assert.equal(n.applicationKey, 'bb7b4e39-4227-4913-8c81-2db4abb54fb3 [Sign in]\uff08https://evil.example)');
    assert.equal(n.expires!.length, 100);
  });

  it('a genuine application key and text pass unchanged', () => {
    const [n] = readRentedNumbers([
      wireNumber({ applicationKey: 'bb7b4e39-4227-4913-8c81-2db4abb54fb3', city: 'Zürich — 東京 📞' }),
    ])!;
    assert.equal(n.applicationKey, 'bb7b4e39-4227-4913-8c81-2db4abb54fb3');
    assert.equal(n.city, 'Zürich — 東京 📞');
  });

  it('a list read as it arrives (shared values) is cleaned the same way', () => {
    const n = readRentedNumber(
      wireNumber({ city: 'PARIS\u202Egnp.exe', applicationKey: ' \n ', expires: '2030-01-01\n' }),
      new SharedValues(),
    )!;
    assert.equal(n.city, 'PARIS gnp.exe');
    assert.equal('applicationKey' in n, false, 'a key of white space is no key');
    assert.equal(n.expires, '2030-01-01');
  });

  it('organisation and group names are cleaned too', () => {
    assert.equal(readOrganisation({ id: 8888123, name: 'Acme\u202E\nLtd' })?.name, 'Acme Ltd');
    assert.equal(readNumberGroups([wireGroup({ city: '\u2066PARIS\u2069' })])?.[0].city, 'PARIS');
  });

  const badAmounts: Array<[string, unknown]> = [
    ['negative', -1],
    ['1e308', 1e308],
    ['beyond the cap', MAX_AMOUNT + 1],
    ['text', '2.00'],
    ['null', null],
  ];
  for (const [name, amount] of badAmounts) {
    it(`refuses a ${name} price, on a number and in the shop`, () => {
      assert.equal(readRentedNumbers([wireNumber({ cost: { amount, currencyId: 'USD' } })]), undefined);
      assert.equal(readNumberGroups([wireGroup({ cost: { amount, currencyId: 'USD' } })]), undefined);
    });
  }

  it('accepts free numbers and the largest price, whose totals stay finite', () => {
    const numbers = readRentedNumbers([
      wireNumber({ cost: { amount: 0, currencyId: 'USD' } }),
      wireNumber({ number: 14150005551, cost: { amount: MAX_AMOUNT, currencyId: 'USD' } }),
    ])!;
    assert.equal(numbers.length, 2);
    const totals = buildInventory(numbers, { now: 0, expiryWarningDays: 30 }).totals;
    assert.doesNotMatch(formatTotals(totals, { perMonth: true }), /∞|NaN/);
  });
});
