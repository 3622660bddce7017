// How counts, lists of numbers and organisations read in every message, tree row
// and modal: one place, so "Acme (8888123)" or "1,000 numbers" never reads two ways. Each
// sentence is a whole l10n.t template; the singular and plural are separate templates.
import { l10n } from '../platform/l10n';
import { formatPhoneNumber } from './phoneFormat';

/** Thousands separated by commas (toLocaleString is slow enough to matter on 5,000 rows). */
export function count(n: number): string {
  const text = String(n);
  return Math.abs(n) < 1000 || !Number.isInteger(n) ? text : text.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** "1 number", "20,000 numbers". */
export function numbersCount(n: number): string {
  return n === 1 ? l10n.t('1 number') : l10n.t('{0} numbers', count(n));
}

/** "1 day", "3 days". */
export function daysCount(n: number): string {
  return n === 1 ? l10n.t('1 day') : l10n.t('{0} days', count(n));
}

/**
 * "+1 415-000-5550, +1 415-000-5551 and 3 more". `unbreakable` keeps each number's spaces
 * non-breaking, so a notification never wraps one across two lines.
 */
export function listNumbers(numbers: readonly number[], max = 6, unbreakable = false): string {
  const shown = numbers
    .slice(0, max)
    .map((n) => (unbreakable ? formatPhoneNumber(n).replace(/ /g, '\u00a0') : formatPhoneNumber(n)));
  const rest = numbers.length - shown.length;
  if (rest > 0) return l10n.t('{0} and {1} more', shown.join(', '), count(rest));
  if (shown.length <= 1) return shown.join('');
  return l10n.t('{0} and {1}', shown.slice(0, -1).join(', '), shown[shown.length - 1]);
}

/** The organisation money is spent for, or numbers belong to. */
export interface OrgRef {
  id: string;
  name?: string;
}

/** "Acme (8888123)", or "organisation 8888123" when its name is unknown. */
export function orgLabel(org: OrgRef): string {
  return org.name ? `${org.name} (${org.id})` : l10n.t('organisation {0}', org.id);
}
