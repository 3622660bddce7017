import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { labelLookup } from '../../numbers/applicationLabels';
import { config } from '../../platform/vscode/config';
import { l10n } from '../../platform/l10n';
import type { DocumentScans } from './documentScans';
import { toDiagnostic } from './diagnostics';

/**
 * "Assign to <application>…" on a number that is not on the application its document uses. It
 * runs the Assign command with the number and the application fixed, so the safe flow and its
 * confirmations (a move names both applications and the organisation) are the ones the tree uses.
 */
export class AssignQuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly scans: DocumentScans) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    const start = doc.offsetAt(range.start);
    const end = doc.offsetAt(range.end);
    const labels = config.applicationLabels();
    const actions: vscode.CodeAction[] = [];
    for (const f of this.scans.findings(doc)) {
      if (f.rule !== 'otherApplication' || !f.target || f.end < start || f.start > end) continue;
      const label = labelLookup(labels)(f.target);
      const action = new vscode.CodeAction(l10n.t('Assign to {0}…', label ?? f.target), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [toDiagnostic(doc, f)];
      action.isPreferred = true;
      action.command = {
        command: Commands.assignNumbers,
        title: action.title,
        arguments: [{ numbers: [f.number], application: { key: f.target, label } }],
      };
      actions.push(action);
    }
    return actions;
  }
}
