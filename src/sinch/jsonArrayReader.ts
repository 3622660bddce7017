/**
 * Reads a JSON array of objects as its bytes arrive, without waiting for (or holding) the
 * whole text. Each time bytes arrive, the run of complete elements in them goes to JSON.parse
 * at once, which checks the syntax.
 *
 * Where a run ends: at the last `},` of the bytes, found by the native search, not by
 * reading every byte in JavaScript. That is right when it is the array's own comma after an
 * element; when it is not (inside a string, inside a nested value), the run text is
 * `[` + an unfinished value + `]`, which is never valid JSON: the parse fails, and then the
 * bytes are scanned one by one (strings, escapes and nesting tracked) for the true last comma.
 * A failure there too means the JSON is broken. Structural characters are ASCII and never
 * occur inside a multi-byte UTF-8 sequence, so a chunk may end anywhere.
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
const ELEMENT_END = Buffer.from('},');
/** Bytes without an element end that are worth a byte-by-byte look (an array of numbers, huge elements). */
const SCAN_AFTER = 256 * 1024;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export class JsonArrayReader {
  /** Bytes not yet parsed: from the start of the next element (before `[`: everything so far). */
  private pending: Buffer = Buffer.alloc(0);
  private started_ = false;
  /** A run ended at a comma: another element must follow. */
  private afterComma = false;

  /** True once the `[` has been seen: from then on the bytes are read as the array. */
  get started(): boolean {
    return this.started_;
  }

  /** Feeds the next bytes; returns the elements they completed (often none). Throws JsonArrayError. */
  push(chunk: Buffer): unknown[] {
    let buf = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    // Bytes already searched (a `},` there was tried, or there was none); one may straddle.
    let seen = this.started_ ? Math.max(0, this.pending.length - 1) : 0;
    if (!this.started_) {
      const at = this.openArray(buf);
      if (at < 0) {
        this.pending = buf;
        return [];
      }
      buf = buf.subarray(at);
      seen = 0;
    }
    let comma = buf.lastIndexOf(ELEMENT_END) + 1;
    if (comma > seen) {
      const parsed = this.tryParse(buf, comma);
      if (parsed) return parsed;
    } else if (buf.length < SCAN_AFTER) {
      this.pending = buf;
      return [];
    }
    // No element end found quickly (or a misleading one): read the bytes one by one.
    comma = lastTopLevelComma(buf);
    if (comma < 0) {
      this.pending = buf;
      return [];
    }
    const parsed = this.tryParse(buf, comma);
    if (!parsed) throw new JsonArrayError('malformed');
    return parsed;
  }

  /** The body is complete: the last elements, or throws unless it held exactly one whole array. */
  end(): unknown[] {
    // No `[` at all (nothing, whitespace, a lone byte): the caller judges the body whole.
    if (!this.started_) throw new JsonArrayError('notArray');
    const rest = this.pending;
    let first = 0;
    while (first < rest.length && isWhitespace(rest[first])) first++;
    // `[1,]` leaves `]` after a comma; `[` alone leaves nothing.
    if (first === rest.length || (this.afterComma && rest[first] === CLOSE_ARRAY))
      throw new JsonArrayError('malformed');
    try {
      return JSON.parse(`[${rest.toString('utf8')}`) as unknown[];
    } catch {
      throw new JsonArrayError('malformed');
    }
  }

  /** Parses the elements before the comma at `comma`; undefined when that is not valid JSON. */
  private tryParse(buf: Buffer, comma: number): unknown[] | undefined {
    let values: unknown[];
    try {
      values = JSON.parse(`[${buf.toString('utf8', 0, comma)}]`) as unknown[];
    } catch {
      return undefined;
    }
    this.pending = buf.subarray(comma + 1);
    this.afterComma = true;
    return values;
  }

  /** Finds the `[` after an optional BOM and whitespace: its index + 1, or -1 when more bytes are needed. */
  private openArray(buf: Buffer): number {
    let i = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    if (i === 0 && buf.length < 3 && buf.length > 0 && buf[0] === 0xef) return -1; // a BOM split across chunks
    while (i < buf.length && isWhitespace(buf[i])) i++;
    if (i === buf.length) return -1;
    if (buf[i] !== OPEN_ARRAY) throw new JsonArrayError('notArray');
    this.started_ = true;
    return i + 1;
  }
}

/**
 * The index of the last comma between elements in `buf`, which starts at an element (inside
 * the array, outside any string), or -1. Stops at the array's closing `]`.
 */
function lastTopLevelComma(buf: Buffer): number {
  let depth = 1;
  let last = -1;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === QUOTE) {
      // Skip the string: an escaped character never ends it.
      for (i++; i < buf.length && buf[i] !== QUOTE; i++) if (buf[i] === BACKSLASH) i++;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (--depth === 0) return last;
    } else if (c === COMMA && depth === 1) {
      last = i;
    }
  }
  return last;
}
