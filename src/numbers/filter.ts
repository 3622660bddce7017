import { InputError } from '../sinch/guards';
import type { InventoryEntry } from './inventory';
import { countryName, digitsOf } from './phoneFormat';
import { l10n } from '../platform/l10n';

/**
 * The Numbers view's filter: space-separated terms that must all match.
 *   415 / +1 415          digits anywhere in the number
 *   country:FR            country code or name
 *   city:paris            city ("city:\"new orleans\"" for several words)
 *   cap:sms / cap:voice   capability
 *   app:<label or key>    application label or key (app:none for unassigned numbers)
 *   is:expiring / is:expired / is:invalid
 *   any other word        city, country or application label
 */

export const FILTER_EXAMPLE = '415 country:US city:"new orleans" cap:sms app:Support is:expiring';
export const FILTER_HELP = 'Digits, or country:FR, city:paris, cap:sms, app:<name or key>, is:expiring; terms must all match';

/** What a filter needs to know beyond the number: the user's names for applications. */
export interface FilterContext {
  applicationLabel(key: string): string | undefined;
}

export interface NumberFilter {
  /** The text the user typed, trimmed. */
  readonly text: string;
  test(entry: InventoryEntry, context: FilterContext): boolean;
}

type Test = (e: InventoryEntry, c: FilterContext) => boolean;

const KEYS = ['country', 'city', 'cap', 'app', 'is'] as const;
type Key = (typeof KEYS)[number];
const TOKEN = /(\w+):"([^"]*)"?|(\w+):(\S*)|"([^"]*)"?|(\S+)/g;

/** Parses the filter text: undefined when empty; throws InputError naming the term it cannot read. */
export function parseFilter(text: string): NumberFilter | undefined {
  const source = text.trim();
  if (source === '') return undefined;
  const tests: Test[] = [];
  for (const m of source.matchAll(TOKEN)) {
    const key = (m[1] ?? m[3])?.toLowerCase();
    const value = (m[2] ?? m[4] ?? m[5] ?? m[6] ?? '').trim();
    if (key !== undefined) tests.push(keyed(key, value, m[0]));
    else if (value !== '') tests.push(bare(value));
  }
  return { text: source, test: (e, c) => tests.every((t) => t(e, c)) };
}

/** The message for an input box's validation, or undefined when the text is a valid filter. */
export function filterProblem(text: string): string | undefined {
  if (text.trim().length > 200) return 'Keep the filter under 200 characters.'; // it is echoed in the view's title and message
  try {
    parseFilter(text);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function keyed(key: string, value: string, term: string): Test {
  if (!(KEYS as readonly string[]).includes(key)) {
    throw new InputError(l10n.t('Unknown filter "{0}:". Use country:, city:, cap:, app: or is:, or type digits.', key));
  }
  if (value === '') throw new InputError(l10n.t('"{0}" needs a value, e.g. {1}.', term, example(key as Key)));
  const v = value.toLowerCase();
  switch (key as Key) {
    case 'country':
      return (e) => e.number.countryId.toLowerCase() === v || includes(e.number.country, v) || includes(countryName(e.number.countryId, e.number.country), v);
    case 'city':
      return (e) => includes(e.number.city, v);
    case 'cap':
      if (v !== 'sms' && v !== 'voice') throw new InputError(l10n.t('"{0}": the capability is sms or voice.', term));
      return (e) => e.number.capabilities.some((c) => c.toLowerCase() === v);
    case 'app':
      if (v === 'none' || v === 'unassigned') return (e) => e.applicationKey === undefined;
      return (e, c) => e.applicationKey !== undefined && (e.applicationKey.startsWith(v) || includes(c.applicationLabel(e.applicationKey), v));
    case 'is':
      if (v === 'expiring') return (e) => e.expiry === 'expiring' || e.expiry === 'expired';
      if (v === 'expired') return (e) => e.expiry === 'expired';
      if (v === 'invalid') return (e) => !e.valid;
      throw new InputError(l10n.t('"{0}": use is:expiring, is:expired or is:invalid.', term));
  }
}

function bare(value: string): Test {
  const digits = value.replace(/[\s().+-]/g, '');
  if (/^\d+$/.test(digits)) return (e) => digitsOf(e.number.number).includes(digits);
  const v = value.toLowerCase();
  return (e, c) =>
    includes(e.number.city, v) || includes(e.number.country, v) || e.number.countryId.toLowerCase() === v
    || includes(countryName(e.number.countryId, e.number.country), v)
    || (e.applicationKey !== undefined && includes(c.applicationLabel(e.applicationKey), v));
}

function includes(text: string | undefined, lowerNeedle: string): boolean {
  return !!text && text.toLowerCase().includes(lowerNeedle);
}

function example(key: Key): string {
  return { country: 'country:FR', city: 'city:paris', cap: 'cap:sms', app: 'app:Support', is: 'is:expiring' }[key];
}
