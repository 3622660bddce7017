// Composition root: builds the services, registers views and commands. No logic here.
// First, so that every module's l10n.t, even at module load, is VS Code's translator.
import './platform/vscode/translator';
import * as vscode from 'vscode';
import { registerAssign } from './assign/vscode/register';
import type { AssignCommands } from './assign/assignCommands';
import { registerNumbersCommands } from './numbers/vscode/register';
import { registerCodeInsights } from './insights/vscode/register';
import { registerRent } from './rent/vscode/register';
import { registerSessionFeatures } from './session/vscode/register';
import { organisationFacts } from './numbers/organisationFacts';
import { config } from './platform/vscode/config';
import { Cart } from './rent/cart';
import { ReservationsSection } from './rent/reservationsSection';
import { AccountStore } from './session/accountStore';
import { ClientProvider } from './session/clientProvider';
import { resolveEndpoints } from './session/endpoints';
import { SessionManager } from './session/sessionManager';
import type { Services } from './services';
import { Log } from './platform/vscode/log';
import { SwappablePrompter, VSCodePrompter } from './platform/vscode/vscodePrompter';
import { Messages } from './platform/messages';
import { editorWaysForward, withEditorCancellation } from './platform/vscode/waysForward';
import { errorText } from './sinch/errorText';
import { requestLine } from './sinch/requestLog';
import { endpointSettings } from './session/vscode/endpointSettings';
import { createEditor } from './numbers/vscode/editor';
import { documentsReferencing } from './insights/vscode/documentsReferencing';
import { NumbersModel } from './numbers/numbersModel';
import { registerNumbersView, type NumbersView } from './numbers/vscode/numbersView';
import { registerActivity, type ActivityFeature } from './activity/vscode/register';
import { registerOverview, type OverviewFeature } from './overview/vscode/register';
import { parseFilter } from './numbers/filter';
import { toE164 } from './numbers/phoneFormat';
import { openDashboard } from './numbers/vscode/commands/openDashboard';
import { Commands, NUMBERS_VIEW, StateKeys } from './constants';
import { contextKeyValue, setContextKey } from './platform/vscode/contextKeys';

/** Returned from activate(): the integration tests reach the live services through it. */
export interface ExtensionApi {
  services: Services;
  model: NumbersModel;
  cart: Cart;
  view: NumbersView;
  /** Assign and unassign (tests check its writer's queue has drained). */
  assign: AssignCommands;
  /** The activity journal and the Numbers Overview. */
  activity: ActivityFeature;
  overview: OverviewFeature;
  /** Milliseconds activate() took, measured inside the extension host. */
  activationMs: number;
  /**
   * The extension's own classes, for objects a test hands to the extension: the integration
   * bundle has its own copy of src/, whose classes `instanceof` would not recognise.
   */
  testing: {
    ClientProvider: typeof ClientProvider;
    resolveEndpoints: typeof resolveEndpoints;
    /** The last value the extension set for a context key (VS Code cannot read one back). */
    contextKeyValue: typeof contextKeyValue;
    /** Puts a walkthrough key back to false, so a test can watch it tick. */
    setContextKey: typeof setContextKey;
  };
}

let services: Services | undefined;

/**
 * Returns the live services only to the test runner: in a user's editor other extensions
 * must not reach the session (it holds the instance secret) or swap the prompter (which
 * would answer the cost confirmation for them).
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const started = performance.now();
  const log = new Log();
  const clients = new ClientProvider(
    () => ({ endpoints: endpointSettings(), timeoutMs: config.requestTimeoutMs(), maxResponse: config.maxResponse() }),
    (entry) => {
      const { level, line } = requestLine(entry);
      log[level](line);
    },
  );
  const session = new SessionManager(new AccountStore(context.secrets), () => clients.get());
  const prompter = new SwappablePrompter(new VSCodePrompter());
  const messages = new Messages({
    prompter,
    log,
    errors: withEditorCancellation(errorText),
    ways: editorWaysForward(log, () => session.active?.identity.endpoint),
  });
  services = { context, log, prompter, messages, clients, session, now: Date.now };
  context.subscriptions.push(
    log,
    { dispose: () => session.dispose() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (config.affectsClient(e)) clients.invalidate();
    }),
  );

  const model = new NumbersModel(services);
  const cart = new Cart(context.globalState, StateKeys.cart);
  const reservations = new ReservationsSection(cart, () => session.active?.organisationId, session.onDidChange);
  const view = registerNumbersView(services, { model, sections: [reservations] });
  context.subscriptions.push({
    dispose: () => {
      reservations.dispose();
      model.dispose();
      cart.dispose();
    },
  });
  registerSessionFeatures(services, { statusFacts: organisationFacts(model) });
  registerNumbersCommands(services, { model, view });
  const activity = registerActivity(services, { revealNumbers: (numbers) => view.revealNumbers(numbers) });
  const editor = createEditor(services, { model, view, activity: activity.journal });
  registerRent(services, { editor, cart });
  const assign = registerAssign(services, { editor, view, documentsReferencing });
  registerCodeInsights(services, { model, view });
  const overview = registerOverview(services, {
    model,
    activity: activity.journal,
    labels: () => config.applicationLabels(),
    actions: {
      filterTree: async (text) => {
        view.provider?.setFilter(parseFilter(text));
        await vscode.commands.executeCommand(`${NUMBERS_VIEW}.focus`);
      },
      revealNumbers: (numbers) => view.revealNumbers(numbers),
      copyNumber: async (n) => vscode.env.clipboard.writeText(toE164(n) ?? String(n)),
      openDashboard: openDashboard(),
      refresh: async () => {
        await vscode.commands.executeCommand(Commands.refresh);
      },
      showActivity: async () => {
        await vscode.commands.executeCommand(Commands.showActivity);
      },
    },
  });

  // Reads SecretStorage only; the first network request waits for the user or the view.
  void session.restore().catch((e) => log.error(e instanceof Error ? e : String(e)));
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms.`);
  return context.extensionMode === vscode.ExtensionMode.Test
    ? {
        services,
        model,
        cart,
        view,
        assign,
        activity,
        overview,
        activationMs,
        testing: { ClientProvider, resolveEndpoints, contextKeyValue, setContextKey },
      }
    : undefined;
}

/** Aborts every request still in flight so nothing outlives the extension host. */
export function deactivate(): void {
  services?.clients.abortAll();
  services = undefined;
}
