/**
 * Writing answers. A list is streamed: serialised a few hundred elements at a time as the
 * client reads it (chunked, no Content-Length), so a list of 200,000 numbers neither waits
 * for its whole JSON text nor holds it. A `slow` fault paces any answer.
 */
import type { ServerResponse } from 'node:http';

/** Elements serialised per write: small enough to start at once, large enough that JSON.stringify dominates. */
const ELEMENTS_PER_WRITE = 500;
/** Bytes per write while a `slow` fault paces the answer. */
const PACED_WRITE_BYTES = 16 * 1024;

/** A JSON array answer written element by element; `toWire` makes each element's wire shape. */
export class StreamedArray<T = unknown> {
  constructor(
    readonly items: readonly T[],
    readonly toWire: (item: T) => unknown = (item) => item,
  ) {}

  /** The whole value (for faults that need the full text, like `truncated`). */
  toJSON(): unknown[] {
    return this.items.map(this.toWire);
  }

  /** The JSON text in pieces: `[`, elements joined by `,`, `]`. */
  *pieces(): Generator<string> {
    const { items, toWire } = this;
    if (items.length === 0) return yield '[]';
    for (let i = 0; i < items.length; i += ELEMENTS_PER_WRITE) {
      const batch = JSON.stringify(items.slice(i, i + ELEMENTS_PER_WRITE).map(toWire));
      // Each batch is an array: keep its `[` only first, its `]` only last.
      const first = i === 0;
      const last = i + ELEMENTS_PER_WRITE >= items.length;
      yield `${first ? '[' : ','}${batch.slice(1, last ? batch.length : -1)}`;
    }
  }
}

export interface WriteOptions {
  /** Pace: at most this many bytes per second (the `slow` fault). */
  bytesPerSecond?: number;
  /** A delay that the server's close() cancels. */
  sleep(ms: number): Promise<void>;
}

/** Writes `pieces` with backpressure (and pacing); stops quietly when the client goes away. */
export async function writePieces(
  res: ServerResponse,
  pieces: Iterable<string | Buffer>,
  opts: WriteOptions,
): Promise<void> {
  const started = Date.now();
  let sent = 0;
  for (const piece of pieces) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    const step = opts.bytesPerSecond === undefined ? bytes.length : PACED_WRITE_BYTES;
    for (let at = 0; at < bytes.length; at += step) {
      if (res.destroyed) return;
      if (opts.bytesPerSecond !== undefined)
        await opts.sleep(started + (sent * 1000) / opts.bytesPerSecond - Date.now());
      const part = step >= bytes.length ? bytes : bytes.subarray(at, at + step);
      sent += part.length;
      if (!res.write(part)) await drained(res);
    }
  }
  if (!res.destroyed) res.end();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
