import type { Services } from '../../services';
import { describeConnection } from '../connectionReport';
import type { Endpoints, Organisation } from '../../sinch/types';
import { hostKey } from '../../sinch/dialect';
import { withCancellableProgress } from '../../platform/vscode/progress';
import { l10n } from '../../platform/l10n';
import { EndpointConfigError } from '../endpoints';
import { openEndpointSettings } from './signIn';

export interface ConnectionResult {
  organisation: Organisation;
  roundTripMs: number;
  skewMs: number | undefined;
  endpoints: Endpoints;
  /** The message shown. */
  text: string;
}

/**
 * Without logging in: one signed request (get organisations) with the current session, then
 * one message with the organisation, round trip, clock offset, the endpoints in use, and what
 * the extension has learned about the hosts (signature form, organisation answer, assign scope).
 */
export async function testConnection(services: Services): Promise<ConnectionResult | undefined> {
  let client;
  try {
    client = services.clients.get();
  } catch (error) {
    if (error instanceof EndpointConfigError) {
      services.messages.show({
        severity: 'error',
        text: l10n.t('Cannot test the connection: {0}', error.message),
        buttons: [{ title: l10n.t('Open Settings'), run: openEndpointSettings }],
      });
      return undefined;
    }
    throw error;
  }
  const { session } = services;
  const current = session.current();
  const { answer, roundTripMs } = await withCancellableProgress(
    services,
    l10n.t('Testing the connection to Sinch…'),
    async (_report, signal) => {
      const started = performance.now();
      try {
        const read = await current.api.getOrganisations({ signal });
        return { answer: read, roundTripMs: performance.now() - started };
      } catch (error) {
        session.noteError(error, current.account);
        throw error;
      }
    },
  );
  const owner = { accountId: current.account.id };
  const organisations = session.dialect.noteOrganisations(owner, answer, current.account.dialect?.organisations);
  // The account chose one of several: report that one, or say it is no longer listed.
  const organisation = answer.organisations.find((o) => o.id === current.organisationId) ?? {
    id: current.organisationId,
    name: current.account.organisationName,
  };
  const hosts = { api: hostKey(client.endpoints.api), portalApi: hostKey(client.endpoints.portalApi) };
  const learned = { ...session.dialect.snapshot(hosts), organisations };
  const result = { organisation, roundTripMs, skewMs: client.lastServerDateSkewMs, endpoints: client.endpoints };
  const report = describeConnection({ ...result, identity: current.account.identity.endpoint, learned });
  const listed = answer.organisations.some((o) => o.id === current.organisationId);
  const text = listed
    ? report.text
    : `${report.text} ${l10n.t('Sinch no longer lists organisation {0} for this login: sign in again to choose another.', current.organisationId)}`;
  services.log.info(
    `Test connection: organisation ${organisation.id}, ${Math.round(roundTripMs)} ms, clock offset ${result.skewMs ?? 'unknown'} ms, ` +
      `signature ${learned.form?.form ?? 'unknown'}, organisations ${answer.shape} of ${answer.organisations.length}, assign scope ${learned.scope?.scope ?? 'not seen'}.`,
  );
  void services.prompter.message(listed ? report.severity : 'warning', text, { modal: false });
  return { ...result, text };
}
