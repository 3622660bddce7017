import type * as vscode from 'vscode';
import type { Services } from '../../services';
import type { NumberNode, NumbersNode } from '../../views/nodes';
import type { NumbersModel } from '../../views/numbersModel';
import type { NumbersTreeProvider } from '../../views/numbersTreeProvider';
import type { NumbersView } from '../../views/numbersView';

/** What the numbers commands share: the services, the model, and the live tree. */
export interface NumbersCommandContext {
  services: Services;
  model: NumbersModel;
  view: NumbersView;
  provider: NumbersTreeProvider;
  treeView: vscode.TreeView<NumbersNode> | undefined;
}

/**
 * The nodes a menu command acts on: the selection when the clicked row is part of it (VS Code
 * passes clicked, selected[]), else the clicked row; from a keybinding, the view's selection.
 */
export function targetNodes(ctx: NumbersCommandContext, clicked?: NumbersNode, selected?: readonly NumbersNode[]): NumbersNode[] {
  if (clicked) return menuSelection(clicked, selected, (a, b) => a.id === b.id);
  return [...(ctx.treeView?.selection ?? [])];
}

/**
 * The one rule for what a tree menu acts on (numbers, assign and rent commands): the selection
 * when the clicked row is part of it, else the clicked row alone (a right-click outside the
 * selection). `same` says when two nodes are the same row; by default the same object.
 */
export function menuSelection<T>(clicked: T, selected: unknown, same: (a: T, b: T) => boolean = (a, b) => a === b): T[] {
  const list = Array.isArray(selected) ? (selected as T[]) : [];
  return list.some((n) => n === clicked || same(n, clicked)) ? [...list] : [clicked];
}

export function isNumberNode(n: NumbersNode): n is NumberNode {
  return n.kind === 'number';
}
