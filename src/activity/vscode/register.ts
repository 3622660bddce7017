// The activity journal in this window: the Journal in the global storage folder (shared by every
// window of this profile), and Show Activity… (a quick pick: Reveal, or export as CSV or JSON).
import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Services } from '../../services';
import { registerCommand } from '../../platform/vscode/runCommand';
import { l10n } from '../../platform/l10n';
import type { ActivityEntry } from '../../numbers/activity';
import { entryNumbers, entrySummary, entryTime } from '../../numbers/activityText';
import { Journal } from '../journal';
import { activityCsv, activityJson } from '../activityExport';

export interface ActivityFeature {
  journal: Journal;
}

type Item = vscode.QuickPickItem & { entry?: ActivityEntry; format?: 'csv' | 'json' };

export function registerActivity(
  services: Services,
  deps: { revealNumbers(numbers: readonly number[]): Promise<void> },
): ActivityFeature {
  const journal = new Journal(services.context.globalStorageUri.fsPath, {
    onError: (e) =>
      services.log.warn(`The activity journal could not be written: ${e instanceof Error ? e.message : String(e)}`),
  });
  const showActivity = async (): Promise<void> => {
    const all = await journal.read();
    const org = services.session.active?.organisationId;
    const entries = (org ? all.filter((e) => e.organisationId === org) : all).reverse();
    const items: Item[] = [
      { label: `$(export) ${l10n.t('Export as CSV…')}`, format: 'csv', alwaysShow: true },
      { label: `$(export) ${l10n.t('Export as JSON…')}`, format: 'json', alwaysShow: true },
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      ...entries.map((entry): Item => ({
        label: entrySummary(entry),
        description: `${entryTime(entry.time)} · ${entryNumbers(entry)}`,
        detail: entry.message,
        entry,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: l10n.t('Activity'),
      placeHolder:
        entries.length === 0
          ? l10n.t('Nothing changed from this editor yet')
          : l10n.t('Pick an entry to reveal its numbers in the Numbers view'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return;
    if (picked.format) {
      const doc = await vscode.workspace.openTextDocument({
        language: picked.format === 'csv' ? 'csv' : 'json',
        content: picked.format === 'csv' ? activityCsv([...entries].reverse()) : activityJson([...entries].reverse()),
      });
      await vscode.window.showTextDocument(doc, { preview: false });
      return;
    }
    if (picked.entry && picked.entry.numbers.length > 0) await deps.revealNumbers(picked.entry.numbers);
  };
  services.context.subscriptions.push(registerCommand(services, Commands.showActivity, showActivity));
  return { journal };
}
