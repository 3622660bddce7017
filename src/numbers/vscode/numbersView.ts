import * as vscode from 'vscode';
import { config } from '../../platform/vscode/config';
import { setContextKey } from '../../platform/vscode/contextKeys';
import { CONFIG_SECTION, ContextKeys, NUMBERS_VIEW, Settings, StateKeys } from '../../constants';
import { AddedApplications } from '../addedApplications';
import { KnownApplications } from '../knownApplications';
import type { Services } from '../../services';
import type { NumberNode, NumbersNode } from '../treeNodes';
import type { TreeSection } from '../treeSections';
import type { NumbersModel } from '../numbersModel';
import { NumbersTreeProvider } from './numbersTreeProvider';
import { viewDescription, viewMessage, type ViewState } from '../viewText';
import { LoadProgress } from './loadProgress';
import { NumbersDragAndDrop } from './dragAndDrop';

export interface NumbersView {
  /** Reveals and selects the given numbers (E.164 digits) in the tree. */
  revealNumbers(numbers: readonly number[]): Promise<void>;
  /** The tree's data (tests read the tree through it; the numbers commands drive its filter). */
  readonly provider?: NumbersTreeProvider;
  readonly treeView?: vscode.TreeView<NumbersNode>;
  /** Applications added by key, per organisation. */
  readonly added?: AddedApplications;
  /** Drag and drop in the tree; the assign feature gives it its handlers. */
  readonly dragAndDrop?: NumbersDragAndDrop;
  /** Applications known without numbers (added, seen, labelled): the tree and code insights list them. */
  readonly known?: KnownApplications;
}

/**
 * Creates the Numbers view and keeps its chrome (description, message, context keys) in step
 * with the model. Refreshes when the session changes and when the view is first shown, never
 * at activation.
 */
