// What the Numbers Overview shows, computed from the inventory the tree already holds (no
// request): the monthly cost per currency, by application and by country (top ten and
// "others"), the expiry timeline, the unused numbers and the recent activity. One pass over
// the numbers, in typed arrays; money in millionths (exact, as money.ts sums it). The result is
// plain JSON for the webview: every text is made here (formatted, translated) and is drawn
// there as text only.
import type { Inventory } from '../numbers/inventory';
import { DAY_MS } from '../numbers/inventory';
import type { ActivityEntry } from '../numbers/activity';
import { formatMoney, fromUnits, toUnits } from '../numbers/money';
import { monthlySpend } from '../numbers/monthlySpend';
import { countryName, formatPhoneNumber } from '../numbers/phoneFormat';
import { expiryFilterTerm } from '../numbers/filter';
import { numbersCount, orgLabel, type OrgRef } from '../numbers/wording';
import { l10n } from '../platform/l10n';
import type { Money } from '../sinch/types';
import { entryNumbers, entrySummary, entryTime } from '../numbers/activityText';

export const TOP_BARS = 10;
export const WEEKS = 13;
/** Rows of the unused list drawn at once; the rest are counted and shown in the tree. */
export const UNUSED_ROWS = 100;
export const ACTIVITY_ROWS = 20;

export interface Bar {
  label: string;
  /** The bar's length: millionths of the currency. */
  value: number;
  /** "12.00 USD/month · 6 numbers". */
  text: string;
  count: number;
  /** The tree filter a click applies; absent for "others". */
  filter?: string;
}

export interface CurrencySection {
  currencyId: string;
  total: string;
  count: number;
  byApplication: Bar[];
  byCountry: Bar[];
}

export interface WeekBar {
  label: string;
  count: number;
  filter: string;
}

export interface UnusedRow {
  number: number;
  text: string;
  detail: string;
}

export interface UnusedSection {
  /** "6 numbers, 12.00 USD a month, on no application". */
  headline: string;
  count: number;
  totals: string;
  rows: UnusedRow[];
  more: number;
  /** True once a workspace scan narrowed the list to numbers no file mentions. */
  scanned: boolean;
  scanNote?: string;
  filter: string;
}

export interface ActivityRow {
  time: string;
  summary: string;
  numbers: string;
  message: string;
  values: number[];
}

export interface OverviewData {
  state: 'ready' | 'signedOut' | 'empty' | 'loading';
  organisation: string;
  /** "Read at 21:14", "stale: the last refresh failed". */
  status: string;
  currencies: CurrencySection[];
  timeline: { expired: WeekBar; weeks: WeekBar[]; later: number; noDate: number; summary: string };
  unused: UnusedSection;
  activity: ActivityRow[];
  total: number;
}

/** The result of a Scan Workspace: which numbers some file mentions. */
export interface ScanResult {
  organisationId: string;
  mentioned: ReadonlySet<number>;
  files: number;
  skipped: number;
  at: number;
}

export interface OverviewInput {
  inventory: Inventory;
  org: OrgRef;
  labelOf(key: string): string | undefined;
  scan?: ScanResult;
  activity: readonly ActivityEntry[];
  status: string;
}

interface Tally {
  units: Float64Array;
  counts: Uint32Array;
  countries: Map<string, { units: number; count: number; name: string }>;
  count: number;
  units_total: number;
}

/** Every section of the overview. O(n) over the numbers, plus sorting the groups. */
export function buildOverview(input: OverviewInput): OverviewData {
  const { inventory } = input;
  return {
    state: 'ready',
    organisation: orgLabel(input.org),
    status: input.status,
    currencies: costSections(inventory, input.labelOf),
    timeline: timeline(inventory),
    unused: unusedSection(inventory, input.scan),
    activity: activityRows(input.activity, input.org.id),
    total: inventory.size,
  };
}

