// Registers Rent Numbers…, Check Out All… and Discard Reservation. The flows live in
// rentController.ts; this file only connects them to VS Code. (The view keeps the
// sinchNumbers.hasReservations context key in step with the cart.)
import * as vscode from 'vscode';
import { config } from '../../platform/vscode/config';
import { Commands } from '../../constants';
import type { Cart } from '../cart';
import type { Services } from '../../services';
import { registerCommands } from '../../platform/vscode/runCommand';
import type { Editor } from '../../numbers/editor';
import { openDashboard } from '../../numbers/vscode/commands/openDashboard';
import { RentController } from '../rentController';
import type { RentEnvironment } from '../rentEnvironment';
import { isReservationNode, isReservationsNode, menuNodes } from '../../numbers/vscode/selection';

export function registerRent(services: Services, deps: { editor: Editor; cart: Cart }): RentController {
  const env: RentEnvironment = {
    ...deps.editor,
    cart: deps.cart,
    windowId: vscode.env.sessionId,
    maxPerRental: () => config.maxNumbersPerRental(),
    openDashboard: openDashboard(),
    // The assign command takes { numbers } so it can start from numbers that are not selected in the tree.
    assignNumbers: async (numbers) => {
      await vscode.commands.executeCommand(Commands.assignNumbers, { numbers });
    },
    refreshView: async () => {
      await vscode.commands.executeCommand(Commands.refresh);
    },
  };
  const controller = new RentController(env);
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
  if (nodes.some(isReservationsNode)) return 'all';
  return nodes.filter(isReservationNode).map((n) => n.item.referenceId);
}
