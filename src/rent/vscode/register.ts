// Registers Rent Numbers…, Check Out All… and Discard Reservation. The flows live in
// rentController.ts; this file only connects them to VS Code, and keeps the
// sinchNumbers.hasReservations context key in step with the cart.
import * as vscode from 'vscode';
import { config } from '../../platform/vscode/config';
import { Commands, ContextKeys } from '../../constants';
import type { Cart } from '../cart';
import type { Services } from '../../services';
import { runShowingErrors } from '../../platform/vscode/followUps';
import { registerCommand } from '../../platform/vscode/runCommand';
import { withCancellableProgress } from '../../platform/vscode/progress';
import type { NumbersModel } from '../../numbers/numbersModel';
import type { NumbersView } from '../../numbers/vscode/numbersView';
import { openDashboard } from '../../numbers/vscode/commands/openDashboard';
import { RentController, type RentEnvironment } from '../rentController';
import { isSectionNode, isSectionRowNode, menuNodes } from '../../numbers/vscode/selection';
import { RESERVATIONS_SECTION } from '../reservationsSection';

export function registerRentCommands(
  services: Services,
  deps: { model: NumbersModel; view: NumbersView; cart: Cart },
): RentController {
  const env: RentEnvironment = {
    prompter: services.prompter,
    session: services.session,
    cart: deps.cart,
    model: { refresh: (options) => deps.model.refresh(options) },
    windowId: vscode.env.sessionId,
    view: deps.view,
    log: services.log,
    withProgress: (title, task) => withCancellableProgress(services, title, task),
    signal: (caller) => services.clients.signal(caller),
    maxPerRental: () => config.maxNumbersPerRental(),
    openDashboard: openDashboard(),
    // The assign command takes { numbers } so it can start from numbers that are not selected in the tree.
    assignNumbers: async (numbers) => {
      await vscode.commands.executeCommand(Commands.assignNumbers, { numbers });
    },
    signIn: async () => {
      await vscode.commands.executeCommand(Commands.signIn);
    },
    refreshView: async () => {
      await vscode.commands.executeCommand(Commands.refresh);
    },
    // A follow-up's error gets its own message, whose Retry runs the follow-up again.
    runFollowUp: (run) => runShowingErrors(services, run),
    now: services.now,
  };
  const controller = new RentController(env);
  // The Check Out menu shows while the active organisation has reservations.
  let hadReservations: boolean | undefined;
  const updateContext = () => {
    const any = deps.cart.items(services.session.active?.organisationId).length > 0;
    if (any === hadReservations) return;
    hadReservations = any;
    void vscode.commands.executeCommand('setContext', ContextKeys.hasReservations, any);
  };
  updateContext();

  services.context.subscriptions.push(
    deps.cart.onDidChange(updateContext),
    services.session.onDidChange(updateContext),
    registerCommand(services, Commands.rentNumbers, controller.rentNumbers),
    registerCommand(services, Commands.checkoutCart, controller.checkoutCart),
    registerCommand(services, Commands.discardReservation, (clicked?: unknown, selected?: unknown) =>
      controller.discardReservation(reservationTarget(clicked, selected)),
    ),
  );
  return controller;
}

/** Which reservations a menu passed: all of them (the Reservations root), the chosen ones, or undefined (palette: ask). */
function reservationTarget(clicked: unknown, selected: unknown): 'all' | string[] | undefined {
  const nodes = menuNodes(clicked, selected);
  if (nodes.length === 0) return undefined;
  if (nodes.some((n) => isSectionNode(n, RESERVATIONS_SECTION))) return 'all';
  return nodes.filter((n) => isSectionRowNode(n, RESERVATIONS_SECTION)).map((n) => n.ref);
}