/** Per currency: the total, then bars by application and by country. */
export function costSections(inventory: Inventory, labelOf: (key: string) => string | undefined): CurrencySection[] {
  const tallies = new Map<string, Tally>();
  const unitsOf = new Map<Money, number>();
  const numbers = inventory.numbers;
  const groups = inventory.groupCount;
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i];
    const cost = n.cost;
    let units = unitsOf.get(cost);
    if (units === undefined) unitsOf.set(cost, (units = Number.isFinite(cost.amount) ? toUnits(cost.amount) : NaN));
    if (units !== units) continue; // no readable price: not part of any sum
    let t = tallies.get(cost.currencyId);
    if (!t) {
      t = {
        units: new Float64Array(groups),
        counts: new Uint32Array(groups),
        countries: new Map(),
        count: 0,
        units_total: 0,
      };
      tallies.set(cost.currencyId, t);
    }
    const g = inventory.groupIdOf(i);
    t.units[g] += units;
    t.counts[g]++;
    t.count++;
    t.units_total += units;
    let c = t.countries.get(n.countryId);
    if (!c) t.countries.set(n.countryId, (c = { units: 0, count: 0, name: countryName(n.countryId, n.country) }));
    c.units += units;
    c.count++;
  }
  const totals = new Map(monthlySpend(inventory).map((m) => [m.currencyId, m]));
  return [...tallies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currencyId, t]) => {
      const apps: Bar[] = [];
      for (let g = 0; g < groups; g++) {
        if (t.counts[g] === 0) continue;
        const key = inventory.group(g).applicationKey;
        apps.push(
          bar(
            key === undefined ? l10n.t('No application') : applicationName(key, labelOf),
            t.units[g],
            t.counts[g],
            currencyId,
            key === undefined ? 'app:none' : `app:${key}`,
          ),
        );
      }
      const countries = [...t.countries.entries()].map(([id, c]) =>
        bar(c.name === id ? id : `${c.name} (${id})`, c.units, c.count, currencyId, `country:${id}`),
      );
      return {
        currencyId,
        total: formatMoney(totals.get(currencyId) ?? { amount: fromUnits(t.units_total), currencyId }),
        count: t.count,
        byApplication: topBars(apps, currencyId),
        byCountry: topBars(countries, currencyId),
      };
    });
}

function applicationName(key: string, labelOf: (key: string) => string | undefined): string {
  const label = labelOf(key);
  return label ? `${label} (${key.slice(0, 8)}…)` : `${key.slice(0, 8)}…`;
}

function bar(label: string, units: number, count: number, currencyId: string, filter?: string): Bar {
  return {
    label,
    value: units,
    count,
    text: l10n.t(
      '{0} · {1}',
      l10n.t('{0}/month', formatMoney({ amount: fromUnits(units), currencyId })),
      numbersCount(count),
    ),
    ...(filter ? { filter } : {}),
  };
}

/** The ten largest (by cost, then count, then label), and one "others" bar for the rest. */
export function topBars(bars: Bar[], currencyId: string): Bar[] {
  const sorted = [...bars].sort((a, b) => b.value - a.value || b.count - a.count || a.label.localeCompare(b.label));
  if (sorted.length <= TOP_BARS) return sorted;
  const rest = sorted.slice(TOP_BARS);
  const units = rest.reduce((s, b) => s + b.value, 0);
  const count = rest.reduce((s, b) => s + b.count, 0);
  return [...sorted.slice(0, TOP_BARS), bar(l10n.t('{0} others', rest.length), units, count, currencyId)];
}

