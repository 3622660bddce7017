// How the assign messages name an application (its label from the settings, then its key) and
// the organisation the numbers belong to.
import { l10n } from '../platform/l10n';
import { applicationName } from '../numbers/applicationLabels';
import { orgLabel } from '../numbers/wording';
import type { AssignEnvironment } from './assignEnvironment';

/** "Voice IVR (bb7b4e39-…)", or the bare key. */
export function appName(env: AssignEnvironment, key: string): string {
  return applicationName(key, env.labels());
}

/** "Acme (8888123)" for the active account. */
export function orgName(env: AssignEnvironment): string {
  const { account } = env.session.current();
  return orgLabel({ id: account.organisationId, name: account.organisationName });
}

/** orgName, or "your organisation" when signed out meanwhile (for a message that must still show). */
export function orgNameOrDefault(env: AssignEnvironment): string {
  try {
    return orgName(env);
  } catch {
    return l10n.t('your organisation');
  }
}

/** What a Move or Unassign confirmation ends with when open documents use the numbers: "Used in open documents: a.env, b.ts." */
export function referencingNote(env: AssignEnvironment, numbers: readonly number[]): string {
  const names = env.documentsReferencing(numbers);
  if (names.length === 0) return '';
  const shown = names.length > 5 ? [...names.slice(0, 5), l10n.t('{0} more', names.length - 5)] : names;
  return `\n\n${l10n.t('Used in open documents: {0}.', shown.join(', '))}`;
}
