// The overview's aggregations: money per currency in exact sums, top ten and others, the
// expiry timeline's buckets, the unused-number rules, the scan's globs and the spend limit.
import * as assert from 'node:assert/strict';
import { buildInventory } from '../../../src/numbers/inventory';
import { costSections, timeline, unusedIndexes, TOP_BARS } from '../../../src/overview/overviewData';
import { globsMatcher, mentionedNumbers } from '../../../src/overview/workspaceScan';
import { barLengths, columnBoxes } from '../../../src/overview/chartLayout';
import { limitBreachSentence, readSpendLimits, spendLimitBreaches } from '../../../src/numbers/monthlySpend';
import { parseFilter } from '../../../src/numbers/filter';
import { aNumber, APP_A, APP_B, DAY, iso, NOW } from '../../support/builders';

const usd = (amount: number) => ({ amount, currencyId: 'USD' });

describe('overview data', () => {
  it('sums the monthly cost per currency exactly, by application and by country', () => {
    const inv = buildInventory(
      [
        aNumber({ number: 14150000001, applicationKey: APP_A, cost: usd(0.1) }),
        aNumber({ number: 14150000002, applicationKey: APP_A, cost: usd(0.2) }),
        aNumber({ number: 33100000001, countryId: 'FR', country: 'France', cost: { amount: 3, currencyId: 'EUR' } }),
        aNumber({ number: 14150000003, applicationKey: APP_B, cost: usd(1) }),
      ],
      { now: NOW, expiryWarningDays: 30 },
    );
    const sections = costSections(inv, () => undefined);
    assert.deepEqual(
      sections.map((s) => [s.currencyId, s.total, s.count]),
      [
        ['EUR', '3.00 EUR', 1],
        ['USD', '1.30 USD', 3],
      ],
    );
    const usdApps = sections[1].byApplication;
    assert.equal(usdApps[0].filter, `app:${APP_B}`);
    assert.equal(usdApps[1].value, 300_000);
    assert.equal(sections[0].byCountry[0].filter, 'country:FR');
  });

  it('shows the ten largest and one "others" bar', () => {
    const numbers = Array.from({ length: 15 }, (_, i) =>
      aNumber({
        number: 14150000100 + i,
        applicationKey: `${String(i).padStart(8, '0')}-4227-4913-8c81-2db4abb54fb3`,
        cost: usd(i + 1),
      }),
    );
    const bars = costSections(buildInventory(numbers, { now: NOW, expiryWarningDays: 30 }), () => undefined)[0]
      .byApplication;
    assert.equal(bars.length, TOP_BARS + 1);
    assert.equal(bars[0].value, 15_000_000);
    assert.equal(bars[TOP_BARS].filter, undefined);
    assert.equal(bars[TOP_BARS].count, 5);
    assert.equal(bars[TOP_BARS].value, (1 + 2 + 3 + 4 + 5) * 1_000_000);
  });

  it('buckets expiries: expired, thirteen weeks from today (UTC), later, no date; the filter matches the bar', () => {
    const numbers = [
      aNumber({ number: 14150000001, expires: iso(NOW - DAY) }),
      aNumber({ number: 14150000002, expires: iso(NOW + DAY) }),
      aNumber({ number: 14150000003, expires: iso(NOW + 8 * DAY) }),
      aNumber({ number: 14150000004, expires: iso(NOW + 200 * DAY) }),
      aNumber({ number: 14150000005, expires: undefined }),
    ];
    const inv = buildInventory(numbers, { now: NOW, expiryWarningDays: 30 });
    const t = timeline(inv);
    assert.equal(t.expired.count, 1);
    assert.equal(t.weeks.length, 13);
    assert.equal(t.weeks[0].count, 1);
    assert.equal(t.weeks[1].count, 1);
    assert.equal(t.later, 1);
    assert.equal(t.noDate, 1);
    const filter = parseFilter(t.weeks[1].filter)!;
    const matched = numbers.map((_, i) => i).filter((i) => filter.test(inv, i, { applicationLabel: () => undefined }));
    assert.deepEqual(matched, [2]);
  });

  it('calls a number unused when it is on no application and, after a scan, no file mentions it', () => {
    const inv = buildInventory(
      [
        aNumber({ number: 14150000001 }),
        aNumber({ number: 14150000002 }),
        aNumber({ number: 14150000003, applicationKey: APP_A }),
      ],
      { now: NOW, expiryWarningDays: 30 },
    );
    assert.deepEqual(unusedIndexes(inv), [0, 1]);
    const scan = { organisationId: '1', mentioned: new Set([14150000002]), files: 1, skipped: 0, at: NOW };
    assert.deepEqual(unusedIndexes(inv, scan), [0]);
  });

  it('the scan finds numbers as the code insights do, and excludes by glob', () => {
    assert.deepEqual(mentionedNumbers('FROM="+14150000001" // +1 (415) 000-0002'), [14150000001, 14150000002]);
    assert.deepEqual(mentionedNumbers('\0binary +14150000001'), []);
    const excluded = globsMatcher(['**/node_modules/**', '**/*.min.*', 'dist', '**/*.{log,tmp}']);
    assert.equal(excluded('a/node_modules/x.js'), true);
    assert.equal(excluded('web/app.min.js'), true);
    assert.equal(excluded('dist/out.js'), true);
    assert.equal(excluded('logs/x.log'), true);
    assert.equal(excluded('src/config.ts'), false);
  });

  it('lays out bars and columns by value', () => {
    assert.deepEqual(barLengths([0, 50, 100], 200), [0, 100, 200]);
    const boxes = columnBoxes([1, 2], 100, 50, 0);
    assert.deepEqual(
      boxes.map((b) => [b.x, b.height]),
      [
        [0, 25],
        [50, 50],
      ],
    );
  });

  it('spend limit: says when a rental takes the monthly cost above it, per currency', () => {
    const limits = readSpendLimits({ usd: 50, EUR: -1, XX: 3 });
    assert.deepEqual(limits, { USD: 50 });
    const breaches = spendLimitBreaches([usd(41)], [usd(12)], limits);
    assert.equal(breaches.length, 1);
    assert.equal(
      limitBreachSentence({ id: '8888123', name: 'Acme' }, breaches[0]),
      "This takes Acme's monthly cost from 41.00 to 53.00 USD, above your limit of 50.00.",
    );
    assert.deepEqual(spendLimitBreaches([usd(41)], [usd(9)], limits), []);
    assert.deepEqual(spendLimitBreaches([usd(41)], [{ amount: 100, currencyId: 'EUR' }], limits), []);
  });
});
