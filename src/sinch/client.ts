import nodeFetch from 'node-fetch';
import type { Response } from 'node-fetch';
import { ErrorCodes, errorFromNetwork, errorFromResponse, protocolError, SinchApiError, type SignedBy } from './errors';
import { learnClockOffset } from './clockOffset';
import { mayResend, type ResendRule } from './retryPolicy';
import { assertApplicationKey, assertCapability, assertEndpointUrl, assertOrganisationId, InputError, isValidPhoneNumber, normaliseEmail, parsePhoneNumber } from './guards';
import { redactPath, type RequestLogEntry } from './requestLog';
import { isoTimestamp, signedHeaders, type AuthScheme } from './signing';
import {
  DEFAULT_ENDPOINTS,
  type Capability,
  type Endpoints,
  type Identity,
  type Instance,
  type InstanceVersion,
  type LoginResult,
  type NumberGroup,
  type Organisation,
  type RentedNumber,
  type ReserveRequest,
} from './types';
import { readInstance, readLoginResult, readNumberGroups, readOrganisation, readRentedNumbers, readReservation } from './wire';
import { l10n } from '../platform/l10n';

/** node-fetch v2's signature: requests go through Node's http/https, which VS Code patches for its proxy settings. */
export type FetchLike = typeof import('node-fetch').default;

/** Per call: the caller's cancellation and a timeout (ms) for each HTTP attempt. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Retries with exponential backoff and full jitter; a server's Retry-After is a floor, capped by `maxRetryAfterMs`. */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

/** The policy of the Azure and AWS SDKs: 3 retries, 0.5 s base, 8 s cap; a Retry-After over 30 s fails at once. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 30_000 });

/** Test seams (fetch, clock, sleep, randomness) and limits. */
export interface SinchClientOptions {
  /** Base URLs; https, or http only to loopback; the constructor throws `InputError` otherwise. */
  endpoints?: Partial<Endpoints>;
  fetch?: FetchLike;
  now?: () => number;
  /** Per attempt, default 30 000 ms. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Called once per HTTP attempt; it never receives bodies, headers or secrets. */
  onRequest?: (e: RequestLogEntry) => void;
  /** Larger bodies are a protocol error; default 8 MiB. */
  maxResponseBytes?: number;
}

/** The number administration endpoints that need an Instance-signed request. */
export interface InstanceApi {
  /** `GET {api}/v1/organisations`. */
  getOrganisation(opts?: CallOptions): Promise<Organisation>;
  /** `GET {portalApi}/v1/organisations/id/{orgId}/numbers/shop[?type=sms|voice]`. */
  listShopGroups(orgId: string, opts?: CallOptions & { type?: Capability }): Promise<NumberGroup[]>;
  /** `PUT {portalApi}/v1/organisations/id/{orgId}/numbers/shop` → `{ referenceId }`. Never retried once it may have been sent. */
  reserve(orgId: string, req: ReserveRequest, opts?: CallOptions): Promise<{ referenceId: string }>;
  /** `POST {portalApi}/v1/organisations/id/{orgId}/numbers/shop` with `{ referenceIds }` → 204. Spends money: never retried once it may have been sent. */
  checkout(orgId: string, referenceIds: string[], opts?: CallOptions): Promise<void>;
  /** `GET {portalApi}/v1/organisations/id/{orgId}/numbers`. */
  listRentedNumbers(orgId: string, opts?: CallOptions): Promise<RentedNumber[]>;
  /** `GET {portalApi}/v1/applications/key/{appKey}/numbers`. */
  listApplicationNumbers(appKey: string, opts?: CallOptions): Promise<RentedNumber[]>;
  /** `PUT {portalApi}/v1/applications/key/{appKey}/numbers/{capability}` with `{ numbers }`: OVERWRITES that capability's set; returns the application's numbers. */
  assignNumbers(appKey: string, capability: Capability, numbers: number[], opts?: CallOptions): Promise<RentedNumber[]>;
  /** `DELETE {portalApi}/v1/applications/key/{appKey}/numbers/{number}` → 204 (also when the number was not on the application). */
  unassignNumber(appKey: string, number: number, opts?: CallOptions): Promise<void>;
}

