import { isValidPhoneNumber } from '../sinch/guards';
import type { RentedNumber } from '../sinch/types';
import { digitsOf } from './phoneFormat';
import { totalsByCurrency, type CostLine } from './money';
import { daysCount } from './wording';
import { l10n } from '../platform/l10n';
import { normaliseKey } from './applicationKey';


/**
 * The organisation's numbers grouped by application, built once per refresh in one pass
 * (O(n)); each group sorts itself the first time it is shown, and only then.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** `expired`: the expiry date has passed; `expiring`: within the warning window; `none`: no (readable) date. */
export type ExpiryState = 'expired' | 'expiring' | 'ok' | 'none';

export interface InventoryEntry {
  readonly number: RentedNumber;
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
  /** In the order the server sent them. */
  readonly entries: readonly InventoryEntry[];
  readonly expiring: number;
  readonly expired: number;
  /** Entries for display: expired, then expiring (soonest first), then by number; invalid last. Cached. */
  sorted(): readonly InventoryEntry[];
}

export interface MonthlyTotal {
  currencyId: string;
  amount: number;
}

export interface Inventory {
  readonly entries: readonly InventoryEntry[];
  /** Applications that hold numbers, by normalised key, in first-seen order. */
  readonly applications: ReadonlyMap<string, InventoryGroup>;
  readonly unassigned: InventoryGroup;
  /** First entry for each number value. */
  readonly byNumber: ReadonlyMap<number, InventoryEntry>;
  readonly totals: readonly MonthlyTotal[];
  readonly expiring: number;
  readonly expired: number;
  readonly invalid: number;
  /** The clock reading the expiry states were computed against. */
  readonly now: number;
  readonly expiryWarningDays: number;
}

export interface InventoryOptions {
  now: number;
  expiryWarningDays: number;
}

export function buildInventory(numbers: readonly RentedNumber[], options: InventoryOptions): Inventory {
  const warnMs = Math.max(0, options.expiryWarningDays) * DAY_MS;
  const builders = new Map<string, GroupBuilder>();
  const unassigned = new GroupBuilder(undefined);
  const byNumber = new Map<number, InventoryEntry>();
  /** Numbers seen more than once, and how often (rare: kept small). */
  let repeats: Map<number, number> | undefined;
  const keys = new Map<string, string>();
  const entries: InventoryEntry[] = [];
  let invalid = 0;
  for (const n of numbers) {
    let times = 1;
    if (byNumber.has(n.number)) {
      repeats ??= new Map();
      times = (repeats.get(n.number) ?? 1) + 1;
      repeats.set(n.number, times);
    }
    const expiresAt = parseExpiry(n.expires);
    let key: string | undefined;
    if (n.applicationKey) {
      key = keys.get(n.applicationKey);
      if (key === undefined) keys.set(n.applicationKey, (key = normaliseKey(n.applicationKey)));
    }
    const entry: InventoryEntry = {
      number: n,
      id: times === 1 ? idOf(n.number) : `${idOf(n.number)}#${times}`,
      valid: isValidPhoneNumber(n.number),
      expiresAt,
      expiry: expiryState(expiresAt, options.now, warnMs),
      applicationKey: key,
    };
    if (!entry.valid) invalid++;
    entries.push(entry);
    if (times === 1) byNumber.set(n.number, entry);
    let group = unassigned;
    if (key !== undefined) {
      group = builders.get(key) ?? new GroupBuilder(key);
      builders.set(key, group);
    }
    group.add(entry);
  }
  const applications = new Map<string, InventoryGroup>();
  let expiring = unassigned.expiring;
  let expired = unassigned.expired;
  for (const [key, g] of builders) {
    applications.set(key, g);
    expiring += g.expiring;
    expired += g.expired;
  }
  return {
    entries, applications, unassigned, byNumber, totals: monthlyTotals(entries), expiring, expired, invalid,
    now: options.now, expiryWarningDays: options.expiryWarningDays,
  };
}

class GroupBuilder implements InventoryGroup {
  readonly entries: InventoryEntry[] = [];
  expiring = 0;
  expired = 0;
  private order: InventoryEntry[] | undefined;
  constructor(readonly applicationKey: string | undefined) {}

  add(e: InventoryEntry): void {
    this.entries.push(e);
    if (e.expiry === 'expired') this.expired++;
    else if (e.expiry === 'expiring') this.expiring++;
  }

  sorted(): readonly InventoryEntry[] {
    return (this.order ??= sortEntries(this.entries));
  }
}

function idOf(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : digitsOf(n);
}

/** Expired first (they need action now), then expiring soonest first, then by number; invalid values last. */
export function sortEntries(entries: readonly InventoryEntry[]): InventoryEntry[] {
  return [...entries].sort(compareEntries);
}

export function compareEntries(a: InventoryEntry, b: InventoryEntry): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra < 2 && a.expiresAt !== b.expiresAt) return (a.expiresAt ?? 0) - (b.expiresAt ?? 0);
  return a.number.number - b.number.number;
}

function rank(e: InventoryEntry): number {
  if (!e.valid) return 3;
  return e.expiry === 'expired' ? 0 : e.expiry === 'expiring' ? 1 : 2;
}

/** Epoch ms of an ISO 8601 date, or undefined when missing or unreadable. */
export function parseExpiry(expires: string | undefined): number | undefined {
  if (!expires) return undefined;
  const t = Date.parse(expires);
  return Number.isFinite(t) ? t : undefined;
}

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
    return ago === 0 ? l10n.t('expired today') : l10n.t('expired {0} ago', daysCount(ago));
  }
  return l10n.t('expires in {0}', daysCount(daysUntil(expiresAt, now)));
}

/** Monthly cost per currency (one entry per currency, sorted by currency code), summed exactly as the rent flow sums it. */
export function monthlyTotals(entries: Iterable<InventoryEntry>): MonthlyTotal[] {
  const lines: CostLine[] = [];
  for (const e of entries) if (Number.isFinite(e.number.cost.amount)) lines.push({ cost: e.number.cost, quantity: 1 });
  return totalsByCurrency(lines);
}
