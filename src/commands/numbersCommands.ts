import { Commands } from '../constants';
import type { Services } from '../services';
import { registerCommand } from '../ui/runCommand';
import type { NumbersModel } from '../views/numbersModel';
import type { NumbersView } from '../views/numbersView';
import { addApplication } from './numbers/addApplication';
import type { NumbersCommandContext } from './numbers/context';
import { copyApplicationKey } from './numbers/copyApplicationKey';
import { copyNumber } from './numbers/copyNumber';
import { exportNumbersCommand } from './numbers/exportNumbersCommand';
import { clearFilter, filterNumbers } from './numbers/filterNumbers';
import { labelApplication } from './numbers/labelApplication';
import { openDashboard } from './numbers/openDashboard';
import { refreshNumbers } from './numbers/refreshNumbers';

/** The Numbers view's own commands (refresh, filter, copy, label, add, export, dashboard). */
export function registerNumbersCommands(services: Services, deps: { model: NumbersModel; view: NumbersView }): void {
  const { provider } = deps.view;
  if (!provider) throw new Error('The numbers commands need the Numbers view.');
  const ctx: NumbersCommandContext = { services, model: deps.model, view: deps.view, provider, treeView: deps.view.treeView };
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
  ];
  for (const [id, handler] of table) services.context.subscriptions.push(registerCommand(services, id, handler));
}
