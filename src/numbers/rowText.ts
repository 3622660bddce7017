// What the Numbers tree's rows say, as plain text (the vscode layer puts it into TreeItems), and
// the one-line summary of a number the editor hover lists too.
import { l10n } from '../platform/l10n';
import type { RentedNumber } from '../sinch/types';
import { capabilitiesLabel } from './capabilities';
import { countryName, displayCity } from './phoneFormat';
import { count, numbersCount } from './wording';

/** "2 numbers", or with a filter "1 of 2 numbers". */
export function countText(shown: number, total: number): string {
  return shown === total ? numbersCount(total) : l10n.t('{0} of {1}', count(shown), numbersCount(total));
}

/** " · 1 expired, 2 expiring", or nothing. */
export function groupWarnings(node: { expiring: number; expired: number }): string {
  const parts: string[] = [];
  if (node.expired) parts.push(l10n.t('{0} expired', count(node.expired)));
  if (node.expiring) parts.push(l10n.t('{0} expiring', count(node.expiring)));
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

/**
 * "San Francisco · SMS + voice": shared by thousands of rows, so computed once per place and
 * capability list (numbers of one list share those values, so the lookups need no new key).
 */
const places = new Map<string, Map<readonly string[], string>>();
export function placeAndCapabilities(n: RentedNumber): string {
  const place = n.city || `\n${n.countryId}\n${n.country}`;
  let byCaps = places.get(place);
  if (byCaps === undefined) {
    if (places.size >= 10_000) places.clear();
    places.set(place, (byCaps = new Map()));
  }
  let text = byCaps.get(n.capabilities);
  if (text === undefined) {
    text = `${displayCity(n.city) || countryName(n.countryId, n.country)} · ${capabilitiesLabel(n.capabilities)}`;
    // Capability arrays of lists that do not share them would pile up: keep a few per place.
    if (byCaps.size < 64) byCaps.set(n.capabilities, text);
  }
  return text;
}
