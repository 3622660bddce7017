// What the user is told when an assign showed that the host replaces an application's whole set
// of numbers (assignScope.ts): what the write removed, what was written back, what is still off.
import { l10n } from '../platform/l10n';
import { listNumbers } from '../numbers/wording';
import { capabilityLabel } from '../numbers/capabilities';
import type { AssignEnvironment } from './assignEnvironment';
import type { ScopeRepair } from './assignScope';
import { briefError } from './failureExplanation';
import { appName } from './names';

/** The sentences, exact about every number; empty when there was nothing to put right. */
export function repairSentences(env: AssignEnvironment, appKey: string, repair: ScopeRepair | undefined): string[] {
  if (!repair) return [];
  const name = appName(env, appKey);
  const cap = capabilityLabel(repair.capability);
  const out = [
    repair.removed.length === 1
      ? l10n.t(
          "Sinch replaced all of {0}'s numbers: writing its {1} numbers removed {2}, which is not a {1} number.",
          name,
          cap,
          listNumbers(repair.removed),
        )
      : l10n.t(
          "Sinch replaced all of {0}'s numbers: writing its {1} numbers removed {2}, which are not {1} numbers.",
          name,
          cap,
          listNumbers(repair.removed),
        ),
  ];
  const still = repair.removed.filter((n) => !repair.restored.includes(n));
  if (still.length === 0) out.push(l10n.t('They were written back at once and are on {0} again.', name));
  else if (repair.error !== undefined)
    out.push(
      l10n.t('Writing them back failed ({0}): {1} not on {2} now.', briefError(repair.error), listNumbers(still), name),
    );
  else out.push(l10n.t('Writing them back did not bring back {0}: not on {1} now.', listNumbers(still), name));
  out.push(
    l10n.t(
      "From now on every assign to this Sinch host sends the application's whole set, so none is dropped; Test Connection shows this.",
    ),
  );
  return out;
}