export function registerNumbersView(
  services: Services,
  deps: {
    model: NumbersModel;
    /** Root sections other features contribute (rent's Reservations), shown first. */
    sections?: readonly TreeSection[];
  },
): NumbersView {
  const { model } = deps;
  const { session } = services;
  const added = new AddedApplications(services.context.globalState, StateKeys.addedApplications);
  const known = new KnownApplications(added, () => config.applicationLabels());
  const provider = new NumbersTreeProvider({
    services,
    model,
    known,
    sections: deps.sections,
    labels: () => config.applicationLabels(),
  });
  const dragAndDrop = new NumbersDragAndDrop();
  const treeView = vscode.window.createTreeView<NumbersNode>(NUMBERS_VIEW, {
    treeDataProvider: provider,
    canSelectMany: true,
    showCollapseAll: true,
    dragAndDropController: dragAndDrop,
  });
  model.configure({ expiryWarningDays: config.expiryWarningDays() });

  const loader = firstShowLoader(services, model, treeView);
  const loadProgress = new LoadProgress(model, () => updateChrome());
  const updateChrome = chromeUpdater(services, model, provider, treeView, loadProgress);

  let remembered: unknown;
  services.context.subscriptions.push(
    treeView,
    provider,
    added,
    known,
    // Applications a list shows with numbers stay known after their last number leaves.
    model.onDidChange(() => {
      if (model.inventory === remembered) return;
      remembered = model.inventory;
      if (model.inventory && model.organisationId) known.remember(model.organisationId, model.inventory);
    }),
    loadProgress,
    model.onDidChange(updateChrome),
    provider.onDidChangeTreeData(updateChrome),
    treeView.onDidChangeVisibility(loader.onVisible),
    treeView.onDidChangeVisibility(() => updateChrome()),
    session.onDidChange(() => {
      known.forgetSeen();
      provider.invalidate();
      updateChrome();
      loader.sessionChanged();
    }),
    session.onDidExpire(() => {
      provider.invalidate();
      updateChrome();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIG_SECTION}.${Settings.expiryWarningDays}`))
        model.configure({ expiryWarningDays: config.expiryWarningDays() });
      if (e.affectsConfiguration(`${CONFIG_SECTION}.${Settings.applicationLabels}`)) known.labelsChanged();
    }),
  );
  updateChrome();
  loader.onVisible();
  return {
    provider,
    treeView,
    added,
    dragAndDrop,
    known,
    revealNumbers: (numbers) => revealNumbers(treeView, provider, model, numbers),
  };
}

/**
 * Loads the list when the view is first shown (unless a flow just loaded it) and after a
 * session change while the view has been seen. Errors are not notifications here: the view's
 * message says what happened.
 */
function firstShowLoader(services: Services, model: NumbersModel, treeView: vscode.TreeView<NumbersNode>) {
  const { session } = services;
  let shown = false;
  const refreshQuietly = () => {
    if (session.signedIn) model.refresh().catch(() => undefined);
  };
  return {
    onVisible: () => {
      if (!treeView.visible) return;
      if (!shown) {
        shown = true;
        // A flow that ran while the view was hidden (rent, assign) may have just loaded the list.
        const current =
          model.numbers !== undefined && !model.stale && model.organisationId === session.active?.organisationId;
        if (!current) refreshQuietly();
      } else if (!model.numbers && !model.loading && model.lastError === undefined) {
        refreshQuietly();
      }
    },
    sessionChanged: () => {
      if (session.signedIn && (shown || treeView.visible)) refreshQuietly();
    },
  };
}

/** Sets the context keys, the description and the message from the model and the filter. */
function chromeUpdater(
  services: Services,
  model: NumbersModel,
  provider: NumbersTreeProvider,
  treeView: vscode.TreeView<NumbersNode>,
  loadProgress: LoadProgress,
): () => void {
  const { session } = services;
  const contextKeys = new Map<string, unknown>();
  const setContext = (key: string, value: unknown) => {
    if (contextKeys.get(key) === value) return;
    contextKeys.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };
  return () => {
    const account = session.active;
    setContext(ContextKeys.hasNumbers, (model.numbers?.length ?? 0) > 0);
    setContext(ContextKeys.filtered, provider.filter !== undefined);
    // The walkthrough's "Look at your numbers" ticks once the user has seen rows, not on a command.
    if (treeView.visible && (model.numbers?.length ?? 0) > 0) setContextKey(ContextKeys.numbersSeen, true);
    const state: ViewState = {
      account,
      inventory: model.inventory,
      filter: provider.filter,
      shown: provider.shown,
      loadedAt: model.loadedAt,
      lastError: model.lastError,
      loading: model.loading,
      received: loadProgress.long ? (model.received ?? { items: 0, bytes: 0 }) : undefined,
      sessionExpired: session.isMarkedExpired(),
      timeText,
    };
    treeView.description = viewDescription(state);
    treeView.message = viewMessage(state);
  };
}

/** Reveals and selects numbers; one hidden by the filter clears the filter, since the user asked to see it. */
async function revealNumbers(
  treeView: vscode.TreeView<NumbersNode>,
  provider: NumbersTreeProvider,
  model: NumbersModel,
  numbers: readonly number[],
): Promise<void> {
  if (numbers.length === 0) return;
  let nodes = numbers.map((n) => provider.nodeFor(n)).filter((n): n is NumberNode => n !== undefined);
  if (
    nodes.length < numbers.length &&
    provider.filter &&
    numbers.some((n) => (model.inventory?.indexOf(n) ?? -1) >= 0)
  ) {
    provider.setFilter(undefined);
    nodes = numbers.map((n) => provider.nodeFor(n)).filter((n): n is NumberNode => n !== undefined);
  }
  if (nodes.length === 0) return;
  // VS Code selects one element per reveal: show them all, then select and focus the first.
  for (const node of nodes.slice(1).reverse()) await treeView.reveal(node, { select: false, focus: false });
  await treeView.reveal(nodes[0], { select: true, focus: true });
}

function timeText(t: number): string {
  const d = new Date(t);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay
    ? d.toLocaleTimeString(vscode.env.language || 'en', { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString(vscode.env.language || 'en', { dateStyle: 'medium', timeStyle: 'short' });
}
