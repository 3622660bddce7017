import nodeFetch from 'node-fetch';
import type { Response } from 'node-fetch';
import {
  ErrorCodes,
  errorFromNetwork,
  errorFromResponse,
  protocolError,
  SinchApiError,
  tooLargeError,
  type SignedBy,
} from './errors';
import { learnClockOffset } from './clockOffset';
import { JsonArrayError } from './jsonArrayReader';
import { mayResend, type ResendRule } from './retryPolicy';
import {
  assertApplicationKey,
  assertCapability,
  assertEndpointUrl,
  assertOrganisationId,
  isValidPhoneNumber,
  normaliseEmail,
  parsePhoneNumber,
} from './guards';
import { InputError } from '../platform/errors';
import { redactPath, type RequestLogEntry } from './requestLog';
import { isoTimestamp, signedHeaders, type AuthScheme } from './signing';
import { FormNegotiation, SignatureForms, type SignatureFormMemory } from './signatureForm';
import { hostKey, type OrganisationShape, type SignatureForm } from './dialect';
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
import {
  AttemptWatch,
  BodyTooLarge,
  parseHttpDate,
  parseRetryAfter,
  readJsonArray,
  readWhole,
  type BodyProgress,
} from './transport';
import {
  readInstance,
  readLoginResult,
  readNumberGroups,
  readOrganisations,
  readRentedNumber,
  readReservation,
  type ValueSharing,
} from './wire';
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
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 30_000,
});

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
  /** Larger bodies are a protocol error; default 256 MiB. */
  maxResponseBytes?: number;
  /** The setting that sets `maxResponseBytes`: the error for a larger body names it. */
  maxResponseSetting?: string;
}

/** Where a list answer's bodies stop being read unless the caller says otherwise. */
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** How far a list has arrived: numbers read and checked, bytes received (of `totalBytes` when the server announced it). */
export interface ListProgress {
  items: number;
  bytes: number;
  totalBytes?: number;
}

/** A list call: the call's options, and a report as the list arrives (after each part). */
export interface ListOptions extends CallOptions {
  onProgress?: (progress: ListProgress) => void;
}

/**
 * Where the numbers of a list go as they arrive, each already checked. A call takes a new
 * collector for every attempt, since a retry reads the list from the start.
 */
export interface NumberCollector<T> {
  /** Repeated values (cities, capability lists, money) are made one, so the collected list stays small. */
  readonly share?: ValueSharing;
  add(n: RentedNumber): void;
  finish(): T;
}

/** `GET /v1/organisations` as answered: one object (the reference) or a list (Sinch's sample code), read as a list. */
export interface OrganisationsAnswer {
  shape: OrganisationShape;
  organisations: Organisation[];
}

/** The number administration endpoints that need an Instance-signed request. */
export interface InstanceApi {
  /** `GET {api}/v1/organisations`: one Organisation object or a list of them. */
  getOrganisations(opts?: CallOptions): Promise<OrganisationsAnswer>;
  /** `GET {portalApi}/v1/organisations/id/{orgId}/numbers/shop[?type=sms|voice]`. */
  listShopGroups(orgId: string, opts?: CallOptions & { type?: Capability }): Promise<NumberGroup[]>;
  /** `PUT {portalApi}/v1/organisations/id/{orgId}/numbers/shop` → `{ referenceId }`. Never retried once it may have been sent. */
  reserve(orgId: string, req: ReserveRequest, opts?: CallOptions): Promise<{ referenceId: string }>;
  /** `POST {portalApi}/v1/organisations/id/{orgId}/numbers/shop` with `{ referenceIds }` → 204. Spends money: the client never retries it; after a lost answer the rent flow sends the same ids once more, which cannot buy twice (checkoutRun.ts). */
  checkout(orgId: string, referenceIds: string[], opts?: CallOptions): Promise<void>;
  /** `GET {portalApi}/v1/organisations/id/{orgId}/numbers`. */
  listRentedNumbers(orgId: string, opts?: ListOptions): Promise<RentedNumber[]>;
  /**
   * `GET {portalApi}/v1/organisations/id/{orgId}/numbers`, read as it arrives: each number is
   * checked as soon as its JSON is complete and goes to a collector from `collect` (a new one
   * per attempt). Resolves with that collector's `finish()`; a cancel stops the transfer.
   */
  streamRentedNumbers<T>(orgId: string, collect: () => NumberCollector<T>, opts?: ListOptions): Promise<T>;
  /** `GET {portalApi}/v1/applications/key/{appKey}/numbers`. */
  listApplicationNumbers(appKey: string, opts?: ListOptions): Promise<RentedNumber[]>;
  /**
   * `PUT {portalApi}/v1/applications/key/{appKey}/numbers/{capability}` with `{ numbers }`: OVERWRITES that capability's set; returns the application's numbers.
   * Retried after a definite failure only; after an unknown outcome (reset, timeout, a gateway's page) it throws, and the caller re-reads before writing again.
   */
  assignNumbers(appKey: string, capability: Capability, numbers: number[], opts?: CallOptions): Promise<RentedNumber[]>;
  /** `DELETE {portalApi}/v1/applications/key/{appKey}/numbers/{number}` → 204 (also when the number was not on the application). */
  unassignNumber(appKey: string, number: number, opts?: CallOptions): Promise<void>;
}

