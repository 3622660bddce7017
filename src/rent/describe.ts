// How groups, numbers, organisations and reservations read in the rent flow's messages.
// Plain Node (no vscode import), so the wording is unit-tested with the steps. Cities,
// countries, capabilities and numbers are written as the tree writes them (phoneFormat.ts).
import { countryName, displayCapabilities, displayCity, formatPhoneNumber } from '../numbers/phoneFormat';
import { formatMoney, formatTotals, lineTotal, totalsByCurrency } from './rental';
import { capabilityLabel, listNumbers, orgLabel, plural, type OrgRef } from '../numbers/wording';
import type { Capability, NumberGroup } from '../sinch/types';

/** What one reservation asks for: a group, how many, with which capabilities. */
export interface RentLine {
  group: NumberGroup;
  quantity: number;
  capabilities: Capability[];
}

// Shared with the assign flows and the tree (numbers/wording.ts).
export { capabilityLabel, orgLabel, type OrgRef };

export { formatPhoneNumber };

/** "United Kingdom" for the shop's "UK"/"GB": the name the tree uses. */
export function groupCountry(g: Pick<NumberGroup, 'countryId' | 'country'>): string {
  return countryName(g.countryId, g.country);
}

/** "Paris, France", as the tree's Reservations rows read. */
export function groupPlace(g: Pick<NumberGroup, 'city' | 'country' | 'countryId'>): string {
  const city = displayCity(g.city);
  const country = groupCountry(g);
  return city ? `${city}, ${country}` : country;
}

/** "voice + SMS". */
export function capabilitiesLabel(caps: readonly string[]): string {
  return displayCapabilities(caps);
}

/** "1 number" / "3 numbers". */
export function numbersCount(n: number): string {
  return plural(n, 'number');
}

/** "2 × Paris, France (area code 01, Voice)". */
export function lineLabel(line: RentLine): string {
  return `${line.quantity} × ${groupPlace(line.group)} (area code ${line.group.areaCode}, ${capabilitiesLabel(line.capabilities)})`;
}

/** "2 × Paris, France (area code 01, Voice): 2.00 USD each, 4.00 USD per month". */
export function lineBill(line: RentLine): string {
  return `${lineLabel(line)}: ${formatMoney(line.group.cost)} each, ${formatMoney(lineTotal({ cost: line.group.cost, quantity: line.quantity }))} per month`;
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
