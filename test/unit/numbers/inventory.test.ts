import assert from 'node:assert/strict';
import { buildInventory, describeExpiry, monthlyTotals, type Inventory } from '../../../src/numbers/inventory';
import { parseExpiry } from '../../../src/numbers/numberList';
import { APP_A, APP_B, DAY, NOW, aNumber, iso, manyNumbers, INVALID } from '../../support/builders';
import { normaliseKey } from '../../../src/numbers/applicationKey';
import { formatMoney, formatTotals } from '../../../src/numbers/money';

describe('inventory', () => {
  const options = { now: NOW, expiryWarningDays: 30 };
  const values = (inv: Inventory, indexes: Iterable<number>) => Array.from(indexes, (i) => inv.numbers[i].number);

  it('groups numbers by application, with the unassigned ones apart', () => {
    const inv = buildInventory(
      [
        aNumber({ number: 14150005550 }),
        aNumber({ number: 14150005551, applicationKey: APP_A }),
        aNumber({ number: 14150005552, applicationKey: APP_B }),
        aNumber({ number: 14150005553, applicationKey: APP_A.toUpperCase() }),
      ],
      options,
    );
    assert.deepEqual([...inv.applications.keys()], [APP_A, APP_B]);
    assert.deepEqual(values(inv, inv.applications.get(APP_A)!.indexes), [14150005551, 14150005553]);
    assert.deepEqual(values(inv, inv.unassigned.indexes), [14150005550]);
    assert.equal(inv.size, 4);
    assert.equal(inv.entry(inv.indexOf(14150005552)).applicationKey, APP_B);
    assert.equal(inv.keyOf(3), APP_A, 'the upper-case spelling is the same application');
  });

  it('marks expired and expiring numbers and sorts them first (soonest first), then by number, invalid last', () => {
    const inv = buildInventory(
      [
        aNumber({ number: 14150005559, expires: iso(NOW + 100 * DAY) }),
        aNumber({ number: 14150005558, expires: iso(NOW + 6 * DAY) }),
        aNumber({ number: INVALID }),
        aNumber({ number: 14150005557, expires: iso(NOW - 3 * DAY) }),
        aNumber({ number: 14150005556, expires: iso(NOW + 2 * DAY) }),
        aNumber({ number: 14150005555, expires: undefined }),
        aNumber({ number: 14150005554, expires: 'not a date' }),
      ],
      options,
    );
    const sorted = inv.unassigned.sorted();
    assert.deepEqual(values(inv, sorted), [
      14150005557,
      14150005556,
      14150005558,
      14150005554,
      14150005555,
      14150005559,
      INVALID,
    ]);
    assert.deepEqual(
      Array.from(sorted, (i) => inv.expiryOf(i)),
      ['expired', 'expiring', 'expiring', 'none', 'none', 'ok', 'ok'],
    );
    assert.equal(inv.unassigned.expired, 1);
    assert.equal(inv.unassigned.expiring, 2);
    assert.equal(inv.invalid, 1);
    assert.equal(inv.entry(sorted.at(-1)!).valid, false);
    assert.equal(inv.unassigned.sorted(), sorted, 'the sorted list is cached');
  });

  it('sorts numbers with the same expiry by number, and an ascending list without reordering it', () => {
    const at = iso(NOW + 5 * DAY);
    const inv = buildInventory(
      [
        aNumber({ number: 14150005553, expires: at }),
        aNumber({ number: 14150005551, expires: at }),
        aNumber({ number: 14150005560, expires: iso(NOW + 300 * DAY) }),
        aNumber({ number: 14150005561, expires: iso(NOW + 200 * DAY) }),
        aNumber({ number: 14150005562, expires: iso(NOW + 100 * DAY) }),
      ],
      options,
    );
    assert.deepEqual(
      values(inv, inv.unassigned.sorted()),
      [14150005551, 14150005553, 14150005560, 14150005561, 14150005562],
    );
    const unsorted = buildInventory(
      [aNumber({ number: 3000000000 }), aNumber({ number: 1000000000 }), aNumber({ number: 2000000000 })],
      options,
    );
    assert.deepEqual(values(unsorted, unsorted.unassigned.sorted()), [1000000000, 2000000000, 3000000000]);
  });

  it('respects the warning window (0 marks only expired numbers)', () => {
    const n = [aNumber({ expires: iso(NOW + 10 * DAY) })];
    assert.equal(buildInventory(n, { now: NOW, expiryWarningDays: 10 }).expiryOf(0), 'expiring');
    assert.equal(buildInventory(n, { now: NOW, expiryWarningDays: 9 }).expiryOf(0), 'ok');
    assert.equal(buildInventory(n, { now: NOW, expiryWarningDays: 0 }).expiryOf(0), 'ok');
  });

  it('keeps a number listed twice, with distinct ids', () => {
    const inv = buildInventory(
      [aNumber(), aNumber({ number: 14150005551 }), aNumber({ applicationKey: APP_A }), aNumber()],
      options,
    );
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => inv.entry(i).id),
      ['14150005550', '14150005551', '14150005550#2', '14150005550#3'],
    );
    assert.equal(inv.indexOf(14150005550), 0);
  });

  it('describes expiry in days', () => {
    assert.equal(describeExpiry(NOW + 6 * DAY, NOW), 'expires in 6 days');
    assert.equal(describeExpiry(NOW + 5 * DAY + 3600_000, NOW), 'expires in 6 days');
    assert.equal(describeExpiry(NOW + 3600_000, NOW), 'expires in 1 day');
    assert.equal(describeExpiry(NOW - 3 * DAY, NOW), 'expired 3 days ago');
    assert.equal(describeExpiry(NOW - 3600_000, NOW), 'expired today');
  });

  it('totals the monthly cost per currency, exactly', () => {
    const inv = buildInventory(
      [
        aNumber({ cost: { amount: 0.1, currencyId: 'USD' } }),
        aNumber({ cost: { amount: 0.2, currencyId: 'USD' } }),
        aNumber({ cost: { amount: 2.5, currencyId: 'EUR' } }),
        aNumber({ cost: { amount: 0, currencyId: 'USD' } }),
      ],
      options,
    );
    assert.deepEqual(inv.totals, [
      { currencyId: 'EUR', amount: 2.5 },
      { currencyId: 'USD', amount: 0.3 },
    ]);
    assert.equal(formatTotals(inv.totals, { perMonth: true }), '2.50 EUR/month + 0.30 USD/month');
    assert.deepEqual(monthlyTotals([]), []);
    assert.equal(formatMoney({ amount: 12, currencyId: 'USD' }), '12.00 USD');
    assert.equal(formatMoney({ amount: 0.125, currencyId: 'USD' }), '0.125 USD'); // as the rent flow writes it (rental.ts)
    assert.equal(formatMoney({ amount: 3, currencyId: '' }), '3.00');
  });

  it('normalises application keys', () => assert.equal(normaliseKey(` ${APP_A.toUpperCase()} `), APP_A));

  it('reads the expiry forms Sinch sends as Date.parse does, and anything else through it', () => {
    const forms = [
      '2015-12-31T23:59:59+00:00',
      '2015-12-31T23:59:59Z',
      '2015-12-31T23:59:59.5Z',
      '2015-12-31T23:59:59.123456+05:30',
      '2015-12-31T23:59:59-08:00',
      '2024-02-29T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '0099-01-01T00:00:00Z',
      '2015-12-31',
      'Thu, 31 Dec 2015 23:59:59 GMT',
      '2015-13-01T00:00:00Z',
      '2015-12-31T24:00:00Z',
    ];
    for (const text of forms) {
      const expected = Date.parse(text);
      assert.equal(parseExpiry(text), Number.isFinite(expected) ? expected : undefined, text);
    }
    for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2030, 0, 1); t += 7 * DAY + 3_600_123) {
      assert.equal(parseExpiry(iso(t)), t);
      const seconds = Math.floor(t / 1000) * 1000;
      assert.equal(parseExpiry(iso(seconds)), seconds, iso(seconds));
    }
    assert.equal(parseExpiry('not a date'), undefined);
    assert.equal(parseExpiry(''), undefined);
  });

  it('groups 20,000 numbers in 200 applications in one pass; sorting the largest is one sort', function () {
    // Counts and complexity only: timings belong to `npm run bench`.
    const { numbers } = manyNumbers(20_000, 200);
    const inv = buildInventory(numbers, options);
    assert.equal(inv.size, 20_000);
    assert.equal(inv.applications.size, 200);
    assert.equal(inv.unassigned.size, 1000);
    assert.equal(
      [...inv.applications.values()].reduce((s, g) => s + g.size, 0),
      19_000,
    );
    assert.equal(
      inv.expired + inv.expiring,
      [...inv.applications.values(), inv.unassigned].reduce((s, g) => s + g.expired + g.expiring, 0),
    );
    const largest = [...inv.applications.values()].sort((a, b) => b.size - a.size)[0];
    const sorted = largest.sorted();
    assert.equal(sorted.length, largest.size);
    assert.deepEqual(
      [...sorted].sort((a, b) => a - b),
      [...largest.indexes],
      'the same numbers, reordered',
    );
  });
});
