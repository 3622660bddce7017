// Code insights: the organisation's numbers and applications where the code uses them (hovers,
// CodeLenses, Problems, a quick fix), and Find in Workspace from the tree. Everything reads the
// list the Numbers view holds; nothing here sends a request.
import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { NumbersModel } from '../../numbers/numbersModel';
import type { NumbersView } from '../../numbers/vscode/numbersView';
import { registerCommand } from '../../platform/vscode/runCommand';
import type { Services } from '../../services';
import { InsightsCodeLensProvider } from './codeLensProvider';
import { findInWorkspace, revealInView } from './commands';
import { InsightsDiagnostics } from './diagnostics';
import { DocumentScans } from './documentScans';
import { InsightsHoverProvider } from './hoverProvider';
import { InsightsIndex } from './insightsIndex';
import { AssignQuickFixProvider } from './quickFix';
import { affectsInsights, DOCUMENT_SELECTOR } from './settings';

export function registerCodeInsights(services: Services, deps: { model: NumbersModel; view: NumbersView }): void {
  const index = new InsightsIndex({ model: deps.model, session: services.session, known: deps.view.known });
  const scans = new DocumentScans(index, services.now);
  const diagnostics = new InsightsDiagnostics(scans);
  const codeLenses = new InsightsCodeLensProvider(scans);
  const refresh = () => {
    diagnostics.checkAll();
    codeLenses.refresh();
  };
  services.context.subscriptions.push(
    index,
    diagnostics,
    codeLenses,
    index.onDidChange(refresh),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsInsights(e)) return;
      scans.clear();
      refresh();
    }),
    vscode.languages.registerHoverProvider(
      DOCUMENT_SELECTOR,
      new InsightsHoverProvider(scans, { now: services.now, stale: () => index.stale }),
    ),
    vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, codeLenses),
    vscode.languages.registerCodeActionsProvider(
      DOCUMENT_SELECTOR,
      new AssignQuickFixProvider(scans),
      AssignQuickFixProvider.metadata,
    ),
    registerCommand(services, Commands.revealInView, (arg: unknown) => revealInView(deps.view, arg)),
    registerCommand(services, Commands.findInWorkspace, findInWorkspace),
  );
  refresh();
}
