import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { AddedApplications } from '../addedApplications';
import type { NumberFilter } from '../filter';
import { type Inventory, type InventoryEntry, type InventoryGroup } from '../inventory';
import type { Cart } from '../../rent/cart';
import type { Services } from '../../services';
import { describeError, NotSignedInError } from '../../platform/errors';
import type { NumbersModel } from '../numbersModel';
import {
  commandMessage, shortKey, tooltipFor, treeItemFor,
  type ApplicationNode, type GroupNode, type MessageNode, type NumberNode, type NumbersNode, type RenderContext,
  type ReservationNode, type ReservationsNode, type UnassignedNode,
} from './nodes';
import { l10n } from '../../platform/l10n';
import { normaliseKey } from '../applicationKey';
import { labelLookup } from '../applicationLabels';

/** Organisations at most this big open with every group expanded. */
const EXPAND_ALL_UP_TO = 50;
/** A filter matching at most this many numbers expands the groups that hold them. */
const EXPAND_FILTERED_UP_TO = 200;

export interface TreeDeps {
  services: Pick<Services, 'session' | 'now'>;
  model: NumbersModel;
  cart: Cart;
  added: AddedApplications;
  /** The setting sinchNumbers.applicationLabels (key → name). */
  labels: () => Record<string, string>;
}

/** Everything derived from one (inventory, filter, labels, cart) state; rebuilt only when one of them changes. */
interface Snapshot {
  roots: NumbersNode[];
  groups: Map<string | undefined, GroupNode>;
  children: Map<GroupNode, NumberNode[]>;
  reservations: ReservationsNode | undefined;
  inventory: Inventory | undefined;
  /** Which message row (if any) the roots hold, to skip rebuilds that would change nothing. */
  message: string;
  /** Numbers that pass the filter (all of them without one). */
  shown: number;
  labelOf: (key: string) => string | undefined;
}

/**
 * The Numbers tree. Roots come from a snapshot computed once per change in O(applications)
 * (O(n) with a filter); a group's number nodes are created when it is first expanded, from
 * its cached sorted list. Nothing here makes a request.
 */