/** One endpoint call: where it goes, how it is signed, when it may be sent again (ResendRule), and how to read the answer. */
interface Operation<T> extends ResendRule {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  host: keyof Endpoints;
  path: string;
  query?: string;
  body?: unknown;
  auth: AuthScheme;
  idempotent: boolean;
  /** `null` for endpoints answering 204; otherwise a reader and what it expects, for the protocol error. */
  read: { parse: (json: unknown) => T | undefined; expected: string } | null;
}

type Attempt<T> = { ok: true; value: T; status: number } | { ok: false; error: SinchApiError; serverDate?: number };

class BodyTooLarge extends Error {}

/**
 * The Sinch number administration client: one typed method per endpoint, each request
 * signed by `signing.ts`, with timeouts, safe retries, clock-skew correction and
 * every failure mapped to a `SinchApiError`.
 */
export class SinchClient {
  readonly endpoints: Endpoints;
  /** Server time minus local time, learned from a 40101 answer's Date header (within a day: clockOffset.ts); added to every later x-timestamp. */
  clockOffsetMs = 0;
  /** Server Date minus local time from the last answer that had a Date header (second precision). */
  lastServerDateSkewMs?: number;

  private readonly fetch: FetchLike;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly onRequest?: (e: RequestLogEntry) => void;
  private readonly maxResponseBytes: number;

