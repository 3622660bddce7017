import * as vscode from 'vscode';
import { InputError } from '../../sinch/guards';
import type { NumbersNode } from '../../views/nodes';
import { targetNodes, type NumbersCommandContext } from './context';

/** Copy Application Key of the clicked (or selected) application rows, one per line. */
export function copyApplicationKey(ctx: NumbersCommandContext) {
  return async (clicked?: NumbersNode, selected?: NumbersNode[]): Promise<void> => {
    const keys = targetNodes(ctx, clicked, selected).flatMap((n) => (n.kind === 'application' ? [n.key] : []));
    if (keys.length === 0) throw new InputError('Select an application in the Numbers view first.');
    await vscode.env.clipboard.writeText(keys.join('\n'));
    vscode.window.setStatusBarMessage(`$(check) Copied ${keys.length === 1 ? 'the application key' : `${keys.length} application keys`}`, 3000);
  };
}
