import { isValidPhoneNumber } from '../sinch/guards';
import type { Money, RentedNumber } from '../sinch/types';
import { formatMoney, totalsByCurrency, type CostLine } from '../rent/rental';
import { NumberList } from './numberList';
import { count, plural } from './wording';

// Re-exported for the tree's nodes.ts (the rent engineer's file for now); new code imports wording.ts.
export { count, plural };
export { parseExpiry } from './numberList';

/**
 * The organisation's numbers grouped by application, built in one pass over the list (O(n),
 * no object per number): each number's group is a small integer, each group a typed array of
 * positions in the list. A group sorts itself the first time it is shown, and only then; what
 * a row shows of a number is derived when the row is made (`entry`), never kept.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** `expired`: the expiry date has passed; `expiring`: within the warning window; `none`: no (readable) date. */
export type ExpiryState = 'expired' | 'expiring' | 'ok' | 'none';

/** What a row (or an export line) shows of one number; made on demand, not kept by the inventory. */
export interface InventoryEntry {
  readonly number: RentedNumber;
  /** Its position in the list. */
  readonly index: number;
  /** Unique within one inventory (also when the server lists a number twice): the tree item id. */
  readonly id: string;
  /** False for a value that is not a phone number (16+ digits, unsafe integer): shown, never sent back. */
  readonly valid: boolean;
  /** The expiry as epoch milliseconds, when the server sent a readable date. */
  readonly expiresAt: number | undefined;
  readonly expiry: ExpiryState;
  /** Normalised application key (lower case), undefined when unassigned. */
  readonly applicationKey: string | undefined;
}

export interface InventoryGroup {
  /** Normalised (lower-case) key; undefined for the unassigned numbers. */
  readonly applicationKey: string | undefined;
  /** How many numbers it holds. */
  readonly size: number;
  /** Their positions in the list, in the order the server sent them. */
  readonly indexes: Uint32Array;
  readonly expiring: number;
  readonly expired: number;
  /** Positions for display: expired, then expiring (soonest first), then by number; invalid last. Cached. */
  sorted(): Uint32Array;
}

export interface MonthlyTotal {
  currencyId: string;
  amount: number;
}

export interface InventoryOptions {
  now: number;
  expiryWarningDays: number;
}

/** Application keys are UUIDs; Sinch may spell them in either case. */
export function normaliseKey(key: string): string {
  return key.trim().toLowerCase();
}

/** Group 0 holds the unassigned numbers; applications follow in first-seen order. */
const UNASSIGNED = 0;

export class Inventory {
  /** Applications that hold numbers, by normalised key, in first-seen order. */
  readonly applications: ReadonlyMap<string, InventoryGroup>;
  readonly unassigned: InventoryGroup;
  readonly totals: readonly MonthlyTotal[];
  readonly expiring: number;
  readonly expired: number;
  readonly invalid: number;
  /** The clock reading the expiry states were computed against. */
  readonly now: number;
  readonly expiryWarningDays: number;
  private readonly warnMs: number;
  /** Each number's group (an index into `groups`). */
  private readonly groupOf: Uint32Array;
  private readonly groups: readonly Group[];

  constructor(readonly list: NumberList, options: InventoryOptions) {
    this.now = options.now;
    this.expiryWarningDays = options.expiryWarningDays;
    this.warnMs = Math.max(0, options.expiryWarningDays) * DAY_MS;
    const sort = (indexes: Uint32Array) => sortForDisplay(indexes, this);
    const first = firstPass(list, sort);
    this.groupOf = first.groupOf;
    this.groups = first.groups;
    this.invalid = first.invalid;
    this.totals = totalsByCurrency(first.costs);
    placeNumbers(this.groups, this.groupOf, (i) => this.expiryOf(i));
    this.unassigned = this.groups[UNASSIGNED];
    this.applications = new Map(this.groups.slice(1).map((g) => [g.applicationKey!, g]));
    this.expiring = this.groups.reduce((s, g) => s + g.expiring, 0);
    this.expired = this.groups.reduce((s, g) => s + g.expired, 0);
  }

