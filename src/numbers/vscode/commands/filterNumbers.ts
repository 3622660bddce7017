import { FILTER_EXAMPLE, FILTER_HELP, filterProblem, parseFilter } from '../../filter';
import { BACK, orCancel } from '../../../platform/prompter';
import type { NumbersCommandContext } from './numbersCommandContext';
import { l10n } from '../../../platform/l10n';

/** Filter…: one input with a small syntax (digits, country:, city:, cap:, app:, is:); empty clears. */
export function filterNumbers(ctx: NumbersCommandContext) {
  return async (): Promise<void> => {
    const text = orCancel(
      await ctx.services.prompter.input({
        title: l10n.t('Filter Numbers'),
        prompt: FILTER_HELP,
        placeholder: FILTER_EXAMPLE,
        value: ctx.provider.filter?.text ?? '',
        validate: filterProblem,
      }),
    );
    if (text === BACK) return;
    ctx.provider.setFilter(parseFilter(text));
  };
}

export function clearFilter(ctx: NumbersCommandContext) {
  return (): void => ctx.provider.setFilter(undefined);
}
