/**
 * The request pipeline: one endpoint call from its prepared request to a value or a
 * `SinchApiError`. Each attempt is signed (signing.ts), sent with a timeout, and its answer
 * read within the size limit (transport.ts) and judged; between attempts the retry policy
 * (retryPolicy.ts) decides whether to re-sign, wait and send again, or fail. The endpoints
 * themselves are listed in client.ts.
 */
import nodeFetch from 'node-fetch';
import type { Response } from 'node-fetch';
import {
  cancelledError,
  deadlineError,
  errorFromNetwork,
  errorFromResponse,
  formatBytes,
  protocolError,
  SinchApiError,
  tooLargeError,
  type SignedBy,
} from './errors';
import { JsonArrayError } from './jsonArrayReader';
import { DEFAULT_RETRY_POLICY, nextStep, type ResendRule, type RetryPolicy, type RetryState } from './retryPolicy';
import { redactPath } from './redact';
import type { RequestLogEntry } from './requestLog';
import { isoTimestamp, signedHeaders, type AuthScheme } from './signing';
import { FormNegotiation, SignatureForms, type SignatureFormMemory } from './signatureForm';
import { hostKey, type SignatureForm } from './dialect';
import type { Endpoints } from './types';
import {
  AttemptWatch,
  BodyTooLarge,
  DEFAULT_DEADLINE_MS,
  RequestDeadline,
  type StopReason,
  parseHttpDate,
  parseRetryAfter,
  readJsonArray,
  readWhole,
  type BodyProgress,
} from './transport';
import { l10n } from '../platform/l10n';

/** node-fetch v2's signature: requests go through Node's http/https, which VS Code patches for its proxy settings. */
export type FetchLike = typeof import('node-fetch').default;

/** Per call: the caller's cancellation, a timeout (ms) for each HTTP attempt, and the deadline over all of them. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  deadlineMs?: number;
}

/** How far a list has arrived: numbers read and checked, bytes received (of `totalBytes` when the server announced it). */
export interface ListProgress {
  items: number;
  bytes: number;
  totalBytes?: number;
}

/** Where a list answer's bodies stop being read unless the caller says otherwise. */
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** The pipeline's seams (fetch, clock, sleep, randomness) and limits. */
export interface PipelineOptions {
  endpoints: Endpoints;
  fetch?: FetchLike;
  now?: () => number;
  /** Per attempt, default 30 000 ms: for the headers, and for each STALL_MIN_BYTES of the body. */
  timeoutMs?: number;
  /** Per request, over all its attempts and waits; default DEFAULT_DEADLINE_MS (15 minutes). */
  deadlineMs?: number;
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

/** How a request is signed; an instance-signed one also says where the signature forms per host are kept. */
export type RequestAuth = AuthScheme & { forms?: SignatureFormMemory };

/** One endpoint call: where it goes, how it is signed, when it may be sent again (ResendRule), and how to read the answer. */
export interface Operation<T> extends ResendRule {
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
export interface WholeRead<T> {
  parse: (json: unknown) => T | undefined;
  expected: string;
}

/** A JSON array read while it arrives, element by element, into a collector made per attempt. */
export interface ListRead<T> {
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
  deadlineMs: number;
  ctx: { method: string; path: string; host: string; signedBy: SignedBy };
}

type Attempt<T> = { ok: true; value: T; status: number } | { ok: false; error: SinchApiError; serverDate?: number };

/** Sends endpoint calls: signing, timeouts, safe retries, clock-skew correction, and every failure as a `SinchApiError`. */
export class RequestPipeline {
  readonly endpoints: Endpoints;
  /** Server time minus local time, learned from a 40101 answer's Date header (within a day: clockOffset.ts); added to every later x-timestamp. */
  clockOffsetMs = 0;
  /** Server Date minus local time from the last answer that had a Date header (second precision). */
  lastServerDateSkewMs?: number;
  /** The signature form per host, when a call's auth brings no memory of its own. */
  readonly signatureForms = new SignatureForms();
  /** The policy in force: the default with what the options replaced. */
  readonly retry: Readonly<RetryPolicy>;

  private readonly fetch: FetchLike;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly deadlineMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly onRequest?: (e: RequestLogEntry) => void;
  private readonly maxResponseBytes: number;
  private readonly maxResponseSetting?: string;

  constructor(options: PipelineOptions) {
    this.endpoints = options.endpoints;
    this.fetch = options.fetch ?? nodeFetch;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...stripUndefined(options.retry ?? {}) };
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.onRequest = options.onRequest;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.maxResponseSetting = options.maxResponseSetting;
  }

  /** The retry policy around attempts: the clock re-sign once, backoff for what is safe to repeat. */
  async call<T>(op: Operation<T>, opts: CallOptions = {}): Promise<T> {
    const req = this.prepare(op, opts);
    const deadline = new RequestDeadline(opts.signal, req.deadlineMs);
    try {
      return await this.attempts(op, req, deadline);
    } finally {
      deadline.dispose();
    }
  }

