import { enterApplicationKey } from '../../enterApplicationKey';
import { BACK, orCancel } from '../../../platform/prompter';
import type { NumbersCommandContext } from './numbersCommandContext';
import { labelInput, writeLabel } from './labelApplication';
import { l10n } from '../../../platform/l10n';

const TITLE = l10n.t('Add Application by Key');

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
        const typed = orCancel(
          await enterApplicationKey(ctx.services.prompter, { title: TITLE, step: 1, totalSteps: 2 }),
        );
        if (typed === BACK) return;
        key = typed;
      }
      const name = orCancel(
        await ctx.services.prompter.input(
          labelInput(key, ctx.provider.labelOf(key), { title: TITLE, step: 2, totalSteps: 2 }),
        ),
      );
      if (name === BACK) {
        key = undefined;
        continue;
      }
      await ctx.view.added?.add(organisationId, key);
      if (name.trim() || ctx.provider.labelOf(key)) await writeLabel(ctx, key, name);
      break;
    }
    const node = ctx.provider.applicationNode(key);
    if (node) await ctx.treeView?.reveal(node, { select: true, focus: true });
  };
}
