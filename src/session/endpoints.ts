import { l10n } from '../platform/l10n';
import { assertEndpointUrl } from '../sinch/guards';
import { InputError } from '../platform/errors';
import { DEFAULT_ENDPOINTS, type Endpoints } from '../sinch/types';

/** Thrown when the configured endpoints cannot be used; the message names the setting and says why. */
export class EndpointConfigError extends Error {
  override readonly name = 'EndpointConfigError';
}

/**
 * Validates one endpoint setting by the client's own rule (assertEndpointUrl), so a value
 * accepted here is never refused when the client is built. An empty value means the default.
 */
export function validateEndpoint(setting: string, value: string | undefined, fallback: string): string {
  const raw = (value ?? '').trim() || fallback;
  try {
    return assertEndpointUrl(raw);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new EndpointConfigError(l10n.t('The setting sinchNumbers.{0} cannot be used: {1}', setting, error.message));
  }
}

/** Reads the three endpoints from a settings getter (machine-scoped settings in the extension). */
export function resolveEndpoints(get: (key: 'userApi' | 'api' | 'portalApi') => string | undefined): Endpoints {
  return {
    userApi: validateEndpoint('endpoints.userApi', get('userApi'), DEFAULT_ENDPOINTS.userApi),
    api: validateEndpoint('endpoints.api', get('api'), DEFAULT_ENDPOINTS.api),
    portalApi: validateEndpoint('endpoints.portalApi', get('portalApi'), DEFAULT_ENDPOINTS.portalApi),
  };
}
