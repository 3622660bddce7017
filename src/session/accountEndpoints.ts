// Credentials go only where the user signed in: an account remembers the endpoints it was
// created against, and its signed requests are never sent to other hosts the settings may
// name later (a dev container's machine settings, say).
import { DEFAULT_ENDPOINTS, type Endpoints } from '../sinch/types';
import { NotSignedInError } from '../platform/errors';
import { l10n } from '../platform/l10n';
import type { StoredAccount } from './account';

/** The endpoints an account was signed in against; accounts kept before they were recorded used Sinch's own. */
export function accountEndpoints(account: Pick<StoredAccount, 'endpoints'>): Endpoints {
  return account.endpoints ?? DEFAULT_ENDPOINTS;
}

/** True when the account's signed requests (API and portal API) would go to the hosts it signed in at. */
export function signedInHere(account: Pick<StoredAccount, 'endpoints'>, current: Endpoints): boolean {
  const own = accountEndpoints(account);
  return own.api === current.api && own.portalApi === current.portalApi;
}

/** "127.0.0.1:4010" or "api.example.com, portal.example.com": each host once. */
export function hostsOf(e: Endpoints, which: ReadonlyArray<keyof Endpoints> = ['userApi', 'api', 'portalApi']): string {
  return [...new Set(which.map((k) => hostOf(e[k])))].join(', ');
}

/** The hosts, when they are not Sinch's own (so prompts and tooltips name them); undefined for the defaults. */
export function customHosts(e: Endpoints): string | undefined {
  const isDefault =
    e.userApi === DEFAULT_ENDPOINTS.userApi &&
    e.api === DEFAULT_ENDPOINTS.api &&
    e.portalApi === DEFAULT_ENDPOINTS.portalApi;
  return isDefault ? undefined : hostsOf(e);
}

/**
 * Thrown (before any request) when the endpoint settings no longer name the hosts the active
 * account signed in at. It is a "not signed in" error: its way forward is Sign In, there.
 */
export class SignedInElsewhereError extends NotSignedInError {
  constructor(account: StoredAccount, current: Endpoints) {
    super();
    const signed = ['api', 'portalApi'] as const;
    this.message = l10n.t(
      '{0} is signed in at {1}, but the endpoint settings now point to {2}. Its credentials are not sent there: sign in at {2}, or change the settings back.',
      account.identity.endpoint,
      hostsOf(accountEndpoints(account), signed),
      hostsOf(current, signed),
    );
  }
}

/** Throws SignedInElsewhereError unless the account's signed requests would go where it signed in. */
export function assertSignedInHere(account: StoredAccount, current: Endpoints): void {
  if (!signedInHere(account, current)) throw new SignedInElsewhereError(account, current);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
