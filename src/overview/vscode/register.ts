// Registers Show Overview and Scan Workspace, and the panel's serializer (so a reload brings
// the panel back). What the panel's clicks do comes in from extension.ts.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { Commands } from '../../constants';
import { registerCommand } from '../../platform/vscode/runCommand';
import type { NumbersModel } from '../../numbers/numbersModel';
import type { ActivitySource } from '../../numbers/activity';
import { InputError } from '../../platform/errors';
import { l10n } from '../../platform/l10n';
import { numbersCount } from '../../numbers/wording';
import { OVERVIEW_VIEW_TYPE, OverviewPanel, type OverviewActions } from './overviewPanel';
import { scanFiles } from './scanFiles';

export interface OverviewFeature {
  panel: OverviewPanel;
  /** Scan Workspace; resolves when its result is in the panel (tests await it). */
  scan(): Promise<void>;
}

export function registerOverview(
  services: Services,
  deps: {
    model: NumbersModel;
    activity: ActivitySource;
    labels(): Readonly<Record<string, string>>;
    actions: Omit<OverviewActions, 'scan'>;
  },
): OverviewFeature {
  const scan = async () => {
    const { model } = deps;
    const active = services.session.active;
    if (!active) throw new InputError(l10n.t('Sign in first: Scan Workspace compares the files with your numbers.'));
    if (!model.inventory || model.organisationId !== active.organisationId) await model.refresh();
    const inventory = model.inventory;
    if (!inventory) return;
    const result = await scanFiles(inventory, active.organisationId, services.now());
    if (!result) return;
    panel.setScan(result);
    await panel.show();
    const unused = panel.lastData?.unused.count ?? 0;
    vscode.window.setStatusBarMessage(
      `$(check) ${l10n.t('Scan Workspace: {0} that nothing here uses', numbersCount(unused))}`,
      5000,
    );
  };
  const panel = new OverviewPanel(services, { ...deps, actions: { ...deps.actions, scan } });
  services.context.subscriptions.push(
    panel,
    registerCommand(services, Commands.showOverview, () => panel.show()),
    registerCommand(services, Commands.scanWorkspace, scan),
    vscode.window.registerWebviewPanelSerializer(OVERVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: (webviewPanel) => panel.revive(webviewPanel),
    }),
  );
  return { panel, scan };
}
