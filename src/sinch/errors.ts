/**
 * Every failure of a Sinch call becomes one `SinchApiError` whose `kind` tells the
 * UI what to offer. Sinch error bodies are `{ errorCode, message, reference }` and the
 * HTTP status is the first three digits of `errorCode`
 * (docs/api/decisions.md).
 */
import { redactedCause } from './redact';
import { isRecord } from '../platform/isRecord';
import { l10n } from '../platform/l10n';
import { serverText } from '../platform/safeText';

/** What went wrong, in the terms the user acts on. */
export type SinchErrorKind =
  | 'auth'
  | 'expired'
  | 'forbidden'
  | 'notFound'
  | 'validation'
  | 'credit'
  | 'accounting'
  | 'unavailable'
  | 'rateLimited'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'protocol'
  | 'proxy';

/** Everything known about a failure; `message` is a full sentence for the user. */
export interface SinchApiErrorInit {
  kind: SinchErrorKind;
  message: string;
  method: string;
  /** Redacted path (see `redactPath`). */
  path: string;
  /** `host[:port]` the request went to. */
  host?: string;
  /** When it failed (ms since epoch); default now. */
  at?: number;
  status?: number;
  errorCode?: number;
  reference?: string;
  serverMessage?: string;
  retryAfterMs?: number;
  outcomeUnknown?: boolean;
  /** Node's error code for a network failure (`ECONNREFUSED`, `ECONNRESET`…). */
  systemCode?: string;
  cause?: unknown;
}

/**
 * A failed Sinch call. `status`/`errorCode`/`reference`/`serverMessage` come from the
 * response when there was one; `outcomeUnknown` is true when the request may have
 * reached Sinch and its result is unknown (timeout, reset after connect, cancel in flight).
 */
export class SinchApiError extends Error {
  override readonly name = 'SinchApiError';
  readonly kind: SinchErrorKind;
  readonly status?: number;
  readonly errorCode?: number;
  readonly reference?: string;
  readonly serverMessage?: string;
  readonly retryAfterMs?: number;
  readonly method: string;
  readonly path: string;
  readonly host?: string;
  /** When it failed (ms since epoch), for the error details a user quotes to Sinch support. */
  readonly at: number;
  readonly outcomeUnknown: boolean;
  readonly systemCode?: string;

  constructor(init: SinchApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.method = init.method;
    this.path = init.path;
    this.at = init.at ?? Date.now();
    if (init.host !== undefined) this.host = init.host;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    if (init.status !== undefined) this.status = init.status;
    if (init.errorCode !== undefined) this.errorCode = init.errorCode;
    if (init.reference !== undefined) this.reference = init.reference;
    if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.systemCode !== undefined) this.systemCode = init.systemCode;
  }
}

/** Which scheme signed the failed request: a 40100 means "wrong password" on log in but "session over" elsewhere. */
export type SignedBy = 'application' | 'user' | 'instance';

/** The request a failure belongs to. */
export interface RequestContext {
  method: string;
  path: string;
  host?: string;
  signedBy: SignedBy;
}

/** The documented Sinch error codes, by name. */
export const ErrorCodes = {
  ParameterValidation: 40001,
  MissingParameter: 40002,
  InvalidRequest: 40003,
  LoginFailed: 40100,
  TimestampRejected: 40101,
  BadSignature: 40102,
  NotEnoughCredit: 40200,
  ForbiddenRequest: 40300,
  InvalidScheme: 40301,
  ResourceNotFound: 40400,
  ApplicationConfiguration: 42200,
  TemporaryDown: 50300,
} as const;

