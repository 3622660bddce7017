import * as vscode from 'vscode';
import { config } from '../../platform/vscode/config';
import { CONFIG_SECTION, ContextKeys, NUMBERS_VIEW, Settings, StateKeys } from '../../constants';
import { AddedApplications } from '../addedApplications';
import { formatTotals } from '../inventory';
import { count, plural } from '../wording';
import type { Cart } from '../../rent/cart';
import type { Services } from '../../services';
import { describeError } from '../../platform/vscode/runCommand';
import type { NumberNode, NumbersNode } from './nodes';
import type { NumbersModel } from '../numbersModel';
import { NumbersTreeProvider } from './numbersTreeProvider';
import { LoadProgress } from './loadProgress';
import { l10n } from '../../platform/l10n';

export interface NumbersView {
  /** Reveals and selects the given numbers (E.164 digits) in the tree. */
  revealNumbers(numbers: readonly number[]): Promise<void>;
  /** The tree's data (tests read the tree through it; the numbers commands drive its filter). */
  readonly provider?: NumbersTreeProvider;
  readonly treeView?: vscode.TreeView<NumbersNode>;
  /** Applications added by key, per organisation. */
  readonly added?: AddedApplications;
}

/**
 * Creates the Numbers view and keeps its chrome (description, message, context keys) in step
 * with the model. Refreshes when the session changes and when the view is first shown, never
 * at activation.
 */
