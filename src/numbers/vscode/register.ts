import { Commands } from '../../constants';
import type { Services } from '../../services';
import { registerCommand } from '../../platform/vscode/runCommand';
import type { NumbersModel } from '../numbersModel';
import type { NumbersView } from './numbersView';
import type { MoreNode } from '../treeNodes';
import { addApplication } from './commands/addApplication';
import type { NumbersCommandContext } from './commands/numbersCommandContext';
import { copyApplicationKey } from './commands/copyApplicationKey';
import { copyNumber } from './commands/copyNumber';
import { exportNumbersCommand } from './commands/exportNumbersCommand';
import { clearFilter, filterNumbers } from './commands/filterNumbers';
import { labelApplication } from './commands/labelApplication';
import { openDashboard } from './commands/openDashboard';
import { refreshNumbers } from './commands/refreshNumbers';

/** The Numbers view's own commands (refresh, filter, copy, label, add, export, dashboard). */
export function registerNumbersCommands(services: Services, deps: { model: NumbersModel; view: NumbersView }): void {
  const { provider } = deps.view;
  if (!provider) throw new Error('The numbers commands need the Numbers view.');
  const ctx: NumbersCommandContext = {
    services,
    model: deps.model,
    view: deps.view,
    provider,
    treeView: deps.view.treeView,
  };
  const table: [string, (...args: any[]) => unknown][] = [
    [Commands.refresh, refreshNumbers(ctx)],
    [Commands.filter, filterNumbers(ctx)],
    [Commands.clearFilter, clearFilter(ctx)],
    [Commands.copyNumber, copyNumber(ctx)],
    [Commands.copyApplicationKey, copyApplicationKey(ctx)],
    [Commands.labelApplication, labelApplication(ctx)],
    [Commands.addApplication, addApplication(ctx)],
    [Commands.exportNumbers, exportNumbersCommand(ctx)],
    [Commands.openDashboard, openDashboard()],
    [
      Commands.showMoreNumbers,
      (node?: MoreNode) => {
        if (node?.kind === 'more') provider.showMore(node);
      },
    ],
  ];
  for (const [id, handler] of table) services.context.subscriptions.push(registerCommand(services, id, handler));
}
