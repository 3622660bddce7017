// How counts, lists of numbers, organisations and capabilities read in every message, tree row
// and modal: one place, so "Acme (8888123)" or "1,000 numbers" never reads two ways. Pure.
import { formatPhoneNumber } from './phoneFormat';

/** Thousands separated by commas (toLocaleString is slow enough to matter on 5,000 rows). */
export function count(n: number): string {
  const text = String(n);
  return Math.abs(n) < 1000 || !Number.isInteger(n) ? text : text.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** "1 number", "20,000 numbers", "2 numbers are" (plural(2, 'number is', 'numbers are')). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/**
 * "+1 415-000-5550, +1 415-000-5551 and 3 more". `unbreakable` keeps each number's spaces
 * non-breaking, so a notification never wraps one across two lines.
 */
export function listNumbers(numbers: readonly number[], max = 6, unbreakable = false): string {
  const shown = numbers.slice(0, max).map((n) => (unbreakable ? formatPhoneNumber(n).replace(/ /g, '\u00a0') : formatPhoneNumber(n)));
  const rest = numbers.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** The organisation money is spent for, or numbers belong to. */
export interface OrgRef {
  id: string;
  name?: string;
}

/** "Acme (8888123)", or "organisation 8888123" when its name is unknown. */
export function orgLabel(org: OrgRef): string {
  return org.name ? `${org.name} (${org.id})` : `organisation ${org.id}`;
}

/** "Voice" / "SMS"; any other capability string as it came. */
export function capabilityLabel(c: string): string {
  return c.toLowerCase() === 'sms' ? 'SMS' : c.toLowerCase() === 'voice' ? 'Voice' : c;
}
