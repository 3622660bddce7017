import { isValidPhoneNumber } from '../sinch/guards';
import type { Money, RentedNumber } from '../sinch/types';
import { l10n } from '../platform/l10n';
import { normaliseKey } from './applicationKey';
import { totalsByCurrency, type CostLine } from './money';
import { NumberList } from './numberList';
import { daysCount } from './wording';

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
  /** The group of each of the list's key spellings: a number's group is `groupOfKey[list.keyIndex[i]]`. */
  private readonly groupOfKey: Uint32Array;
  private readonly groups: readonly Group[];

  constructor(
    readonly list: NumberList,
    options: InventoryOptions,
  ) {
    this.now = options.now;
    this.expiryWarningDays = options.expiryWarningDays;
    this.warnMs = Math.max(0, options.expiryWarningDays) * DAY_MS;
    const sort = (indexes: Uint32Array) => sortForDisplay(indexes, this);
    const first = firstPass(list, sort);
    this.groupOfKey = first.groupOfKey;
    this.groups = first.groups;
    this.invalid = first.invalid;
    this.totals = totalsByCurrency(first.costs);
    placeNumbers(this.groups, list, this.groupOfKey, { now: this.now, warnUntil: this.now + this.warnMs });
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
    return this.groups[this.groupOfKey[this.list.keyIndex[index]]].applicationKey;
  }

  /** How many groups there are (Unassigned is group 0). */
  get groupCount(): number {
    return this.groups.length;
  }

  /** The group (0 … groupCount - 1) of the number at `index`: for per-group tallies without lookups. */
  groupIdOf(index: number): number {
    return this.groupOfKey[this.list.keyIndex[index]];
  }

  group(id: number): InventoryGroup {
    return this.groups[id];
  }

  /** What a row shows of the number at `index`. */
  entry(index: number): InventoryEntry {
    const number = this.list.numbers[index];
    const at = this.list.expiresAt[index];
    return {
      number,
      index,
      id: this.list.idOf(index),
      valid: isValidPhoneNumber(number.number),
      expiresAt: at === at ? at : undefined,
      expiry: this.expiryOf(index),
      applicationKey: this.keyOf(index),
    };
  }

  /** The position of the first listing of `value` (E.164 digits), or -1. */
  indexOf(value: number): number {
    return this.list.indexOf(value);
  }

  /** What a row shows of the first listing of `value` (E.164 digits), if the list has it. */
  entryOf(value: number): InventoryEntry | undefined {
    const index = this.list.indexOf(value);
    return index < 0 ? undefined : this.entry(index);
  }
}

export function buildInventory(numbers: NumberList | readonly RentedNumber[], options: InventoryOptions): Inventory {
  // By shape, not instanceof: the benchmark groups the extension's list with its own bundle's copy of this module.
  return new Inventory(Array.isArray(numbers) ? NumberList.of(numbers) : (numbers as NumberList), options);
}

/** Shared by groups until their positions are placed (an ArrayBuffer per group adds up at 2,000 groups). */
const NO_POSITIONS = new Uint32Array(0);

class Group implements InventoryGroup {
  size = 0;
  expiring = 0;
  expired = 0;
  indexes = NO_POSITIONS;
  private order: Uint32Array | undefined;

  constructor(
    readonly applicationKey: string | undefined,
    private readonly sort: (indexes: Uint32Array) => Uint32Array,
  ) {}

  sorted(): Uint32Array {
    return (this.order ??= this.sort(this.indexes));
  }
}

/**
 * The groups: the list already knows which of its (few thousand) key spellings each number
 * has and how many have each, so this normalises the spellings and adds up: no pass over the
 * numbers.
 */
function firstPass(list: NumberList, sort: (indexes: Uint32Array) => Uint32Array) {
  const { keys, keyCounts } = list.facts;
  const groups = [new Group(undefined, sort)];
  groups[UNASSIGNED].size = keyCounts[0];
  const byKey = new Map<string, number>();
  const groupOfKey = new Uint32Array(keys.length);
  for (let k = 1; k < keys.length; k++) {
    // Two spellings of one key (case, spaces) are one application.
    const key = normaliseKey(keys[k]!);
    let g = byKey.get(key);
    if (g === undefined) byKey.set(key, (g = groups.push(new Group(key, sort)) - 1));
    groupOfKey[k] = g;
    groups[g].size += keyCounts[k];
  }
  const costs = [...list.facts.costs].map(([cost, quantity]): CostLine => ({ cost, quantity }));
  return { groupOfKey, groups, costs, invalid: list.facts.invalid };
}

