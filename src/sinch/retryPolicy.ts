/**
 * Every rule for sending a request again, in one place: when a failed attempt may be repeated
 * (what the endpoint promises, what the failure says about what Sinch saw), the re-sign after a
 * refused clock or signature, and how long to wait (backoff, Retry-After).
 */
import { ErrorCodes, neverSent, SinchApiError } from './errors';
import { learnClockOffset } from './clockOffset';

/** Retries with exponential backoff and full jitter; a server's Retry-After is a floor, capped by `maxRetryAfterMs`. */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

/** The policy of the Azure and AWS SDKs: 3 retries, 0.5 s base, 8 s cap; a Retry-After over 30 s fails at once. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 30_000,
});

/** What a request promises about being sent again; every endpoint of client.ts declares it. */
export interface ResendRule {
  /** Doing it twice equals doing it once (reads, the assign overwrite, unassign). */
  idempotent: boolean;
  /**
   * It carries a credential or creates something that lasts (log in sends the password;
   * create instance leaves a live instance for 48 h): it is sent again only when the failed
   * attempt demonstrably never left this machine (connection refused, no such host), and once.
   */
  sendOnce?: boolean;
  /**
   * An overwrite whose body was merged from an earlier read: after an unknown outcome it is never
   * resent as it was (the set may have changed since); the caller re-reads and re-merges.
   */
  mergedFromRead?: boolean;
}

/**
 * Whether repeating the request is safe and useful. `idempotent` is the operation's
 * promise that doing it twice equals doing it once (reads, log in, create instance,
 * assign-overwrite, unassign); reserve and checkout are not, so for them only a
 * failure that certainly sent nothing is retried. Client-side timeouts never are.
 */
export function isRetryable(error: unknown, opts: { idempotent: boolean }): boolean {
  if (!(error instanceof SinchApiError)) return false;
  switch (error.kind) {
    case 'network':
      if (!error.outcomeUnknown) return neverSent(error);
      return opts.idempotent;
    case 'unavailable':
      return opts.idempotent && error.status !== 501;
    case 'rateLimited':
      return opts.idempotent;
    case 'timeout':
      return opts.idempotent && error.status === 408;
    default:
      return false;
  }
}

/**
 * Whether a failed attempt may be sent again, after `resentSoFar` repeats. Idempotent
 * requests repeat after any transient failure, up to `maxRetries`; the others (reserve,
 * checkout) only when nothing was sent; `sendOnce` ones only when nothing was sent, once.
 * A re-sign after Sinch refused the clock (40101) is not a repeat: Sinch did nothing.
 */
export function mayResend(error: unknown, rule: ResendRule, resentSoFar: number, maxRetries: number): boolean {
  if (resentSoFar >= (rule.sendOnce ? 1 : maxRetries)) return false;
  const unknownOutcome = error instanceof SinchApiError && error.outcomeUnknown;
  return isRetryable(error, {
    idempotent: rule.idempotent && !rule.sendOnce && !(rule.mergedFromRead && unknownOutcome),
  });
}

/** What one call has spent of its retries and re-signs; `negotiation` is its signature-form negotiation (signatureForm.ts). */
export interface RetryState {
  resigned: boolean;
  retries: number;
  negotiation: { refused(): boolean } | undefined;
}

/**
 * What to do after a failed attempt: sign again (with a learned clock offset, or the other
 * signature form), wait and send again, or fail (with `error` when it says more than the answer).
 */
export type NextStep =
  { kind: 'resign'; clockOffsetMs?: number } | { kind: 'wait'; ms: number } | { kind: 'fail'; error?: SinchApiError };

/** Re-sign, wait and retry, or give up; `state` counts what has been spent. */
export function nextStep(
  error: SinchApiError,
  rule: ResendRule,
  serverDate: number | undefined,
  state: RetryState,
  policy: Readonly<RetryPolicy>,
  clock: { now: number; random: () => number },
): NextStep {
  // The server refused our clock, not the request: it did nothing, so re-signing is safe for every endpoint.
  if (error.errorCode === ErrorCodes.TimestampRejected && !state.resigned && serverDate !== undefined) {
    state.resigned = true;
    const learned = learnClockOffset(error, serverDate, clock.now);
    // The two clocks are over a day apart: one of them is wrong, and the message says so.
    if (learned instanceof SinchApiError) return { kind: 'fail', error: learned };
    return { kind: 'resign', clockOffsetMs: learned };
  }
  // A refused signature changed nothing either: the other form is tried once, for every endpoint.
  if (error.errorCode === ErrorCodes.BadSignature && state.negotiation?.refused()) return { kind: 'resign' };
  if (!mayResend(error, rule, state.retries, policy.maxRetries)) return { kind: 'fail' };
  // A Retry-After beyond the cap fails at once; its message names the wait.
  if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) return { kind: 'fail' };
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** state.retries) * clock.random();
  state.retries++;
  return { kind: 'wait', ms: Math.max(backoff, error.retryAfterMs ?? 0) };
}
