import * as vscode from 'vscode';
import { InputError } from '../../../platform/errors';
import type { NumbersNode } from '../../treeNodes';
import { targetNodes, type NumbersCommandContext } from './numbersCommandContext';
import { l10n } from '../../../platform/l10n';

/** Copy Application Key of the clicked (or selected) application rows, one per line. */
export function copyApplicationKey(ctx: NumbersCommandContext) {
  return async (clicked?: NumbersNode, selected?: NumbersNode[]): Promise<void> => {
    const keys = targetNodes(ctx, clicked, selected).flatMap((n) => (n.kind === 'application' ? [n.key] : []));
    if (keys.length === 0) throw new InputError(l10n.t('Select an application in the Numbers view first.'));
    await vscode.env.clipboard.writeText(keys.join('\n'));
    vscode.window.setStatusBarMessage(
      `$(check) ${keys.length === 1 ? l10n.t('Copied the application key') : l10n.t('Copied {0} application keys', keys.length)}`,
      3000,
    );
  };
}
