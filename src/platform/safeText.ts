// Text that came from elsewhere (a Sinch answer, a setting) is data: before it reaches a label,
// a dialog or a Markdown tooltip it loses what could change how the text around it reads.

/**
 * C0 and C1 controls (newlines and tabs included), the line and paragraph separators, and the
 * bidirectional embeddings, overrides, isolates and marks ("\u202Egnp.exe" reads "exe.png").
 * The zero-width joiner stays: emoji sequences need it.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]+/g;

/**
 * A string plainText may change: an unsafe or white-space character other than the space (a
 * superset: zero-width ones go the slow way and are kept), or two spaces. One character class
 * scans fast; a list of 200,000 numbers checks several strings per number.
 */
const MAY_NEED_CLEANING =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u00a0\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]| {2}/;

/** Every ASCII punctuation character, each of which CommonMark lets a backslash make literal. */
const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * One line of plain text: controls and bidi characters become a space, runs of white space
 * one space, and the result is trimmed and cut to `maxLength` characters (with "…").
 */
export function plainText(value: unknown, maxLength = 200): string {
  if (typeof value !== 'string') return '';
  // Nearly every string is already clean; a list of 200,000 numbers reads several per number.
  if (
    value.length <= maxLength &&
    value.charCodeAt(0) !== 32 &&
    value.charCodeAt(value.length - 1) !== 32 &&
    !MAY_NEED_CLEANING.test(value)
  )
    return value;
  const text = value.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  if (text.length <= maxLength) return text;
  // Never cut a surrogate pair in half.
  const cut = /[\ud800-\udbff]/.test(text[maxLength - 2] ?? '') ? maxLength - 2 : maxLength - 1;
  return `${text.slice(0, cut)}…`;
}

/**
 * Plain text made literal for Markdown: every punctuation character is backslash-escaped, so
 * no link, image, autolink (`https://`, `www.`, `a@b.c`), HTML, entity, emphasis, code span or
 * theme icon `$(…)` can start inside it, and no line break can end the paragraph around it.
 */
export function markdownText(value: unknown, maxLength = 200): string {
  return plainText(value, maxLength).replace(MARKDOWN_PUNCTUATION, '\\$&');
}

/**
 * A key or identifier as a code span when it is made of safe characters only (letters,
 * digits, `-`, `+`, `.`, `_`, `:`), which is what Sinch sends; anything else is shown as
 * escaped text instead, because nothing inside a code span can be escaped.
 */
export function markdownCode(value: unknown, maxLength = 80): string {
  const text = plainText(value, maxLength);
  return /^[A-Za-z0-9+._:-]+$/.test(text) ? `\`${text}\`` : markdownText(text, maxLength);
}

/**
 * What a surface could act on in plain text: `](` (a notification turns `[label](target)` into
 * a link it opens with commands allowed, and so does Markdown), `$(` (a theme icon in a quick
 * pick, a status bar item or a label), and a scheme that runs or opens something
 * (`command:`, `vscode:`, `file:`, `javascript:`, `data:`) right before a non-space.
 */
const ACTIVE_SYNTAX = /\]\(|\$\(|\b(?:command|vscode(?:-[a-z]+)?|file|javascript|vbscript|data):(?=\S)/gi;

/**
 * Breaks active syntax without changing the length (so the cap holds, and a cut cannot bring
 * it back): the `(` after `]` or `$`, and a scheme's `:`, become their full-width forms, which
 * read the same and are syntax to no surface: `]（`, `$（`, `command：x`. Idempotent.
 */
function defang(text: string): string {
  if (text.indexOf('(') < 0 && text.indexOf(':') < 0) return text;
  return text.replace(ACTIVE_SYNTAX, (m) => (m.endsWith(':') ? `${m.slice(0, -1)}\uff1a` : `${m[0]}\uff08`));
}

/**
 * Text from a server as display text for any surface: `plainText` (one line, no control or
 * bidi characters, capped), with no link, theme icon or command URI left that a notification,
 * a quick pick, a label or a dialog could act on. Applied where server text enters the product
 * (sinch/wire.ts, sinch/errors.ts); Markdown surfaces escape it once more (`markdownText`).
 */
export function serverText(value: unknown, maxLength = 200): string {
  const text = plainText(value, maxLength);
  return defang(text);
}

/**
 * The second guard, for text about to be shown (platform/messages.ts): line by line, controls
 * and bidi characters become a space and active syntax is broken as in serverText; at most
 * `maxLines` lines of at most `maxLength` characters. Unlike plainText it keeps the product's
 * own white space (indents, the no-break spaces inside a formatted phone number).
 */
export function guardedText(value: string, maxLength = 1000, maxLines = 40): string {
  const lines = value.split(/\r\n|\n|\r/);
  const kept = lines.slice(0, maxLines).map((line) => defang(cut(line.replace(UNSAFE, ' '), maxLength)));
  if (lines.length > maxLines) kept.push('…');
  return kept.join('\n');
}

/** At most `maxLength` characters, ending in "…" when cut, never splitting a surrogate pair. */
function cut(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const at = /[\ud800-\udbff]/.test(text[maxLength - 2] ?? '') ? maxLength - 2 : maxLength - 1;
  return `${text.slice(0, at)}…`;
}
