/**
 * Wire types of Sinch number administration, as documented in
 * docs/api/endpoints.md. The client validates every response
 * against these shapes before handing it out, so callers can trust them.
 */

/** A number capability: the `{numberCapability}` path segment and the shop `type` filter. */
export type Capability = 'sms' | 'voice';

/** `Money` on the wire: `{ "amount": 2.0, "currencyId": "USD" }`. */
export interface Money {
  amount: number;
  currencyId: string;
}

/** A log-in identity; a number endpoint is E.164 with its plus (`+12055500000`). */
export interface Identity {
  type: 'email' | 'number';
  endpoint: string;
}

/** The `user` object of the log-in response. */
export interface User {
  id: number;
  identities: Identity[];
  profile?: {
    name?: { first?: string; last?: string; full?: string };
    contact?: { email?: string };
  };
}

/** Log-in response: `authorization` is an opaque token for the User scheme. */
export interface LoginResult {
  authorization: string;
  user: User;
}

/** `POST /v1/instance` response: `secret` is Base64, the HMAC key of the Instance scheme. */
export interface Instance {
  id: string;
  secret: string;
  /** Lifetime in seconds, when the server states one. */
  expiresIn?: number;
}

/** The mandatory `version` of `POST /v1/instance`; its values are the client's choice. */
export interface InstanceVersion {
  os: string;
  platform: string;
}

/**
 * `GET /v1/organisations` response. The reference says `int id` but its own example
 * sends `"8888123"`, so the id is normalised to a string of digits.
 */
export interface Organisation {
  id: string;
  name?: string;
  website?: string;
  countryId?: string;
  phone?: string;
  vatnumber?: string;
}

/** One entry of `GET …/numbers/shop`: a group of numbers that can be rented. */
export interface NumberGroup {
  groupId: number;
  country: string;
  countryId: string;
  city: string;
  type: string;
  availability: number;
  areaCode: string;
  cost: Money;
  capabilities: string[];
}

/**
 * A rented number (`Number` on the wire). `number` is E.164 digits without `+`.
 * A value the server sends that is not a valid phone number (16+ digits, unsafe
 * integer) is kept so it can be shown, but the client refuses to send it back.
 */
export interface RentedNumber {
  number: number;
  groupId: number;
  capabilities: string[];
  applicationKey?: string;
  countryId: string;
  city: string;
  country: string;
  areaCode: string;
  expires?: string;
  cost: Money;
}

/** Body of `PUT …/numbers/shop` (reserve). */
export interface ReserveRequest {
  groupId: number;
  quantity: number;
  capabilities: Capability[];
}

/** Base URLs (scheme and host, no trailing slash) of the three Sinch hosts. */
export interface Endpoints {
  userApi: string;
  api: string;
  portalApi: string;
}

/** The production hosts: user API (log in), core API (instance, organisation), portal API (numbers). */
export const DEFAULT_ENDPOINTS: Endpoints = Object.freeze({
  userApi: 'https://userapi.sinch.com',
  api: 'https://api.sinch.com',
  portalApi: 'https://portalapi.sinch.com',
});

/** The public, fixed "number administration" key sent with the Application scheme on log in. */
export const NUMBER_ADMINISTRATION_KEY = '669762D5-2B10-44E0-8418-BC9EE4457555';
