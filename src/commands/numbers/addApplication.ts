import * as vscode from 'vscode';
import { assertApplicationKey, isApplicationKey } from '../../sinch/guards';
import { BACK, orCancel } from '../../ui/prompter';
import type { NumbersCommandContext } from './context';
import { labelInput, writeLabel } from './labelApplication';

const TITLE = vscode.l10n.t('Add Application by Key');

/**
 * Add Application by Key…: lists an application that holds no numbers yet (Sinch cannot list
 * applications), so numbers can be assigned to it. Two steps: the key, then an optional name.
 */
export function addApplication(ctx: NumbersCommandContext) {
  return async (): Promise<void> => {
    const { organisationId } = ctx.services.session.current();
    let key: string | undefined;
    for (;;) {
      if (key === undefined) {
        const typed = orCancel(await ctx.services.prompter.input({
          title: TITLE, step: 1, totalSteps: 2,
          prompt: vscode.l10n.t('The application key, from the Sinch dashboard (Apps › your app › Key).'),
          placeholder: 'bb7b4e39-4227-4913-8c81-2db4abb54fb3',
          validate: (v) => (isApplicationKey(v) ? undefined : vscode.l10n.t('An application key looks like {0}.', 'bb7b4e39-4227-4913-8c81-2db4abb54fb3')),
        }));
        if (typed === BACK) return;
        key = assertApplicationKey(typed).toLowerCase();
      }
      const name = orCancel(await ctx.services.prompter.input(labelInput(key, ctx.provider.labelOf(key), { title: TITLE, step: 2, totalSteps: 2 })));
      if (name === BACK) { key = undefined; continue; }
      await ctx.view.added?.add(organisationId, key);
      if (name.trim() || ctx.provider.labelOf(key)) await writeLabel(ctx, key, name);
      break;
    }
    const node = ctx.provider.applicationNode(key);
    if (node) await ctx.treeView?.reveal(node, { select: true, focus: true });
  };
}
