import * as vscode from 'vscode';
import { exportPieces, type ExportFormat } from '../../exportNumbers';
import { numbersCount } from '../../wording';
import { InputError } from '../../../platform/errors';
import { BACK, orCancel } from '../../../platform/prompter';
import type { NumbersCommandContext } from './numbersCommandContext';
import { l10n } from '../../../platform/l10n';

interface FormatItem extends vscode.QuickPickItem {
  format: ExportFormat;
}

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
      throw new InputError(
        filter
          ? l10n.t('No numbers match the filter "{0}": there is nothing to export.', filter.text)
          : l10n.t('This organisation rents no numbers: there is nothing to export.'),
      );
    }
    const what = filter
      ? l10n.t('the {0} matching "{1}"', numbersCount(shown), filter.text)
      : l10n.t('all {0}', numbersCount(shown));
    const picked = orCancel(
      await ctx.services.prompter.pick<FormatItem>({
        title: l10n.t('Export Numbers'),
        placeholder: l10n.t('Export {0} as…', what),
        items: [
          { label: 'CSV', description: l10n.t('for spreadsheets'), format: 'csv' },
          { label: 'JSON', description: l10n.t('for scripts'), format: 'json' },
        ],
      }),
    );
    if (picked === BACK) return;
    const content =
      shown < EXPORT_WITH_PROGRESS_FROM
        ? [...exportPieces(picked.format, ctx.provider.visibleNumbers(), (k) => ctx.provider.labelOf(k))].join('')
        : await writeExport(picked.format, ctx, l10n.t('Exporting {0}…', numbersCount(shown)));
    const doc = await vscode.workspace.openTextDocument(
      freeUntitledUri(exportFileName(picked.format, filter !== undefined, new Date(ctx.services.now()))),
    );
    // CSV keeps RFC 4180's CRLF line ends (the editor would otherwise take the platform's). The
    // empty document takes CRLF first: converting 200,000 lines after the insert doubles its time.
    if (picked.format === 'csv') await applyEdits(doc.uri, [vscode.TextEdit.setEndOfLine(vscode.EndOfLine.CRLF)]);
    await applyEdits(doc.uri, [vscode.TextEdit.insert(new vscode.Position(0, 0), content)]);
    await vscode.window.showTextDocument(doc, { preview: false });
  };
}

async function applyEdits(uri: vscode.Uri, edits: vscode.TextEdit[]): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, edits);
  await vscode.workspace.applyEdit(edit);
}

/** "sinch-numbers-2026-11-28-1405.csv" ("-filtered" when a filter narrowed it): what Save proposes. */
export function exportFileName(format: ExportFormat, filtered: boolean, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `sinch-numbers-${stamp}${filtered ? '-filtered' : ''}.${format}`;
}

/**
 * An untitled document of its own for each export: a name already open (two exports in one
 * minute) gets a counter, so an export never lands in, or reads back, another one's text.
 */
function freeUntitledUri(name: string): vscode.Uri {
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  let uri = vscode.Uri.from({ scheme: 'untitled', path: name });
  for (let i = 2; open.has(uri.toString()); i++)
    uri = vscode.Uri.from({ scheme: 'untitled', path: name.replace(/(\.\w+)$/, `-${i}$1`) });
  return uri;
}

/** Below this many numbers the export takes well under a second: no progress notification to flash. */
const EXPORT_WITH_PROGRESS_FROM = 20_000;

/**
 * The export's text, made piece by piece from the rows as the view orders them (no list of
 * rows, no list of lines), yielding to the extension host between pieces, under a
 * cancellable progress notification.
 */
async function writeExport(format: ExportFormat, ctx: NumbersCommandContext, title: string): Promise<string> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (_progress, token) => {
      let content = '';
      for (const piece of exportPieces(format, ctx.provider.visibleNumbers(), (k) => ctx.provider.labelOf(k))) {
        content += piece;
        await new Promise((resolve) => setImmediate(resolve));
        if (token.isCancellationRequested) throw new vscode.CancellationError();
      }
      return content;
    },
  );
}
