import * as vscode from 'vscode';
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
  /** The toast shown. */
  text: string;
  /** The full report, which the toast's Show Report opens as a plain-text document. */
  report: string;
}

/**
 * Without logging in: one signed request (get organisations) with the current session, then a
 * short toast (who, which organisation, and what is wrong when something is) whose Show Report
 * opens the full report: round trip, clock offset, the endpoints in use, and what the extension
 * has learned about the hosts (signature form, organisation answer, assign scope).
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
  const listed = answer.organisations.some((o) => o.id === current.organisationId);
  const { severity, summary, report } = describeConnection({
    ...result,
    identity: current.account.identity.endpoint,
    learned,
    listed,
  });
  services.log.info(
    `Test connection: organisation ${organisation.id}, ${Math.round(roundTripMs)} ms, clock offset ${result.skewMs ?? 'unknown'} ms, ` +
      `signature ${learned.form?.form ?? 'unknown'}, organisations ${answer.shape} of ${answer.organisations.length}, assign scope ${learned.scope?.scope ?? 'not seen'}.`,
  );
  services.messages.show({
    severity,
    text: summary,
    buttons: [{ title: l10n.t('Show Report'), run: () => showReport(report, new Date(services.now())) }],
  });
  return { ...result, text: summary, report };
}

/**
 * The report as an untitled plain-text document of its own (as an export is): it can be read
 * whole, copied or saved for a support request, and two runs can be compared side by side. It
 * holds no secret: the identity, the organisation, the endpoints and what was learned.
 */
async function showReport(report: string, at: Date): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(freeUntitledUri(reportFileName(at)));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), report);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(doc, { preview: false });
}

/** "sinch-connection-2026-11-28-1405.txt": what Save proposes. */
function reportFileName(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `sinch-connection-${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}.txt`;
}

/** A name no open document has (two reports in one minute get a counter). */
function freeUntitledUri(name: string): vscode.Uri {
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  let uri = vscode.Uri.from({ scheme: 'untitled', path: name });
  for (let i = 2; open.has(uri.toString()); i++)
    uri = vscode.Uri.from({ scheme: 'untitled', path: name.replace(/(\.\w+)$/, `-${i}$1`) });
  return uri;
}
