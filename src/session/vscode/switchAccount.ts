import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Services } from '../../services';
import type { OrganisationSummary, StoredAccount } from '../account';
import { organisationItem } from '../organisationChoice';
import { BACK, orCancel } from '../../platform/prompter';
import { l10n } from '../../platform/l10n';

type Choice = vscode.QuickPickItem & { accountId?: string; organisationId?: string; add?: true };

/**
 * Picks the active organisation: every signed-in account's, and the other organisations of a
 * login that has several (the login's instance reads them too, so no password is asked), or
 * signs in to another account. Switching only fires the session's change event: the views listen to it.
 */
export async function switchAccount(services: Services): Promise<void> {
  const { session } = services;
  const activeId = session.active?.id;
  const items: Choice[] = session.accounts.flatMap((a) => accountItems(services, a, a.id === activeId));
  if (items.length) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(add) ${l10n.t('Sign in to another account…')}`, add: true });
  const isActive = (i: Choice) => i.accountId === activeId && i.organisationId === session.active?.organisationId;
  const picked = orCancel(
    await services.prompter.pick({
      title: l10n.t('Switch Sinch Account'),
      placeholder: l10n.t('Choose the organisation to work with'),
      items,
      matchOnDescription: true,
      active: items.find((i) => i.accountId !== undefined && !isActive(i)) ?? items[0],
    }),
  );
  if (picked === BACK) return;
  if (picked.add) {
    await vscode.commands.executeCommand(Commands.signIn);
    return;
  }
  if (picked.accountId && !isActive(picked)) {
    await session.switchTo(picked.accountId, picked.organisationId);
    services.log.info(`Switched to organisation ${picked.organisationId ?? ''}.`);
  }
}

/** One item per organisation of the account's login (one when it has only one). */
function accountItems(services: Services, a: StoredAccount, active: boolean): Choice[] {
  const { session } = services;
  const expired = session.isMarkedExpired(a) || session.health(a) === 'expired';
  const organisations: OrganisationSummary[] = a.organisations?.length
    ? a.organisations
    : [{ id: a.organisationId, name: a.organisationName }];
  return organisations.map((o) => {
    const current = active && o.id === a.organisationId;
    const notes = [current ? l10n.t('active') : undefined, expired ? l10n.t('session expired') : undefined].filter(
      Boolean,
    );
    const item = organisationItem(o);
    return {
      label: current ? item.label.replace('$(organization)', '$(check)') : item.label,
      description: [a.identity.endpoint, ...notes].join(' · '),
      detail: [item.description, item.detail].filter(Boolean).join(' · '),
      accountId: a.id,
      organisationId: o.id,
    };
  });
}
