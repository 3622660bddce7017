import type { Response } from 'node-fetch';
import { JsonArrayReader } from './jsonArrayReader';

/**
 * One HTTP attempt's plumbing: its abort controller (the caller's cancel, the request's
 * deadline, silence or a stalled body) and reading the answer's body within a size limit,
 * whole or as a JSON array that is parsed while it arrives.
 */

/**
 * A body is stalled when less than this arrives within one timeout window, however steadily
 * it trickles: a byte every few seconds would otherwise keep a request (and a rent's lock and
 * progress) alive for ever. A real list arrives at hundreds of KiB per second.
 */
export const STALL_MIN_BYTES = 1024;

/**
 * Every request's outer bound, over all its attempts and waits. 15 minutes: a 200,000-number
 * list is about 60 MiB (about 300 bytes a number), which a slow link of 0.6 Mbit/s still
 * brings in time; nothing the extension asks for is larger, and an answer slower than that
 * is of no use to the user waiting for it.
 */
export const DEFAULT_DEADLINE_MS = 15 * 60 * 1000;

/** Why an attempt was aborted: silence before the headers, a stalled body, the deadline, or the caller's cancel. */
export type StopReason = 'timeout' | 'stalled' | 'deadline' | 'cancelled';

/**
 * The request's deadline, over all its attempts: its signal aborts on the caller's cancel or
 * when the deadline passes, and `expired` tells the two apart.
 */
export class RequestDeadline {
  private readonly controller = new AbortController();
  expired = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onCancel = () => this.controller.abort();

  constructor(
    private readonly caller: AbortSignal | undefined,
    readonly ms: number,
  ) {
    if (caller?.aborted) this.controller.abort();
    caller?.addEventListener('abort', this.onCancel, { once: true });
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort();
    }, ms);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCancel);
  }
}

/**
 * Aborts the attempt when the caller cancels, when the deadline passes, when nothing arrives
 * for `timeoutMs` before the headers, or when less than `minBytes` of the body arrives within
 * `timeoutMs`: the wait restarts only once another `minBytes` are in, so a long list that keeps
 * arriving is not cut off, while a stalled or trickling one is.
 */
export class AttemptWatch {
  private readonly controller = new AbortController();
  /** Why the attempt was aborted, if it was. */
  stop: StopReason | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inBody = false;
  /** Body bytes since the wait last restarted. */
  private pending = 0;
  private readonly onCancel = () => this.abort(this.deadline?.expired ? 'deadline' : 'cancelled');
  private readonly caller: AbortSignal | undefined;
  private readonly deadline: RequestDeadline | undefined;

  constructor(
    caller: AbortSignal | RequestDeadline | undefined,
    readonly timeoutMs: number,
    readonly minBytes = STALL_MIN_BYTES,
  ) {
    this.deadline = caller instanceof RequestDeadline ? caller : undefined;
    this.caller = caller instanceof RequestDeadline ? caller.signal : caller;
    if (this.caller?.aborted) this.onCancel();
    else this.caller?.addEventListener('abort', this.onCancel, { once: true });
    this.restart();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The headers are in: from here the body must keep arriving at `minBytes` per `timeoutMs`. */
  headers(): void {
    this.inBody = true;
    this.pending = 0;
    this.restart();
  }

  /** `bytes` of the body arrived; the wait restarts once `minBytes` have come since it last did. */
  arrived(bytes: number): void {
    this.pending += bytes;
    if (this.pending < this.minBytes) return;
    this.pending = 0;
    this.restart();
  }

  /** Ends the transfer (the reader needs no more of the body) without calling it a timeout or a cancel. */
  halt(): void {
    this.controller.abort();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCancel);
  }

  private restart(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.abort(this.inBody ? 'stalled' : 'timeout'), this.timeoutMs);
  }

  private abort(why: StopReason): void {
    this.stop ??= why;
    this.controller.abort();
  }
}

/** The body went past the size limit; reading stopped there. */
export class BodyTooLarge extends Error {}

/** Bytes announced (Content-Length) and received so far, for the error of a body that stops short. */
export interface BodyProgress {
  declared?: number;
  received: number;
}

type BodyStream = NodeJS.ReadableStream & { destroy?: () => void };

const ignore = () => undefined;

/** Yields the body's chunks as Buffers, counting them against `limit` and telling `watch` that data arrived. */
async function* chunksOf(
  res: Response,
  limit: number,
  progress: BodyProgress,
  watch: AttemptWatch,
): AsyncGenerator<Buffer> {
  const stream = res.body as BodyStream;
  const length = res.headers.get('content-length');
  // A compressed body's length counts other bytes than the ones read here: not a size to compare.
  const compressed = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (!compressed && length !== null && /^\d+$/.test(length)) progress.declared = Number(length);
  // The headers are in: from here the body must keep arriving.
  watch.headers();
  if (progress.declared !== undefined && progress.declared > limit) {
    // As below: the abort closes the connection, which destroying node-fetch's stream does not.
    stream.on('error', ignore);
    watch.halt();
    stream.destroy?.();
    throw new BodyTooLarge();
  }
  let finished = false;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
      progress.received += buf.length;
      if (progress.received > limit) throw new BodyTooLarge();
      watch.arrived(buf.length);
      yield buf;
    }
    finished = true;
  } finally {
    if (!finished) {
      // The reader gave up early (too large, malformed, wrong shape): close the connection.
      // node-fetch reports that abort as an error on the body, which nobody reads any more.
      stream.on('error', ignore);
      watch.halt();
      stream.destroy?.();
    }
  }
}

/** The whole body, at most `limit` bytes. */
export async function readWhole(
  res: Response,
  limit: number,
  progress: BodyProgress,
  watch: AttemptWatch,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of chunksOf(res, limit, progress, watch)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Reads a body expected to be a JSON array, handing each run of parsed elements to
 * `onElements` as it arrives. Returns undefined when the whole array was read, or, when the
 * body turned out not to start with `[`, the whole body for the caller to judge (an error
 * page, an object). Throws JsonArrayError for an array that is malformed or cut off.
 */
export async function readJsonArray(
  res: Response,
  limit: number,
  progress: BodyProgress,
  watch: AttemptWatch,
  onElements: (elements: unknown[]) => void,
): Promise<Buffer | undefined> {
  const reader = new JsonArrayReader();
  const head: Buffer[] = [];
  let array = true;
  for await (const chunk of chunksOf(res, limit, progress, watch)) {
    if (!array) {
      head.push(chunk);
      continue;
    }
    if (!reader.started) head.push(chunk);
    try {
      const elements = reader.push(chunk);
      if (elements.length > 0) onElements(elements);
    } catch (err) {
      if (reader.started) throw err;
      array = false; // not an array: keep reading, so the whole body can be judged
    }
    if (reader.started) head.length = 0;
  }
  if (!array) return Buffer.concat(head);
  let last: unknown[];
  try {
    last = reader.end();
  } catch (err) {
    if (!reader.started) return Buffer.concat(head);
    throw err;
  }
  if (last.length > 0) onElements(last);
  return undefined;
}

/** Retry-After is delta-seconds or an HTTP date; a date is read against the server's own clock when known. */
export function parseRetryAfter(value: string | null, reference: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = parseHttpDate(text);
  return date === undefined ? undefined : Math.max(0, date - reference);
}

export function parseHttpDate(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
