import { DEFAULT_ENDPOINTS, type Endpoints } from '../sinch/types';

/** Thrown when the configured endpoints cannot be used; the message says why and what to do. */
export class EndpointConfigError extends Error {
  constructor(message: string) { super(message); this.name = 'EndpointConfigError'; }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Validates one endpoint setting. Credentials travel to these hosts, so plain `http:` is
 * accepted only for loopback (the simulator); everything else must be `https:`.
 */
export function validateEndpoint(setting: string, value: string | undefined, fallback: string): string {
  const raw = (value ?? '').trim() || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EndpointConfigError(`The setting sinchNumbers.${setting} is not a URL: "${raw}".`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new EndpointConfigError(
      `The setting sinchNumbers.${setting} uses plain http to ${url.hostname}. Credentials would travel unencrypted, so only https is allowed (http only to this machine, e.g. the simulator).`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EndpointConfigError(`The setting sinchNumbers.${setting} must be an https URL, not ${url.protocol}.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Reads the three endpoints from a settings getter (machine-scoped settings in the extension). */
export function resolveEndpoints(get: (key: 'userApi' | 'api' | 'portalApi') => string | undefined): Endpoints {
  return {
    userApi: validateEndpoint('endpoints.userApi', get('userApi'), DEFAULT_ENDPOINTS.userApi),
    api: validateEndpoint('endpoints.api', get('api'), DEFAULT_ENDPOINTS.api),
    portalApi: validateEndpoint('endpoints.portalApi', get('portalApi'), DEFAULT_ENDPOINTS.portalApi),
  };
}
