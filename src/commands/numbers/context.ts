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
  if (clicked && selected?.some((n) => n.id === clicked.id)) return [...selected];
  if (clicked) return [clicked];
  return [...(ctx.treeView?.selection ?? [])];
}

export function isNumberNode(n: NumbersNode): n is NumberNode {
  return n.kind === 'number';
}
