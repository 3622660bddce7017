// Shared by the code insights and the overview's Scan Workspace (both find numbers in text the same way).
// Finds what in a text could be a phone number or an application key: one regular-expression
// pass over the whole text, returning spans. Whether a span is the organisation's is decided
// later by map lookups (codeIndex.ts), so this module knows nothing about any organisation.

/**
 * `e164`: `+` and 8–15 digits, nothing between them (`+14150005550`);
 * `formatted`: `+` and digits with spaces, dashes, dots or parentheses (`+1 (415) 000-5550`);
 * `digits`: 8–15 bare digits in a string, or after `=`, `:` or `,` (`"14150005550"`, `FROM=14150005550`,
 *   `NUMBERS=14150005550,14150005551`): they count only when they are a rented number;
 * `key`: a UUID, the shape of a Sinch application key.
 */
export type CandidateKind = 'e164' | 'formatted' | 'digits' | 'key';

export interface Candidate {
  readonly kind: CandidateKind;
  /** Offsets in the text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** E.164 digits without `+` for numbers; the lower-case key for keys. */
  readonly value: string;
}

const HEX = '[0-9a-fA-F]';
// Every alternative starts with a character that is rare in code (`-`, `+`, a quote, `=`, `:`,
// `,`), checked before any lookbehind: V8 then skips ahead quickly, about ten times faster than
// alternatives that open with a lookbehind (bench/insights.ts).
// A key is found at its first dash; the 8 hex digits before it are checked behind.
const KEY = String.raw`-(?<=(?<![\w-])${HEX}{8}-)${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}(?![\w-])`;
// A number never starts with 0 and never continues into a word, a decimal or more digits.
const END = String.raw`(?![\w]|\.\d)`;
const PLUS = String.raw`\+(?<![\w+]\+)`;
const E164 = String.raw`${PLUS}([1-9]\d{7,14})${END}`;
// Every group starts with a separator or a parenthesised block, so no digit run splits two
// ways: the expression cannot backtrack exponentially.
const FORMATTED = String.raw`${PLUS}([1-9]\d{0,3}(?:[ .\-]?\(\d{1,6}\)[ .\-]?\d{1,6}|[ .\-]\d{1,6})+)${END}`;
// The opening quote or `=` is part of the match; the candidate is the digits after it.
const DIGITS = String.raw`(?:["'\x60]|[=:,][ \t]*)([1-9]\d{7,14})${END}`;
const PATTERN = new RegExp(`(${KEY})|${E164}|${FORMATTED}|${DIGITS}`, 'g');

const KEY_HEAD = 8;
const MIN_DIGITS = 8;
const MAX_DIGITS = 15;

/** Every candidate in `text`, in order; spans never overlap. */
export function detect(text: string): Candidate[] {
  const out: Candidate[] = [];
  PATTERN.lastIndex = 0;
  for (let m = PATTERN.exec(text); m !== null; m = PATTERN.exec(text)) {
    const end = m.index + m[0].length;
    if (m[1] !== undefined) {
      const start = m.index - KEY_HEAD;
      out.push({ kind: 'key', start, end, value: text.slice(start, end).toLowerCase() });
    } else if (m[2] !== undefined) out.push({ kind: 'e164', start: m.index, end, value: m[2] });
    else if (m[3] !== undefined) {
      const value = formattedDigits(m[3]);
      if (value !== undefined) out.push({ kind: 'formatted', start: m.index, end, value });
    } else if (m[4] !== undefined) out.push({ kind: 'digits', start: end - m[4].length, end, value: m[4] });
  }
  return out;
}

/** `+44 (0)20 7946 0100` → `442079460100`: the `(0)` trunk prefix is not part of the number. */
function formattedDigits(text: string): string | undefined {
  const digits = text.replace(/^(\d{1,4})[ .-]?\(0\)/, '$1').replace(/\D/g, '');
  return digits.length >= MIN_DIGITS && digits.length <= MAX_DIGITS ? digits : undefined;
}

/** The candidate whose span holds `offset` (candidates sorted by start, as detect returns them). */
export function candidateAt<T extends { start: number; end: number }>(
  candidates: readonly T[],
  offset: number,
): T | undefined {
  let lo = 0;
  let hi = candidates.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = candidates[mid];
    if (offset < c.start) hi = mid - 1;
    else if (offset > c.end) lo = mid + 1;
    else return c;
  }
  return undefined;
}
