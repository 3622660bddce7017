import { PhoneNumber, type E164Number } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';
import { isValidPhoneNumber } from '../sinch/guards';

/**
 * Phone numbers for people: `14150005550` → `+1 415-000-5550`, `33140000100` → `+33 1 40 00 01 00`.
 * The "min" metadata formats every country well and is the smallest build that does.
 */

/** Numbers that share their first digits and length share a layout, so most numbers skip the library. */
const PREFIX_DIGITS = 7;
/** A layout: literal text and digit runs, e.g. `+`, 1, ` `, 3, `-`, 3, `-`, 4 for `+1 415-000-5550`. */
type Layout = (string | number)[];
const layouts = new Map<number, Layout | null>();
/** Layouts kept at most (an organisation has a few thousand prefixes); the text of a number is not kept. */
const MAX_CACHED = 10_000;

/** E.164 text with `+` for a valid number (`+14150005550`); undefined for a value that is not a phone number. */
export function toE164(n: number): string | undefined {
  return isValidPhoneNumber(n) ? `+${n}` : undefined;
}

/**
 * The digits of any integer the server sent, exactly as JavaScript holds them (an
 * unsafe integer has already lost precision; it is shown, never sent back).
 */
export function digitsOf(n: number): string {
  return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}

/**
 * How a person reads the number; invalid values come back as their bare digits (no `+`).
 * Made for the rows shown, from a cached layout; not kept (200,000 texts would outweigh the list).
 */
export function formatPhoneNumber(n: number): string {
  return isValidPhoneNumber(n) ? formatValid(String(n)) : digitsOf(n);
}

function formatValid(digits: string): string {
  // The first digits and the length, as one small integer: no key text per row.
  const key = Number(digits.slice(0, PREFIX_DIGITS)) * 100 + digits.length;
  let layout = layouts.get(key);
  if (layout === undefined) {
    const text = formatWithLibrary(digits);
    layout = layoutOf(text, digits);
    if (layouts.size >= MAX_CACHED) layouts.clear();
    layouts.set(key, layout);
    return text;
  }
  return layout === null ? formatWithLibrary(digits) : applyLayout(layout, digits);
}

/** The library's international format, with North American numbers written the way people there do. */
export function formatWithLibrary(digits: string): string {
  let text: string;
  try {
    text = new PhoneNumber(`+${digits}` as E164Number, metadata).formatInternational();
  } catch {
    return `+${digits}`; // unknown country calling code
  }
  const nanp = /^\+1 (\d{3}) (\d{3}) (\d{4})$/.exec(text);
  return nanp ? `+1 ${nanp[1]}-${nanp[2]}-${nanp[3]}` : text;
}

/** `+1 415-000-5550` → `['+', 1, ' ', 3, '-', 3, '-', 4]`; null when the text does not carry exactly these digits in order. */
function layoutOf(text: string, digits: string): Layout | null {
  const layout: Layout = [];
  let i = 0;
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') {
      if (digits[i] !== ch) return null;
      i++;
      const last = layout.length - 1;
      if (typeof layout[last] === 'number') layout[last] = (layout[last] as number) + 1;
      else layout.push(1);
    } else if (typeof layout[layout.length - 1] === 'string') {
      layout[layout.length - 1] += ch;
    } else {
      layout.push(ch);
    }
  }
  return i === digits.length ? layout : null;
}

function applyLayout(layout: Layout, digits: string): string {
  let i = 0;
  let out = '';
  for (const part of layout) {
    if (typeof part === 'string') out += part;
    else {
      out += digits.slice(i, i + part);
      i += part;
    }
  }
  return out;
}

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    return undefined;
  }
})();

const countryNames = new Map<string, string>();

/** "United States" for `US`; falls back to the server's own country text, then the code. */
export function countryName(countryId: string, country?: string): string {
  const key = `${countryId}\n${country ?? ''}`;
  let name = countryNames.get(key);
  if (name === undefined) {
    name = lookUpCountry(countryId, country);
    if (countryNames.size < 10_000) countryNames.set(key, name);
  }
  return name;
}

function lookUpCountry(countryId: string, country?: string): string {
  const code = countryId.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(code)) {
    try {
      const name = regionNames?.of(code);
      if (name && name !== code) return name;
    } catch {
      /* an unknown code: use the fallbacks */
    }
  }
  return country?.trim() || code || 'Unknown country';
}

const cities = new Map<string, string>();

/** "SAN FRANCISCO" → "San Francisco"; mixed-case names are left as Sinch wrote them. */
export function displayCity(city: string): string {
  let name = cities.get(city);
  if (name === undefined) {
    name = titleCase(city);
    if (cities.size < 10_000) cities.set(city, name);
  }
  return name;
}

function titleCase(city: string): string {
  const text = city.trim();
  if (text === '' || text !== text.toUpperCase()) return text;
  return text
    .toLowerCase()
    .replace(/(^|[\s\-'.(/])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
}
