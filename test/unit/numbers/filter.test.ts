import assert from 'node:assert/strict';
import { filterProblem, parseFilter } from '../../../src/numbers/filter';
import { buildInventory } from '../../../src/numbers/inventory';
import { InputError } from '../../../src/platform/errors';
import { APP_A, APP_B, DAY, NOW, aNumber, iso, INVALID } from '../../support/builders';

describe('filter', () => {
  const inv = buildInventory(
    [
      aNumber({ number: 14150005550 }),
      aNumber({ number: 14150005551, applicationKey: APP_A }),
      aNumber({
        number: 15045550100,
        city: 'New Orleans',
        areaCode: '504',
        capabilities: ['sms'],
        applicationKey: APP_B,
        expires: iso(NOW + 6 * DAY),
      }),
      aNumber({
        number: 33140000100,
        countryId: 'FR',
        country: 'France',
        city: 'PARIS',
        capabilities: ['voice'],
        applicationKey: APP_B,
      }),
      aNumber({
        number: 442079460100,
        countryId: 'GB',
        country: 'UK',
        city: 'LONDON',
        expires: iso(NOW - DAY),
        applicationKey: APP_B,
      }),
      aNumber({ number: INVALID, city: 'Nowhere' }),
    ],
    { now: NOW, expiryWarningDays: 30 },
  );
  const labels: Record<string, string> = { [APP_B]: 'Support Line' };
  const ctx = { applicationLabel: (k: string) => labels[k] };
  const matching = (text: string) => {
    const f = parseFilter(text);
    return inv.numbers.filter((_, i) => !f || f.test(inv, i, ctx)).map((n) => n.number);
  };

  it('is undefined for empty text', () => {
    assert.equal(parseFilter('   '), undefined);
  });
  it('matches digits anywhere, ignoring +, spaces and dashes', () => {
    assert.deepEqual(matching('0005551'), [14150005551]);
    assert.deepEqual(matching('+1 504-555'), [15045550100]);
  });
  it('matches country by code or name', () => {
    assert.deepEqual(matching('country:FR'), [33140000100]);
    assert.deepEqual(matching('country:france'), [33140000100]);
    assert.deepEqual(matching('country:"united kingdom"'), [442079460100]);
  });
  it('matches city, also several words in quotes', () => {
    assert.deepEqual(matching('city:paris'), [33140000100]);
    assert.deepEqual(matching('city:"new orleans"'), [15045550100]);
  });
  it('matches capability', () => {
    assert.deepEqual(matching('cap:sms'), [15045550100]);
    assert.equal(matching('cap:voice').length, 5);
  });
  it('matches application by label or key prefix, and app:none for unassigned', () => {
    assert.deepEqual(matching('app:support'), [15045550100, 33140000100, 442079460100]);
    assert.deepEqual(matching('app:bb7b4e39'), [14150005551]);
    assert.deepEqual(matching('app:none'), [14150005550, INVALID]);
  });
  it('matches is:expiring (with expired), is:expired, is:invalid', () => {
    assert.deepEqual(matching('is:expiring'), [15045550100, 442079460100]);
    assert.deepEqual(matching('is:expired'), [442079460100]);
    assert.deepEqual(matching('is:invalid'), [INVALID]);
  });
  it('matches a bare word against city, country and label; terms combine with AND', () => {
    assert.deepEqual(matching('london'), [442079460100]);
    assert.deepEqual(matching('support cap:voice'), [33140000100, 442079460100]);
    assert.deepEqual(matching('support cap:voice country:GB'), [442079460100]);
  });
  it('refuses unknown keys and bad values with a sentence', () => {
    for (const bad of ['colour:red', 'cap:fax', 'is:cheap', 'city:']) {
      assert.throws(
        () => parseFilter(bad),
        (e: unknown) => e instanceof InputError && e.message.length > 10,
        bad,
      );
      assert.ok(filterProblem(bad));
    }
    assert.equal(filterProblem('city:paris'), undefined);
  });

  it('finds digits exactly as a text search of the number would, leading zeros included', () => {
    const numbers = [14150005550, 14150000415, 4415, 33140000100, 442079460100, 100000, 999999999999999, 10, INVALID];
    const queries = [
      '0',
      '00',
      '000',
      '0005',
      '415',
      '0415',
      '4150',
      '1',
      '14150005550',
      '141500055501',
      '9999',
      '01',
      '10',
      '100000',
      '1234567890123456',
    ];
    const many = buildInventory(
      numbers.map((number) => aNumber({ number })),
      { now: NOW, expiryWarningDays: 30 },
    );
    for (const q of queries) {
      const f = parseFilter(q)!;
      const got = many.numbers.filter((_, i) => f.test(many, i, ctx)).map((n) => n.number);
      const expected = numbers.filter((n) => (Number.isSafeInteger(n) ? String(n) : BigInt(n).toString()).includes(q));
      assert.deepEqual(got, expected, q);
    }
  });
});