  /** Every number, in the order the server sent them. */
  get numbers(): readonly RentedNumber[] {
    return this.list.numbers;
  }

  get size(): number {
    return this.list.size;
  }

  expiryOf(index: number): ExpiryState {
    const at = this.list.expiresAt[index];
    if (at !== at) return 'none'; // NaN: no readable date
    if (at <= this.now) return 'expired';
    return at - this.now <= this.warnMs ? 'expiring' : 'ok';
  }

  /** The normalised application key of the number at `index`, undefined when unassigned. */
  keyOf(index: number): string | undefined {
    return this.groups[this.groupOf[index]].applicationKey;
  }

  /** How many groups there are (Unassigned is group 0). */
  get groupCount(): number {
    return this.groups.length;
  }

  /** The group (0 … groupCount - 1) of the number at `index`: for per-group tallies without lookups. */
  groupIdOf(index: number): number {
    return this.groupOf[index];
  }

  group(id: number): InventoryGroup {
    return this.groups[id];
  }

  /** What a row shows of the number at `index`. */
  entry(index: number): InventoryEntry {
    const number = this.list.numbers[index];
    const at = this.list.expiresAt[index];
    return {
      number, index, id: this.list.idOf(index), valid: isValidPhoneNumber(number.number),
      expiresAt: at === at ? at : undefined, expiry: this.expiryOf(index), applicationKey: this.keyOf(index),
    };
  }

  /** The position of the first listing of `value` (E.164 digits), or -1. */
  indexOf(value: number): number {
    return this.list.indexOf(value);
  }
}

export function buildInventory(numbers: NumberList | readonly RentedNumber[], options: InventoryOptions): Inventory {
  return new Inventory(numbers instanceof NumberList ? numbers : NumberList.of(numbers), options);
}

class Group implements InventoryGroup {
  size = 0;
  expiring = 0;
  expired = 0;
  indexes = EMPTY;
  private order: Uint32Array | undefined;

  constructor(readonly applicationKey: string | undefined, private readonly sort: (indexes: Uint32Array) => Uint32Array) {}

  sorted(): Uint32Array {
    return (this.order ??= this.sort(this.indexes));
  }
}

const EMPTY = new Uint32Array(0);

/** Each number's group, the groups' sizes, invalid values, and how many numbers have each (shared) price. */
function firstPass(list: NumberList, sort: (indexes: Uint32Array) => Uint32Array) {
  const { numbers } = list;
  const groupOf = new Uint32Array(numbers.length);
  const groups = [new Group(undefined, sort)];
  const byRawKey = new Map<string, number>();
  const byKey = new Map<string, number>();
  const costs = new CostTally();
  let invalid = 0;
  const sizes = [0];
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i];
    let g = UNASSIGNED;
    const raw = n.applicationKey;
    if (raw) {
      g = byRawKey.get(raw) ?? -1;
      if (g < 0) {
        // Two spellings of one key (case, spaces) are one application.
        const key = normaliseKey(raw);
        g = byKey.get(key) ?? groups.length;
        if (g === groups.length) {
          groups.push(new Group(key, sort));
          sizes.push(0);
        }
        byKey.set(key, g);
        byRawKey.set(raw, g);
      }
    }
    groupOf[i] = g;
    sizes[g]++;
    costs.add(n.cost);
    if (!isValidPhoneNumber(n.number)) invalid++;
  }
  for (let g = 0; g < groups.length; g++) groups[g].size = sizes[g];
  return { groupOf, groups, costs: costs.lines(), invalid };
}

/**
 * How many numbers have each price. Numbers of one list share their price objects and an
 * organisation has a handful of prices, so a short scan by identity beats a map.
 */
class CostTally {
  private readonly prices: Money[] = [];
  private readonly counts: number[] = [];
  private readonly more = new Map<Money, number>();

