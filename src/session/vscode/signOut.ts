import * as vscode from 'vscode';
import type { Services } from '../../services';
import type { StoredAccount } from '../account';
import { BACK, orCancel, type Back } from '../../platform/prompter';
import { UserCancelled } from '../../platform/errors';
import { l10n } from '../../platform/l10n';

/** The optional argument of `sinchNumbers.signOut`: which account (default: ask when several). */
export interface SignOutArgs {
  accountId?: string;
}

type Choice = vscode.QuickPickItem & { accountId?: string; all?: true };

/**
 * Signs out and removes every key the extension keeps for that account. With several accounts
 * it asks which (offering "All accounts" too), and that choice is the confirmation; otherwise
 * (one account, or an account named by an argument, as another extension or a `command:` link
 * may pass) a modal names the account first. The welcome view returns when none is left.
 */
export async function signOut(services: Services, args?: SignOutArgs): Promise<void> {
  const { session } = services;
  const accounts = session.accounts;
  if (accounts.length === 0) return;
  const requested = typeof args?.accountId === 'string' ? accounts.find((a) => a.id === args.accountId) : undefined;
  let targets: StoredAccount[];
  if (requested || accounts.length === 1) {
    targets = [requested ?? accounts[0]];
    await confirmSignOut(services, targets[0]);
  } else {
    const picked = await pickAccounts(services, accounts);
    if (picked === BACK) return;
    targets = picked;
  }

  if (targets.length === accounts.length) await session.signOutAll();
  else for (const a of targets) await session.signOut(a.id);
  services.log.info(`Signed out of ${targets.length} account(s).`);

  const now = session.active;
  if (now && targets.some((t) => t.id !== now.id)) {
    // The status bar just changed organisation: say why.
    void services.prompter.message(
      'info',
      l10n.t(
        'Signed out of {0} ({1}). Now using {2} ({3}).',
        targets[0].organisationName || targets[0].organisationId,
        targets[0].identity.endpoint,
        now.organisationName || now.organisationId,
        now.identity.endpoint,
      ),
      {},
    );
  }
}

/** The account quick pick, the active one first, then "All accounts". */
async function pickAccounts(services: Services, accounts: StoredAccount[]): Promise<StoredAccount[] | Back> {
  const activeId = services.session.active?.id;
  const ordered = [...accounts].sort((a, b) => Number(b.id === activeId) - Number(a.id === activeId));
  const items: Choice[] = [
    ...ordered.map((a): Choice => ({
      label: `$(account) ${a.organisationName || a.organisationId}`,
      description: a.identity.endpoint,
      detail: a.id === activeId ? l10n.t('Active account') : undefined,
      accountId: a.id,
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(sign-out) ${l10n.t('All accounts')}`, description: l10n.t('{0} accounts', accounts.length), all: true },
  ];
  const picked = orCancel(
    await services.prompter.pick({
      title: l10n.t('Sign Out of Sinch'),
      placeholder: l10n.t('Which account do you want to sign out of?'),
      items,
    }),
  );
  if (picked === BACK) return BACK;
  return picked.all ? accounts : accounts.filter((a) => a.id === picked.accountId);
}

/** The modal that names the account; anything but Sign Out cancels silently. */
async function confirmSignOut(services: Services, account: StoredAccount): Promise<void> {
  const go = l10n.t('Sign Out');
  const answer = await services.prompter.message(
    'warning',
    l10n.t('Sign out of {0} ({1})?', account.organisationName || account.organisationId, account.identity.endpoint),
    {
      modal: true,
      detail: l10n.t(
        'The session kept for this account on this computer is removed, and signing in again needs its password. Nothing changes on Sinch.',
      ),
    },
    go,
  );
  if (answer !== go) throw new UserCancelled();
}
