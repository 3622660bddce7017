import * as vscode from 'vscode';
import { exportNumbers, exportRows, type ExportFormat } from '../../exportNumbers';
import { numbersCount } from '../../wording';
import { InputError } from '../../../sinch/guards';
import { BACK, orCancel } from '../../../platform/prompter';
import type { NumbersCommandContext } from './numbersCommandContext';
import { l10n } from '../../../platform/l10n';

interface FormatItem extends vscode.QuickPickItem { format: ExportFormat }

/**
 * Export Numbers…: CSV or JSON in an untitled editor (nothing written to disk until the user
 * saves). Exports what the view shows: with a filter, the numbers that match it.
 */
export function exportNumbersCommand(ctx: NumbersCommandContext) {
  return async (): Promise<void> => {
    if (!ctx.model.numbers) await ctx.model.refresh();
    const entries = ctx.provider.visibleEntries();
    const filter = ctx.provider.filter;
    if (entries.length === 0) {
      throw new InputError(filter
        ? l10n.t('No numbers match the filter "{0}": there is nothing to export.', filter.text)
        : l10n.t('This organisation rents no numbers: there is nothing to export.'));
    }
    const what = filter ? l10n.t('the {0} matching "{1}"', numbersCount(entries.length), filter.text) : l10n.t('all {0}', numbersCount(entries.length));
    const picked = orCancel(await ctx.services.prompter.pick<FormatItem>({
      title: l10n.t('Export Numbers'),
      placeholder: l10n.t('Export {0} as…', what),
      items: [
        { label: 'CSV', description: l10n.t('for spreadsheets'), format: 'csv' },
        { label: 'JSON', description: l10n.t('for scripts'), format: 'json' },
      ],
    }));
    if (picked === BACK) return;
    const content = exportNumbers(picked.format, exportRows(entries, (k) => ctx.provider.labelOf(k)));
    const language = picked.format === 'json' ? 'json' : (await vscode.languages.getLanguages()).includes('csv') ? 'csv' : 'plaintext';
    const doc = await vscode.workspace.openTextDocument({ language, content });
    await vscode.window.showTextDocument(doc, { preview: false });
  };
}
