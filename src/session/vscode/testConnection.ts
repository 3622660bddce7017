import type { Services } from '../../services';
import { describeConnection } from '../connectionReport';
import type { Endpoints, Organisation } from '../../sinch/types';
import { withCancellableProgress } from '../../platform/vscode/progress';
import { l10n } from '../../platform/l10n';
import { EndpointConfigError } from '../endpoints';
import { notify } from '../../platform/vscode/followUps';
import { openEndpointSettings } from './signIn';

export interface ConnectionResult {
  organisation: Organisation;
  roundTripMs: number;
  skewMs: number | undefined;
  endpoints: Endpoints;
}

/**
 * Without logging in: one signed request (get organisation) with the current session, then
 * one message with the organisation, round trip, clock offset and the endpoints in use.
 */
export async function testConnection(services: Services): Promise<ConnectionResult | undefined> {
  let client;
  try {
    client = services.clients.get();
  } catch (error) {
    if (error instanceof EndpointConfigError) {
      notify(services, 'error', l10n.t('Cannot test the connection: {0}', error.message), { [l10n.t('Open Settings')]: openEndpointSettings });
      return undefined;
    }
    throw error;
  }
  const current = services.session.current();
  const { organisation, roundTripMs } = await withCancellableProgress(services, l10n.t('Testing the connection to Sinch…'), async (_report, signal) => {
    const started = performance.now();
    try {
      const org = await current.api.getOrganisation({ signal });
      return { organisation: org, roundTripMs: performance.now() - started };
    } catch (error) {
      services.session.noteError(error, current.account);
      throw error;
    }
  });
  const result: ConnectionResult = { organisation, roundTripMs, skewMs: client.lastServerDateSkewMs, endpoints: client.endpoints };
  const { severity, text } = describeConnection({ ...result, identity: current.account.identity.endpoint });
  services.log.info(`Test connection: organisation ${organisation.id}, ${Math.round(roundTripMs)} ms, clock offset ${result.skewMs ?? 'unknown'} ms.`);
  void services.prompter.message(severity, text, { modal: false });
  return result;
}