  add(cost: Money): void {
    if (!Number.isFinite(cost.amount)) return;
    const { prices } = this;
    for (let k = 0; k < prices.length; k++) {
      if (prices[k] === cost) {
        this.counts[k]++;
        return;
      }
    }
    if (prices.length < 16) {
      prices.push(cost);
      this.counts.push(1);
    } else {
      this.more.set(cost, (this.more.get(cost) ?? 0) + 1);
    }
  }

  lines(): CostLine[] {
    return [...this.prices.map((cost, k) => ({ cost, quantity: this.counts[k] })), ...[...this.more].map(([cost, quantity]) => ({ cost, quantity }))];
  }
}

/** Second pass: each group's positions (in list order) and expiry counts. */
function placeNumbers(groups: readonly Group[], groupOf: Uint32Array, expiryOf: (i: number) => ExpiryState): void {
  const filled = new Uint32Array(groups.length);
  const expired = new Uint32Array(groups.length);
  const expiring = new Uint32Array(groups.length);
  const indexes = groups.map((g) => (g.size === 0 ? EMPTY : new Uint32Array(g.size)));
  for (let i = 0; i < groupOf.length; i++) {
    const id = groupOf[i];
    indexes[id][filled[id]++] = i;
    const e = expiryOf(i);
    if (e === 'expired') expired[id]++;
    else if (e === 'expiring') expiring[id]++;
  }
  groups.forEach((g, id) => Object.assign(g, { indexes: indexes[id], expired: expired[id], expiring: expiring[id] }));
}

/** Expired first (they need action now), then expiring soonest first, then by number; invalid values last. */
function sortForDisplay(indexes: Uint32Array, inventory: Inventory): Uint32Array {
  const { numbers, expiresAt } = inventory.list;
  const n = indexes.length;
  // Keys computed once per number, not once per comparison.
  const rank = new Uint8Array(n);
  const primary = new Float64Array(n);
  const value = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = indexes[k];
    const num = numbers[i].number;
    const e = inventory.expiryOf(i);
    rank[k] = !isValidPhoneNumber(num) ? 3 : e === 'expired' ? 0 : e === 'expiring' ? 1 : 2;
    primary[k] = rank[k] < 2 ? expiresAt[i] : 0;
    value[k] = num;
  }
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  order.sort((a, b) => rank[a] - rank[b] || primary[a] - primary[b] || value[a] - value[b]);
  for (let k = 0; k < n; k++) order[k] = indexes[order[k]];
  return order;
}

/** The state of an expiry (epoch ms) against `now` and a warning window. */
export function expiryState(expiresAt: number | undefined, now: number, warnMs: number): ExpiryState {
  if (expiresAt === undefined) return 'none';
  if (expiresAt <= now) return 'expired';
  return expiresAt - now <= warnMs ? 'expiring' : 'ok';
}

/** Whole days until the expiry, rounded up ("expires in 1 day" until the moment it expires). */
export function daysUntil(expiresAt: number, now: number): number {
  return Math.ceil((expiresAt - now) / DAY_MS);
}

/** "expires in 6 days", "expired today", "expired 3 days ago". */
export function describeExpiry(expiresAt: number, now: number): string {
  if (expiresAt <= now) {
    const ago = Math.floor((now - expiresAt) / DAY_MS);
    return ago === 0 ? 'expired today' : `expired ${plural(ago, 'day')} ago`;
  }
  return `expires in ${plural(daysUntil(expiresAt, now), 'day')}`;
}

/** Monthly cost per currency (one entry per currency, sorted by currency code), summed exactly as the rent flow sums it. */
export function monthlyTotals(numbers: Iterable<Pick<RentedNumber, 'cost'>>): MonthlyTotal[] {
  const costs = new CostTally();
  for (const n of numbers) costs.add(n.cost);
  return totalsByCurrency(costs.lines());
}

// One way to write money everywhere: a JPY price reads the same in the tree and in the rent modal.
export { formatMoney };

/** "12.00 USD/month", "12.00 USD/month + 2.50 EUR/month"; empty text when there is no cost. */
export function formatTotals(totals: readonly MonthlyTotal[]): string {
  return totals.map((t) => `${formatMoney(t)}/month`).join(' + ');
}
