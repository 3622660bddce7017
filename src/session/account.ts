import type { LearnedDialect } from '../sinch/dialect';
import type { Endpoints, Identity } from '../sinch/types';

/** One organisation of a login, as Switch Account offers it without a request. */
export interface OrganisationSummary {
  id: string;
  name?: string;
  countryId?: string;
}

/**
 * One signed-in account: what SecretStorage holds under `sinchNumbers.account.<id>`.
 * The password and the user token are never part of it.
 */
export interface StoredAccount {
  /** Stable id: the identity, e.g. `email:demo@example.com`. */
  id: string;
  identity: Identity;
  displayName: string;
  organisationId: string;
  organisationName?: string;
  instanceId: string;
  instanceSecret: string;
  /**
   * Every organisation of the login when it has several: the instance belongs to the login, so
   * it reads any of them, and switching between them needs no new password.
   */
  organisations?: OrganisationSummary[];
  /** What was learned about the Sinch hosts this account talks to (signature form, organisation answer, assign scope). */
  dialect?: LearnedDialect;
  /** When the instance stops working (ms since epoch); absent when the server gave no lifetime. */
  expiresAt?: number;
  signedInAt: number;
  /** Where it signed in; its signed requests go nowhere else (accountEndpoints.ts). Absent before this was kept: Sinch's own. */
  endpoints?: Endpoints;
}

export function accountIdFor(identity: Identity): string {
  return `${identity.type}:${identity.endpoint.toLowerCase()}`;
}

export type SessionHealth = 'valid' | 'expiring' | 'expired';

/** Warn this long before the instance expires. */
export const EXPIRY_WARNING_MS = 10 * 60_000;

/** Decides, with the caller's clock, whether a stored session can still sign requests. */
export function sessionHealth(
  account: Pick<StoredAccount, 'expiresAt'>,
  now: number,
  warnMs = EXPIRY_WARNING_MS,
): SessionHealth {
  if (account.expiresAt === undefined) return 'valid';
  if (now >= account.expiresAt) return 'expired';
  if (account.expiresAt - now <= warnMs) return 'expiring';
  return 'valid';
}

/** Checks a value read back from SecretStorage; anything malformed is treated as absent. */
export function parseStoredAccount(raw: string | undefined): StoredAccount | undefined {
  if (!raw) return undefined;
  try {
    const a = JSON.parse(raw) as Partial<StoredAccount>;
    const ok =
      typeof a.id === 'string' &&
      typeof a.instanceId === 'string' &&
      typeof a.instanceSecret === 'string' &&
      typeof a.organisationId === 'string' &&
      !!a.identity &&
      typeof a.identity.endpoint === 'string' &&
      (a.identity.type === 'email' || a.identity.type === 'number') &&
      (a.endpoints === undefined ||
        (['userApi', 'api', 'portalApi'] as const).every((k) => typeof a.endpoints?.[k] === 'string'));
    return ok ? (a as StoredAccount) : undefined;
  } catch {
    return undefined;
  }
}
