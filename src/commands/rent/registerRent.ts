// Registers Rent Numbers…, Check Out All… and Discard Reservation. The flows live in
// rentController.ts; this file only connects them to VS Code. (The view keeps the
// sinchNumbers.hasReservations context key in step with the cart.)
import * as vscode from 'vscode';
import { config } from '../../config';
import { Commands } from '../../constants';
import type { Cart } from '../../rent/cart';
import type { Services } from '../../services';
import { registerCommand } from '../../ui/runCommand';
import type { NumbersModel } from '../../views/numbersModel';
import type { NumbersView } from '../../views/numbersView';
import { RentController, type RentEnvironment } from './rentController';

export function registerRentCommands(services: Services, deps: { model: NumbersModel; view: NumbersView; cart: Cart }): RentController {
  const env: RentEnvironment = {
    prompter: services.prompter,
    session: services.session,
    cart: deps.cart,
    model: deps.model,
    view: deps.view,
    log: services.log,
    withProgress: (title, task) => Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const cancel = new AbortController();
        const sub = token.onCancellationRequested(() => cancel.abort());
        try {
          return await task((message) => progress.report({ message }), cancel.signal);
        } finally {
          sub.dispose();
        }
      })),
    signal: (caller) => services.clients.signal(caller),
    maxPerRental: () => config.maxNumbersPerRental(),
    openDashboard: async () => { await vscode.env.openExternal(vscode.Uri.parse(config.dashboardUrl())); },
    // The assign command takes { numbers } so it can start from numbers that are not selected in the tree.
    assignNumbers: async (numbers) => { await vscode.commands.executeCommand(Commands.assignNumbers, { numbers }); },
    signIn: async () => { await vscode.commands.executeCommand(Commands.signIn); },
    now: services.now,
  };
  const controller = new RentController(env);

  services.context.subscriptions.push(
    registerCommand(services, Commands.rentNumbers, controller.rentNumbers),
    registerCommand(services, Commands.checkoutCart, controller.checkoutCart),
    registerCommand(services, Commands.discardReservation, controller.discardReservation),
  );
  return controller;
}