  constructor(options: SinchClientOptions = {}) {
    const endpoints = { ...DEFAULT_ENDPOINTS, ...stripUndefined(options.endpoints ?? {}) };
    this.endpoints = Object.freeze({
      userApi: assertEndpointUrl(endpoints.userApi),
      api: assertEndpointUrl(endpoints.api),
      portalApi: assertEndpointUrl(endpoints.portalApi),
    });
    this.fetch = options.fetch ?? nodeFetch;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...stripUndefined(options.retry ?? {}) };
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.onRequest = options.onRequest;
    this.maxResponseBytes = options.maxResponseBytes ?? 8 * 1024 * 1024;
  }

  /** `POST {userApi}/v1/users/{type}/{identity}/authentication` with `{ password }`, Application scheme. */
  async login(identity: Identity, password: string, opts?: CallOptions): Promise<LoginResult> {
    const endpoint = identity.type === 'email' ? normaliseEmail(identity.endpoint) : `+${parsePhoneNumber(identity.endpoint)}`;
    if (identity.type === 'email' && endpoint === '') throw new InputError(l10n.t('Enter the email address of your Sinch account.'));
    if (typeof password !== 'string' || password === '') throw new InputError(l10n.t('Enter the password of your Sinch account.'));
    return this.call(
      {
        method: 'POST',
        host: 'userApi',
        path: `/v1/users/${identity.type === 'email' ? 'email' : 'number'}/${encodeURIComponent(endpoint)}/authentication`,
        body: { password },
        auth: { scheme: 'application' },
        // It carries the password: sent again only when it never left.
        idempotent: true,
        sendOnce: true,
        read: { parse: readLoginResult, expected: 'a log-in result' },
      },
      opts,
    );
  }

  /** `POST {api}/v1/instance` with `{ authorization, version: { os, platform } }`, User scheme. */
  async createInstance(userToken: string, version: InstanceVersion, opts?: CallOptions): Promise<Instance> {
    if (typeof userToken !== 'string' || userToken === '') throw new InputError(l10n.t('Sign in to Sinch first.'));
    return this.call(
      {
        method: 'POST',
        host: 'api',
        path: '/v1/instance',
        body: { authorization: userToken, version: { os: version.os, platform: version.platform } },
        auth: { scheme: 'user', token: userToken },
        // Each extra call would leave a live instance for 48 h: sent again only when it never left.
        idempotent: false,
        sendOnce: true,
        read: { parse: readInstance, expected: 'an instance' },
      },
      opts,
    );
  }

  /** The Instance-signed endpoints, signed with these credentials. */
  instance(credentials: { id: string; secret: string }): InstanceApi {
    const auth: AuthScheme = { scheme: 'instance', id: credentials.id, secret: credentials.secret };
    const org = (orgId: string) => `/v1/organisations/id/${assertOrganisationId(orgId)}/numbers`;
    const app = (appKey: string) => `/v1/applications/key/${assertApplicationKey(appKey)}/numbers`;
    const numbers = { parse: readRentedNumbers, expected: 'a list of numbers' };
    return {
      getOrganisation: async (opts) =>
        this.call({ method: 'GET', host: 'api', path: '/v1/organisations', auth, idempotent: true, read: { parse: readOrganisation, expected: 'an organisation' } }, opts),

      listShopGroups: async (orgId, opts) => {
        const query = opts?.type === undefined ? undefined : `?type=${assertCapability(opts.type)}`;
        return this.call(
          { method: 'GET', host: 'portalApi', path: `${org(orgId)}/shop`, query, auth, idempotent: true, read: { parse: readNumberGroups, expected: 'a list of number groups' } },
          opts,
        );
      },

      reserve: async (orgId, req, opts) => {
        const body = checkReserveRequest(req);
        return this.call(
          { method: 'PUT', host: 'portalApi', path: `${org(orgId)}/shop`, body, auth, idempotent: false, read: { parse: readReservation, expected: 'a reservation' } },
          opts,
        );
      },

      checkout: async (orgId, referenceIds, opts) => {
        if (!Array.isArray(referenceIds) || referenceIds.length === 0 || !referenceIds.every((r) => typeof r === 'string' && r.trim() !== '')) {
          throw new InputError(l10n.t('Nothing to check out: no reservation ids were given.'));
        }
        await this.call({ method: 'POST', host: 'portalApi', path: `${org(orgId)}/shop`, body: { referenceIds: [...referenceIds] }, auth, idempotent: false, read: null }, opts);
      },

      listRentedNumbers: async (orgId, opts) => this.call({ method: 'GET', host: 'portalApi', path: org(orgId), auth, idempotent: true, read: numbers }, opts),

      listApplicationNumbers: async (appKey, opts) => this.call({ method: 'GET', host: 'portalApi', path: app(appKey), auth, idempotent: true, read: numbers }, opts),

      assignNumbers: async (appKey, capability, list, opts) => {
        if (!Array.isArray(list)) throw new InputError(l10n.t('The numbers to assign must be a list.'));
        const bad = list.find((n) => !isValidPhoneNumber(n));
        if (bad !== undefined) throw new InputError(l10n.t('{0} is not a valid phone number, so it cannot be assigned.', String(bad)));
        // PUT overwrites the whole set, so sending it twice gives the same result.
        return this.call(
          { method: 'PUT', host: 'portalApi', path: `${app(appKey)}/${assertCapability(capability)}`, body: { numbers: [...list] }, auth, idempotent: true, read: numbers },
          opts,
        );
      },

      unassignNumber: async (appKey, number, opts) => {
        if (!isValidPhoneNumber(number)) throw new InputError(l10n.t('{0} is not a valid phone number, so it cannot be unassigned.', String(number)));
        await this.call({ method: 'DELETE', host: 'portalApi', path: `${app(appKey)}/${number}`, auth, idempotent: true, read: null }, opts);
      },
    };
  }

  private async call<T>(op: Operation<T>, opts: CallOptions = {}): Promise<T> {
    // Serialized once: these exact bytes are signed and sent, on every attempt.
    const body = op.body === undefined ? undefined : JSON.stringify(op.body);
    const pathAndQuery = op.path + (op.query ?? '');
    const logPath = redactPath(pathAndQuery);
    const url = this.endpoints[op.host] + pathAndQuery;
    const signedBy: SignedBy = op.auth.scheme;
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const ctx = { method: op.method, path: logPath, host: hostOf(url), signedBy };
    let resigned = false;
    let retries = 0;
    let lastError: SinchApiError | undefined;

    for (let attempt = 1; ; attempt++) {
      if (opts.signal?.aborted) throw cancelled(ctx, lastError);
      const timestamp = isoTimestamp(this.now() + this.clockOffsetMs);
      const headers = { ...signedHeaders({ method: op.method, path: op.path, body }, op.auth, timestamp), Accept: 'application/json' };
      const started = performance.now();
      const result = await this.attempt(op, url, headers, body, opts.signal, timeoutMs, ctx);
      const log = (outcome: RequestLogEntry['outcome'], status?: number, error?: SinchApiError) =>
        this.log({ method: op.method, path: logPath, status, durationMs: Math.round(performance.now() - started), attempt, outcome, errorKind: error?.kind, errorCode: error?.errorCode });

      if (result.ok) {
        log('ok', result.status);
        return result.value;
      }
      const error = (lastError = result.error);

      // The server refused our clock, not the request: it did nothing, so re-signing is safe for every endpoint.
      if (error.errorCode === ErrorCodes.TimestampRejected && !resigned && result.serverDate !== undefined) {
        resigned = true;
        const learned = learnClockOffset(error, result.serverDate, this.now());
        if (learned instanceof SinchApiError) {
          log('error', error.status, learned); // the two clocks are over a day apart: one of them is wrong
          throw learned;
        }
        this.clockOffsetMs = learned;
        log('retry', error.status, error);
        continue;
      }
      if (mayResend(error, op, retries, this.retry.maxRetries)) {
        if (error.retryAfterMs !== undefined && error.retryAfterMs > this.retry.maxRetryAfterMs) {
          log('error', error.status, error); // its message names the wait
          throw error;
        }
        const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** retries) * this.random();
        retries++;
        log('retry', error.status, error);
        await this.pause(Math.max(backoff, error.retryAfterMs ?? 0), opts.signal, () => cancelled(ctx, error));
        continue;
      }
      log('error', error.status, error);
      throw error;
    }
  }

  private async attempt<T>(
    op: Operation<T>,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    ctx: { method: string; path: string; host: string; signedBy: SignedBy },
  ): Promise<Attempt<T>> {
    const controller = new AbortController();
    let stop: 'timeout' | 'cancelled' | undefined;
    const onAbort = () => {
      stop ??= 'cancelled';
      controller.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      stop ??= 'timeout';
      controller.abort();
    }, timeoutMs);
    const progress = { declared: undefined as number | undefined, received: 0 };
    try {
      let res: Response;
      try {
        res = await this.fetch(url, {
          method: op.method,
          headers,
          // A Buffer, not a string, so node-fetch adds no Content-Type of its own.
          body: body === undefined ? undefined : Buffer.from(body, 'utf8'),
          signal: controller.signal,
          // A redirect would carry a signed request to another host.
          redirect: 'manual',
        });
      } catch (err) {
        return { ok: false, error: errorFromNetwork(err, { ...ctx, phase: stop ?? 'failed', timeoutMs }) };
      }
      const status = res.status;
      const serverDate = parseHttpDate(res.headers.get('date'));
      if (serverDate !== undefined) this.lastServerDateSkewMs = serverDate - this.now();

      let raw: Buffer;
      try {
        raw = await readCapped(res, this.maxResponseBytes, progress);
      } catch (err) {
        if (err instanceof BodyTooLarge) return { ok: false, error: protocolError(status, `a body larger than ${formatBytes(this.maxResponseBytes)}`, ctx) };
        if (stop === 'timeout' && progress.declared !== undefined && progress.received < progress.declared) {
          // Node does not report a connection closed before Content-Length bytes; it shows up as a stall.
          return { ok: false, error: protocolError(status, `a body that stopped after ${progress.received} of ${progress.declared} bytes`, ctx, err) };
        }
        if (stop !== undefined) return { ok: false, error: errorFromNetwork(err, { ...ctx, phase: stop, timeoutMs }) };
        return { ok: false, error: protocolError(status, 'a body that was cut off', ctx, err) };
      }

      if (status >= 200 && status < 300) {
        if (op.read === null) {
          // Nothing is expected: a page instead (a proxy's, a captive portal's) is not Sinch saying yes.
          if (raw.length > 0 && parseJson(raw) === NOT_JSON) return { ok: false, error: protocolError(status, 'a body that is not JSON', ctx) };
          return { ok: true, value: undefined as T, status };
        }
        if (raw.length === 0) return { ok: false, error: protocolError(status, 'an empty body', ctx) };
        const json = parseJson(raw);
        if (json === NOT_JSON) {
          const looksCut = /^\s*[[{]/.test(raw.toString('utf8', 0, 64));
          return { ok: false, error: protocolError(status, looksCut ? 'JSON that is cut off or malformed' : 'a body that is not JSON', ctx) };
        }
        const value = op.read.parse(json);
        if (value === undefined) return { ok: false, error: protocolError(status, `JSON that is not ${op.read.expected}`, ctx) };
        return { ok: true, value, status };
      }
      const json = raw.length === 0 ? undefined : parseJson(raw);
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), serverDate ?? this.now());
      const error = errorFromResponse(status, json === NOT_JSON ? undefined : json, { ...ctx, nonJson: json === NOT_JSON, retryAfterMs });
      return { ok: false, error, serverDate };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Backoff that a caller's abort ends at once, even if an injected `sleep` ignores the signal. */
  private async pause(ms: number, signal: AbortSignal | undefined, onCancel: () => SinchApiError): Promise<void> {
    if (!signal) return this.sleep(ms);
    if (signal.aborted) throw onCancel();
    let onAbort!: () => void;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(onCancel());
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([this.sleep(ms, signal), aborted]);
    } catch (err) {
      throw signal.aborted ? onCancel() : err;
    } finally {
      signal.removeEventListener('abort', onAbort);
      aborted.catch(() => undefined);
    }
  }

  private log(entry: RequestLogEntry): void {
    if (!this.onRequest) return;
    const clean = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as unknown as RequestLogEntry;
    try {
      this.onRequest(clean);
    } catch {
      // A broken logger must not break the call.
    }
  }
}

