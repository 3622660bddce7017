import type { Response } from 'node-fetch';
import { JsonArrayReader } from './jsonArrayReader';

/**
 * One HTTP attempt's plumbing: its abort controller (the caller's cancel, or silence for
 * longer than the timeout) and reading the answer's body within a size limit, whole or as a
 * JSON array that is parsed while it arrives.
 */

/**
 * Aborts the attempt when the caller cancels or when nothing arrives for `timeoutMs`: the
 * wait restarts with every part of the body, so a long list that keeps arriving is not cut
 * off, while a stalled one is.
 */
export class AttemptWatch {
  private readonly controller = new AbortController();
  /** Why the attempt was aborted, if it was. */
  stop: 'timeout' | 'cancelled' | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCancel = () => this.abort('cancelled');

  constructor(
    private readonly caller: AbortSignal | undefined,
    private readonly timeoutMs: number,
  ) {
    caller?.addEventListener('abort', this.onCancel, { once: true });
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Something arrived: the wait for the next part starts again. */
  touch(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.abort('timeout'), this.timeoutMs);
  }

  /** Ends the transfer (the reader needs no more of the body) without calling it a timeout or a cancel. */
  halt(): void {
    this.controller.abort();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCancel);
  }

  private abort(why: 'timeout' | 'cancelled'): void {
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
  // The headers are in: the wait for silence starts again from here.
  watch.touch();
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
      watch.touch();
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