/** How a request is signed; an instance-signed one also says where the signature forms per host are kept. */
type RequestAuth = AuthScheme & { forms?: SignatureFormMemory };

/** One endpoint call: where it goes, how it is signed, when it may be sent again (ResendRule), and how to read the answer. */
interface Operation<T> extends ResendRule {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  host: keyof Endpoints;
  path: string;
  query?: string;
  body?: unknown;
  auth: RequestAuth;
  /** `null` for endpoints answering 204; otherwise how to read a 2xx body and what it expects, for the protocol error. */
  read: WholeRead<T> | ListRead<T> | null;
}

/** A JSON value read once the whole body is in. */
interface WholeRead<T> {
  parse: (json: unknown) => T | undefined;
  expected: string;
}

/** A JSON array read while it arrives, element by element, into a collector made per attempt. */
interface ListRead<T> {
  expected: string;
  /** `add` returns false for an element of the wrong shape. */
  start(): { add(element: unknown): boolean; finish(): T };
  onProgress?: (progress: ListProgress) => void;
}

/** An operation's request, prepared once for all its attempts. */
interface Prepared {
  url: string;
  /** Serialized once: these exact bytes are signed and sent, on every attempt. */
  body: string | undefined;
  timeoutMs: number;
  ctx: { method: string; path: string; host: string; signedBy: SignedBy };
}

type Attempt<T> = { ok: true; value: T; status: number } | { ok: false; error: SinchApiError; serverDate?: number };

/** What one call has spent of its retries and re-signs, and its signature form negotiation. */
interface RetryState {
  resigned: boolean;
  retries: number;
  negotiation: FormNegotiation | undefined;
}

