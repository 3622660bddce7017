/**
 * Where the numbers of an assign are now, against where the user saw them. Assigning a number
 * takes it off whichever application holds it, so before any write the flow reads the
 * organisation's numbers (one request, whatever the number of numbers or applications: the only
 * read that finds a number the user saw as unassigned) and this decides what the write does:
 * the current copies to send, the numbers that would leave an application the user did not see
 * them on (the Move confirmation must name it), and those no longer rented. Pure: no I/O.
 */
import { sameApplication } from '../numbers/applicationKey';
import type { RentedNumber } from '../sinch/types';

/** A number now on another application than the one the user saw it on (or saw it on none). */
export interface Unexpected {
  number: number;
  /** Where it is now. */
  now: string;
  /** Where the user saw it; undefined: unassigned. */
  seen?: string;
}

export interface Placement {
  /** The current copy of each number still rented, in the order asked. */
  numbers: RentedNumber[];
  /** Numbers that would leave an application the user did not see them on. */
  unexpected: Unexpected[];
  /** Numbers no longer among the organisation's numbers. */
  gone: number[];
}

/** `seen`: the numbers as the user saw them; `current`: the organisation's numbers read now; `target`: where they go. */
export function placeNumbers(
  seen: readonly RentedNumber[],
  current: readonly RentedNumber[],
  target: string,
): Placement {
  const byNumber = new Map(current.map((n) => [n.number, n]));
  const out: Placement = { numbers: [], unexpected: [], gone: [] };
  for (const s of seen) {
    const now = byNumber.get(s.number);
    if (!now) {
      out.gone.push(s.number);
      continue;
    }
    out.numbers.push(now);
    const leaves = now.applicationKey !== undefined && !sameApplication(now.applicationKey, target);
    if (leaves && !sameApplication(now.applicationKey, s.applicationKey))
      out.unexpected.push({ number: s.number, now: now.applicationKey!, seen: s.applicationKey });
  }
  return out;
}
