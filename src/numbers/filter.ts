import { isValidPhoneNumber } from '../sinch/guards';
import { InputError } from '../platform/errors';
import type { RentedNumber } from '../sinch/types';
import type { Inventory } from './inventory';
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
 *   expires:2026-12-07..2026-12-13   not expired yet, and the expiry's (UTC) date within those days
 *   any other word        city, country or application label
 */

export const FILTER_EXAMPLE = '415 country:US city:"new orleans" cap:sms app:Support is:expiring';
export const FILTER_HELP =
  'Digits, or country:FR, city:paris, cap:sms, app:<name or key>, is:expiring; terms must all match';

/** What a filter needs to know beyond the number: the user's names for applications. */
export interface FilterContext {
  applicationLabel(key: string): string | undefined;
}

export interface NumberFilter {
  /** The text the user typed, trimmed. */
  readonly text: string;
  /** Whether the number at `index` of `inventory` matches. */
  test(inventory: Inventory, index: number, context: FilterContext): boolean;
}

type Test = (inv: Inventory, i: number, c: FilterContext) => boolean;

const KEYS = ['country', 'city', 'cap', 'app', 'is', 'expires'] as const;
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
  return {
    text: source,
    test: (inv, i, c) => {
      for (const t of tests) if (!t(inv, i, c)) return false;
      return true;
    },
  };
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
    throw new InputError(
      l10n.t('Unknown filter "{0}:". Use country:, city:, cap:, app:, is: or expires:, or type digits.', key),
    );
  }
  if (value === '') throw new InputError(l10n.t('"{0}" needs a value, e.g. {1}.', term, example(key as Key)));
  const v = value.toLowerCase();
  switch (key as Key) {
    case 'country': {
      const country = countryTest(v);
      return (inv, i) => country(inv.numbers[i]);
    }
    case 'city': {
      const city = memoised((text: string) => includes(text, v));
      return (inv, i) => city(inv.numbers[i].city);
    }
    case 'cap':
      if (v !== 'sms' && v !== 'voice') throw new InputError(l10n.t('"{0}": the capability is sms or voice.', term));
      // Numbers of one list share their capability arrays: one answer per array.
      return memoisedBy(
        (inv, i) => inv.numbers[i].capabilities,
        (caps) => caps.some((c) => c.toLowerCase() === v),
      );
    case 'app': {
      if (v === 'none' || v === 'unassigned') return (inv, i) => inv.keyOf(i) === undefined;
      return byApplication((key, c) => key.startsWith(v) || includes(c.applicationLabel(key), v));
    }
    case 'is':
      if (v === 'expiring')
        return (inv, i) => {
          const e = inv.expiryOf(i);
          return e === 'expiring' || e === 'expired';
        };
      if (v === 'expired') return (inv, i) => inv.expiryOf(i) === 'expired';
      if (v === 'invalid') return (inv, i) => !isValidPhoneNumber(inv.numbers[i].number);
      throw new InputError(l10n.t('"{0}": use is:expiring, is:expired or is:invalid.', term));
    case 'expires': {
      const range = expiryRange(v);
      if (!range) throw new InputError(l10n.t('"{0}": write the days as expires:2026-12-07..2026-12-13.', term));
      return (inv, i) => {
        const at = inv.list.expiresAt[i];
        return at > inv.now && at >= range.from && at < range.until;
      };
    }
  }
}

/** `YYYY-MM-DD..YYYY-MM-DD` (or one day) as UTC epoch ms, the end exclusive. */
export function expiryRange(text: string): { from: number; until: number } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const from = Date.parse(`${m[1]}T00:00:00Z`);
  const last = Date.parse(`${m[2] ?? m[1]}T00:00:00Z`);
  if (!Number.isFinite(from) || !Number.isFinite(last) || last < from) return undefined;
  return { from, until: last + 24 * 60 * 60 * 1000 };
}

/** The filter term of the days from `from` (UTC midnight) for `days` days: what the overview's expiry bars filter by. */
export function expiryFilterTerm(from: number, days: number): string {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return `expires:${day(from)}..${day(from + (days - 1) * 24 * 60 * 60 * 1000)}`;
}

