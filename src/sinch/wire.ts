import type { OrganisationShape } from './dialect';
import type { Identity, Instance, LoginResult, Money, NumberGroup, Organisation, RentedNumber, User } from './types';
import { isRecord } from '../platform/isRecord';
import { serverText } from '../platform/safeText';

/**
 * Readers that turn parsed JSON into the wire types of number-administration.md, or
 * `undefined` when the shape is wrong. Required keys must be present with the right
 * type; optional ones may be missing or `null`; missing descriptive strings become ''.
 * Nothing here throws, so a hostile body can only ever produce a protocol error.
 * Descriptive strings are data: they arrive as one line, without control or bidi characters,
 * capped, and with no link, theme icon or command URI left in them (`serverText`), so a
 * notification, a label, a quick pick or a dialog shows them as they are.
 */

type Json = Record<string, unknown>;

/** The longest descriptive string kept (names, cities, keys); longer ones end in "…". */
export const MAX_TEXT = 100;
/** An email address is at most 254 characters (RFC 5321); a phone number far less. */
const MAX_IDENTITY = 254;
/**
 * The largest price accepted, per number and month. Money sums are exact in millionths
 * (numbers/money.ts), which stays exact below 2^53 / 10^6, about nine billion.
 */
export const MAX_AMOUNT = 1_000_000_000;

/** Log-in response: a non-empty `authorization` string and a `user` with a numeric `id`. */
export function readLoginResult(v: unknown): LoginResult | undefined {
  if (!isRecord(v) || !nonEmptyString(v.authorization)) return undefined;
  const user = readUser(v.user);
  return user && { authorization: v.authorization, user };
}

/** `POST /v1/instance` response: `id`, a Base64 `secret` and an optional numeric `expiresIn`. */
export function readInstance(v: unknown): Instance | undefined {
  if (!isRecord(v) || !nonEmptyString(v.id) || !nonEmptyString(v.secret)) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v.secret)) return undefined;
  const expiresIn = optional(v.expiresIn, isFiniteNumber);
  if (expiresIn === false) return undefined;
  return { id: v.id, secret: v.secret, ...(expiresIn !== undefined && { expiresIn }) };
}

/**
 * `GET /v1/organisations` response: one Organisation object (the reference) or a list of them
 * (Sinch's sample code reads `responseObj[0].id`). A list may be empty; a bad entry spoils it.
 */
export function readOrganisations(v: unknown): { shape: OrganisationShape; organisations: Organisation[] } | undefined {
  if (!Array.isArray(v)) {
    const one = readOrganisation(v);
    return one && { shape: 'object', organisations: [one] };
  }
  const organisations = v.map(readOrganisation);
  return organisations.every((o): o is Organisation => o !== undefined) ? { shape: 'list', organisations } : undefined;
}

/** One Organisation; the id may be an integer or a string of digits. */
export function readOrganisation(v: unknown): Organisation | undefined {
  if (!isRecord(v)) return undefined;
  const id =
    typeof v.id === 'number' && Number.isSafeInteger(v.id) && v.id >= 0
      ? String(v.id)
      : typeof v.id === 'string' && /^\d+$/.test(v.id.trim())
        ? v.id.trim()
        : undefined;
  if (id === undefined) return undefined;
  const org: Organisation = { id };
  for (const key of ['name', 'website', 'countryId', 'phone', 'vatnumber'] as const) {
    const value = optional(v[key], isString);
    if (value === false) return undefined;
    if (value !== undefined) org[key] = serverText(value, MAX_TEXT);
  }
  return org;
}

/** `NumberGroup[]` of the shop. */
export function readNumberGroups(v: unknown): NumberGroup[] | undefined {
  return readList(v, (g) => {
    const cost = readMoney(g.cost);
    const capabilities = readStrings(g.capabilities);
    if (!isInteger(g.groupId) || !isFiniteNumber(g.availability) || !cost || !capabilities) return undefined;
    const text = readTexts(g, ['country', 'countryId', 'city', 'type', 'areaCode']);
    return (
      text && {
        groupId: g.groupId,
        country: text.country,
        countryId: text.countryId,
        city: text.city,
        type: text.type,
        availability: g.availability,
        areaCode: text.areaCode,
        cost,
        capabilities,
      }
    );
  });
}

/**
 * Shares equal values between the numbers of one list, so 200,000 numbers hold one "SAN
 * FRANCISCO", one `["sms"]` and one `{ amount: 1, currencyId: "USD" }` each, not 200,000.
 * Shared arrays and money are frozen: a number's fields are never edited in place.
 */
export interface ValueSharing {
  text(s: string): string;
  strings(list: readonly string[]): string[];
  money(m: Money): Money;
}

const unshared: ValueSharing = { text: (s) => s, strings: (list) => [...list], money: (m) => m };

/**
 * `Number[]` (rented numbers). A `number` that is an integer but not a valid phone
 * number (16+ digits, beyond 2^53) is kept for display; guards stop it from being sent back.
 */
export function readRentedNumbers(v: unknown): RentedNumber[] | undefined {
  return readList(v, (n) => readRentedNumber(n));
}

/**
 * One `Number` of a list, or undefined when its shape is wrong; `share` makes repeated values
 * one value. Read field by field (no intermediate objects): a list may hold 200,000 of them.
 */