export function registerNumbersView(
  services: Services,
  deps: { model: NumbersModel; cart: Cart; dragAndDrop?: vscode.TreeDragAndDropController<unknown> },
): NumbersView {
  const { model, cart } = deps;
  const { session } = services;
  const added = new AddedApplications(services.context.globalState, StateKeys.addedApplications);
  const provider = new NumbersTreeProvider({ services, model, cart, added, labels: () => config.applicationLabels() });
  const treeView = vscode.window.createTreeView<NumbersNode>(NUMBERS_VIEW, {
    treeDataProvider: provider,
    canSelectMany: true,
    showCollapseAll: true,
    dragAndDropController: deps.dragAndDrop as vscode.TreeDragAndDropController<NumbersNode> | undefined,
  });
  model.configure({ expiryWarningDays: config.expiryWarningDays() });

  let shown = false;
  /** Errors are not notifications here: the view's message says what happened. */
  const refreshQuietly = () => {
    if (session.signedIn) model.refresh().catch(() => undefined);
  };
  const onVisible = () => {
    if (!treeView.visible) return;
    if (!shown) {
      shown = true;
      // A flow that ran while the view was hidden (rent, assign) may have just loaded the list.
      const current = model.numbers !== undefined && !model.stale && model.organisationId === session.active?.organisationId;
      if (!current) refreshQuietly();
    } else if (!model.numbers && !model.loading && model.lastError === undefined) {
      refreshQuietly();
    }
  };

  const contextKeys = new Map<string, unknown>();
  const setContext = (key: string, value: unknown) => {
    if (contextKeys.get(key) === value) return;
    contextKeys.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };

  const updateChrome = () => {
    const account = session.active;
    setContext(ContextKeys.hasNumbers, (model.numbers?.length ?? 0) > 0);
    setContext(ContextKeys.filtered, provider.filter !== undefined);
    setContext(ContextKeys.hasReservations, account ? cart.items(account.organisationId).length > 0 : false);
    treeView.description = summary();
    treeView.message = viewMessage();
  };

  /** "Acme · 9 numbers · 16.00 USD/month", or with a filter "Acme · 1 of 9 numbers · filter: city:paris". */
  const summary = (): string | undefined => {
    const account = session.active;
    if (!account) return undefined;
    const parts = [account.organisationName || l10n.t('Organisation {0}', account.organisationId)];
    const inventory = model.inventory;
    const filter = provider.filter;
    if (inventory) {
      const total = inventory.size;
      if (filter) {
        parts.push(l10n.t('{0} of {1}', count(provider.shown), plural(total, 'number')), l10n.t('filter: {0}', filter.text));
      } else {
        parts.push(plural(total, 'number'));
        if (inventory.totals.some((t) => t.amount !== 0)) parts.push(formatTotals(inventory.totals));
      }
    }
    return parts.join(' · ');
  };

  /** What the view says above the tree: why the list may be out of date (nothing when it is current). */
  const viewMessage = (): string | undefined => {
    if (!session.active) return undefined;
    const since = model.loadedAt !== undefined ? timeText(model.loadedAt) : undefined;
    if (session.isMarkedExpired()) {
      return since
        ? l10n.t('Your Sinch session has expired: these numbers are from {0} and may be out of date. Sign in again to refresh.', since)
        : l10n.t('Your Sinch session has expired. Sign in again to see your numbers.');
    }
    const loading = loadProgress.message;
    if (loading) return loading;
    if (model.lastError !== undefined && !model.loading) {
      const reason = describeError(model.lastError).text;
      return since
        ? l10n.t("Couldn't refresh the numbers: {0} Showing the list from {1}, which may be out of date.", reason, since)
        : l10n.t("Couldn't load the numbers: {0}", reason);
    }
    const filter = provider.filter;
    // The description says it too, but VS Code hides it while the view is alone in its container.
    if (filter && model.inventory) {
      return provider.shown === 0
        ? l10n.t('No numbers match "{0}". Clear the filter to see them all.', filter.text)
        : l10n.t('Showing {0} of {1}: those matching "{2}".', count(provider.shown), plural(model.inventory.size, 'number'), filter.text);
    }
    return undefined;
  };

  const view: NumbersView = {
    provider,
    treeView,
    added,
    revealNumbers: async (numbers) => {
      if (numbers.length === 0) return;
      let nodes = numbers.map((n) => provider.nodeFor(n)).filter((n): n is NumberNode => n !== undefined);
      // Hidden by the filter: the user asked to see them, so show everything.
      if (nodes.length < numbers.length && provider.filter && numbers.some((n) => (model.inventory?.indexOf(n) ?? -1) >= 0)) {
        provider.setFilter(undefined);
        nodes = numbers.map((n) => provider.nodeFor(n)).filter((n): n is NumberNode => n !== undefined);
      }
      if (nodes.length === 0) return;
      // VS Code selects one element per reveal: show them all, then select and focus the first.
      for (const node of nodes.slice(1).reverse()) await treeView.reveal(node, { select: false, focus: false });
      await treeView.reveal(nodes[0], { select: true, focus: true });
    },
  };

  // Reservation ages change every minute and reservations lapse after 15: keep that row honest.
  let tick: ReturnType<typeof setTimeout> | undefined;
  const scheduleReservations = () => {
    if (tick) clearTimeout(tick);
    tick = undefined;
    const account = session.active;
    const items = account ? cart.items(account.organisationId) : [];
    if (items.length === 0) return;
    const lapse = Math.min(...items.map((i) => i.expiresAt)) - services.now();
    tick = setTimeout(() => {
      tick = undefined;
      provider.tickReservations();
      updateChrome();
      scheduleReservations();
    }, Math.max(1000, Math.min(60_000, lapse + 250)));
  };

  const loadProgress = new LoadProgress(model, () => updateChrome());

  services.context.subscriptions.push(
    treeView,
    provider,
    added,
    loadProgress,
    model.onDidChange(updateChrome),
    provider.onDidChangeTreeData(updateChrome),
    cart.onDidChange(() => { updateChrome(); scheduleReservations(); }),
    { dispose: () => { if (tick) clearTimeout(tick); } },
    treeView.onDidChangeVisibility(onVisible),
    session.onDidChange(() => {
      provider.invalidate();
      updateChrome();
      scheduleReservations();
      if (session.signedIn && (shown || treeView.visible)) refreshQuietly();
    }),
    session.onDidExpire(() => { provider.invalidate(); updateChrome(); }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIG_SECTION}.${Settings.expiryWarningDays}`)) model.configure({ expiryWarningDays: config.expiryWarningDays() });
      if (e.affectsConfiguration(`${CONFIG_SECTION}.${Settings.applicationLabels}`)) provider.invalidate();
    }),
  );
  updateChrome();
  scheduleReservations();
  onVisible();
  return view;
}

function timeText(t: number): string {
  const d = new Date(t);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString(vscode.env.language || 'en', { hour: '2-digit', minute: '2-digit' }) : d.toLocaleString(vscode.env.language || 'en', { dateStyle: 'medium', timeStyle: 'short' });
}
