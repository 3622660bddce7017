// Find in Workspace: one regular expression that finds a number however the code writes it.
// It is given to VS Code's search (ripgrep), so it sticks to syntax both ripgrep and
// JavaScript read the same way: no lookaround, `\b` for the edges.
import { PhoneNumber, type E164Number } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';

/** What may stand between two digits: up to two of space, dash, dot and parentheses. */
const SEP = '[-. ()]{0,2}';

interface Parts {
  countryCode: string;
  national: string;
  /** The trunk prefix a national format starts with (`0` in the UK), or ''. */
  trunk: string;
}

function partsOf(digits: string): Parts | undefined {
  try {
    const parsed = new PhoneNumber(`+${digits}` as E164Number, metadata);
    const national = String(parsed.nationalNumber);
    const written = parsed.formatNational().replace(/\D/g, '');
    const trunk = written.endsWith(national) ? written.slice(0, written.length - national.length) : '';
    return { countryCode: String(parsed.countryCallingCode), national, trunk };
  } catch {
    return undefined; // an unknown country calling code: E.164 forms only
  }
}

const spread = (digits: string) => digits.split('').join(SEP);

/**
 * Matches `digits` (E.164 without `+`) as `+14150005550`, `14150005550`, `+1 (415) 000-5550`,
 * `1-415-000-5550`, `(415) 000-5550`, `415.000.5550`, `+44 (0)20 7946 0100`, `020 7946 0100`.
 */
export function searchPattern(digits: string): string {
  const parts = partsOf(digits);
  if (!parts) return `\\+?\\b${spread(digits)}\\b`;
  const { countryCode: cc, national, trunk } = parts;
  const starts = [
    `\\+${cc}${SEP}(?:\\(0\\)${SEP})?`,
    `\\b${cc}${SEP}`,
    trunk ? `\\b(?:${trunk}${SEP})?` : '\\b',
  ];
  return `(?:${starts.join('|')})${spread(national)}\\b`;
}
