import { isRetryable, SinchApiError } from './errors';

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