function checkReserveRequest(req: ReserveRequest): ReserveRequest {
  if (!req || !Number.isSafeInteger(req.groupId) || req.groupId < 0) throw new InputError(l10n.t('Choose a number group to rent from.'));
  if (!Number.isSafeInteger(req.quantity) || req.quantity < 1) throw new InputError(l10n.t('The quantity must be a whole number of at least 1.'));
  if (!Array.isArray(req.capabilities)) throw new InputError(l10n.t('The capabilities must be a list of sms and voice.'));
  return { groupId: req.groupId, quantity: req.quantity, capabilities: req.capabilities.map(assertCapability) };
}

function cancelled(ctx: { method: string; path: string }, last: SinchApiError | undefined): SinchApiError {
  // Between attempts nothing is in flight; only an earlier unknown outcome stays unknown.
  return new SinchApiError({ kind: 'cancelled', message: l10n.t('The request to Sinch was cancelled.'), method: ctx.method, path: ctx.path, outcomeUnknown: last?.outcomeUnknown ?? false });
}

async function readCapped(res: Response, limit: number, progress: { declared?: number; received: number }): Promise<Buffer> {
  const stream = res.body as NodeJS.ReadableStream & { destroy?: () => void };
  const length = res.headers.get('content-length');
  if (length !== null && /^\d+$/.test(length)) progress.declared = Number(length);
  if (progress.declared !== undefined && progress.declared > limit) {
    stream.destroy?.();
    throw new BodyTooLarge();
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    progress.received += buf.length;
    if (progress.received > limit) {
      stream.destroy?.();
      throw new BodyTooLarge();
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

const NOT_JSON = Symbol('not JSON');

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return NOT_JSON;
  }
}

/** Retry-After is delta-seconds or an HTTP date; a date is read against the server's own clock when known. */
function parseRetryAfter(value: string | null, reference: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = parseHttpDate(text);
  return date === undefined ? undefined : Math.max(0, date - reference);
}

function parseHttpDate(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / (1024 * 1024)).toFixed(1)} MiB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} KiB` : `${n} bytes`;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