function bare(value: string): Test {
  const digits = value.replace(/[\s().+-]/g, '');
  if (/^\d+$/.test(digits)) {
    const contains = digitsTest(digits);
    return (inv, i) => contains(inv.numbers[i].number);
  }
  const v = value.toLowerCase();
  const city = memoised((text: string) => includes(text, v));
  const country = countryTest(v);
  const app = byApplication((key, c) => includes(c.applicationLabel(key), v));
  return (inv, i, c) => {
    const n = inv.numbers[i];
    return city(n.city) || country(n) || app(inv, i, c);
  };
}

function memoisedBy<K>(keyOf: (inv: Inventory, i: number) => K, test: (key: K) => boolean): Test {
  const answers = new Map<K, boolean>();
  return (inv, i) => {
    const key = keyOf(inv, i);
    let answer = answers.get(key);
    if (answer === undefined) answers.set(key, (answer = test(key)));
    return answer;
  };
}

/**
 * Whether a number's digits contain `digits`, without writing the number out as text (200,000
 * strings per keystroke): each run of as many digits, from the right, is compared as a number,
 * so leading zeros in the query count. `x - floor(x / m) * m` rather than `x % m`, which on
 * numbers this large is a library call several times slower; exact below 10^15 (E.164's 15
 * digits). Anything else is searched as text.
 */
function digitsTest(digits: string): (n: number) => boolean {
  const k = digits.length;
  if (k > 15) return (n) => digitsOf(n).includes(digits);
  const wanted = Number(digits);
  const window = 10 ** k;
  const smallest = 10 ** (k - 1);
  return (n) => {
    if (!Number.isSafeInteger(n) || n <= 0 || n >= 1e15) return digitsOf(n).includes(digits);
    // A run must lie inside the number: what is left of it has at least k digits.
    for (let rest = n; rest >= smallest; rest = Math.floor(rest / 10)) {
      if (rest - Math.floor(rest / window) * window === wanted) return true;
    }
    return false;
  };
}

/** Country code, the server's country text, or the country's name. */
function countryTest(v: string): (n: RentedNumber) => boolean {
  const byId = new Map<string, (country: string) => boolean>();
  return (n) => {
    let test = byId.get(n.countryId);
    if (test === undefined) {
      const countryId = n.countryId;
      byId.set(
        countryId,
        (test =
          countryId.toLowerCase() === v
            ? () => true
            : memoised((country: string) => includes(country, v) || includes(countryName(countryId, country), v))),
      );
    }
    return test(n.country);
  };
}

/**
 * A test of a descriptive text, answered once per distinct text: 200,000 numbers have a few
 * dozen places, so a filter change costs a few dozen string searches, not 200,000.
 */
function memoised(test: (text: string) => boolean): (text: string) => boolean {
  const answers = new Map<string, boolean>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined) answers.set(text, (answer = test(text)));
    return answer;
  };
}

/** A test of an application (by key), answered once per group of an inventory while the labels stay the same. */
function byApplication(test: (key: string, c: FilterContext) => boolean): Test {
  // Weakly keyed: a filter kept after sign-out must not keep the inventory, and so the list, alive.
  const answersFor = new WeakMap<Inventory, { labels: FilterContext; answers: Int8Array }>();
  return (inv, i, c) => {
    let cached = answersFor.get(inv);
    if (!cached || cached.labels !== c) {
      cached = { labels: c, answers: new Int8Array(inv.groupCount) }; // 0: not asked yet, 1: yes, -1: no
      answersFor.set(inv, cached);
    }
    const answers = cached.answers;
    const g = inv.groupIdOf(i);
    if (answers[g] === 0) {
      const key = inv.group(g).applicationKey;
      answers[g] = key !== undefined && test(key, c) ? 1 : -1;
    }
    return answers[g] === 1;
  };
}

function includes(text: string | undefined, lowerNeedle: string): boolean {
  return !!text && text.toLowerCase().includes(lowerNeedle);
}

function example(key: Key): string {
  return {
    country: 'country:FR',
    city: 'city:paris',
    cap: 'cap:sms',
    app: 'app:Support',
    is: 'is:expiring',
    expires: 'expires:2026-12-07..2026-12-13',
  }[key];
}
