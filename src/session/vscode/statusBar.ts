import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Services } from '../../services';
import type { StoredAccount } from '../account';
import { accountEndpoints, customHosts, hostsOf, signedInHere } from '../accountEndpoints';
import type { Endpoints } from '../../sinch/types';
import { config } from '../../platform/vscode/config';
import { l10n } from '../../platform/l10n';
import { markdownText } from '../../platform/safeText';
import type { AccountStatusFacts } from '../accountStatusFacts';

export const ACCOUNT_STATUS_ID = 'sinchNumbers.account';

/** What the item shows about the active account besides its name. */
interface AccountState {
  expired: boolean;
  /** The endpoints in the settings when they are not the ones the account signed in at. */
  elsewhere?: Endpoints;
  accountCount: number;
}

/**
 * The active organisation in the status bar ($(organization) + name); the tooltip says who is
 * signed in, where (when not Sinch's own hosts) and until when, and a click switches account.
 * When the endpoint settings moved away from where the account signed in, it warns and a click
 * signs in there. Hidden when signed out. `facts` adds what a higher floor knows of the
 * organisation (its numbers and monthly cost).
 */
export function registerAccountStatusBar(services: Services, facts: AccountStatusFacts): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(ACCOUNT_STATUS_ID, vscode.StatusBarAlignment.Left, 0);
  item.name = l10n.t('Sinch Account');
  const update = () => {
    const account = services.session.active;
    if (!account) {
      item.hide();
      return;
    }
    const current = currentEndpoints(services);
    const state: AccountState = {
      expired: services.session.isMarkedExpired(account) || services.session.health(account) === 'expired',
      elsewhere: current && !signedInHere(account, current) ? current : undefined,
      accountCount: services.session.accounts.length,
    };
    const warn = state.expired || state.elsewhere !== undefined;
    const name = account.organisationName || account.organisationId;
    item.text = warn ? `$(warning) ${name}` : `$(organization) ${name}`;
    item.backgroundColor = warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.tooltip = tooltip(account, state, facts.lines(account.organisationId));
    item.command = state.elsewhere
      ? { command: Commands.signIn, title: l10n.t('Sign In'), arguments: [{ identity: account.identity.endpoint }] }
      : Commands.switchAccount;
    item.accessibilityInformation = {
      label: state.elsewhere
        ? l10n.t('Sinch organisation {0}, signed in at other hosts than the settings name. Sign in', name)
        : state.expired
          ? l10n.t('Sinch organisation {0}, session expired. Switch account', name)
          : l10n.t('Sinch organisation {0}. Switch account', name),
    };
    item.show();
  };
  update();
  const subscriptions = [
    services.session.onDidChange(update),
    services.session.onDidExpire(update),
    facts.onDidChange(update),
    // extension.ts rebuilt the client on the same event (it registered first).
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (config.affectsClient(e)) update();
    }),
  ];
  return {
    dispose: () => {
      for (const s of subscriptions) s.dispose();
      item.dispose();
    },
  };
}

/** The endpoints requests would go to now; undefined when the settings are unusable (sign-in says why). */
function currentEndpoints(services: Services): Endpoints | undefined {
  try {
    return services.clients.get().endpoints;
  } catch {
    return undefined;
  }
}

function tooltip(account: StoredAccount, state: AccountState, facts: readonly string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  const name = account.organisationName || account.organisationId;
  md.appendMarkdown(`**$(organization) ${markdownText(name)}**\n\n`);
  md.appendMarkdown(`${l10n.t('Organisation id')}: ${markdownText(account.organisationId)}  \n`);
  md.appendMarkdown(`${l10n.t('Signed in as')}: ${markdownText(account.identity.endpoint)}  \n`);
  for (const line of facts) md.appendMarkdown(`${markdownText(line)}  \n`);
  const hosts = customHosts(accountEndpoints(account));
  if (hosts) md.appendMarkdown(`${l10n.t('Signed in at')}: ${markdownText(hosts)}  \n`);
  if (state.elsewhere) {
    md.appendMarkdown(
      `\n$(warning) ${markdownText(l10n.t("The endpoint settings now point to {0}. This account's credentials are not sent there: click to sign in there.", hostsOf(state.elsewhere, ['api', 'portalApi'])))}\n\n`,
    );
  } else if (state.expired)
    md.appendMarkdown(`$(warning) ${l10n.t('Session expired: sign in again to see current data.')}\n\n`);
  else if (account.expiresAt !== undefined)
    md.appendMarkdown(`${l10n.t('Session valid until')}: ${new Date(account.expiresAt).toLocaleString()}\n\n`);
  else md.appendMarkdown(`${l10n.t('Session without a stated end')}\n\n`);
  if (!state.elsewhere) {
    md.appendMarkdown(
      state.accountCount > 1
        ? l10n.t('Click to switch between your {0} Sinch accounts.', state.accountCount)
        : l10n.t('Click to switch or add a Sinch account.'),
    );
  }
  return md;
}
