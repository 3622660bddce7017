import * as vscode from 'vscode';
import { isNumberNode, menuNodes } from '../../numbers/vscode/selection';

import type { NumbersView } from '../../numbers/vscode/numbersView';
import { l10n } from '../../platform/l10n';
import { digitsOf } from '../../numbers/phoneFormat';
import { InputError } from '../../platform/errors';
import { searchPattern } from '../searchPattern';
import { normaliseKey } from '../../numbers/applicationKey';

/** Reveal in Sinch Numbers, from a hover link or a CodeLens: `{ number }` or `{ applicationKey }`. */
export async function revealInView(view: NumbersView, arg: unknown): Promise<void> {
  const target = (typeof arg === 'object' && arg !== null ? arg : {}) as { number?: unknown; applicationKey?: unknown };
  if (typeof target.number === 'number') {
    await view.revealNumbers([target.number]);
  } else if (typeof target.applicationKey === 'string') {
    await revealApplication(view, target.applicationKey);
  }
}

async function revealApplication(view: NumbersView, key: string): Promise<void> {
  const { provider, treeView } = view;
  if (!provider || !treeView) return;
  let node = provider.applicationNode(key);
  // Hidden by the filter: the user asked to see it, so show everything (as revealNumbers does).
  if (!node && provider.filter) {
    provider.setFilter(undefined);
    node = provider.applicationNode(key);
  }
  if (!node)
    throw new InputError(
      l10n.t('Application {0} is not in the Numbers view. Refresh the view, or add it by key.', normaliseKey(key)),
    );
  await treeView.reveal(node, { select: true, focus: true, expand: true });
}

/** Find in Workspace, from a number's context menu: the Search view with a regex for every way of writing it. */
export async function findInWorkspace(clicked?: unknown, selected?: unknown): Promise<void> {
  const numbers = menuNodes(clicked, selected)
    .filter(isNumberNode)
    .map((n) => n.number.number);
  if (numbers.length === 0)
    throw new InputError(l10n.t('Right-click a number in the Numbers view to find it in the workspace.'));
  const query = [...new Set(numbers)].map((n) => searchPattern(digitsOf(n))).join('|');
  await vscode.commands.executeCommand('workbench.action.findInFiles', {
    query,
    isRegex: true,
    triggerSearch: true,
    matchWholeWord: false,
    isCaseSensitive: false,
  });
}
