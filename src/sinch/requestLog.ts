import type { SinchErrorKind } from './errors';

/**
 * What the client reports about each HTTP attempt. It holds method, redacted path,
 * status and timing only: never bodies, headers, tokens or secrets.
 */
export interface RequestLogEntry {
  method: string;
  /** Path and query as sent, with the log-in identity masked by `redactPath` (redact.ts). */
  path: string;
  status?: number;
  durationMs: number;
  /** 1 for the first request of a call, counting retries and the clock-skew re-sign. */
  attempt: number;
  /** `retry` when this attempt failed and the client is about to send another. */
  outcome: 'ok' | 'error' | 'retry';
  errorKind?: SinchErrorKind;
  errorCode?: number;
}

/** The log line of one attempt: a success at trace level, anything else at debug level. */
export function requestLine(e: RequestLogEntry): { level: 'trace' | 'debug'; line: string } {
  const status = e.status !== undefined ? String(e.status) : (e.errorKind ?? 'no answer');
  const code = e.errorCode !== undefined ? ` ${e.errorCode}` : '';
  const line = `${e.method} ${e.path} → ${status}${code} in ${Math.round(e.durationMs)} ms (attempt ${e.attempt}, ${e.outcome})`;
  return { level: e.outcome === 'ok' ? 'trace' : 'debug', line };
}
