/**
 * The arithmetic of renting: how many numbers may be asked for, what they cost per currency,
 * and which numbers appeared between two lists. Pure: no VS Code, no network, so every rule is a unit test.
 */
import type { Capability, NumberGroup, RentedNumber } from '../sinch/types';
import { l10n } from '../platform/l10n';
import { count, numbersCount } from '../numbers/wording';
import { capabilitiesOf } from '../numbers/capabilities';

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
  if (available === 0) return { ok: false, message: l10n.t('No numbers are available in this group right now.') };
  const range = max === 1 ? l10n.t('Enter 1.') : l10n.t('Enter a whole number from 1 to {0}.', max);
  const refuse = (why: string): QuantityCheck => ({ ok: false, message: `${why} ${range}` });

  let n: number;
  if (typeof input === 'number') {
    n = input;
    if (!Number.isFinite(n)) return { ok: false, message: range };
  } else {
    const text = typeof input === 'string' ? input.trim() : '';
    if (text === '') return refuse(l10n.t('How many numbers to rent?'));
    if (/^[-+]?(\d+\.\d*|\.\d+)$/.test(text)) {
      // "2.0" too: a decimal point means the user thinks in fractions somewhere.
      return refuse(l10n.t('Numbers are rented whole: {0} is not a whole number.', clip(text)));
    }
    if (!/^[-+]?\d+$/.test(text)) return refuse(l10n.t('"{0}" is not a number.', clip(text)));
    // Digits beyond any sane quantity (e.g. 10,000 of them) parse to Infinity: too many, not "not whole".
    n = Math.min(Number(text), Number.MAX_SAFE_INTEGER);
  }
  if (!Number.isInteger(n)) return refuse(l10n.t('Numbers are rented whole: {0} is not a whole number.', String(n)));
  if (n < 0) return refuse(l10n.t('The quantity cannot be negative.'));
  if (n === 0) return refuse(l10n.t('Rent at least 1 number.'));
  if (n > max) {
    // Name the limit that binds: the smaller one.
    if (available <= cap)
      return refuse(
        available === 1
          ? l10n.t('Only 1 number is available in this group.')
          : l10n.t('Only {0} numbers are available in this group.', count(available)),
      );
    return refuse(l10n.t('At most {0} per rental (setting Max Numbers Per Rental).', numbersCount(cap)));
  }
  return { ok: true, quantity: n };
}

/** The capabilities of a group that the API can reserve (`sms`, `voice`), in a stable order. */
export function groupCapabilities(group: Pick<NumberGroup, 'capabilities'>): Capability[] {
  return capabilitiesOf(group);
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

function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
