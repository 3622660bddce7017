import { SinchApiError } from './errors';
import { l10n } from '../platform/l10n';

/**
 * How far Sinch's clock and this computer's may be apart for the client to adjust its
 * timestamps to Sinch's. Beyond a day one of the two clocks is wrong (a `Date` of 2100 would
 * otherwise sign every request 75 years ahead), and the user is told instead.
 */
export const MAX_CLOCK_OFFSET_MS = 24 * 60 * 60 * 1000;

/** True when an offset (Sinch's time minus this computer's) is one the client may apply. */
export function isPlausibleClockOffset(offsetMs: number): boolean {
  return Number.isFinite(offsetMs) && Math.abs(offsetMs) <= MAX_CLOCK_OFFSET_MS;
}

/**
 * What a request refused for its timestamp (40101) teaches, from the answer's `Date`: the
 * offset to add to this computer's clock, or, when the two clocks are more than a day apart,
 * the error that says one of them is wrong (the request is not sent again).
 */
export function learnClockOffset(rejected: SinchApiError, serverDate: number, now: number): number | SinchApiError {
  const offset = serverDate - now;
  if (isPlausibleClockOffset(offset)) return offset;
  return new SinchApiError({
    kind: 'auth',
    message: l10n.t(
      "Sinch rejected the request time ({0}): Sinch's clock reads {1} and this computer's {2}, {3} apart. One of the two clocks is wrong, so the request was not sent again. Check this computer's date and time; if they are right, Sinch's clock is wrong: try again later.",
      rejected.status ?? 401,
      utcMinute(serverDate),
      utcMinute(now),
      clockDistance(offset),
    ),
    method: rejected.method,
    path: rejected.path,
    status: rejected.status,
    errorCode: rejected.errorCode,
    reference: rejected.reference,
    serverMessage: rejected.serverMessage,
  });
}

/** "75 years", "3 days", "26 hours": how far apart two clocks are, in the unit that reads best. */
export function clockDistance(offsetMs: number): string {
  const hours = Math.abs(offsetMs) / 3_600_000;
  if (hours >= 2 * 8766) return l10n.t('{0} years', Math.round(hours / 8766));
  if (hours >= 48) return l10n.t('{0} days', Math.round(hours / 24));
  return l10n.t('{0} hours', Math.round(hours));
}

/** "2100-01-01 00:00 UTC". */
function utcMinute(t: number): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