  private async attempts<T>(op: Operation<T>, req: Prepared, deadline: RequestDeadline): Promise<T> {
    const negotiation = this.negotiation(op.auth, req.ctx.host);
    const state: RetryState = { resigned: false, retries: 0, negotiation };
    let lastError: SinchApiError | undefined;
    const stopped = (last: SinchApiError | undefined) =>
      deadline.expired
        ? deadlineError({
            ...req.ctx,
            deadlineMs: req.deadlineMs,
            outcomeUnknown: last?.outcomeUnknown ?? false,
          })
        : cancelled(req.ctx, last);
    for (let attempt = 1; ; attempt++) {
      if (deadline.signal.aborted) throw stopped(lastError);
      const started = performance.now();
      const result = await this.attempt(op, req, deadline, negotiation?.form);
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
        negotiation?.accepted();
        log('ok', result.status);
        return result.value;
      }
      const error = (lastError = result.error);
      const next = nextStep(error, op, result.serverDate, state, this.retry, { now: this.now(), random: this.random });
      if (next.kind === 'resign' && next.clockOffsetMs !== undefined) this.clockOffsetMs = next.clockOffsetMs;
      if (next.kind === 'fail') {
        const thrown = next.error ?? error;
        log('error', error.status, thrown);
        throw thrown;
      }
      log('retry', error.status, error);
      if (next.kind === 'wait') await this.pause(next.ms, deadline.signal, () => stopped(error));
    }
  }

  private prepare(op: Operation<unknown>, opts: CallOptions): Prepared {
    const pathAndQuery = op.path + (op.query ?? '');
    const url = this.endpoints[op.host] + pathAndQuery;
    return {
      url,
      body: op.body === undefined ? undefined : JSON.stringify(op.body),
      timeoutMs: opts.timeoutMs ?? this.timeoutMs,
      deadlineMs: opts.deadlineMs ?? this.deadlineMs,
      ctx: { method: op.method, path: redactPath(pathAndQuery), host: hostKey(url), signedBy: op.auth.scheme },
    };
  }

  /** An instance-signed call negotiates its signature form on its host (signatureForm.ts); others sign one way. */
  private negotiation(auth: RequestAuth, host: string): FormNegotiation | undefined {
    return auth.scheme === 'instance'
      ? new FormNegotiation(auth.forms ?? this.signatureForms, host, this.now)
      : undefined;
  }

  /** One signed HTTP request and its answer, as a value or as the error it amounts to. */
  private async attempt<T>(
    op: Operation<T>,
    req: Prepared,
    deadline: RequestDeadline,
    form: SignatureForm | undefined,
  ): Promise<Attempt<T>> {
    const timestamp = isoTimestamp(this.now() + this.clockOffsetMs);
    const auth = form === undefined ? op.auth : { ...op.auth, form };
    const headers = {
      ...signedHeaders({ method: op.method, path: op.path, body: req.body }, auth, timestamp),
      Accept: 'application/json',
    };
    const watch = new AttemptWatch(deadline, req.timeoutMs);
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
          error: errorFromNetwork(err, this.networkContext(req, watch, watch.stop ?? 'failed')),
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
    if (err instanceof JsonArrayError && err.reason === 'entryTooLarge')
      return protocolError(
        status,
        l10n.t('a list entry larger than {0}, so the list was not read', formatBytes(err.limitBytes ?? 0)),
        req.ctx,
      );
    if (err instanceof JsonArrayError)
      return protocolError(status, l10n.t('JSON that is cut off or malformed'), req.ctx);
    const { stop } = watch;
    if (stop === 'stalled' && progress.declared !== undefined && progress.received < progress.declared) {
      // Node does not report a connection closed before Content-Length bytes; it shows up as a stall.
      return protocolError(
        status,
        l10n.t('a body that stopped after {0} of {1} bytes', progress.received, progress.declared),
        req.ctx,
        err,
      );
    }
    if (stop !== undefined) return errorFromNetwork(err, this.networkContext(req, watch, stop));
    return protocolError(status, l10n.t('a body that was cut off'), req.ctx, err);
  }

  private networkContext(req: Prepared, watch: AttemptWatch, phase: StopReason | 'failed') {
    return { ...req.ctx, phase, timeoutMs: req.timeoutMs, minBytes: watch.minBytes, deadlineMs: req.deadlineMs };
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

export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A cancel before or between attempts: nothing is in flight, so only an earlier unknown outcome stays unknown. */
function cancelled(ctx: { method: string; path: string }, last: SinchApiError | undefined): SinchApiError {
  return cancelledError({ method: ctx.method, path: ctx.path, outcomeUnknown: last?.outcomeUnknown ?? false });
}
