/**
 * Reads a JSON array as its bytes arrive, without waiting for (or holding) the whole text.
 *
 * Each byte is looked at once: a small scanner, whose state (inside a string, after a
 * backslash, how deep) is kept between chunks, finds the commas between the array's elements.
 * The complete elements of a chunk go to JSON.parse in one run, which checks their syntax; the
 * unfinished element's bytes wait, and are parsed once, when it completes. So the work is linear
 * in the bytes, wherever the chunks end and whatever the strings hold. Structural characters are
 * ASCII and never occur inside a multi-byte UTF-8 sequence, so a chunk may end anywhere.
 *
 * An element may not grow past `maxEntryBytes` (a real number's entry is under 1 KB): past it,
 * the list is refused at once, without reading on.
 */

/** Why the bytes are not a readable array. */
export type JsonArrayProblem = 'notArray' | 'malformed' | 'entryTooLarge';

/** Another JSON value (or none) at the top, broken JSON, or an element past the size cap. */
export class JsonArrayError extends Error {
  constructor(
    readonly reason: JsonArrayProblem,
    /** For `entryTooLarge`: the cap in bytes. */
    readonly limitBytes?: number,
  ) {
    super(
      reason === 'notArray'
        ? 'The body is not a JSON array.'
        : reason === 'malformed'
          ? 'The JSON array is cut off or malformed.'
          : `An element of the JSON array is larger than ${limitBytes} bytes.`,
    );
    this.name = 'JsonArrayError';
  }
}

/** The default cap on one element: 64 KiB, about a hundred times a real number's entry. */
export const MAX_ENTRY_BYTES = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

type Phase = 'before' | 'inside' | 'closed';

export class JsonArrayReader {
  private phase: Phase = 'before';
  /** Bytes before the `[` (a BOM split across chunks, whitespace). */
  private head: Buffer = Buffer.alloc(0);
  /** The unfinished element's bytes from earlier chunks (at most `maxEntryBytes`). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Scanner state, kept between chunks. */
  private inString = false;
  private escaped = false;
  /** Nesting inside the current element (0: between elements). */
  private depth = 0;
  /** At least one element ended at a comma: another must follow. */
  private afterComma = false;
  /** Bytes looked at by the scanner, and bytes handed to JSON.parse: the work, for the linearity test. */
  scanned = 0;
  parsed = 0;

  constructor(private readonly maxEntryBytes = MAX_ENTRY_BYTES) {}

  /** True once the `[` has been seen: from then on the bytes are read as the array. */
  get started(): boolean {
    return this.phase !== 'before';
  }

  /** Feeds the next bytes; returns the elements they completed (often none). Throws JsonArrayError. */
  push(chunk: Buffer): unknown[] {
    let from = 0;
    if (this.phase === 'before') {
      const buf = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
      const at = this.openArray(buf);
      if (at < 0) {
        this.head = buf;
        return [];
      }
      this.head = Buffer.alloc(0);
      chunk = buf;
      from = at;
    }
    if (this.phase === 'closed') {
      this.trailing(chunk, from);
      return [];
    }
    const { lastComma, close } = this.scan(chunk, from);
    const runEnd = close >= 0 ? close : lastComma;
    if (runEnd < 0) {
      this.keep(chunk.subarray(from));
      return [];
    }
    const values = this.parseRun(chunk.subarray(from, runEnd), close >= 0);
    if (close >= 0) {
      this.phase = 'closed';
      this.trailing(chunk, close + 1);
    } else {
      this.afterComma = true;
      this.keep(chunk.subarray(runEnd + 1));
    }
    return values;
  }

  /** The body is complete: the last elements, or throws unless it held exactly one whole array. */
  end(): unknown[] {
    // No `[` at all (nothing, whitespace, a lone byte): the caller judges the body whole.
    if (this.phase === 'before') throw new JsonArrayError('notArray');
    if (this.phase !== 'closed') throw new JsonArrayError('malformed');
    return [];
  }

