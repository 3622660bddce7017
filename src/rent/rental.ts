/**
 * The arithmetic of renting: how many numbers may be asked for, what they cost per currency,
 * and which numbers a checkout added. Pure: no VS Code, no network, so every rule is a unit test.
 */
import type { Capability, Money, NumberGroup, RentedNumber } from '../sinch/types';
import { plural } from '../numbers/wording';

/** The manifest's default for `sinchNumbers.maxNumbersPerRental`. */
export const DEFAULT_MAX_PER_RENTAL = 10;

/** What bounds one rental: the group's availability and the user's safety cap. */
export interface QuantityLimits {
  availability: number;
  maxPerRental: number;
}

export type QuantityCheck = { ok: true; quantity: number } | { ok: false; message: string };

/** The cap from settings, made usable: a whole number of at least 1 (a hand-edited setting may be anything). */
export function normaliseCap(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : DEFAULT_MAX_PER_RENTAL;
}

/**
 * Accepts a whole number from 1 to the lower of availability and the cap; text is trimmed
 * first (" 3 " is 3). Every refusal is a sentence that says what to enter instead.
 */
export function checkQuantity(input: string | number, limits: QuantityLimits): QuantityCheck {
  const cap = normaliseCap(limits.maxPerRental);
  const available = Math.max(0, Math.floor(limits.availability));
  const max = Math.min(cap, available);
  if (available === 0) return { ok: false, message: 'No numbers are available in this group right now.' };
  const range = max === 1 ? 'Enter 1' : `Enter a whole number from 1 to ${max}`;

  let n: number;
  if (typeof input === 'number') {
    n = input;
    if (!Number.isFinite(n)) return { ok: false, message: `${range}.` };
  } else {
    const text = typeof input === 'string' ? input.trim() : '';
    if (text === '') return { ok: false, message: `${range}: how many numbers to rent.` };
    if (/^[-+]?(\d+\.\d*|\.\d+)$/.test(text)) {
      // "2.0" too: a decimal point means the user thinks in fractions somewhere.
      return { ok: false, message: `Numbers are rented whole: ${clip(text)} is not a whole number. ${range}.` };
    }
    if (!/^[-+]?\d+$/.test(text)) return { ok: false, message: `"${clip(text)}" is not a number. ${range}.` };
    // Digits beyond any sane quantity (e.g. 10,000 of them) parse to Infinity: too many, not "not whole".
    n = Math.min(Number(text), Number.MAX_SAFE_INTEGER);
  }
  if (!Number.isInteger(n)) return { ok: false, message: `Numbers are rented whole: ${String(n)} is not a whole number. ${range}.` };
  if (n < 0) return { ok: false, message: `The quantity cannot be negative. ${range}.` };
  if (n === 0) return { ok: false, message: `Rent at least 1 number. ${range}.` };
  if (n > max) {
    // Name the limit that binds: the smaller one.
    return available <= cap
      ? { ok: false, message: `Only ${plural(available, 'number is', 'numbers are')} available in this group. ${range}.` }
      : { ok: false, message: `At most ${plural(cap, 'number')} per rental (setting Max Numbers Per Rental). ${range}.` };
  }
  return { ok: true, quantity: n };
}

/** The capabilities of a group that the API can reserve (`sms`, `voice`), in a stable order. */
export function groupCapabilities(group: Pick<NumberGroup, 'capabilities'>): Capability[] {
  const known: Capability[] = ['voice', 'sms'];
  return known.filter((c) => group.capabilities.some((g) => g.toLowerCase() === c));
}

/** One line of a bill: a unit cost and how many. */
export interface CostLine {
  cost: Money;
  quantity: number;
}

// Sums are made in millionths so 0.1 + 0.2 is 0.3 and unit prices with sub-cent parts stay exact.
const SCALE = 1_000_000;

/** quantity × unit cost, exactly. */
export function lineTotal(line: CostLine): Money {
  return { amount: (Math.round(line.cost.amount * SCALE) * line.quantity) / SCALE, currencyId: line.cost.currencyId };
}

/** The total of every line, one entry per currency (never converted), ordered by currency code. */
export function totalsByCurrency(lines: readonly CostLine[]): Money[] {
  const sums = new Map<string, number>();
  for (const l of lines) sums.set(l.cost.currencyId, (sums.get(l.cost.currencyId) ?? 0) + Math.round(l.cost.amount * SCALE) * l.quantity);
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currencyId, units]) => ({ amount: units / SCALE, currencyId }));
}

/**
 * "4.00 USD": the currency's usual decimals (more only when the amount has them), and its code,
 * never a symbol ($ is ambiguous). An amount without a currency stays a bare amount.
 */
export function formatMoney(m: Money): string {
  const digits = currencyDigits(m.currencyId);
  const text = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 4) }).format(m.amount);
  return m.currencyId ? `${text} ${clip(m.currencyId, 8)}` : text;
}

/** "4.00 USD + 2.50 EUR" (or "nothing" for no lines). */
export function formatTotals(totals: readonly Money[]): string {
  return totals.length === 0 ? formatMoney({ amount: 0, currencyId: 'USD' }) : totals.map(formatMoney).join(' + ');
}

function currencyDigits(currencyId: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currencyId }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2; // not an ISO 4217 code: show it with cents
  }
}

/** What changed between two listings of the organisation's numbers. */
export interface RentedDiff {
  /** Numbers in `after` that were not in `before`, ascending. */
  added: RentedNumber[];
  /** Numbers in `before` that are gone from `after`, ascending. */
  removed: RentedNumber[];
}

export function diffRented(before: readonly RentedNumber[], after: readonly RentedNumber[]): RentedDiff {
  const had = new Set(before.map((n) => n.number));
  const has = new Set(after.map((n) => n.number));
  const byNumber = (a: RentedNumber, b: RentedNumber) => a.number - b.number;
  return {
    added: after.filter((n) => !had.has(n.number)).sort(byNumber),
    removed: before.filter((n) => !has.has(n.number)).sort(byNumber),
  };
}

/** What a checkout asked for, per group. */
export interface ExpectedRental {
  groupId: number;
  quantity: number;
}

export type CheckoutVerdict =
  | { status: 'rented'; numbers: RentedNumber[] }
  | { status: 'notRented'; numbers: [] }
  | { status: 'partial'; numbers: RentedNumber[]; expected: number };

/**
 * After a checkout whose answer was lost: did it happen? Counts the numbers that appeared in
 * the groups asked for. Sinch checks out all or nothing, so "partial" means someone else
 * rented at the same time (or the lists are inconsistent): the caller must not guess.
 */
export function checkoutVerdict(before: readonly RentedNumber[], after: readonly RentedNumber[], expected: readonly ExpectedRental[]): CheckoutVerdict {
  const groups = new Set(expected.map((e) => e.groupId));
  const want = expected.reduce((s, e) => s + e.quantity, 0);
  const found = diffRented(before, after).added.filter((n) => groups.has(n.groupId));
  if (found.length === 0) return { status: 'notRented', numbers: [] };
  if (found.length === want) return { status: 'rented', numbers: found };
  return { status: 'partial', numbers: found, expected: want };
}

function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
