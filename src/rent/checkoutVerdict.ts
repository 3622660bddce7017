/**
 * What a checkout did, judged from what Sinch answered and from two lists of the organisation's
 * numbers: the one taken right before the checkout and one taken after the last answer. A
 * reservation can be checked out once, so a 40400 for a reservation still inside its lifetime
 * means it was used. New numbers are called ours only when a checkout of our reservation went
 * through AND exactly as many numbers as we asked for appeared in the groups we asked in; any
 * other new number may be a colleague's, and the user is told so. Pure: every rule is a unit test.
 */
import type { RentedNumber } from '../sinch/types';
import { diffRented, type ExpectedRental } from './rental';

/** The last answer to a checkout of these reservation ids. */
export type CheckoutAnswer =
  /** 204: this checkout rented them. */
  | 'success'
  /** 40400: Sinch no longer holds the reservations (used, or lapsed). */
  | 'gone'
  /** Another definite no (credit, billing, owner): nothing was done by that request. */
  | 'refused'
  /** No readable answer: it may or may not have happened. */
  | 'unknown';

export interface CheckoutEvidence {
  answer: CheckoutAnswer;
  /** The organisation's numbers read right before the (first) checkout. */
  before: readonly RentedNumber[];
  /** Read after the last answer; undefined when that read failed. */
  after?: readonly RentedNumber[];
  expected: readonly ExpectedRental[];
  /** The reservations' 15 minutes may be over (by our clock, which never runs behind Sinch's lifetime). */
  mayHaveLapsed: boolean;
  /** An earlier send of these reservations got no answer: it may have gone through (and still be provisioning). */
  earlierUnknown?: boolean;
}

/**
 * What became of the reservations: `used` (a checkout bought them), `open` (still there to check
 * out, until they lapse), `gone` (Sinch no longer holds them; whether they bought is in `rented`),
 * `unknown` (used, or still open).
 */
export type ReservationFate = 'used' | 'open' | 'gone' | 'unknown';

export interface CheckoutVerdict {
  /** Whether the organisation bought these reservations. */
  rented: 'yes' | 'no' | 'unknown';
  /** The numbers that can be named as this checkout's (empty when they cannot be told apart). */
  ours: RentedNumber[];
  /** Every number that appeared in the groups asked for since `before`; undefined when not listed. */
  appeared?: RentedNumber[];
  reservation: ReservationFate;
  /** How many numbers were asked for. */
  expected: number;
}

export function judgeCheckout(e: CheckoutEvidence): CheckoutVerdict {
  const groups = new Set(e.expected.map((x) => x.groupId));
  const expected = e.expected.reduce((s, x) => s + x.quantity, 0);
  const appeared = e.after && diffRented(e.before, e.after).added.filter((n) => groups.has(n.groupId));
  const verdict = (rented: CheckoutVerdict['rented'], reservation: ReservationFate): CheckoutVerdict => ({
    rented,
    // Ours went through and exactly what we asked for appeared: nobody else's can be among them.
    ours: rented === 'yes' && appeared?.length === expected ? appeared : [],
    appeared,
    reservation,
    expected,
  });
  const open: ReservationFate = e.mayHaveLapsed ? 'gone' : 'open';
  switch (e.answer) {
    case 'success':
      return verdict('yes', 'used');
    case 'gone':
      // Used, unless it lapsed; had it bought, its numbers would show in the list taken after.
      if (appeared === undefined) return verdict('unknown', 'gone');
      // After a send with no answer, a 40400 means used (its numbers may not be listed yet), or lapsed: never "nothing".
      if (e.earlierUnknown && (e.mayHaveLapsed || appeared.length < expected)) return verdict('unknown', 'gone');
      if (appeared.length === 0) return verdict('no', 'gone');
      return !e.mayHaveLapsed && appeared.length >= expected ? verdict('yes', 'used') : verdict('unknown', 'gone');
    case 'refused':
    case 'unknown':
      if (appeared === undefined) return verdict('unknown', 'unknown');
      return appeared.length === 0 ? verdict('no', open) : verdict('unknown', e.mayHaveLapsed ? 'gone' : 'unknown');
  }
}

/** A checkout error as evidence: 40400, another answer from Sinch, or no answer at all. */
export function answerOf(error: { kind?: string; outcomeUnknown?: boolean } | undefined): CheckoutAnswer {
  if (!error || error.outcomeUnknown) return 'unknown';
  if (error.kind === 'notFound') return 'gone';
  // Never sent (connection refused, cancelled before sending): nothing new is known.
  if (error.kind === 'network' || error.kind === 'cancelled') return 'unknown';
  return 'refused';
}
