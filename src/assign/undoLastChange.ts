// Undo Last Change: undoes the change lastChange.ts holds, once, after checking that the
// numbers are still where that change left them; otherwise it says why not and changes nothing.
import { l10n } from '../platform/l10n';
import { formatPhoneNumber } from '../numbers/phoneFormat';
import { orgLabel } from '../numbers/wording';
import { sameApplication } from '../numbers/applicationKey';
import type { AssignDeps } from './assignEnvironment';
import { appName } from './names';

/** Undo Last Change: undoes the last change, or says why it cannot. */
export async function undoLastChange(deps: AssignDeps): Promise<void> {
  const { env, lastChange } = deps;
  const change = lastChange.current;
  if (!change) {
    env.messages.show({ severity: 'info', text: l10n.t('There is no change to undo.') });
    return;
  }
  const { account } = env.session.current();
  if (account.organisationId !== change.organisation.id) {
    env.messages.show({
      severity: 'info',
      text: l10n.t(
        'The last change was made in {0}, and you are signed in to {1}. Switch back to {0} to undo it.',
        orgLabel(change.organisation),
        orgLabel({ id: account.organisationId, name: account.organisationName }),
      ),
    });
    return;
  }
  const now = await env.model.refresh({ fresh: true });
  const moved = change.left.flatMap(({ number, applicationKey }) => {
    const n = now.find((m) => m.number === number);
    if (!n) return [l10n.t('{0} is no longer rented', formatPhoneNumber(number))];
    if (applicationKey === undefined ? !n.applicationKey : sameApplication(applicationKey, n.applicationKey ?? ''))
      return [];
    return [
      n.applicationKey
        ? l10n.t('{0} is on {1} now', formatPhoneNumber(number), appName(env, n.applicationKey))
        : l10n.t('{0} is unassigned now', formatPhoneNumber(number)),
    ];
  });
  if (moved.length > 0) {
    // Every change made here replaces the last one, so a difference was made outside this window.
    lastChange.take(change);
    env.messages.show({
      severity: 'warning',
      text: l10n.t(
        'The last change cannot be undone: the numbers changed since, outside this window ({0}). Nothing was changed.',
        moved.join('; '),
      ),
    });
    return;
  }
  lastChange.take(change);
  await change.undo();
}
