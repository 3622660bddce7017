import * as vscode from 'vscode';
import type { RentedNumber } from '../../sinch/types';
import type { KnownApplications } from '../knownApplications';
import type { NumberFilter } from '../filter';
import type { NumbersModel } from '../numbersModel';
import type { ApplicationNode, MoreNode, NumberNode, NumbersNode } from '../treeNodes';
import type { TreeSection } from '../treeSections';
import { NumbersTree, type TreeSources } from '../treeSnapshot';
import { tooltipFor, type RenderContext } from './tooltips';
import { treeItemFor } from './treeItems';

export { PAGE_SIZE } from '../treeSnapshot';

export interface TreeDeps {
  services: { session: TreeSources['session']; now: () => number };
  model: NumbersModel;
  /** Applications listed without numbers (added, seen, labelled). */
  known: Pick<KnownApplications, 'list' | 'onDidChange'>;
  /** The setting sinchNumbers.applicationLabels (key → name). */
  labels: () => Record<string, string>;
  /** Root sections of other features (rent's Reservations). */
  sections?: readonly TreeSection[];
}

/**
 * The Numbers tree for VS Code: what it shows comes from NumbersTree (plain, unit-tested);
 * this renders its nodes and tells VS Code what changed. Nothing here makes a request.
 */
export class NumbersTreeProvider implements vscode.TreeDataProvider<NumbersNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<NumbersNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly tree: NumbersTree;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: TreeDeps) {
    const sections = deps.sections ?? [];
    this.tree = new NumbersTree({
      session: deps.services.session,
      model: deps.model,
      now: deps.services.now,
      labels: deps.labels,
      applications: (organisationId) => deps.known.list(organisationId),
      sections,
    });
    this.disposables.push(
      this.changed,
      deps.model.onDidChange(() => {
        if (this.tree.modelChanged()) this.changed.fire();
      }),
      deps.known.onDidChange(() => this.invalidate()),
      ...sections.map((s) =>
        s.onDidChange(() => {
          const node = this.tree.sectionChanged(s);
          this.changed.fire(node);
        }),
      ),
    );
  }

  get filter(): NumberFilter | undefined {
    return this.tree.filter;
  }

  setFilter(filter: NumberFilter | undefined): void {
    if (this.tree.setFilter(filter)) this.changed.fire();
  }

  /** Drops the snapshot (data, labels, sections or filter changed) and asks VS Code to re-read the tree. */
  invalidate(): void {
    this.tree.invalidate();
    this.changed.fire();
  }

  getChildren(node?: NumbersNode): NumbersNode[] {
    return node ? this.tree.children(node) : this.tree.roots();
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
    return this.tree.parent(node);
  }

  /** "Show More" on a group: its next page of rows (VS Code asks for the group's children again). */
  showMore(node: MoreNode): void {
    const group = this.tree.showMore(node);
    if (group) this.changed.fire(group);
  }

  /** The node of a number (E.164 digits) as the tree has it now, or undefined when not shown. */
  nodeFor(number: number): NumberNode | undefined {
    const { node, grown } = this.tree.nodeFor(number);
    if (grown) this.changed.fire(grown);
    return node;
  }

  /** The root node of an application (by key), if the tree shows it. */
  applicationNode(key: string): ApplicationNode | undefined {
    return this.tree.applicationNode(key);
  }

  /** The numbers the view shows, in its order: what Export writes. */
  visibleNumbers(): Generator<RentedNumber> {
    return this.tree.visibleNumbers();
  }

  /** Numbers passing the filter, and the user's name for an application. */
  get shown(): number {
    return this.tree.shown;
  }
  labelOf(key: string): string | undefined {
    return this.tree.labelOf(key);
  }

  private renderContext(): RenderContext {
    return { now: this.deps.services.now(), labelOf: (k) => this.tree.labelOf(k), inventory: this.tree.inventory };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
