import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { AddedApplications } from '../addedApplications';
import type { NumberFilter } from '../filter';
import type { Inventory, InventoryGroup } from '../inventory';
import type { RentedNumber } from '../../sinch/types';
import type { Cart } from '../../rent/cart';
import type { Services } from '../../services';
import { NotSignedInError } from '../../platform/errors';
import { describeError } from '../../sinch/errorText';
import type { NumbersModel } from '../numbersModel';
import {
  commandMessage,
  shortKey,
  tooltipFor,
  treeItemFor,
  type ApplicationNode,
  type GroupNode,
  type MessageNode,
  type MoreNode,
  type NumberNode,
  type NumbersNode,
  type RenderContext,
  type ReservationNode,
  type ReservationsNode,
  type UnassignedNode,
} from './nodes';
import { l10n } from '../../platform/l10n';
import { normaliseKey } from '../applicationKey';
import { labelLookup } from '../applicationLabels';

/** Organisations at most this big open with every group expanded. */
const EXPAND_ALL_UP_TO = 50;
/** A filter matching at most this many numbers expands the groups that hold them. */
const EXPAND_FILTERED_UP_TO = 200;
/**
 * Rows a group shows at first and adds per "Show More": VS Code turns every child into a row
 * for the window, so an application of 50,000 numbers opens with its first 5,000 (sorted over
 * all 50,000: expired and expiring first), not with a quarter-second pause.
 */
export const PAGE_SIZE = 5_000;

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
  /** The rows made so far for each expanded group, and the "Show More" row after them. */
  children: Map<GroupNode, { numbers: NumberNode[]; more: MoreNode | undefined }>;

  reservations: ReservationsNode | undefined;
  inventory: Inventory | undefined;
  /** Which message row (if any) the roots hold, to skip rebuilds that would change nothing. */
  message: string;
  /** Numbers that pass the filter (all of them without one). */
  shown: number;
  labelOf: (key: string) => string | undefined;
}

