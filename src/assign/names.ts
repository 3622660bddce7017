// How the assign messages name an application (its label from the settings, then its key) and
// the organisation the numbers belong to.
import { l10n } from '../platform/l10n';
import { labelLookup } from '../numbers/applicationLabels';
import { shortKey } from '../numbers/treeNodes';
import { orgLabel } from '../numbers/wording';
import type { AssignEnvironment } from './assignEnvironment';

/**
 * "Voice IVR" (the label), or "bb7b4e39…" when it has none: a message names an application,
 * it does not spell out its key. Full keys go in a modal's detail (applicationKeyLines).
 */
export function appName(env: AssignEnvironment, key: string): string {
  return labelLookup(env.labels())(key) ?? shortKey(key);
}

/** "Voice IVR: bb7b4e39-4227-4913-8c81-2db4abb54fb3", one line per application, for a modal's detail. */
export function applicationKeyLines(env: AssignEnvironment, keys: readonly string[]): string {
  const label = labelLookup(env.labels());
  return [...new Set(keys)].map((k) => (label(k) ? `${label(k)}: ${k}` : k)).join('\n');
}

/** "Acme (8888123)" for the active account. */
export function orgName(env: AssignEnvironment): string {
  const { account } = env.session.current();
  return orgLabel({ id: account.organisationId, name: account.organisationName });
}

/** The active account's organisation, as a change made in it remembers it. */
export function currentOrganisation(env: AssignEnvironment): { id: string; name?: string } {
  const { account } = env.session.current();
  return { id: account.organisationId, name: account.organisationName };
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