export function readRentedNumber(v: unknown, share: ValueSharing = unshared): RentedNumber | undefined {
  if (!isRecord(v)) return undefined;
  const { number, groupId } = v;
  if (!isInteger(number) || number <= 0 || !isInteger(groupId)) return undefined;
  const cost = readMoney(v.cost);
  const capabilities = readStrings(v.capabilities);
  const countryId = sharedText(v.countryId, share);
  const city = sharedText(v.city, share);
  const country = sharedText(v.country, share);
  const areaCode = sharedText(v.areaCode, share);
  const applicationKey = sharedOptionalText(v.applicationKey, share);
  // Not shared: nearly every number expires at its own moment.
  const expires = optional(v.expires, isString);
  if (
    !cost ||
    !capabilities ||
    countryId === false ||
    city === false ||
    country === false ||
    areaCode === false ||
    applicationKey === false ||
    expires === false
  )
    return undefined;
  const caps = share.strings(capabilities);
  const money = share.money(cost);
  // Whole literals in the wire's field order (applicationKey and expires only when present):
  // properties added later would live outside the object and cost memory per number.
  if (applicationKey !== undefined && applicationKey !== '') {
    const key = applicationKey;
    return expires === undefined
      ? { number, groupId, capabilities: caps, applicationKey: key, countryId, city, country, areaCode, cost: money }
      : {
          number,
          groupId,
          capabilities: caps,
          applicationKey: key,
          countryId,
          city,
          country,
          areaCode,
          expires: serverText(expires, MAX_TEXT),
          cost: money,
        };
  }
  return expires === undefined
    ? { number, groupId, capabilities: caps, countryId, city, country, areaCode, cost: money }
    : {
        number,
        groupId,
        capabilities: caps,
        countryId,
        city,
        country,
        areaCode,
        expires: serverText(expires, MAX_TEXT),
        cost: money,
      };
}

/** Reserve response: a non-empty `referenceId`. */
export function readReservation(v: unknown): { referenceId: string } | undefined {
  return isRecord(v) && nonEmptyString(v.referenceId) ? { referenceId: v.referenceId } : undefined;
}

function readUser(v: unknown): User | undefined {
  if (!isRecord(v) || !isInteger(v.id)) return undefined;
  const list = v.identities ?? [];
  if (!Array.isArray(list)) return undefined;
  const identities: Identity[] = [];
  for (const i of list) {
    if (isRecord(i) && (i.type === 'email' || i.type === 'number') && typeof i.endpoint === 'string')
      identities.push({ type: i.type, endpoint: serverText(i.endpoint, MAX_IDENTITY) });
  }
  const user: User = { id: v.id, identities };
  if (isRecord(v.profile)) {
    const { name, contact } = v.profile;
    user.profile = {};
    if (isRecord(name)) user.profile.name = pickStrings(name, ['first', 'last', 'full']);
    if (isRecord(contact)) user.profile.contact = pickStrings(contact, ['email']);
  }
  return user;
}

/**
 * A price: a finite amount from 0 to MAX_AMOUNT. A negative price or one beyond any real
 * number's rent (`1e308`, whose sums overflow to "∞") makes the whole answer unusable.
 */
function readMoney(v: unknown): Money | undefined {
  if (!isRecord(v) || !isFiniteNumber(v.amount) || v.amount < 0 || v.amount > MAX_AMOUNT) return undefined;
  const currencyId = optional(v.currencyId, isString);
  return currencyId === false ? undefined : { amount: v.amount, currencyId: serverText(currencyId ?? '', MAX_TEXT) };
}

function readList<T>(v: unknown, item: (o: Json) => T | undefined): T[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: T[] = [];
  for (const element of v) {
    const value = isRecord(element) ? item(element) : undefined;
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}

function readStrings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every(isString) ? v : undefined;
}

/** A descriptive string as data (`serverText`), shared; '' when missing, false when not a string. */
function sharedText(v: unknown, share: ValueSharing): string | false {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? share.text(cleanText(v)) : false;
}

/** The last string cleaned of each length (mod 64) and its clean form: the fields of consecutive numbers often repeat. */
const recentRaw: (string | undefined)[] = new Array(64).fill(undefined);
const recentClean: string[] = new Array(64).fill('');

function cleanText(v: string): string {
  const slot = v.length & 63;
  if (recentRaw[slot] === v) return recentClean[slot];
  const clean = serverText(v, MAX_TEXT);
  recentRaw[slot] = v;
  recentClean[slot] = clean;
  return clean;
}

/** Like sharedText, but undefined when missing: the field stays absent. */
function sharedOptionalText(v: unknown, share: ValueSharing): string | undefined | false {
  return v === undefined || v === null ? undefined : sharedText(v, share);
}

function readTexts<K extends string>(o: Json, keys: readonly K[]): Record<K, string> | undefined {
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = optional(o[key], isString);
    if (value === false) return undefined;
    out[key] = serverText(value ?? '', MAX_TEXT);
  }
  return out;
}

function pickStrings<K extends string>(o: Json, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) if (typeof o[key] === 'string') out[key] = serverText(o[key], MAX_TEXT);
  return out;
}

/** `undefined` when absent or null, the value when it passes `test`, `false` when it has the wrong type. */
function optional<T>(v: unknown, test: (x: unknown) => x is T): T | undefined | false {
  if (v === undefined || v === null) return undefined;
  return test(v) ? v : false;
}
function isString(v: unknown): v is string {
  return typeof v === 'string';
}
function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}
function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
