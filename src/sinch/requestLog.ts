import type { SinchErrorKind } from './errors';

/**
 * What the client reports about each HTTP attempt. It holds method, redacted path,
 * status and timing only: never bodies, headers, tokens or secrets.
 */
export interface RequestLogEntry {
  method: string;
  /** Path and query as sent, with the log-in identity masked by `redactPath`. */
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

const LOGIN_PATH = /^(\/?v1\/users\/(?:email|number)\/)([^/?#]+)(\/authentication.*)$/;

/**
 * Masks the identity in the log-in path `/v1/users/{type}/{identity}/authentication`
 * (`d***@example.com`, `+1205****000`); other paths carry no personal data and pass through.
 */
export function redactPath(path: string): string {
  const m = LOGIN_PATH.exec(path);
  if (!m) return path;
  return `${m[1]}${maskIdentity(safeDecode(m[2]))}${m[3]}`;
}

function maskIdentity(identity: string): string {
  const at = identity.lastIndexOf('@');
  if (at >= 0) return `${identity.slice(0, Math.min(1, at))}***${identity.slice(at)}`;
  if (!/^\+?[\d\s-]+$/.test(identity)) return '***';
  const digits = identity.replace(/\D/g, '');
  if (digits.length >= 10) return `+${digits.slice(0, 4)}****${digits.slice(-3)}`;
  return `+${digits.slice(0, 1)}****${digits.slice(-1)}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The log line of one attempt: a success at trace level, anything else at debug level. */
export function requestLine(e: RequestLogEntry): { level: 'trace' | 'debug'; line: string } {
  const status = e.status !== undefined ? String(e.status) : (e.errorKind ?? 'no answer');
  const code = e.errorCode !== undefined ? ` ${e.errorCode}` : '';
  const line = `${e.method} ${e.path} → ${status}${code} in ${Math.round(e.durationMs)} ms (attempt ${e.attempt}, ${e.outcome})`;
  return { level: e.outcome === 'ok' ? 'trace' : 'debug', line };
}
