import { config } from '../../platform/vscode/config';
import type { Endpoints } from '../../sinch/types';
import { resolveEndpoints } from '../endpoints';

/** The hosts the `sinchNumbers.endpoints.*` settings name; throws EndpointConfigError (with the reason) when one is unusable. */
export function endpointSettings(): Endpoints {
  const c = config.section();
  return resolveEndpoints((k) => c.get<string>(`endpoints.${k}`));
}
