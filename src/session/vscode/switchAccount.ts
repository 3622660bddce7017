import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Services } from '../../services';
import { BACK, orCancel } from '../../platform/prompter';
import { l10n } from '../../platform/l10n';

type Choice = vscode.QuickPickItem & { accountId?: string; add?: true };

/**
 * Picks the active account among the signed-in ones (the active one marked), or signs in
 * to another. Switching only fires the session's change event: the views listen to it.
 */
export async function switchAccount(services: Services): Promise<void> {
  const { session } = services;
  const activeId = session.active?.id;
  const items: Choice[] = session.accounts.map((a) => {
    const expired = session.isMarkedExpired(a) || session.health(a) === 'expired';
    const notes = [a.id === activeId ? l10n.t('active') : undefined, expired ? l10n.t('session expired') : undefined].filter(Boolean);
    return {
      label: `${a.id === activeId ? '$(check)' : '$(organization)'} ${a.organisationName || a.organisationId}`,
      description: [a.identity.endpoint, ...notes].join(' · '),
      detail: l10n.t('Organisation {0}', a.organisationId),
      accountId: a.id,
    };
  });
  if (items.length) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(add) ${l10n.t('Sign in to another account…')}`, add: true });
  const picked = orCancel(await services.prompter.pick({
    title: l10n.t('Switch Sinch Account'),
    placeholder: l10n.t('Choose the organisation to work with'),
    items,
    active: items.find((i) => i.accountId !== undefined && i.accountId !== activeId) ?? items[0],
  }));
  if (picked === BACK) return;
  if (picked.add) {
    await vscode.commands.executeCommand(Commands.signIn);
    return;
  }
  if (picked.accountId && picked.accountId !== activeId) await session.switchTo(picked.accountId);
}
