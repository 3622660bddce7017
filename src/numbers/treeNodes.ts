// The Numbers tree's nodes: plain data, discriminated by `kind`. Menu commands receive them as
// (clicked, selected[]). The vscode layer (vscode/treeItems.ts) turns them into rows and is the
// only place that sets `contextValue`.
import type { InventoryGroup } from './inventory';
import type { RentedNumber } from '../sinch/types';
import type { SectionRow, SectionView } from './treeSections';

export type NumbersNode =
  ApplicationNode | UnassignedNode | NumberNode | MoreNode | SectionNode | SectionRowNode | MessageNode;

interface BaseNode {
  /** The TreeItem id: unique in the tree, stable across refreshes (expansion state follows it). */
  readonly id: string;
}

/** Why an application is in the tree. */
export type ApplicationSource = 'numbers' | 'seen' | 'added' | 'labelled';

export interface ApplicationNode extends BaseNode {
  readonly kind: 'application';
  /** The application key (lower case). */
  readonly key: string;
  /** What the row shows: the user's label, else the shortened key. */
  readonly label: string;
  /** True when the user named it (setting sinchNumbers.applicationLabels). */
  readonly labelled: boolean;
  /** Numbers shown under it (after the filter), and how many of those are expiring / expired. */
  readonly count: number;
  readonly expiring: number;
  readonly expired: number;
  /** Numbers it holds, whatever the filter. */
  readonly total: number;
  readonly group: InventoryGroup | undefined;
  readonly expanded: boolean;
  /** Why it is listed: it holds numbers, it held some in an earlier list, it was added by key, or it is labelled. */
  readonly source: ApplicationSource;
}

export interface UnassignedNode extends BaseNode {
  readonly kind: 'unassigned';
  readonly count: number;
  readonly expiring: number;
  readonly expired: number;
  readonly total: number;
  readonly group: InventoryGroup;
  readonly expanded: boolean;
}

export type GroupNode = ApplicationNode | UnassignedNode;

export interface NumberNode extends BaseNode {
  readonly kind: 'number';
  readonly number: RentedNumber;
  /** Its position in the inventory's list (what the row shows is derived from it when rendered). */
  readonly index: number;
  readonly parent: GroupNode;
}

/** The last row of a group shown a page at a time: how many more there are, and a click shows the next page. */
export interface MoreNode extends BaseNode {
  readonly kind: 'more';
  readonly parent: GroupNode;
  /** Rows shown above it, and rows still to show (after the filter). */
  readonly shown: number;
  readonly remaining: number;
  /** Rows the next click adds. */
  readonly next: number;
}

/**
 * A root section another feature contributes through the TreeSection port (rent: Reservations).
 * `view` is replaced in place when only its text changes (an age ticking), so VS Code keeps the row.
 */
export interface SectionNode extends BaseNode {
  readonly kind: 'section';
  /** The contributing section's id. */
  readonly section: string;
  view: SectionView;
}

export interface SectionRowNode extends BaseNode {
  readonly kind: 'sectionRow';
  readonly section: string;
  /** What a menu command acts on (a reservation's reference id). */
  readonly ref: string;
  readonly row: SectionRow;
  readonly parent: SectionNode;
}

/** A command as a row runs it (the shape of vscode.Command). */
export interface TreeCommand {
  readonly command: string;
  readonly title: string;
  readonly arguments?: unknown[];
}

export interface MessageNode extends BaseNode {
  readonly kind: 'message';
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: string;
  readonly iconColor?: string;
  readonly command?: TreeCommand;
}

/** Sorted `;`-joined tokens, so `when` clauses can match whole tokens. */
export function contextValue(...tokens: string[]): string {
  return [...new Set(tokens)].sort().join(';');
}

/** "bb7b4e39…": enough of a key to tell applications apart. */
export function shortKey(key: string): string {
  return key.length > 9 ? `${key.slice(0, 8)}…` : key;
}

/** Shorthand for message nodes with a command. */
export function commandMessage(
  id: string,
  label: string,
  icon: string,
  command: string,
  title: string,
  extra: Partial<MessageNode> = {},
): MessageNode {
  return { kind: 'message', id, label, icon, command: { command, title }, ...extra };
}
