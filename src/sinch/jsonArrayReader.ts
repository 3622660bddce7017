/**
 * Reads a JSON array as its bytes arrive, without waiting for (or holding) the whole text.
 * The bytes are scanned for the array's own commas (tracking strings, escapes and nesting);
 * each run of complete elements is handed to JSON.parse at once, which checks the syntax.
 * Structural characters are ASCII and never occur inside a multi-byte UTF-8 sequence, so a
 * byte scan is safe and a chunk may end anywhere.
 */

/** Why the bytes are not a readable array: another JSON value (or none) at the top, or broken JSON. */
export class JsonArrayError extends Error {
  constructor(readonly reason: 'notArray' | 'malformed') {
    super(reason === 'notArray' ? 'The body is not a JSON array.' : 'The JSON array is cut off or malformed.');
    this.name = 'JsonArrayError';
  }
}

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

export class JsonArrayReader {
  /** Received bytes not yet parsed: the element in progress (and, before `[`, what precedes it). */
  private pending: Buffer | undefined;
  /** How much of `pending` has been scanned already. */
  private scanned = 0;
  private phase: 'start' | 'inside' | 'done' = 'start';
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Top-level commas seen and elements parsed: an array of n elements has n - 1 commas. */
  private commas = 0;
  private elements = 0;

  /** True once the `[` has been seen: from then on the bytes are read as the array. */
  get started(): boolean {
    return this.phase !== 'start';
  }

  /** True once the closing `]` has been seen. */
  private get closed(): boolean {
    return this.phase === 'done';
  }

  /** Feeds the next bytes; returns the elements they completed (often none). Throws JsonArrayError. */
  push(chunk: Buffer): unknown[] {
    let buf = this.pending === undefined ? chunk : Buffer.concat([this.pending, chunk]);
    let at = this.scanned;
    if (this.phase === 'start') {
      at = this.openArray(buf);
      if (at < 0) {
        this.pending = buf;
        this.scanned = buf.length;
        return [];
      }
      buf = buf.subarray(at);
      at = 0;
    }
    if (this.phase === 'done') {
      this.trailing(buf, at);
      this.pending = undefined;
      this.scanned = 0;
      return [];
    }
    const end = this.scan(buf, at);
    this.scanned = buf.length;
    if (end < 0) {
      this.pending = buf;
      return [];
    }
    const parsed = this.parse(buf.toString('utf8', 0, end));
    if (this.closed) {
      this.trailing(buf, end + 1);
      this.pending = undefined;
      this.scanned = 0;
    } else {
      this.pending = buf.subarray(end + 1);
      this.scanned = this.pending.length;
    }
    return parsed;
  }

  /** The body is complete: throws unless it held exactly one whole array. */
  end(): void {
    // No `[` at all (nothing, whitespace, a lone byte): the caller judges the body whole.
    if (this.phase === 'start') throw new JsonArrayError('notArray');
    // An empty segment (`[1,]`, `[,1]`) parses to nothing, so the counts give it away.
    const whole = this.elements === 0 ? this.commas === 0 : this.elements === this.commas + 1;
    if (this.phase !== 'done' || !whole) throw new JsonArrayError('malformed');
  }

  /** Finds the `[` after an optional BOM and whitespace: its index + 1, or -1 when more bytes are needed. */
  private openArray(buf: Buffer): number {
    let i = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    if (i === 0 && buf.length < 3 && buf.length > 0 && buf[0] === 0xef) return -1; // a BOM split across chunks
    while (i < buf.length && isWhitespace(buf[i])) i++;
    if (i === buf.length) return -1;
    if (buf[i] !== OPEN_ARRAY) throw new JsonArrayError('notArray');
    this.phase = 'inside';
    this.depth = 1;
    return i + 1;
  }

  /**
   * Scans from `from`; returns the index of the last top-level comma (or of the closing `]`,
   * which ends the array) in `buf`, or -1 when the bytes complete no element.
   */
  private scan(buf: Buffer, from: number): number {
    let { depth, inString, escaped } = this;
    let last = -1;
    let commas = 0;
    const n = buf.length;
    let i = from;
    for (; i < n; i++) {
      const c = buf[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (--depth === 0) {
          last = i;
          this.phase = 'done';
          break;
        }
      } else if (c === COMMA && depth === 1) {
        last = i;
        commas++;
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    this.commas += commas;
    return last;
  }

  /** `text` is whole elements separated by commas; JSON.parse checks their syntax. */
  private parse(text: string): unknown[] {
    let values: unknown;
    try {
      values = JSON.parse(`[${text}]`);
    } catch {
      throw new JsonArrayError('malformed');
    }
    const list = values as unknown[];
    this.elements += list.length;
    return list;
  }

  /** After the closing `]` only whitespace may follow. */
  private trailing(buf: Buffer, from: number): void {
    for (let i = from; i < buf.length; i++) if (!isWhitespace(buf[i])) throw new JsonArrayError('malformed');
  }
}
