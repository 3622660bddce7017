import type * as vscode from 'vscode';
import type { Services } from '../../../services';
import type { NumbersNode } from '../../treeNodes';
import { menuNodes } from '../selection';
import type { NumbersModel } from '../../numbersModel';
import type { NumbersTreeProvider } from '../numbersTreeProvider';
import type { NumbersView } from '../numbersView';

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
export function targetNodes(ctx: NumbersCommandContext, clicked?: unknown, selected?: unknown): NumbersNode[] {
  if (clicked !== undefined && clicked !== null) return menuNodes(clicked, selected);
  return [...(ctx.treeView?.selection ?? [])];
}