/** What the retry policy decides after a failed attempt. */
/** `fail` throws `error` when given (it says more than the answer did), else the answer's error. */
type NextStep = { kind: 'resign' } | { kind: 'wait'; ms: number } | { kind: 'fail'; error?: SinchApiError };

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
  /** The signature form per host, when `instance()` is given no memory of its own. */
  readonly signatureForms = new SignatureForms();

  private readonly fetch: FetchLike;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  /** The policy in force: the default with what the options replaced. */
  readonly retry: Readonly<RetryPolicy>;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly onRequest?: (e: RequestLogEntry) => void;
  private readonly maxResponseBytes: number;
  private readonly maxResponseSetting?: string;

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
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.maxResponseSetting = options.maxResponseSetting;
  }

  /** `POST {userApi}/v1/users/{type}/{identity}/authentication` with `{ password }`, Application scheme. */
  async login(identity: Identity, password: string, opts?: CallOptions): Promise<LoginResult> {
    const endpoint =
      identity.type === 'email' ? normaliseEmail(identity.endpoint) : `+${parsePhoneNumber(identity.endpoint)}`;
    if (identity.type === 'email' && endpoint === '')
      throw new InputError(l10n.t('Enter the email address of your Sinch account.'));
    if (typeof password !== 'string' || password === '')
      throw new InputError(l10n.t('Enter the password of your Sinch account.'));
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
        read: { parse: readLoginResult, expected: l10n.t('a log-in result') },
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
        read: { parse: readInstance, expected: l10n.t('an instance') },
      },
      opts,
    );
  }

  /** The Instance-signed endpoints, signed with these credentials in the form `forms` knows for each host (see signatureForm.ts). */
  instance(credentials: { id: string; secret: string }, forms: SignatureFormMemory = this.signatureForms): InstanceApi {
    const auth: RequestAuth = { scheme: 'instance', id: credentials.id, secret: credentials.secret, forms };
    const org = (orgId: string) => `/v1/organisations/id/${assertOrganisationId(orgId)}/numbers`;
    const app = (appKey: string) => `/v1/applications/key/${assertApplicationKey(appKey)}/numbers`;
    const numbers = (opts?: ListOptions) => listOf(arrayCollector, opts);
    return {
      getOrganisations: async (opts) =>
        this.call(
          {
            method: 'GET',
            host: 'api',
            path: '/v1/organisations',
            auth,
            idempotent: true,
            read: { parse: readOrganisations, expected: l10n.t('an organisation or a list of them') },
          },
          opts,
        ),

      listShopGroups: async (orgId, opts) => {
        const query = opts?.type === undefined ? undefined : `?type=${assertCapability(opts.type)}`;
        return this.call(
          {
            method: 'GET',
            host: 'portalApi',
            path: `${org(orgId)}/shop`,
            query,
            auth,
            idempotent: true,
            read: { parse: readNumberGroups, expected: l10n.t('a list of number groups') },
          },
          opts,
        );
      },

      reserve: async (orgId, req, opts) => {
        const body = checkReserveRequest(req);
        return this.call(
          {
            method: 'PUT',
            host: 'portalApi',
            path: `${org(orgId)}/shop`,
            body,
            auth,
            idempotent: false,
            read: { parse: readReservation, expected: l10n.t('a reservation') },
          },
          opts,
        );
      },

      checkout: async (orgId, referenceIds, opts) => {
        if (
          !Array.isArray(referenceIds) ||
          referenceIds.length === 0 ||
          !referenceIds.every((r) => typeof r === 'string' && r.trim() !== '')
        ) {
          throw new InputError(l10n.t('Nothing to check out: no reservation ids were given.'));
        }
        await this.call(
          {
            method: 'POST',
            host: 'portalApi',
            path: `${org(orgId)}/shop`,
            body: { referenceIds: [...referenceIds] },
            auth,
            idempotent: false,
            read: null,
          },
          opts,
        );
      },

      listRentedNumbers: async (orgId, opts) =>
        this.call(
          { method: 'GET', host: 'portalApi', path: org(orgId), auth, idempotent: true, read: numbers(opts) },
          opts,
        ),

      streamRentedNumbers: async (orgId, collect, opts) =>
        this.call(
          { method: 'GET', host: 'portalApi', path: org(orgId), auth, idempotent: true, read: listOf(collect, opts) },
          opts,
        ),

      listApplicationNumbers: async (appKey, opts) =>
        this.call(
          { method: 'GET', host: 'portalApi', path: app(appKey), auth, idempotent: true, read: numbers(opts) },
          opts,
        ),

      assignNumbers: async (appKey, capability, list, opts) => {
        if (!Array.isArray(list)) throw new InputError(l10n.t('The numbers to assign must be a list.'));
        const bad = list.find((n) => !isValidPhoneNumber(n));
        if (bad !== undefined)
          throw new InputError(l10n.t('{0} is not a valid phone number, so it cannot be assigned.', String(bad)));
        // A definite failure (503, 429) is retried: nothing was written. After an unknown outcome the writer re-reads instead.
        return this.call(
          {
            method: 'PUT',
            host: 'portalApi',
            path: `${app(appKey)}/${assertCapability(capability)}`,
            body: { numbers: [...list] },
            auth,
            idempotent: true,
            mergedFromRead: true,
            read: numbers(),
          },
          opts,
        );
      },

      unassignNumber: async (appKey, number, opts) => {
        if (!isValidPhoneNumber(number))
          throw new InputError(l10n.t('{0} is not a valid phone number, so it cannot be unassigned.', String(number)));
        await this.call(
          { method: 'DELETE', host: 'portalApi', path: `${app(appKey)}/${number}`, auth, idempotent: true, read: null },
          opts,
        );
      },
    };
  }

  /** The retry policy around attempts: the clock re-sign once, backoff for what is safe to repeat. */
  private async call<T>(op: Operation<T>, opts: CallOptions = {}): Promise<T> {
    const req = this.prepare(op, opts);
    const state: RetryState = { resigned: false, retries: 0, negotiation: this.negotiation(op.auth, req.ctx.host) };
    let lastError: SinchApiError | undefined;
    for (let attempt = 1; ; attempt++) {
      if (opts.signal?.aborted) throw cancelled(req.ctx, lastError);
      const started = performance.now();
      const result = await this.attempt(op, req, opts.signal, state.negotiation?.form);
      const log = (outcome: RequestLogEntry['outcome'], status?: number, error?: SinchApiError) =>
        this.log({
          method: op.method,
          path: req.ctx.path,
          status,
          durationMs: Math.round(performance.now() - started),
          attempt,
          outcome,
          errorKind: error?.kind,
          errorCode: error?.errorCode,
        });
      if (result.ok) {
        state.negotiation?.accepted();
        log('ok', result.status);
        return result.value;
      }
      const error = (lastError = result.error);
      const next = this.nextStep(op, error, result.serverDate, state);
      if (next.kind === 'fail') {
        const thrown = next.error ?? error;
        log('error', error.status, thrown);
        throw thrown;
      }
      log('retry', error.status, error);
      if (next.kind === 'wait') await this.pause(next.ms, opts.signal, () => cancelled(req.ctx, error));
    }
  }

  private prepare(op: Operation<unknown>, opts: CallOptions): Prepared {
    const pathAndQuery = op.path + (op.query ?? '');
    const url = this.endpoints[op.host] + pathAndQuery;
    return {
      url,
      body: op.body === undefined ? undefined : JSON.stringify(op.body),
      timeoutMs: opts.timeoutMs ?? this.timeoutMs,
      ctx: { method: op.method, path: redactPath(pathAndQuery), host: hostKey(url), signedBy: op.auth.scheme },
    };
  }

  /** An instance-signed call negotiates its signature form on its host (signatureForm.ts); others sign one way. */
  private negotiation(auth: RequestAuth, host: string): FormNegotiation | undefined {
    return auth.scheme === 'instance'
      ? new FormNegotiation(auth.forms ?? this.signatureForms, host, this.now)
      : undefined;
  }

  /** Re-sign, wait and retry, or give up; `state` counts what has been spent. */
  private nextStep(
    op: Operation<unknown>,
    error: SinchApiError,
    serverDate: number | undefined,
    state: RetryState,
  ): NextStep {
    // The server refused our clock, not the request: it did nothing, so re-signing is safe for every endpoint.
    if (error.errorCode === ErrorCodes.TimestampRejected && !state.resigned && serverDate !== undefined) {
      state.resigned = true;
      const learned = learnClockOffset(error, serverDate, this.now());
      // The two clocks are over a day apart: one of them is wrong, and the message says so.
      if (learned instanceof SinchApiError) return { kind: 'fail', error: learned };
      this.clockOffsetMs = learned;
      return { kind: 'resign' };
    }
    // A refused signature changed nothing either: the other form is tried once, for every endpoint.
    if (error.errorCode === ErrorCodes.BadSignature && state.negotiation?.refused()) return { kind: 'resign' };
    if (!mayResend(error, op, state.retries, this.retry.maxRetries)) return { kind: 'fail' };
    // A Retry-After beyond the cap fails at once; its message names the wait.
    if (error.retryAfterMs !== undefined && error.retryAfterMs > this.retry.maxRetryAfterMs) return { kind: 'fail' };
    const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** state.retries) * this.random();
    state.retries++;
    return { kind: 'wait', ms: Math.max(backoff, error.retryAfterMs ?? 0) };
  }

  /** One signed HTTP request and its answer, as a value or as the error it amounts to. */
  private async attempt<T>(
    op: Operation<T>,
    req: Prepared,
    signal: AbortSignal | undefined,
    form: SignatureForm | undefined,
  ): Promise<Attempt<T>> {
    const timestamp = isoTimestamp(this.now() + this.clockOffsetMs);
    const auth = form === undefined ? op.auth : { ...op.auth, form };
    const headers = {
      ...signedHeaders({ method: op.method, path: op.path, body: req.body }, auth, timestamp),
      Accept: 'application/json',
    };
    const watch = new AttemptWatch(signal, req.timeoutMs);
    try {
      let res: Response;
      try {
        res = await this.fetch(req.url, {
          method: op.method,
          headers,
          // A Buffer, not a string, so node-fetch adds no Content-Type of its own.
          body: req.body === undefined ? undefined : Buffer.from(req.body, 'utf8'),
          signal: watch.signal,
          // A redirect would carry a signed request to another host.
          redirect: 'manual',
        });
      } catch (err) {
        return {
          ok: false,
          error: errorFromNetwork(err, { ...req.ctx, phase: watch.stop ?? 'failed', timeoutMs: req.timeoutMs }),
        };
      }
      const serverDate = parseHttpDate(res.headers.get('date'));
      if (serverDate !== undefined) this.lastServerDateSkewMs = serverDate - this.now();
      return await this.answer(op, req, res, watch, serverDate);
    } finally {
      watch.dispose();
    }
  }

  /** Reads the answer's body and turns status and body into the attempt's result. */
  private async answer<T>(
    op: Operation<T>,
    req: Prepared,
    res: Response,
    watch: AttemptWatch,
    serverDate: number | undefined,
  ): Promise<Attempt<T>> {
    const { status } = res;
    const progress: BodyProgress = { received: 0 };
    const success = status >= 200 && status < 300;
    try {
      if (success && op.read !== null && 'start' in op.read)
        return await this.readList(op.read, res, req, watch, progress);
      const raw = await readWhole(res, this.maxResponseBytes, progress, watch);
      if (success) return this.judge(op.read, raw, status, req);
      const json = raw.length === 0 ? undefined : parseJson(raw);
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), serverDate ?? this.now());
      const error = errorFromResponse(status, json === NOT_JSON ? undefined : json, {
        ...req.ctx,
        nonJson: json === NOT_JSON,
        retryAfterMs,
      });
      return { ok: false, error, serverDate };
    } catch (err) {
      return { ok: false, error: this.bodyFailure(err, status, req, watch, progress) };
    }
  }

  /** A list answer, read and checked as it arrives; a body that is no array is judged whole. */
  private async readList<T>(
    read: ListRead<T>,
    res: Response,
    req: Prepared,
    watch: AttemptWatch,
    progress: BodyProgress,
  ): Promise<Attempt<T>> {
    const collector = read.start();
    let items = 0;
    let wrongShape = false;
    const whole = await readJsonArray(res, this.maxResponseBytes, progress, watch, (elements) => {
      for (const element of elements) {
        if (!collector.add(element)) {
          wrongShape = true;
          throw new WrongShape();
        }
      }
      items += elements.length;
      read.onProgress?.({ items, bytes: progress.received, totalBytes: progress.declared });
    }).catch((err: unknown) => {
      if (wrongShape) return 'wrongShape' as const;
      throw err;
    });
    if (whole === 'wrongShape')
      return { ok: false, error: protocolError(res.status, l10n.t('JSON that is not {0}', read.expected), req.ctx) };
    if (whole !== undefined)
      return this.judge({ parse: (): T | undefined => undefined, expected: read.expected }, whole, res.status, req);
    return { ok: true, value: collector.finish(), status: res.status };
  }

  /** A whole 2xx body: what the endpoint expects, or the protocol error naming the status. */
  private judge<T>(read: WholeRead<T> | ListRead<T> | null, raw: Buffer, status: number, req: Prepared): Attempt<T> {
    if (read === null) {
      // Nothing is expected: a page instead (a proxy's, a captive portal's) is not Sinch saying yes.
      if (raw.length > 0 && parseJson(raw) === NOT_JSON)
        return { ok: false, error: protocolError(status, l10n.t('a body that is not JSON'), req.ctx) };
      return { ok: true, value: undefined as T, status };
    }
    if (raw.length === 0) return { ok: false, error: protocolError(status, l10n.t('an empty body'), req.ctx) };
    const json = parseJson(raw);
    if (json === NOT_JSON) {
      const looksCut = /^\s*[[{]/.test(raw.toString('utf8', 0, 64));
      return {
        ok: false,
        error: protocolError(
          status,
          looksCut ? l10n.t('JSON that is cut off or malformed') : l10n.t('a body that is not JSON'),
          req.ctx,
        ),
      };
    }
    const value = 'parse' in read ? read.parse(json) : undefined;
    if (value === undefined)
      return { ok: false, error: protocolError(status, l10n.t('JSON that is not {0}', read.expected), req.ctx) };
    return { ok: true, value, status };
  }

  /** Why reading the body failed: too large, cut off, stalled (a timeout), cancelled, or broken JSON. */
  private bodyFailure(
    err: unknown,
    status: number,
    req: Prepared,
    watch: AttemptWatch,
    progress: BodyProgress,
  ): SinchApiError {
    if (err instanceof BodyTooLarge)
      return tooLargeError(status, this.maxResponseBytes, this.maxResponseSetting, req.ctx);
    if (err instanceof JsonArrayError)
      return protocolError(status, l10n.t('JSON that is cut off or malformed'), req.ctx);
    const { stop } = watch;
    if (stop === 'timeout' && progress.declared !== undefined && progress.received < progress.declared) {
      // Node does not report a connection closed before Content-Length bytes; it shows up as a stall.
      return protocolError(
        status,
        l10n.t('a body that stopped after {0} of {1} bytes', progress.received, progress.declared),
        req.ctx,
        err,
      );
    }
    if (stop !== undefined) return errorFromNetwork(err, { ...req.ctx, phase: stop, timeoutMs: req.timeoutMs });
    return protocolError(status, l10n.t('a body that was cut off'), req.ctx, err);
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
    const clean = Object.fromEntries(
      Object.entries(entry).filter(([, v]) => v !== undefined),
    ) as unknown as RequestLogEntry;
    try {
      this.onRequest(clean);
    } catch {
      // A broken logger must not break the call.
    }
  }
}

/** An element of the wrong shape: reading stops at once. */
class WrongShape extends Error {}

/** The numbers of a list, read as they arrive, each checked with `readRentedNumber`. */
function listOf<T>(collect: () => NumberCollector<T>, opts?: ListOptions): ListRead<T> {
  return {
    expected: l10n.t('a list of numbers'),
    start: () => {
      const collector = collect();
      return {
        add: (element) => {
          const n = readRentedNumber(element, collector.share);
          if (n === undefined) return false;
          collector.add(n);
          return true;
        },
        finish: () => collector.finish(),
      };
    },
    onProgress: opts?.onProgress,
  };
}

/** Hands a list that is already whole to a collector (stand-ins for `streamRentedNumbers` in tests). */
export function collectAll<T>(numbers: readonly RentedNumber[], collector: NumberCollector<T>): T {
  for (const n of numbers) collector.add(n);
  return collector.finish();
}

/** Collects a list into a plain array (every call that wants the list whole). */
function arrayCollector(): NumberCollector<RentedNumber[]> {
  const list: RentedNumber[] = [];
  return { add: (n) => void list.push(n), finish: () => list };
}

function checkReserveRequest(req: ReserveRequest): ReserveRequest {
  if (!req || !Number.isSafeInteger(req.groupId) || req.groupId < 0)
    throw new InputError(l10n.t('Choose a number group to rent from.'));
  if (!Number.isSafeInteger(req.quantity) || req.quantity < 1)
    throw new InputError(l10n.t('The quantity must be a whole number of at least 1.'));
  if (!Array.isArray(req.capabilities))
    throw new InputError(l10n.t('The capabilities must be a list of sms and voice.'));
  return { groupId: req.groupId, quantity: req.quantity, capabilities: req.capabilities.map(assertCapability) };
}

function cancelled(ctx: { method: string; path: string }, last: SinchApiError | undefined): SinchApiError {
  // Between attempts nothing is in flight; only an earlier unknown outcome stays unknown.
  return new SinchApiError({
    kind: 'cancelled',
    message: l10n.t('The request to Sinch was cancelled.'),
    method: ctx.method,
    path: ctx.path,
    outcomeUnknown: last?.outcomeUnknown ?? false,
  });
}

const NOT_JSON = Symbol('not JSON');

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return NOT_JSON;
  }
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

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