  /**
   * Scans `chunk` from `from`: the last comma between elements, and the array's closing `]`
   * (-1 when none). Throws once the current element passes the cap.
   */
  private scan(chunk: Buffer, from: number): { lastComma: number; close: number } {
    const max = this.maxEntryBytes;
    const n = chunk.length;
    let { depth, inString, escaped } = this;
    let lastComma = -1;
    // The current element's bytes: `carried` from earlier chunks, and this chunk's from `elementStart`.
    let elementStart = from;
    let carried = this.pendingBytes;
    // The next quote and backslash at or after the scan, found by the native search and reused
    // until passed (-2: not searched yet, -1: none left in this chunk).
    let nextQuote = -2;
    let nextBackslash = -2;
    let i = from;
    for (; i < n; i++) {
      if (inString) {
        if (escaped) {
          escaped = false;
          continue;
        }
        if (nextQuote !== -1 && nextQuote < i) nextQuote = chunk.indexOf(QUOTE, i);
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf(BACKSLASH, i);
        const stop = nextQuote < 0 ? nextBackslash : nextBackslash < 0 ? nextQuote : Math.min(nextQuote, nextBackslash);
        if (stop < 0) {
          i = n;
          break;
        }
        i = stop;
        if (chunk[i] === BACKSLASH) escaped = true;
        else inString = false;
      } else {
        const c = chunk[i];
        if (c === QUOTE) inString = true;
        else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
        else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
          if (depth === 0) {
            if (c !== CLOSE_ARRAY) throw new JsonArrayError('malformed');
            this.scanned += i + 1 - from;
            this.commit(depth, inString, escaped);
            return { lastComma, close: i };
          }
          depth--;
        } else if (c === COMMA && depth === 0) {
          lastComma = i;
          elementStart = i + 1;
          carried = 0;
          continue;
        }
      }
      if (carried + (i + 1 - elementStart) > max) break;
    }
    const end = Math.min(i, n);
    this.scanned += end - from;
    if (i < n || carried + (n - elementStart) > max) throw new JsonArrayError('entryTooLarge', max);
    this.commit(depth, inString, escaped);
    return { lastComma, close: -1 };
  }

  private commit(depth: number, inString: boolean, escaped: boolean): void {
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
  }

  /** Parses the pending bytes and `run` (elements separated by commas) as one array. */
  private parseRun(run: Buffer, closing: boolean): unknown[] {
    const bytes = this.pending.length === 0 ? run : Buffer.concat([...this.pending, run]);
    this.pending = [];
    this.pendingBytes = 0;
    this.parsed += bytes.length;
    const text = bytes.toString('utf8');
    if (text.trim() === '') {
      // Only `[]` (or `[ ]`) may hold nothing; `[,1]` and `[1,]` leave nothing beside a comma.
      if (closing && !this.afterComma) return [];
      throw new JsonArrayError('malformed');
    }
    try {
      return JSON.parse(`[${text}]`) as unknown[];
    } catch {
      throw new JsonArrayError('malformed');
    }
  }

  /** Keeps the unfinished element's bytes of this chunk for when it completes. */
  private keep(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  /** After the closing `]`: only whitespace may follow. */
  private trailing(chunk: Buffer, from: number): void {
    for (let i = from; i < chunk.length; i++) if (!isWhitespace(chunk[i])) throw new JsonArrayError('malformed');
    this.scanned += Math.max(0, chunk.length - from);
  }

  /** Finds the `[` after an optional BOM and whitespace: its index + 1, or -1 when more bytes are needed. */
  private openArray(buf: Buffer): number {
    let i = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    if (i === 0 && buf.length < 3 && buf.length > 0 && buf[0] === 0xef) return -1; // a BOM split across chunks
    while (i < buf.length && isWhitespace(buf[i])) i++;
    if (i === buf.length) return -1;
    if (buf[i] !== OPEN_ARRAY) throw new JsonArrayError('notArray');
    this.phase = 'inside';
    this.scanned += i + 1;
    return i + 1;
  }
}
