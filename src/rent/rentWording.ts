// How groups, reservations and bills read in the rent flow's messages. Plain Node (no vscode
// import), so the wording is unit-tested with the steps. Cities, countries, capabilities and
// numbers are written as the tree writes them (numbers/phoneFormat.ts, numbers/wording.ts).
import { l10n } from '../platform/l10n';
import { formatMoney, formatTotals, lineTotal, totalsByCurrency } from '../numbers/money';
import { countryName, displayCity } from '../numbers/phoneFormat';
import { listNumbers } from '../numbers/wording';
import type { Capability, NumberGroup } from '../sinch/types';
import { capabilitiesLabel } from '../numbers/capabilities';

/** What one reservation asks for: a group, how many, with which capabilities. */
export interface RentLine {
  group: NumberGroup;
  quantity: number;
  capabilities: Capability[];
}

/** "United Kingdom" for the shop's "UK"/"GB": the name the tree uses. */
export function groupCountry(g: Pick<NumberGroup, 'countryId' | 'country'>): string {
  return countryName(g.countryId, g.country);
}

/** "Paris, France", as the tree's Reservations rows read. */
export function groupPlace(g: Pick<NumberGroup, 'city' | 'country' | 'countryId'>): string {
  const city = displayCity(g.city);
  const country = groupCountry(g);
  return city ? l10n.t('{0}, {1}', city, country) : country;
}

/** "2 × Paris, France (area code 01, Voice)". */
export function lineLabel(line: RentLine): string {
  return l10n.t(
    '{0} × {1} (area code {2}, {3})',
    line.quantity,
    groupPlace(line.group),
    line.group.areaCode,
    capabilitiesLabel(line.capabilities),
  );
}

/** "2 × Paris, France (area code 01, Voice): 2.00 USD each, 4.00 USD per month". */
export function lineBill(line: RentLine): string {
  return l10n.t(
    '{0}: {1} each, {2} per month',
    lineLabel(line),
    formatMoney(line.group.cost),
    formatMoney(lineTotal({ cost: line.group.cost, quantity: line.quantity })),
  );
}

/** The grand total of several lines, per currency: "4.00 USD + 2.50 EUR". */
export function linesTotal(lines: readonly RentLine[]): string {
  return formatTotals(totalsByCurrency(lines.map((l) => ({ cost: l.group.cost, quantity: l.quantity }))));
}

/**
 * "+33 1 40 00 01 00, +33 1 40 00 01 01 and 3 more". Each number keeps its spaces unbreakable,
 * so a notification never wraps one across two lines.
 */
export function numbersList(numbers: readonly number[], max = 5): string {
  return listNumbers(numbers, max, true);
}

/** "14:05" in the user's time zone: when a reservation lapses. */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
