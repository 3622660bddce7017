import { NotSignedInError } from '../../../platform/errors';
import type { NumbersCommandContext } from './numbersCommandContext';

/**
 * Refresh (view title, Retry row). Clicks during a refresh join it; a failure is not a
 * notification: the view keeps the last list and its message says why.
 */
export function refreshNumbers(ctx: NumbersCommandContext) {
  return async (): Promise<void> => {
    if (!ctx.services.session.signedIn) throw new NotSignedInError();
    await ctx.model.refresh().catch(() => undefined);
  };
}
