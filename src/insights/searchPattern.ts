// Find in Workspace: one regular expression that finds a number however the code writes it.
// It is given to VS Code's search (ripgrep), so it sticks to syntax both ripgrep and
// JavaScript read the same way: no lookaround, `\b` for the edges.
import { PhoneNumber, type E164Number } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';

/** What may stand between two groups of digits: spaces, dashes, dots and parentheses. */
const SEP = '[-. ()]*';

interface Parts {
  countryCode: string;
  /** The national number in the groups its country writes it in (`415`, `000`, `5550`). */
  groups: string[];
  /** The trunk prefix a national format starts with (`0` in the UK), or ''. */
  trunk: string;
}

function partsOf(digits: string): Parts | undefined {
  let parsed: PhoneNumber;
  try {
    parsed = new PhoneNumber(`+${digits}` as E164Number, metadata);
  } catch {
    return undefined; // an unknown country calling code: E.164 forms only
  }
  const national = String(parsed.nationalNumber);
  const written = parsed.formatNational().split(/\D+/).filter(Boolean);
  const all = written.join('');
  const trunk = all.endsWith(national) ? all.slice(0, all.length - national.length) : '';
  // The trunk prefix leaves the first group(s): `020 7946 0100` → `20`, `7946`, `0100`.
  let skip = trunk.length;
  const groups: string[] = [];
  for (const g of written) {
    if (skip >= g.length) {
      skip -= g.length;
      continue;
    }
    groups.push(g.slice(skip));
    skip = 0;
  }
  return {
    countryCode: String(parsed.countryCallingCode),
    groups: groups.join('') === national ? groups : national.split(''),
    trunk,
  };
}

/**
 * Matches `digits` (E.164 without `+`) as `+14150005550`, `14150005550`, `+1 (415) 000-5550`,
 * `1-415-000-5550`, `(415) 000-5550`, `415.000.5550`, `+44 (0)20 7946 0100`, `020 7946 0100`:
 * the country's own grouping, with or without separators between the groups.
 */
export function searchPattern(digits: string): string {
  const parts = partsOf(digits);
  if (!parts) return `\\+?\\b${digits}\\b`;
  const { countryCode: cc, groups, trunk } = parts;
  const starts = [`\\+${cc}${SEP}(?:\\(0\\)${SEP})?`, `\\b${cc}${SEP}`, trunk ? `\\b(?:${trunk}${SEP})?` : '\\b'];
  return `(?:${starts.join('|')})${groups.join(SEP)}\\b`;
}
