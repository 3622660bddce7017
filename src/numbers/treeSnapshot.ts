// What the Numbers tree shows, as plain data: the roots computed once per change in
// O(applications) (O(n) with a filter), a group's number nodes made when it is first expanded
// from its cached sorted list, pages of "Show More", and the numbers the view shows in order.
// No vscode here: the provider (vscode/numbersTreeProvider.ts) renders the nodes and tells VS Code
// what changed. Nothing here makes a request.
import { Commands } from '../constants';
import { NotSignedInError } from '../platform/errors';
import { describeError } from '../sinch/errorText';
import { l10n } from '../platform/l10n';
import type { RentedNumber } from '../sinch/types';
import { normaliseKey } from './applicationKey';
import { labelLookup } from './applicationLabels';
import type { NumberFilter } from './filter';
import type { Inventory, InventoryGroup } from './inventory';
import {
  commandMessage,
  shortKey,
  type ApplicationNode,
  type ApplicationSource,
  type GroupNode,
  type MessageNode,
  type MoreNode,
  type NumberNode,
  type NumbersNode,
  type SectionNode,
  type SectionRowNode,
  type UnassignedNode,
} from './treeNodes';
import type { TreeSection } from './treeSections';

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

/** What the tree is built from (structural, so unit tests pass plain objects). */
export interface TreeSources {
  session: {
    readonly active: { organisationId: string; identity: { endpoint: string } } | undefined;
    isMarkedExpired(): boolean;
  };
  model: {
    readonly inventory: Inventory | undefined;
    readonly numbers: readonly unknown[] | undefined;
    readonly organisationId: string | undefined;
    readonly lastError: unknown;
    readonly loading: boolean;
  };
  now(): number;
  /** The setting sinchNumbers.applicationLabels (key → name). */
  labels(): Readonly<Record<string, string>>;
  /** Applications listed without numbers (added by key, seen before), per organisation. */
  applications(organisationId: string): Iterable<readonly [key: string, source: ApplicationSource]>;
  /** Root sections of other features (rent's Reservations), shown first, in this order. */
  sections: readonly TreeSection[];
}

/** Everything derived from one (inventory, filter, labels, applications, sections) state. */
interface Snapshot {
  roots: NumbersNode[];
  groups: Map<string | undefined, GroupNode>;
  /** The rows made so far for each expanded group, and the "Show More" row after them. */
  children: Map<GroupNode, { numbers: NumberNode[]; more: MoreNode | undefined }>;
  sections: Map<string, SectionNode>;
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

export class NumbersTree {
  private snapshot: Snapshot | undefined;
  private filterValue: NumberFilter | undefined;
  private filterGeneration = 0;
  /** Rows shown by groups showing more than one page, by group id (kept across refreshes; a new filter makes new ids). */
  private readonly limits = new Map<string, number>();

  constructor(private readonly sources: TreeSources) {}

  get filter(): NumberFilter | undefined {
    return this.filterValue;
  }

  /** Returns false when the filter is the one already set. */
  setFilter(filter: NumberFilter | undefined): boolean {
    if (filter?.text === this.filterValue?.text) return false;
    this.filterValue = filter;
    this.filterGeneration++;
    this.limits.clear();
    this.invalidate();
    return true;
  }

  /** Drops the snapshot: the next question builds it again. */
  invalidate(): void {
    this.snapshot = undefined;
  }

  /** False when a model change leaves the tree as it is (a refresh starting over good data). */
  modelChanged(): boolean {
    const snap = this.snapshot;
    if (snap && snap.inventory === this.sources.model.inventory && snap.message === messageKey(this.messageNode()))
      return false;
    this.invalidate();
    return true;
  }

  /**
   * A section said it changed. When it still has the same rows, its node is updated in place
   * and returned (only it needs drawing again); otherwise the snapshot is dropped (undefined).
   */
  sectionChanged(section: TreeSection): SectionNode | undefined {
    const node = this.snapshot?.sections.get(section.id);
    const account = this.sources.session.active;
    const view = account ? section.view(account.organisationId, this.sources.now()) : undefined;
    if (node && view && sameRows(node.view, view)) {
      node.view = view;
      return node;
    }
    this.invalidate();
    return undefined;
  }

  roots(): NumbersNode[] {
    return this.current().roots;
  }

