import type { Capability, Identity } from './types';
import { l10n } from '../platform/l10n';
import { InputError } from '../platform/errors';

/**
 * Input checks for everything that becomes part of a Sinch URL or body. Path
 * segments are validated here before use, so nothing like `../` or `?` can reach a URL.
 */

const MIN_DIGITS = 6;
const MAX_DIGITS = 15; // E.164
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Phone numbers travel as JSON integers of E.164 digits without `+` (`14150005550`).
 * Accepts that, or text with `+`, spaces, dashes, dots and parentheses.
 */
export function parsePhoneNumber(input: string | number): number {
  if (typeof input === 'number') {
    if (isValidPhoneNumber(input)) return input;
    throw new InputError(
      l10n.t('{0} is not a phone number: expected {1} to {2} digits.', String(input), MIN_DIGITS, MAX_DIGITS),
    );
  }
  if (typeof input !== 'string') throw new InputError(l10n.t('A phone number must be given as digits.'));
  const text = input.trim();
  if (!/^\+?[\d\s().-]+$/.test(text)) {
    throw new InputError(
      l10n.t('"{0}" is not a phone number: use digits, optionally with a leading + and spaces or dashes.', clip(text)),
    );
  }
  // "+44 (0)20 7946 0100": the "(0)" is the national trunk prefix, dropped in international form.
  const digits = text.replace(/^(\+\d{1,3})\s*\(0\)/, '$1').replace(/\D/g, '');
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
    throw new InputError(
      l10n.t(
        '"{0}" is not a phone number: it has {1} digits, expected {2} to {3}.',
        clip(text),
        digits.length,
        MIN_DIGITS,
        MAX_DIGITS,
      ),
    );
  }
  if (digits.startsWith('0')) {
    // A leading zero would silently vanish in the integer the API expects.
    throw new InputError(
      l10n.t('"{0}" is not an international number: start with the country code, not 0.', clip(text)),
    );
  }
  return Number(digits);
}

/** True for a number the API accepts back: a safe integer of 6 to 15 digits. */
export function isValidPhoneNumber(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 10 ** (MIN_DIGITS - 1) && n < 10 ** MAX_DIGITS;
}

/** True when `s` is UUID-shaped (hex in either case), the form of a Sinch application key. */
export function isApplicationKey(s: string): boolean {
  return typeof s === 'string' && UUID.test(s.trim());
}

/** Returns the trimmed key for the `{applicationKey}` path segment, or throws `InputError`. */
export function assertApplicationKey(key: string): string {
  if (!isApplicationKey(key)) {
    throw new InputError(
      l10n.t(
        '"{0}" is not an application key: expected a key like bb7b4e39-4227-4913-8c81-2db4abb54fb3.',
        clip(String(key)),
      ),
    );
  }
  return key.trim();
}

/** Returns the `{organisationId}` path segment (digits only), or throws `InputError`. */
export function assertOrganisationId(id: string): string {
  const text = typeof id === 'string' ? id.trim() : '';
  if (!/^\d{1,19}$/.test(text))
    throw new InputError(l10n.t('"{0}" is not an organisation id: expected digits.', clip(String(id))));
  return text;
}

/** Returns `sms` or `voice`, the only `{numberCapability}` values the API accepts, or throws `InputError`. */
export function assertCapability(c: string): Capability {
  if (c === 'sms' || c === 'voice') return c;
  throw new InputError(l10n.t('"{0}" is not a capability: expected sms or voice.', clip(String(c))));
}

/** Host names that mean "this computer": plain http to them never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The one rule for a Sinch base URL (the client and the endpoint settings both use it):
 * https, or plain http only to this computer (the simulator), because credentials travel to
 * it; scheme and host only, because the signature covers the request path and a prefix would
 * break it. Returns the origin (no trailing slash), or throws `InputError` saying why not.
 */
export function assertEndpointUrl(value: string): string {
  const text = String(value).trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(l10n.t('"{0}" is not a URL.', clip(text)));
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new InputError(
      l10n.t(
        '"{0}" uses plain http to {1}. Credentials would travel unencrypted, so only https is allowed (http only to this computer, e.g. the simulator).',
        clip(text),
        url.hostname,
      ),
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(l10n.t('"{0}" must be an https URL, not {1}.', clip(text), url.protocol));
  }
  if (url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new InputError(l10n.t('"{0}" must be a scheme and host only, like https://api.sinch.com.', clip(text)));
  }
  return url.origin;
}

/** Emails are compared and sent trimmed; case is kept because the server owns the comparison. */
export function normaliseEmail(s: string): string {
  return s.trim();
}

/**
 * The `{type}/{identity}` of the log-in path: a leading `+` or only digits (spaces and
 * dashes allowed) is a number identity `+<digits>`; anything else must be an email.
 */
export function parseIdentity(input: string): Identity {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') throw new InputError(l10n.t('Enter the email address or phone number of your Sinch account.'));
  if (text.startsWith('+') || /^[\d\s-]+$/.test(text)) {
    return { type: 'number', endpoint: `+${parsePhoneNumber(text)}` };
  }
  const email = normaliseEmail(text);
  if (!EMAIL.test(email))
    throw new InputError(l10n.t('"{0}" is neither an email address nor a phone number.', clip(email)));
  return { type: 'email', endpoint: email };
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
