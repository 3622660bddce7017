import * as vscode from 'vscode';
import { exportPieces, type ExportFormat } from '../../exportNumbers';
import { plural } from '../../wording';
import { InputError } from '../../../sinch/guards';
import { BACK, orCancel } from '../../../platform/prompter';
import type { NumbersCommandContext } from './context';
import { l10n } from '../../../platform/l10n';

interface FormatItem extends vscode.QuickPickItem { format: ExportFormat }

/**
 * Export Numbers…: CSV or JSON in an untitled editor (nothing written to disk until the user
 * saves). Exports what the view shows: with a filter, the numbers that match it.
 */
export function exportNumbersCommand(ctx: NumbersCommandContext) {
  return async (): Promise<void> => {
    if (!ctx.model.numbers) await ctx.model.refresh();
    const shown = ctx.provider.shown;
    const filter = ctx.provider.filter;
    if (shown === 0) {
      throw new InputError(filter
        ? l10n.t('No numbers match the filter "{0}": there is nothing to export.', filter.text)
        : l10n.t('This organisation rents no numbers: there is nothing to export.'));
    }
    const what = filter ? l10n.t('the {0} matching "{1}"', plural(shown, 'number'), filter.text) : l10n.t('all {0}', plural(shown, 'number'));
    const picked = orCancel(await ctx.services.prompter.pick<FormatItem>({
      title: l10n.t('Export Numbers'),
      placeholder: l10n.t('Export {0} as…', what),
      items: [
        { label: 'CSV', description: l10n.t('for spreadsheets'), format: 'csv' },
        { label: 'JSON', description: l10n.t('for scripts'), format: 'json' },
      ],
    }));
    if (picked === BACK) return;
    const content = shown < EXPORT_WITH_PROGRESS_FROM
      ? [...exportPieces(picked.format, ctx.provider.visibleNumbers(), (k) => ctx.provider.labelOf(k))].join('')
      : await writeExport(picked.format, ctx, l10n.t('Exporting {0}…', plural(shown, 'number')));
    const language = picked.format === 'json' ? 'json' : (await vscode.languages.getLanguages()).includes('csv') ? 'csv' : 'plaintext';
    const doc = await vscode.workspace.openTextDocument({ language, content });
    await vscode.window.showTextDocument(doc, { preview: false });
  };
}

/** Below this many numbers the export takes well under a second: no progress notification to flash. */
const EXPORT_WITH_PROGRESS_FROM = 20_000;

/**
 * The export's text, made piece by piece from the rows as the view orders them (no list of
 * rows, no list of lines), yielding to the extension host between pieces, under a
 * cancellable progress notification.
 */
async function writeExport(format: ExportFormat, ctx: NumbersCommandContext, title: string): Promise<string> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
    let content = '';
    for (const piece of exportPieces(format, ctx.provider.visibleNumbers(), (k) => ctx.provider.labelOf(k))) {
      content += piece;
      await new Promise((resolve) => setImmediate(resolve));
      if (token.isCancellationRequested) throw new vscode.CancellationError();
    }
    return content;
  });
}
