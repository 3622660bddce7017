// Registers Rent Numbers…, Check Out All… and Discard Reservation. The flows live in
// rentController.ts; this file only connects them to VS Code, and keeps the
// sinchNumbers.hasReservations context key in step with the cart.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FileLeaseLocks } from '../../platform/leaseLocks';
import { config } from '../../platform/vscode/config';
import { setContextKey } from '../../platform/vscode/contextKeys';
import { Commands, ContextKeys, Settings } from '../../constants';
import { readSpendLimits } from '../../numbers/monthlySpend';
import type { Cart } from '../cart';
import type { Services } from '../../services';
import { registerCommands } from '../../platform/vscode/runCommand';
import type { Editor } from '../../numbers/editor';
import { openDashboard } from '../../numbers/vscode/commands/openDashboard';
import { RentController } from '../rentController';
import type { RentEnvironment } from '../rentEnvironment';
import { isSectionNode, isSectionRowNode, menuNodes } from '../../numbers/vscode/selection';
import { RESERVATIONS_SECTION } from '../reservationsSection';

export function registerRent(services: Services, deps: { editor: Editor; cart: Cart }): RentController {
  const env: RentEnvironment = {
    ...deps.editor,
    cart: deps.cart,
    windowId: vscode.env.sessionId,
    // A cart checkout claims its reservations in the machine's lock folder (shared with the assign writes).
    claims: new FileLeaseLocks(path.join(services.context.globalStorageUri.fsPath, 'locks')),
    maxPerRental: () => config.maxNumbersPerRental(),
    spendLimits: () => readSpendLimits(config.section().get(Settings.monthlySpendLimit)),
    openDashboard: openDashboard(),
    // The assign command takes { numbers } so it can start from numbers that are not selected in the tree.
    assignNumbers: async (numbers) => {
      await vscode.commands.executeCommand(Commands.assignNumbers, { numbers });
    },
    refreshView: async () => {
      await vscode.commands.executeCommand(Commands.refresh);
    },
    rented: () => setContextKey(ContextKeys.rented, true),
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
  );
  registerCommands(services, [
    [Commands.rentNumbers, controller.rentNumbers],
    [Commands.checkoutCart, controller.checkoutCart],
    [
      Commands.discardReservation,
      (clicked?: unknown, selected?: unknown) => controller.discardReservation(reservationTarget(clicked, selected)),
    ],
  ]);
  return controller;
}

/** Which reservations a menu passed: all of them (the Reservations root), the chosen ones, or undefined (palette: ask). */
function reservationTarget(clicked: unknown, selected: unknown): 'all' | string[] | undefined {
  const nodes = menuNodes(clicked, selected);
  if (nodes.length === 0) return undefined;
  if (nodes.some((n) => isSectionNode(n, RESERVATIONS_SECTION))) return 'all';
  return nodes.filter((n) => isSectionRowNode(n, RESERVATIONS_SECTION)).map((n) => n.ref);
}