/**
 * The one pass over the numbers: each group's positions (in list order) and expiry counts.
 * All positions live in one buffer, each group a view of its part: one allocation, not one
 * per application.
 */
function placeNumbers(
  groups: readonly Group[],
  list: NumberList,
  groupOfKey: Uint32Array,
  clock: { now: number; warnUntil: number },
): void {
  const start = new Uint32Array(groups.length + 1);
  for (let g = 0; g < groups.length; g++) start[g + 1] = start[g] + groups[g].size;
  const positions = new Uint32Array(list.size);
  const next = start.slice(0, groups.length);
  const expired = new Uint32Array(groups.length);
  const expiring = new Uint32Array(groups.length);
  const { keyIndex, expiresAt } = list;
  const { now, warnUntil } = clock;
  for (let i = 0; i < keyIndex.length; i++) {
    const g = groupOfKey[keyIndex[i]];
    positions[next[g]++] = i;
    // As expiryOf decides, inline: NaN (no date) is neither.
    const at = expiresAt[i];
    if (at <= now) expired[g]++;
    else if (at <= warnUntil) expiring[g]++;
  }
  groups.forEach((group, g) => {
    group.indexes = positions.subarray(start[g], start[g + 1]);
    group.expired = expired[g];
    group.expiring = expiring[g];
  });
}

/**
 * Expired first (they need action now), then expiring soonest first, then by number; invalid
 * values last. The numbers are split by that rank first: Sinch lists them in number order,
 * so the large "ok" part usually needs no sort at all (checked, not assumed), and only the
 * few expiring ones are sorted by date.
 */
function sortForDisplay(indexes: Uint32Array, inventory: Inventory): Uint32Array {
  const { numbers, expiresAt } = inventory.list;
  const ranks: number[][] = [[], [], [], []];
  for (let k = 0; k < indexes.length; k++) {
    const i = indexes[k];
    const e = inventory.expiryOf(i);
    ranks[!isValidPhoneNumber(numbers[i].number) ? 3 : e === 'expired' ? 0 : e === 'expiring' ? 1 : 2].push(i);
  }
  const byNumber = (a: number, b: number) => numbers[a].number - numbers[b].number;
  const byDate = (a: number, b: number) => expiresAt[a] - expiresAt[b] || byNumber(a, b);
  ranks[0].sort(byDate);
  ranks[1].sort(byDate);
  for (const rank of [ranks[2], ranks[3]]) if (!ascending(rank, numbers)) rank.sort(byNumber);
  const order = new Uint32Array(indexes.length);
  let at = 0;
  for (const rank of ranks) {
    order.set(rank, at);
    at += rank.length;
  }
  return order;
}

function ascending(indexes: readonly number[], numbers: readonly RentedNumber[]): boolean {
  for (let k = 1; k < indexes.length; k++)
    if (numbers[indexes[k - 1]].number > numbers[indexes[k]].number) return false;
  return true;
}

/** Whole days until the expiry, rounded up ("expires in 1 day" until the moment it expires). */
export function daysUntil(expiresAt: number, now: number): number {
  return Math.ceil((expiresAt - now) / DAY_MS);
}

/** "expires in 6 days", "expired today", "expired 3 days ago". */
export function describeExpiry(expiresAt: number, now: number): string {
  if (expiresAt <= now) {
    const ago = Math.floor((now - expiresAt) / DAY_MS);
    return ago === 0 ? l10n.t('expired today') : l10n.t('expired {0} ago', daysCount(ago));
  }
  return l10n.t('expires in {0}', daysCount(daysUntil(expiresAt, now)));
}

/** Monthly cost per currency (one entry per currency, sorted by currency code), summed exactly as the rent flow sums it. */
export function monthlyTotals(numbers: Iterable<Pick<RentedNumber, 'cost'>>): MonthlyTotal[] {
  // Numbers of one list share their price objects: one count per distinct price.
  const counts = new Map<Money, number>();
  for (const { cost } of numbers) if (Number.isFinite(cost.amount)) counts.set(cost, (counts.get(cost) ?? 0) + 1);
  return totalsByCurrency([...counts].map(([cost, quantity]) => ({ cost, quantity })));
}