export class NumbersTreeProvider implements vscode.TreeDataProvider<NumbersNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<NumbersNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private snapshot: Snapshot | undefined;
  private filterValue: NumberFilter | undefined;
  private filterGeneration = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: TreeDeps) {
    this.disposables.push(
      this.changed,
      deps.model.onDidChange(() => this.modelChanged()),
      deps.cart.onDidChange(() => this.invalidate()),
      deps.added.onDidChange(() => this.invalidate()),
    );
  }

  get filter(): NumberFilter | undefined { return this.filterValue; }

  setFilter(filter: NumberFilter | undefined): void {
    if (filter?.text === this.filterValue?.text) return;
    this.filterValue = filter;
    this.filterGeneration++;
    this.invalidate();
  }

  /** Drops the snapshot (data, labels, cart or filter changed) and asks VS Code to re-read the tree. */
  invalidate(): void {
    this.snapshot = undefined;
    this.changed.fire();
  }

  private modelChanged(): void {
    const snap = this.snapshot;
    // A refresh starting over good data changes nothing on screen: keep the nodes VS Code holds.
    if (snap && snap.inventory === this.deps.model.inventory && snap.message === messageKey(this.messageNode())) return;
    this.invalidate();
  }

  getChildren(node?: NumbersNode): NumbersNode[] {
    const snap = this.current();
    if (!node) return snap.roots;
    switch (node.kind) {
      case 'application':
      case 'unassigned':
        return this.numbersOf(node, snap);
      case 'reservations':
        return node.items.map((item): ReservationNode => ({ kind: 'reservation', id: `reservation/${item.referenceId}`, item, parent: node }));
      default:
        return [];
    }
  }

  getTreeItem(node: NumbersNode): vscode.TreeItem {
    return treeItemFor(node, this.renderContext());
  }

  /** Tooltips are Markdown with every field: built only for the row the user hovers. */
  resolveTreeItem(item: vscode.TreeItem, node: NumbersNode): vscode.TreeItem {
    item.tooltip ??= tooltipFor(node, this.renderContext());
    return item;
  }

  getParent(node: NumbersNode): NumbersNode | undefined {
    return node.kind === 'number' || node.kind === 'reservation' ? node.parent : undefined;
  }

  /** The node of a number (E.164 digits) as the tree has it now, or undefined when not shown. */
  nodeFor(number: number): NumberNode | undefined {
    const entry = this.deps.model.inventory?.byNumber.get(number);
    if (!entry) return undefined;
    const snap = this.current();
    const group = snap.groups.get(entry.applicationKey);
    return group ? this.numbersOf(group, snap).find((n) => n.entry === entry) : undefined;
  }

  /** The root node of an application (by key), if the tree shows it. */
  applicationNode(key: string): ApplicationNode | undefined {
    const node = this.current().groups.get(normaliseKey(key));
    return node?.kind === 'application' ? node : undefined;
  }

  /** The numbers the view shows, in its order (groups as listed, each sorted): what Export writes. */
  visibleEntries(): InventoryEntry[] {
    const snap = this.current();
    const out: InventoryEntry[] = [];
    for (const root of snap.roots) {
      if (root.kind === 'application' || root.kind === 'unassigned') out.push(...this.numbersOf(root, snap).map((n) => n.entry));
    }
    return out;
  }

  /**
   * Re-renders the reservations (their ages) without touching the numbers; rebuilds the tree
   * when one has lapsed. Returns when the next reservation lapses (epoch ms), if any.
   */
  tickReservations(): number | undefined {
    const account = this.deps.services.session.active;
    const live = account ? this.deps.cart.items(account.organisationId) : [];
    const shown = this.snapshot?.reservations;
    if (!shown || live.length !== shown.items.length) this.invalidate();
    else this.changed.fire(shown);
    return live.length ? Math.min(...live.map((i) => i.expiresAt)) : undefined;
  }

  /** Numbers passing the filter, and the user's name for an application. */
  get shown(): number { return this.current().shown; }
  labelOf(key: string): string | undefined { return this.current().labelOf(key); }

  private numbersOf(group: GroupNode, snap: Snapshot): NumberNode[] {
    let nodes = snap.children.get(group);
    if (!nodes) {
      const source = group.group;
      nodes = [];
      if (source) {
        const filter = this.filterValue;
        const ctx = { applicationLabel: snap.labelOf };
        for (const entry of source.sorted()) {
          if (!filter || filter.test(entry, ctx)) nodes.push({ kind: 'number', id: `number/${entry.id}`, number: entry.number, entry, parent: group });
        }
      }
      snap.children.set(group, nodes);
    }
    return nodes;
  }

  private renderContext(): RenderContext {
    const snap = this.current();
    return { now: this.deps.services.now(), labelOf: snap.labelOf };
  }

  private current(): Snapshot {
    return (this.snapshot ??= this.build());
  }

  private build(): Snapshot {
    const { model, services, cart, added } = this.deps;
    const labelOf = labelLookup(this.deps.labels());
    const message = this.messageNode();
    const snap: Snapshot = {
      roots: [], groups: new Map(), children: new Map(), reservations: undefined, shown: 0, labelOf,
      inventory: model.inventory, message: messageKey(message),
    };
    const account = services.session.active;
    if (!account) return snap;

    const items = cart.items(account.organisationId);
    if (items.length) {
      snap.reservations = { kind: 'reservations', id: 'reservations', items };
      snap.roots.push(snap.reservations);
    }
    if (message) snap.roots.push(message);

    const inventory = model.inventory;
    if (!inventory) return snap;
    const filter = this.filterValue;
    const counts = filter ? countMatches(inventory, filter, labelOf) : undefined;
    snap.shown = counts ? counts.shown : inventory.entries.length;
    const expandAll = filter ? snap.shown <= EXPAND_FILTERED_UP_TO : inventory.entries.length <= EXPAND_ALL_UP_TO;
    // Expansion state follows ids: a new filter gets new group ids so its groups open.
    const suffix = filter ? `~${this.filterGeneration}` : '';

    const apps: ApplicationNode[] = [];
    const addApp = (key: string, group: InventoryGroup | undefined) => {
      const total = group?.entries.length ?? 0;
      const tally = counts ? counts.byGroup.get(key) ?? tallyOf(undefined) : tallyOf(group);
      if (filter && tally.count === 0) return;
      const label = labelOf(key);
      const node: ApplicationNode = {
        kind: 'application', id: `application/${key}${suffix}`, key, label: label ?? shortKey(key), labelled: label !== undefined,
        count: tally.count, expiring: tally.expiring, expired: tally.expired, total, group, expanded: expandAll,
      };
      apps.push(node);
      snap.groups.set(key, node);
    };
    for (const [key, group] of inventory.applications) addApp(key, group);
    for (const key of added.list(model.organisationId ?? account.organisationId)) {
      if (!inventory.applications.has(key)) addApp(key, undefined);
    }
    // Named applications first, alphabetically; then the unnamed ones by key.
    // Names sort naturally ("App 2" before "App 10"); keys are hex, where numeric order would
    // put "00c1…" between "0c5c…" and "0cd0…", so they sort by code point.
    apps.sort((a, b) => {
      if (a.labelled !== b.labelled) return a.labelled ? -1 : 1;
      if (a.labelled) return collator.compare(a.label, b.label);
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    });
    snap.roots.push(...apps);

    const free = inventory.unassigned;
    const freeTally = counts ? counts.byGroup.get(undefined) ?? tallyOf(undefined) : tallyOf(free);
    if (freeTally.count > 0 || (!filter && inventory.entries.length > 0)) {
      const node: UnassignedNode = {
        kind: 'unassigned', id: `unassigned${suffix}`, count: freeTally.count, expiring: freeTally.expiring, expired: freeTally.expired,
        total: free.entries.length, group: free, expanded: expandAll,
      };
      snap.roots.push(node);
      snap.groups.set(undefined, node);
    }
    return snap;
  }

  /** A row at the top when the list is not current, with the way forward. */
  private messageNode(): MessageNode | undefined {
    const { model, services } = this.deps;
    if (services.session.isMarkedExpired()) {
      return commandMessage('message/expired', l10n.t('Sign In Again'), 'sign-in', Commands.signIn, l10n.t('Sign In'));
    }
    if (model.lastError instanceof NotSignedInError) {
      const identity = services.session.active?.identity.endpoint;
      return commandMessage('message/signIn', l10n.t('Sign In'), 'sign-in', Commands.signIn, l10n.t('Sign In'), {
        tooltip: model.lastError.message, command: { command: Commands.signIn, title: l10n.t('Sign In'), arguments: [{ identity }] },
      });
    }
    if (model.lastError !== undefined && !model.loading) {
      const reason = describeError(model.lastError).text;
      // The view message above says what happened; this row is the way forward.
      return commandMessage('message/retry', l10n.t('Retry'), 'refresh', Commands.refresh, l10n.t('Retry'), { tooltip: reason });
    }
    if (!model.numbers) {
      return model.loading
        ? { kind: 'message', id: 'message/loading', label: l10n.t('Loading numbers…'), icon: 'loading~spin' }
        : commandMessage('message/load', l10n.t('Load Numbers'), 'refresh', Commands.refresh, l10n.t('Refresh'));
    }
    return undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function messageKey(m: MessageNode | undefined): string {
  return m ? `${m.id}|${m.description ?? ''}|${m.tooltip ?? ''}` : '';
}

// One collator: localeCompare with options builds a new one per comparison.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Numbers shown in a group, and how many of them need attention. */
interface Tally { count: number; expiring: number; expired: number }

function tallyOf(group: InventoryGroup | undefined): Tally {
  return group ? { count: group.entries.length, expiring: group.expiring, expired: group.expired } : { count: 0, expiring: 0, expired: 0 };
}

/** Matches per group in one pass over the inventory. */
function countMatches(inventory: Inventory, filter: NumberFilter, labelOf: (key: string) => string | undefined): { shown: number; byGroup: Map<string | undefined, Tally> } {
  const byGroup = new Map<string | undefined, Tally>();
  const ctx = { applicationLabel: labelOf };
  let shown = 0;
  for (const e of inventory.entries) {
    if (!filter.test(e, ctx)) continue;
    shown++;
    let t = byGroup.get(e.applicationKey);
    if (!t) byGroup.set(e.applicationKey, (t = { count: 0, expiring: 0, expired: 0 }));
    t.count++;
    if (e.expiry === 'expired') t.expired++;
    else if (e.expiry === 'expiring') t.expiring++;
  }
  return { shown, byGroup };
}
