import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Services } from '../../services';
import type { StoredAccount } from '../account';
import { l10n } from '../../platform/l10n';
import { markdownText } from '../../platform/safeText';

export const ACCOUNT_STATUS_ID = 'sinchNumbers.account';

/**
 * The active organisation in the status bar ($(organization) + name); the tooltip says who is
 * signed in and until when, and a click switches account. Hidden when signed out.
 */
export function registerAccountStatusBar(services: Services): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(ACCOUNT_STATUS_ID, vscode.StatusBarAlignment.Left, 0);
  item.name = l10n.t('Sinch Account');
  item.command = Commands.switchAccount;
  const update = () => {
    const account = services.session.active;
    if (!account) {
      item.hide();
      return;
    }
    const expired = services.session.isMarkedExpired(account) || services.session.health(account) === 'expired';
    const name = account.organisationName || account.organisationId;
    item.text = expired ? `$(warning) ${name}` : `$(organization) ${name}`;
    item.backgroundColor = expired ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.tooltip = tooltip(account, expired, services.session.accounts.length);
    item.accessibilityInformation = {
      label: expired
        ? l10n.t('Sinch organisation {0}, session expired. Switch account', name)
        : l10n.t('Sinch organisation {0}. Switch account', name),
    };
    item.show();
  };
  update();
  const subscriptions = [services.session.onDidChange(update), services.session.onDidExpire(update)];
  return {
    dispose: () => {
      for (const s of subscriptions) s.dispose();
      item.dispose();
    },
  };
}

function tooltip(account: StoredAccount, expired: boolean, accountCount: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  const name = account.organisationName || account.organisationId;
  md.appendMarkdown(`**$(organization) ${markdownText(name)}**\n\n`);
  md.appendMarkdown(`${l10n.t('Organisation id')}: ${markdownText(account.organisationId)}  \n`);
  md.appendMarkdown(`${l10n.t('Signed in as')}: ${markdownText(account.identity.endpoint)}  \n`);
  if (expired) md.appendMarkdown(`$(warning) ${l10n.t('Session expired: sign in again to see current data.')}\n\n`);
  else if (account.expiresAt !== undefined) md.appendMarkdown(`${l10n.t('Session valid until')}: ${new Date(account.expiresAt).toLocaleString()}\n\n`);
  else md.appendMarkdown(`${l10n.t('Session without a stated end')}\n\n`);
  md.appendMarkdown(accountCount > 1
    ? l10n.t('Click to switch between your {0} Sinch accounts.', accountCount)
    : l10n.t('Click to switch or add a Sinch account.'));
  return md;
}