  children(node: NumbersNode): NumbersNode[] {
    const snap = this.current();
    switch (node.kind) {
      case 'application':
      case 'unassigned': {
        const { numbers, more } = this.rowsOf(node, snap);
        return more ? [...numbers, more] : numbers;
      }
      case 'section':
        return node.view.rows.map((row): SectionRowNode => ({
          kind: 'sectionRow',
          id: row.id,
          section: node.section,
          ref: row.ref,
          row,
          parent: node,
        }));
      default:
        return [];
    }
  }

  parent(node: NumbersNode): NumbersNode | undefined {
    return node.kind === 'number' || node.kind === 'more' || node.kind === 'sectionRow' ? node.parent : undefined;
  }

  /** "Show More" on a group: its next page of rows. Returns the group whose children changed. */
  showMore(node: MoreNode): GroupNode | undefined {
    const snap = this.current();
    const group = snap.groups.get(node.parent.kind === 'application' ? node.parent.key : undefined);
    if (!group) return undefined;
    this.limits.set(group.id, node.shown + node.next);
    snap.children.delete(group);
    return group;
  }

  /**
   * The node of a number (E.164 digits) as the tree has it now, or undefined when not shown.
   * One further down than the rows shown makes its group show up to its page: `grown` is then
   * that group, whose children changed.
   */
  nodeFor(number: number): { node: NumberNode | undefined; grown?: GroupNode } {
    const snap = this.current();
    const inventory = snap.inventory;
    const index = inventory?.indexOf(number) ?? -1;
    if (!inventory || index < 0) return { node: undefined };
    const group = snap.groups.get(inventory.keyOf(index));
    if (!group) return { node: undefined };
    const shown = this.rowsOf(group, snap).numbers.find((n) => n.index === index);
    if (shown) return { node: shown };
    const position = this.positionOf(group, snap, index);
    if (position < 0) return { node: undefined };
    this.limits.set(group.id, Math.ceil((position + 1) / PAGE_SIZE) * PAGE_SIZE);
    snap.children.delete(group);
    return { node: this.rowsOf(group, snap).numbers.find((n) => n.index === index), grown: group };
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

  /** Numbers passing the filter. */
  get shown(): number {
    return this.current().shown;
  }

  /** The user's name for an application. */
  labelOf(key: string): string | undefined {
    return this.current().labelOf(key);
  }

  /** The inventory the nodes were made from. */
  get inventory(): Inventory | undefined {
    return this.current().inventory;
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

  private current(): Snapshot {
    return (this.snapshot ??= this.build());
  }

  /** Roots in order: the sections (reservations), the message row, applications (named first), Unassigned. */
  private build(): Snapshot {
    const { model, session } = this.sources;
    const message = this.messageNode();
    const snap: Snapshot = {
      roots: [],
      groups: new Map(),
      children: new Map(),
      sections: new Map(),
      shown: 0,
      labelOf: labelLookup(this.sources.labels()),
      inventory: model.inventory,
      message: messageKey(message),
    };
    const account = session.active;
    if (!account) return snap;
    const now = this.sources.now();
    for (const section of this.sources.sections) {
      const view = section.view(account.organisationId, now);
      if (!view) continue;
      const node: SectionNode = { kind: 'section', id: view.head.id, section: section.id, view };
      snap.sections.set(section.id, node);
      snap.roots.push(node);
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

  /** Applications holding numbers, then those listed without; named first, alphabetically, then by key. */
  private applicationRoots({
    snap,
    inventory,
    counts,
    organisationId,
    expandAll,
    suffix,
  }: RootsInput): ApplicationNode[] {
    const apps: ApplicationNode[] = [];
    const addApp = (key: string, group: InventoryGroup | undefined, source: ApplicationSource) => {
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
        source,
      };
      apps.push(node);
      snap.groups.set(key, node);
    };
    for (const [key, group] of inventory.applications) addApp(key, group, 'numbers');
    for (const [key, source] of this.sources.applications(organisationId))
      if (!snap.groups.has(key) && !inventory.applications.has(key)) addApp(key, undefined, source);
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
    const { model, session } = this.sources;
    if (session.isMarkedExpired()) {
      return commandMessage('message/expired', l10n.t('Sign In Again'), 'sign-in', Commands.signIn, l10n.t('Sign In'));
    }
    if (model.lastError instanceof NotSignedInError) {
      const identity = session.active?.identity.endpoint;
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
}

function messageKey(m: MessageNode | undefined): string {
  return m ? `${m.id}|${m.description ?? ''}|${m.tooltip ?? ''}` : '';
}

function sameRows(a: { rows: readonly { id: string }[] }, b: { rows: readonly { id: string }[] }): boolean {
  return a.rows.length === b.rows.length && a.rows.every((r, i) => r.id === b.rows[i].id);
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