/** The UTC midnight at or before `t`. */
export function dayStart(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/** Expired, then each of the next 13 weeks (from today, UTC), then later and no date. */
export function timeline(inventory: Inventory): OverviewData['timeline'] {
  const { now } = inventory;
  const today = dayStart(now);
  const weekMs = 7 * DAY_MS;
  const counts = new Uint32Array(WEEKS);
  let expired = 0;
  let later = 0;
  let noDate = 0;
  const at = inventory.list.expiresAt;
  for (let i = 0; i < at.length; i++) {
    const t = at[i];
    if (t !== t) noDate++;
    else if (t <= now) expired++;
    else {
      const k = Math.floor((t - today) / weekMs);
      if (k < WEEKS) counts[k]++;
      else later++;
    }
  }
  const day = (t: number) => new Date(t).toISOString().slice(5, 10);
  const weeks = [...counts].map((count, k) => ({
    label: l10n.t('from {0}', day(today + k * weekMs)),
    count,
    filter: expiryFilterTerm(today + k * weekMs, 7),
  }));
  const soon = weeks.reduce((s, w) => s + w.count, 0);
  return {
    expired: { label: l10n.t('expired'), count: expired, filter: 'is:expired' },
    weeks,
    later,
    noDate,
    summary: l10n.t(
      '{0} expired, {1} expiring in the next 13 weeks, {2} later, {3} without an expiry date.',
      numbersCount(expired),
      numbersCount(soon),
      numbersCount(later),
      numbersCount(noDate),
    ),
  };
}

/**
 * The unused numbers: on no application; after a scan of this organisation, also mentioned by
 * no file of the workspace. Numbers of one value listed twice count once each, as the tree does.
 */
export function unusedIndexes(inventory: Inventory, scan?: ScanResult): number[] {
  const out: number[] = [];
  const free = inventory.unassigned.sorted();
  for (let k = 0; k < free.length; k++) {
    const i = free[k];
    if (scan && scan.mentioned.has(inventory.numbers[i].number)) continue;
    out.push(i);
  }
  return out;
}

function unusedSection(inventory: Inventory, scan: ScanResult | undefined): UnusedSection {
  const indexes = unusedIndexes(inventory, scan);
  const costs = new Map<string, number>();
  for (const i of indexes) {
    const { cost } = inventory.numbers[i];
    if (Number.isFinite(cost.amount))
      costs.set(cost.currencyId, (costs.get(cost.currencyId) ?? 0) + toUnits(cost.amount));
  }
  const totals = [...costs.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currencyId, units]) => formatMoney({ amount: fromUnits(units), currencyId }))
    .join(' + ');
  const money = totals || formatMoney({ amount: 0, currencyId: 'USD' });
  const headline = scan
    ? l10n.t('{0}, {1} a month, that nothing here uses', numbersCount(indexes.length), money)
    : l10n.t('{0}, {1} a month, on no application', numbersCount(indexes.length), money);
  return {
    headline,
    count: indexes.length,
    totals: money,
    rows: indexes.slice(0, UNUSED_ROWS).map((i) => {
      const n = inventory.numbers[i];
      return {
        number: n.number,
        text: formatPhoneNumber(n.number),
        detail: l10n.t(
          '{0}, {1}',
          n.city || countryName(n.countryId, n.country),
          l10n.t('{0}/month', formatMoney(n.cost)),
        ),
      };
    }),
    more: Math.max(0, indexes.length - UNUSED_ROWS),
    scanned: scan !== undefined,
    ...(scan
      ? {
          scanNote: l10n.t(
            'Scanned {0} files ({1} skipped: excluded or too large); {2} of the numbers on no application are mentioned in a file.',
            scan.files,
            scan.skipped,
            inventory.unassigned.size - indexes.length,
          ),
        }
      : {}),
    filter: 'app:none',
  };
}

/** The newest entries of this organisation first. */
export function activityRows(entries: readonly ActivityEntry[], organisationId: string): ActivityRow[] {
  const out: ActivityRow[] = [];
  for (let k = entries.length - 1; k >= 0 && out.length < ACTIVITY_ROWS; k--) {
    const e = entries[k];
    if (e.organisationId !== organisationId) continue;
    out.push({
      time: entryTime(e.time),
      summary: entrySummary(e),
      numbers: entryNumbers(e),
      message: e.message,
      values: e.numbers,
    });
  }
  return out;
}
