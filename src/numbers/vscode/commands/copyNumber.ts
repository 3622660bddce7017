import * as vscode from 'vscode';
import { digitsOf, formatPhoneNumber, toE164 } from '../../phoneFormat';
import { InputError } from '../../../platform/errors';
import type { NumbersNode } from '../../treeNodes';
import { targetNodes, type NumbersCommandContext } from './numbersCommandContext';
import { isNumberNode } from '../selection';
import { l10n } from '../../../platform/l10n';

/** Copy Number: E.164 with `+`, one per line for a multi-selection. */
export function copyNumber(ctx: NumbersCommandContext) {
  return async (clicked?: NumbersNode, selected?: NumbersNode[]): Promise<void> => {
    const nodes = targetNodes(ctx, clicked, selected).filter(isNumberNode);
    if (nodes.length === 0) throw new InputError(l10n.t('Select a number in the Numbers view first.'));
    // A value that is not a phone number is copied as the digits received, without a `+`.
    const lines = nodes.map((n) => toE164(n.number.number) ?? digitsOf(n.number.number));
    await vscode.env.clipboard.writeText(lines.join('\n'));
    const what = nodes.length === 1 ? formatPhoneNumber(nodes[0].number.number) : l10n.t('{0} numbers', nodes.length);
    vscode.window.setStatusBarMessage(`$(check) ${l10n.t('Copied {0}', what)}`, 3000);
  };
}