/** What the roots are built from: the snapshot so far, the inventory and the filter's counts. */
interface RootsInput {
  snap: Snapshot;
  inventory: Inventory;
  organisationId: string;
  counts: Map<InventoryGroup, Tally> | undefined;
  expandAll: boolean;
  /** Appended to group ids: a new filter gets new ids, so its groups open. */
  suffix: string;
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
  /** Rows shown by groups showing more than one page, by group id (kept across refreshes; a new filter makes new ids). */
  private readonly limits = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: TreeDeps) {
    this.disposables.push(
      this.changed,
      deps.model.onDidChange(() => this.modelChanged()),
      deps.cart.onDidChange(() => this.invalidate()),
      deps.added.onDidChange(() => this.invalidate()),
    );
  }

  get filter(): NumberFilter | undefined {
    return this.filterValue;
  }

  setFilter(filter: NumberFilter | undefined): void {
    if (filter?.text === this.filterValue?.text) return;
    this.filterValue = filter;
    this.filterGeneration++;
    this.limits.clear();
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
      case 'unassigned': {
        const { numbers, more } = this.rowsOf(node, snap);
        return more ? [...numbers, more] : numbers;
      }
      case 'reservations':
        return node.items.map((item): ReservationNode => ({
          kind: 'reservation',
          id: `reservation/${item.referenceId}`,
          item,
          parent: node,
        }));
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
    return node.kind === 'number' || node.kind === 'more' || node.kind === 'reservation' ? node.parent : undefined;
  }

  /** "Show More" on a group: its next page of rows (VS Code asks for the group's children again). */
  showMore(node: MoreNode): void {
    const snap = this.current();
    const group = snap.groups.get(node.parent.kind === 'application' ? node.parent.key : undefined);
    if (!group) return;
    this.limits.set(group.id, node.shown + node.next);
    snap.children.delete(group);
    this.changed.fire(group);
  }

  /** The node of a number (E.164 digits) as the tree has it now, or undefined when not shown. */
  nodeFor(number: number): NumberNode | undefined {
    const snap = this.current();
    const inventory = snap.inventory;
    const index = inventory?.indexOf(number) ?? -1;
    if (!inventory || index < 0) return undefined;
    const group = snap.groups.get(inventory.keyOf(index));
    if (!group) return undefined;
    const shown = this.rowsOf(group, snap).numbers.find((n) => n.index === index);
    if (shown) return shown;
    // Further down than the rows shown: show up to its page (if the filter lets it through).
    const position = this.positionOf(group, snap, index);
    if (position < 0) return undefined;
    this.limits.set(group.id, Math.ceil((position + 1) / PAGE_SIZE) * PAGE_SIZE);
    snap.children.delete(group);
    this.changed.fire(group);
    return this.rowsOf(group, snap).numbers.find((n) => n.index === index);
  }

  /** The root node of an application (by key), if the tree shows it. */
  applicationNode(key: string): ApplicationNode | undefined {
    const node = this.current().groups.get(normaliseKey(key));
    return node?.kind === 'application' ? node : undefined;
  }

  /**
   * The numbers the view shows, in its order (groups as listed, each sorted): what Export
   * writes. One at a time, as they are asked for: no node and no list of them.
   */
  *visibleNumbers(): Generator<RentedNumber> {
    const snap = this.current();
    const inventory = snap.inventory;
    if (!inventory) return;
    const filter = this.filterValue;
    const ctx = { applicationLabel: snap.labelOf };
    for (const root of snap.roots) {
      if ((root.kind !== 'application' && root.kind !== 'unassigned') || !root.group) continue;
      for (const i of root.group.sorted()) if (!filter || filter.test(inventory, i, ctx)) yield inventory.numbers[i];
    }
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
  get shown(): number {
    return this.current().shown;
  }
  labelOf(key: string): string | undefined {
    return this.current().labelOf(key);
  }

  /**
   * The rows of a group, made the first time it is expanded: its numbers sorted once (all of
   * them), filtered, and nodes made for the first page only; nothing is formatted until VS
   * Code asks for a row's TreeItem.
   */
  private rowsOf(group: GroupNode, snap: Snapshot): { numbers: NumberNode[]; more: MoreNode | undefined } {
    let rows = snap.children.get(group);
    if (rows) return rows;
    const numbers: NumberNode[] = [];
    const inventory = snap.inventory;
    const limit = this.limits.get(group.id) ?? PAGE_SIZE;
    if (group.group && inventory) {
      const filter = this.filterValue;
      const ctx = { applicationLabel: snap.labelOf };
      const all = inventory.numbers;
      for (const index of group.group.sorted()) {
        if (filter && !filter.test(inventory, index, ctx)) continue;
        numbers.push({
          kind: 'number',
          id: `number/${inventory.list.idOf(index)}`,
          number: all[index],
          index,
          parent: group,
        });
        if (numbers.length === limit) break;
      }
    }
    // group.count is the number of rows that pass the filter.
    const remaining = group.count - numbers.length;
    const more: MoreNode | undefined =
      remaining > 0
        ? {
            kind: 'more',
            id: `${group.id}/more`,
            parent: group,
            shown: numbers.length,
            remaining,
            next: Math.min(PAGE_SIZE, remaining),
          }
        : undefined;
    rows = { numbers, more };
    snap.children.set(group, rows);
    return rows;
  }

  /** Where the number at `index` comes in its group's rows (after the filter), or -1. */
  private positionOf(group: GroupNode, snap: Snapshot, index: number): number {
    const inventory = snap.inventory;
    if (!group.group || !inventory) return -1;
    const filter = this.filterValue;
    const ctx = { applicationLabel: snap.labelOf };
    let position = 0;
    for (const i of group.group.sorted()) {
      if (filter && !filter.test(inventory, i, ctx)) continue;
      if (i === index) return position;
      position++;
    }
    return -1;
  }

  private renderContext(): RenderContext {
    const snap = this.current();
    return { now: this.deps.services.now(), labelOf: snap.labelOf, inventory: snap.inventory };
  }

  private current(): Snapshot {
    return (this.snapshot ??= this.build());
  }

  /** Roots in order: reservations, the message row, applications (named first), Unassigned. */
  private build(): Snapshot {
    const { model, services, cart } = this.deps;
    const message = this.messageNode();
    const snap: Snapshot = {
      roots: [],
      groups: new Map(),
      children: new Map(),
      reservations: undefined,
      shown: 0,
      labelOf: labelLookup(this.deps.labels()),
      inventory: model.inventory,
      message: messageKey(message),
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
    const counts = filter ? countMatches(inventory, filter, snap.labelOf) : undefined;
    snap.shown = counts ? [...counts.values()].reduce((s, t) => s + t.count, 0) : inventory.size;
    const input: RootsInput = {
      snap,
      inventory,
      counts,
      organisationId: model.organisationId ?? account.organisationId,
      expandAll: filter ? snap.shown <= EXPAND_FILTERED_UP_TO : inventory.size <= EXPAND_ALL_UP_TO,
      suffix: filter ? `~${this.filterGeneration}` : '',
    };
    snap.roots.push(...this.applicationRoots(input));
    const free = unassignedRoot(input);
    if (free) {
      snap.roots.push(free);
      snap.groups.set(undefined, free);
    }
    return snap;
  }

  /** Applications holding numbers, then those added by key; named first, alphabetically, then by key. */
  private applicationRoots({
    snap,
    inventory,
    counts,
    organisationId,
    expandAll,
    suffix,
  }: RootsInput): ApplicationNode[] {
    const apps: ApplicationNode[] = [];
    const addApp = (key: string, group: InventoryGroup | undefined) => {
      const tally = counts ? ((group && counts.get(group)) ?? tallyOf(undefined)) : tallyOf(group);
      if (counts && tally.count === 0) return;
      const label = snap.labelOf(key);
      const node: ApplicationNode = {
        kind: 'application',
        id: `application/${key}${suffix}`,
        key,
        label: label ?? shortKey(key),
        labelled: label !== undefined,
        count: tally.count,
        expiring: tally.expiring,
        expired: tally.expired,
        total: group?.size ?? 0,
        group,
        expanded: expandAll,
      };
      apps.push(node);
      snap.groups.set(key, node);
    };
    for (const [key, group] of inventory.applications) addApp(key, group);
    for (const key of this.deps.added.list(organisationId))
      if (!inventory.applications.has(key)) addApp(key, undefined);
    // Names sort naturally ("App 2" before "App 10"); keys are hex, where numeric order would
    // put "00c1…" between "0c5c…" and "0cd0…", so they sort by code point.
    return apps.sort((a, b) => {
      if (a.labelled !== b.labelled) return a.labelled ? -1 : 1;
      if (a.labelled) return collator.compare(a.label, b.label);
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    });
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
        tooltip: model.lastError.message,
        command: { command: Commands.signIn, title: l10n.t('Sign In'), arguments: [{ identity }] },
      });
    }
    if (model.lastError !== undefined && !model.loading) {
      const reason = describeError(model.lastError).text;
      // The view message above says what happened; this row is the way forward.
      return commandMessage('message/retry', l10n.t('Retry'), 'refresh', Commands.refresh, l10n.t('Retry'), {
        tooltip: reason,
      });
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
interface Tally {
  count: number;
  expiring: number;
  expired: number;
}

function tallyOf(group: InventoryGroup | undefined): Tally {
  return group
    ? { count: group.size, expiring: group.expiring, expired: group.expired }
    : { count: 0, expiring: 0, expired: 0 };
}

/** The Unassigned row: shown when it holds numbers (or, without a filter, whenever there are numbers). */
function unassignedRoot({ inventory, counts, expandAll, suffix }: RootsInput): UnassignedNode | undefined {
  const free = inventory.unassigned;
  const tally = counts ? (counts.get(free) ?? tallyOf(undefined)) : tallyOf(free);
  if (tally.count === 0 && (counts || inventory.size === 0)) return undefined;
  return {
    kind: 'unassigned',
    id: `unassigned${suffix}`,
    count: tally.count,
    expiring: tally.expiring,
    expired: tally.expired,
    total: free.size,
    group: free,
    expanded: expandAll,
  };
}

/**
 * Matches per group in one pass over the list in its own order (memory read in sequence,
 * not group by group: at 200,000 numbers that is several times faster), tallied by group id.
 */
function countMatches(
  inventory: Inventory,
  filter: NumberFilter,
  labelOf: (key: string) => string | undefined,
): Map<InventoryGroup, Tally> {
  const ctx = { applicationLabel: labelOf };
  const groups = inventory.groupCount;
  const count = new Uint32Array(groups);
  const expired = new Uint32Array(groups);
  const expiring = new Uint32Array(groups);
  for (let i = 0; i < inventory.size; i++) {
    if (!filter.test(inventory, i, ctx)) continue;
    const g = inventory.groupIdOf(i);
    count[g]++;
    const e = inventory.expiryOf(i);
    if (e === 'expired') expired[g]++;
    else if (e === 'expiring') expiring[g]++;
  }
  const byGroup = new Map<InventoryGroup, Tally>();
  for (let g = 0; g < groups; g++) {
    if (count[g] > 0) byGroup.set(inventory.group(g), { count: count[g], expiring: expiring[g], expired: expired[g] });
  }
  return byGroup;
}
