import assert from 'node:assert/strict';
import {
  buildInventory, describeExpiry, formatMoney, formatTotals, monthlyTotals, normaliseKey,
} from '../../../src/numbers/inventory';
import { APP_A, APP_B, DAY, NOW, aNumber, iso, manyNumbers, INVALID } from './builders';


/**
 * The CPU time (ms) a synchronous step takes. Budgets hold CPU time, not the wall clock, which on
 * a shared machine also counts the time other processes had the cores.
 */
function cpuTimed<T>(step: () => T): { value: T; ms: number } {
  const before = process.cpuUsage();
  const value = step();
  const used = process.cpuUsage(before);
  return { value, ms: (used.user + used.system) / 1000 };
}
describe('inventory', () => {
  const options = { now: NOW, expiryWarningDays: 30 };

  it('groups numbers by application, with the unassigned ones apart', () => {
    const inv = buildInventory([
      aNumber({ number: 14150005550 }),
      aNumber({ number: 14150005551, applicationKey: APP_A }),
      aNumber({ number: 14150005552, applicationKey: APP_B }),
      aNumber({ number: 14150005553, applicationKey: APP_A.toUpperCase() }),
    ], options);
    assert.deepEqual([...inv.applications.keys()], [APP_A, APP_B]);
    assert.deepEqual(inv.applications.get(APP_A)!.entries.map((e) => e.number.number), [14150005551, 14150005553]);
    assert.deepEqual(inv.unassigned.entries.map((e) => e.number.number), [14150005550]);
    assert.equal(inv.entries.length, 4);
    assert.equal(inv.byNumber.get(14150005552)!.applicationKey, APP_B);
  });

  it('marks expired and expiring numbers and sorts them first (soonest first), then by number, invalid last', () => {
    const inv = buildInventory([
      aNumber({ number: 14150005559, expires: iso(NOW + 100 * DAY) }),
      aNumber({ number: 14150005558, expires: iso(NOW + 6 * DAY) }),
      aNumber({ number: INVALID }),
      aNumber({ number: 14150005557, expires: iso(NOW - 3 * DAY) }),
      aNumber({ number: 14150005556, expires: iso(NOW + 2 * DAY) }),
      aNumber({ number: 14150005555, expires: undefined }),
      aNumber({ number: 14150005554, expires: 'not a date' }),
    ], options);
    const sorted = inv.unassigned.sorted();
    assert.deepEqual(sorted.map((e) => e.number.number), [14150005557, 14150005556, 14150005558, 14150005554, 14150005555, 14150005559, INVALID]);
    assert.deepEqual(sorted.map((e) => e.expiry), ['expired', 'expiring', 'expiring', 'none', 'none', 'ok', 'ok']);
    assert.equal(inv.unassigned.expired, 1);
    assert.equal(inv.unassigned.expiring, 2);
    assert.equal(inv.invalid, 1);
    assert.equal(sorted.at(-1)!.valid, false);
    assert.equal(inv.unassigned.sorted(), sorted, 'the sorted list is cached');
  });

  it('respects the warning window (0 marks only expired numbers)', () => {
    const n = [aNumber({ expires: iso(NOW + 10 * DAY) })];
    assert.equal(buildInventory(n, { now: NOW, expiryWarningDays: 10 }).entries[0].expiry, 'expiring');
    assert.equal(buildInventory(n, { now: NOW, expiryWarningDays: 9 }).entries[0].expiry, 'ok');
    assert.equal(buildInventory(n, { now: NOW, expiryWarningDays: 0 }).entries[0].expiry, 'ok');
  });

  it('keeps a number listed twice, with distinct ids', () => {
    const inv = buildInventory([aNumber(), aNumber({ applicationKey: APP_A })], options);
    assert.deepEqual(inv.entries.map((e) => e.id), ['14150005550', '14150005550#2']);
    assert.equal(inv.byNumber.get(14150005550), inv.entries[0]);
  });

  it('describes expiry in days', () => {
    assert.equal(describeExpiry(NOW + 6 * DAY, NOW), 'expires in 6 days');
    assert.equal(describeExpiry(NOW + 5 * DAY + 3600_000, NOW), 'expires in 6 days');
    assert.equal(describeExpiry(NOW + 3600_000, NOW), 'expires in 1 day');
    assert.equal(describeExpiry(NOW - 3 * DAY, NOW), 'expired 3 days ago');
    assert.equal(describeExpiry(NOW - 3600_000, NOW), 'expired today');
  });

  it('totals the monthly cost per currency, exactly', () => {
    const inv = buildInventory([
      aNumber({ cost: { amount: 0.1, currencyId: 'USD' } }),
      aNumber({ cost: { amount: 0.2, currencyId: 'USD' } }),
      aNumber({ cost: { amount: 2.5, currencyId: 'EUR' } }),
      aNumber({ cost: { amount: 0, currencyId: 'USD' } }),
    ], options);
    assert.deepEqual(inv.totals, [{ currencyId: 'EUR', amount: 2.5 }, { currencyId: 'USD', amount: 0.3 }]);
    assert.equal(formatTotals(inv.totals), '2.50 EUR/month + 0.30 USD/month');
    assert.equal(formatTotals(monthlyTotals([])), '');
    assert.equal(formatMoney({ amount: 12, currencyId: 'USD' }), '12.00 USD');
    assert.equal(formatMoney({ amount: 0.125, currencyId: 'USD' }), '0.125 USD'); // as the rent flow writes it (rental.ts)
    assert.equal(formatMoney({ amount: 3, currencyId: '' }), '3.00');
  });

  it('normalises application keys', () => assert.equal(normaliseKey(` ${APP_A.toUpperCase()} `), APP_A));

  it('groups 20,000 numbers in 200 applications in one fast pass', function () {
    this.timeout(20_000);
    const { numbers } = manyNumbers(20_000, 200);
    buildInventory(numbers, options); // warm up
    const { value: inv, ms } = cpuTimed(() => buildInventory(numbers, options));
    assert.equal(inv.entries.length, 20_000);
    assert.equal(inv.applications.size, 200);
    assert.equal(inv.unassigned.entries.length, 1000);
    assert.ok(ms < 250, `grouping took ${ms.toFixed(1)} ms of CPU`);
    // Twice the input takes about twice the time (linear), not four times.
    const double = manyNumbers(40_000, 200).numbers;
    buildInventory(double, options);
    const { ms: ms2 } = cpuTimed(() => buildInventory(double, options));
    assert.ok(ms2 < Math.max(ms * 4, 40), `40,000 took ${ms2.toFixed(1)} ms vs ${ms.toFixed(1)} ms of CPU for 20,000`);
    const largest = [...inv.applications.values()].sort((a, b) => b.entries.length - a.entries.length)[0];
    const { ms: ms3 } = cpuTimed(() => largest.sorted());
    assert.ok(ms3 < 50, `sorting the largest application is fast: ${ms3.toFixed(1)} ms of CPU`);
  });
});
