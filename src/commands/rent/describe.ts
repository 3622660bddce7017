// How groups, numbers, organisations and reservations read in the rent flow's messages.
// Plain Node (no vscode import), so the wording is unit-tested with the steps. Cities,
// countries, capabilities and numbers are written as the tree writes them (phoneFormat.ts).
import { countryName, displayCapabilities, displayCity, formatPhoneNumber } from '../../numbers/phoneFormat';
import { formatMoney, formatTotals, lineTotal, totalsByCurrency } from '../../numbers/rental';
import type { Capability, NumberGroup } from '../../sinch/types';

/** What one reservation asks for: a group, how many, with which capabilities. */
export interface RentLine {
  group: NumberGroup;
  quantity: number;
  capabilities: Capability[];
}

/** The organisation money is spent for, as every confirmation names it. */
export interface OrgRef {
  id: string;
  name?: string;
}

/** "Acme (8888123)". */
export function orgLabel(org: OrgRef): string {
  return org.name ? `${org.name} (${org.id})` : `organisation ${org.id}`;
}

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

/** "Voice" / "SMS": a capability on its own (the capabilities step). */
export function capabilityLabel(c: string): string {
  return c.toLowerCase() === 'sms' ? 'SMS' : c.toLowerCase() === 'voice' ? 'Voice' : c;
}

/** "voice + SMS". */
export function capabilitiesLabel(caps: readonly string[]): string {
  return displayCapabilities(caps);
}

/** "1 number" / "3 numbers". */
export function numbersCount(n: number): string {
  return n === 1 ? '1 number' : `${n} numbers`;
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
  const shown = numbers.slice(0, max).map((n) => formatPhoneNumber(n).replace(/ /g, '\u00a0'));
  const rest = numbers.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** "14:05" in the user's time zone: when a reservation lapses. */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