/** `errorCode` arrives as a number or a numeric string; anything else is treated as absent. */
export function parseErrorCode(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * Maps an HTTP error answer to an error. `body` is the parsed JSON (or `undefined`
 * when the body was empty or not JSON; `nonJson` says it was non-empty text, such as
 * a proxy's HTML page).
 */
export function errorFromResponse(
  status: number,
  body: unknown,
  ctx: RequestContext & { nonJson?: boolean; retryAfterMs?: number },
): SinchApiError {
  const record = isRecord(body) ? body : {};
  const errorCode = parseErrorCode(record.errorCode);
  const serverMessage = cleanServerMessage(record.message);
  const reference = serverText(record.reference, MAX_REFERENCE) || undefined;
  // The code is more specific than the status, and its first three digits are the status.
  const category =
    errorCode !== undefined && errorCode >= 10000 && errorCode < 60000 ? Math.floor(errorCode / 100) : status;
  const { kind, sentence } = classify(status, category, errorCode, ctx.signedBy, ctx.retryAfterMs);
  const message =
    serverMessage !== undefined
      ? l10n.t('{0} Sinch said: "{1}"', sentence, serverMessage)
      : ctx.nonJson
        ? l10n.t(
            '{0} The answer was not from the Sinch API (it was not JSON), perhaps from a proxy or firewall.',
            sentence,
          )
        : sentence;
  return new SinchApiError({
    kind,
    message,
    method: ctx.method,
    path: ctx.path,
    host: ctx.host,
    status,
    errorCode,
    reference,
    serverMessage,
    retryAfterMs: ctx.retryAfterMs,
    // A gateway error (502/504, or any 5xx page that is not Sinch's JSON) may come after
    // Sinch carried the request out; only Sinch's own error body says it did nothing.
    outcomeUnknown: status === 502 || status === 504 || (status >= 500 && ctx.nonJson === true),
  });
}

/** A 2xx (or unexpected) answer whose body cannot be used; the message names the HTTP status. */
export function protocolError(
  status: number,
  problem: string,
  ctx: { method: string; path: string; host?: string },
  cause?: unknown,
): SinchApiError {
  return new SinchApiError({
    kind: 'protocol',
    message: l10n.t('Sinch answered {0} with {1}.', status, problem),
    method: ctx.method,
    path: ctx.path,
    host: ctx.host,
    status,
    // A 2xx that cannot be read: the request may well have been carried out (a write may have happened).
    outcomeUnknown: status >= 200 && status < 300,
    cause,
  });
}

/**
 * A 2xx (or other) answer longer than the client reads. With `setting`, the message names the
 * setting that raises the limit; without, it reads like any other protocol error.
 */
export function tooLargeError(
  status: number,
  limitBytes: number,
  setting: string | undefined,
  ctx: { method: string; path: string },
): SinchApiError {
  const error = protocolError(status, l10n.t('a body larger than {0}', formatBytes(limitBytes)), ctx);
  if (setting === undefined) return error;
  return new SinchApiError({
    kind: 'protocol',
    message: l10n.t(
      'Sinch answered {0} with a body larger than {1}. To accept larger answers, raise the setting {2}.',
      status,
      formatBytes(limitBytes),
      setting,
    ),
    method: ctx.method,
    path: ctx.path,
    status,
    outcomeUnknown: error.outcomeUnknown,
  });
}

/** "8 MiB", "1.5 KiB", "200 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return l10n.t('{0} MiB', +(n / (1024 * 1024)).toFixed(1));
  return n >= 1024 ? l10n.t('{0} KiB', +(n / 1024).toFixed(1)) : l10n.t('{0} bytes', n);
}

/** Connection failures that happen before any byte of the request is sent: always safe to retry. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
]);
const TLS = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|ERR_OSSL_)/;

/** True for a failure that certainly sent nothing (refused, no such host, no route): the retry policy's safe case. */
export function neverSent(error: SinchApiError): boolean {
  return error.kind === 'network' && error.systemCode !== undefined && NOT_SENT.has(error.systemCode);
}

/**
 * The one way to say "the user cancelled this": shown nowhere (isCancellation). Between attempts
 * or before a request nothing is in flight (`outcomeUnknown` false, the default); a cancel while a
 * request was on its way leaves its outcome unknown.
 */
export function cancelledError(
  init: {
    message?: string;
    method?: string;
    path?: string;
    host?: string;
    outcomeUnknown?: boolean;
    cause?: unknown;
  } = {},
): SinchApiError {
  return new SinchApiError({
    kind: 'cancelled',
    message: init.message ?? l10n.t('The request to Sinch was cancelled.'),
    method: init.method ?? '',
    path: init.path ?? '',
    host: init.host,
    outcomeUnknown: init.outcomeUnknown ?? false,
    cause: init.cause,
  });
}

/**
 * Maps a failure with no HTTP answer. `phase` says how far the attempt got:
 * `timeout` and `cancelled` are decided by the client's own AbortController.
 */
/** A request that did not end within its deadline (over all its attempts and waits). */
export function deadlineError(ctx: {
  method: string;
  path: string;
  host?: string;
  cause?: unknown;
  deadlineMs: number;
  outcomeUnknown: boolean;
}): SinchApiError {
  const { deadlineMs, ...rest } = ctx;
  return new SinchApiError({
    ...rest,
    kind: 'timeout',
    message: l10n.t(
      'Sinch did not finish answering within {0}.',
      // The default deadline is 15 minutes: "900 seconds" reads worse.
      deadlineMs >= 120_000 && deadlineMs % 60_000 === 0
        ? l10n.t('{0} minutes', deadlineMs / 60_000)
        : formatSeconds(deadlineMs),
    ),
  });
}

export function errorFromNetwork(
  err: unknown,
  ctx: {
    method: string;
    path: string;
    host: string;
    phase: 'timeout' | 'stalled' | 'deadline' | 'cancelled' | 'failed';
    timeoutMs?: number;
    /** For a stalled body: the least that had to arrive per timeout window. */
    minBytes?: number;
    deadlineMs?: number;
  },
): SinchApiError {
  const base = { method: ctx.method, path: ctx.path, host: ctx.host, cause: redactedCause(err) };
  // Cancelled in flight: the request may have reached Sinch.
  if (ctx.phase === 'cancelled') return cancelledError({ ...base, outcomeUnknown: true });
  // A stalled body or a passed deadline: Sinch may have done what was asked, like a lost reply.
  if (ctx.phase === 'stalled') {
    const message = l10n.t(
      "Sinch's answer stalled: less than {0} arrived within {1}.",
      formatBytes(ctx.minBytes ?? 0),
      formatSeconds(ctx.timeoutMs ?? 0),
    );
    return new SinchApiError({ ...base, kind: 'timeout', message, outcomeUnknown: true });
  }
  if (ctx.phase === 'deadline')
    return deadlineError({ ...base, deadlineMs: ctx.deadlineMs ?? 0, outcomeUnknown: true });
  if (ctx.phase === 'timeout') {
    const message =
      ctx.timeoutMs === undefined
        ? l10n.t('Sinch did not answer.')
        : l10n.t('Sinch did not answer within {0}.', formatSeconds(ctx.timeoutMs));
    return new SinchApiError({ ...base, kind: 'timeout', message, outcomeUnknown: true });
  }
  const systemCode = systemCodeOf(err);
  const text = err instanceof Error ? err.message : String(err);
  if (/proxy|tunnel/i.test(text) || (systemCode !== undefined && /PROXY|TUNNEL/.test(systemCode))) {
    return new SinchApiError({
      ...base,
      kind: 'proxy',
      systemCode,
      message: l10n.t('Could not connect to {0} through the proxy. Check the http.proxy setting.', ctx.host),
      outcomeUnknown: false,
    });
  }
  if (systemCode !== undefined && NOT_SENT.has(systemCode)) {
    const why =
      systemCode === 'ECONNREFUSED'
        ? l10n.t('the connection was refused')
        : systemCode === 'ENOTFOUND' || systemCode === 'EAI_AGAIN'
          ? l10n.t('the host name could not be resolved')
          : l10n.t('the network is unreachable');
    return new SinchApiError({
      ...base,
      kind: 'network',
      systemCode,
      message: l10n.t('Could not connect to {0}: {1}.', ctx.host, why),
      outcomeUnknown: false,
    });
  }
  if (systemCode !== undefined && TLS.test(systemCode)) {
    return new SinchApiError({
      ...base,
      kind: 'network',
      systemCode,
      message: l10n.t('Could not establish a secure connection to {0} ({1}).', ctx.host, systemCode),
      outcomeUnknown: false,
    });
  }
  // A reset, "socket hang up" or anything unrecognised: the request may have been processed.
  return new SinchApiError({
    ...base,
    kind: 'network',
    systemCode,
    message: systemCode
      ? l10n.t('The connection to {0} broke before Sinch answered ({1}).', ctx.host, systemCode)
      : l10n.t('The connection to {0} broke before Sinch answered.', ctx.host),
    outcomeUnknown: true,
  });
}

function classify(
  status: number,
  category: number,
  errorCode: number | undefined,
  signedBy: SignedBy,
  retryAfterMs: number | undefined,
): { kind: SinchErrorKind; sentence: string } {
  if (status === 407)
    return {
      kind: 'proxy',
      sentence: l10n.t(
        'The proxy between this computer and Sinch asked for credentials (407). Check the http.proxy setting.',
      ),
    };
  if (status === 429 || category === 429) {
    const wait =
      retryAfterMs !== undefined
        ? l10n.t('Try again in {0}.', formatSeconds(retryAfterMs))
        : l10n.t('Try again in a moment.');
    return { kind: 'rateLimited', sentence: l10n.t('Sinch is limiting the rate of requests ({0}). {1}', status, wait) };
  }
  if (status === 408) return { kind: 'timeout', sentence: l10n.t('Sinch gave up waiting for the request (408).') };
  if (category === 401 || status === 401) {
    if (errorCode === ErrorCodes.TimestampRejected) {
      return {
        kind: 'auth',
        sentence: l10n.t(
          "Sinch rejected the request time ({0}): this computer's clock seems to be more than 15 minutes off. Correct the clock and try again.",
          status,
        ),
      };
    }
    if (errorCode === ErrorCodes.BadSignature) {
      // The client has signed an instance request in both forms before this reaches anyone.
      if (signedBy === 'instance') {
        return {
          kind: 'auth',
          sentence: l10n.t(
            'Sinch refused the instance key or secret ({0}, error 40102): the request was signed in both forms Sinch documents (the path with and without its leading slash) and neither was accepted.',
            status,
          ),
        };
      }
      return { kind: 'auth', sentence: l10n.t('Sinch rejected the request signature ({0}, error 40102).', status) };
    }
    if (signedBy === 'application') {
      return {
        kind: 'auth',
        sentence: l10n.t(
          'Sinch did not accept the sign-in ({0}): check the email address or phone number and the password.',
          status,
        ),
      };
    }
    return { kind: 'expired', sentence: l10n.t('Your Sinch session is no longer valid ({0}). Sign in again.', status) };
  }
  switch (category) {
    case 402:
      return {
        kind: 'credit',
        sentence: l10n.t(
          'Your Sinch account does not have enough credit for this ({0}); nothing was rented. Top up the account and try again.',
          status,
        ),
      };
    case 403:
      if (errorCode === ErrorCodes.InvalidScheme) {
        return {
          kind: 'forbidden',
          sentence: l10n.t(
            'Sinch refused the request ({0}, error 40301): it did not use the instance scheme this endpoint requires. Signing in again does not change this; copy the error details to report it.',
            status,
          ),
        };
      }
      return { kind: 'forbidden', sentence: l10n.t('Sinch refused this request for your account ({0}).', status) };
    case 404:
      return { kind: 'notFound', sentence: l10n.t('Sinch could not find what this request refers to ({0}).', status) };
    case 422:
      return {
        kind: 'accounting',
        sentence: l10n.t(
          'Accounting is not set up for your Sinch organisation ({0}). Contact Sinch support to enable it.',
          status,
        ),
      };
  }
  if (category >= 500 && category < 600) {
    const wait =
      retryAfterMs !== undefined
        ? l10n.t('Try again in {0}.', formatSeconds(retryAfterMs))
        : l10n.t('Try again later.');
    return { kind: 'unavailable', sentence: l10n.t('Sinch is unavailable right now ({0}). {1}', status, wait) };
  }
  if (category >= 400 && category < 500)
    return { kind: 'validation', sentence: l10n.t('Sinch rejected the request as invalid ({0}).', status) };
  return { kind: 'protocol', sentence: l10n.t('Sinch answered with an unexpected status ({0}).', status) };
}

/** The server's own sentence, as one line of data (no controls, bidi overrides, links or command URIs), capped. */
function cleanServerMessage(value: unknown): string | undefined {
  return serverText(value, MAX_SERVER_MESSAGE) || undefined;
}

/** Sinch's sentences are short; a longer one is cut. */
const MAX_SERVER_MESSAGE = 300;
/** Sinch's references are ids (a UUID or a trace id); 100 characters is plenty. */
const MAX_REFERENCE = 100;

function systemCodeOf(err: unknown): string | undefined {
  if (!isRecord(err)) return undefined;
  const code = err.code ?? (isRecord(err.cause) ? err.cause.code : undefined);
  if (typeof code === 'string' && code !== '') return code;
  const message = typeof err.message === 'string' ? err.message : '';
  if (/socket hang up/i.test(message)) return 'ECONNRESET';
  return undefined;
}

function formatSeconds(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s === 1 ? l10n.t('1 second') : l10n.t('{0} seconds', s);
}
