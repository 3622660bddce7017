// What every feature needs to know about a failure: was it the user cancelling, what sentence
// tells it, and which ways forward fit it. Plain Node: the vscode side (vscode/followUps.ts)
// turns the ways forward into buttons and runs them.
import { SinchApiError } from '../sinch/errors';
import { InputError } from '../sinch/guards';
import { l10n } from './l10n';

/** Thrown when the user cancels a flow (Escape, Cancel, declining a modal): shown nowhere. */
export class UserCancelled extends Error {
  override readonly name = 'UserCancelled';
  constructor() { super('Cancelled'); }
}

/** Thrown by `session.current()` when nobody is signed in; the way forward is Sign In. */
export class NotSignedInError extends Error {
  override readonly name = 'NotSignedInError';
  constructor() { super(l10n.t('You are not signed in to Sinch. Sign in to see and manage your numbers.')); }
}

/** Thrown (without a request) while the session is known to be expired. */
export class SessionExpiredError extends Error {
  override readonly name = 'SessionExpiredError';
  constructor() { super(l10n.t('Your Sinch session has expired. Sign in again to see current numbers.')); }
}

/** A way forward a failure message can offer; vscode/followUps.ts gives each its button. */
export type FollowUp = 'signIn' | 'retry' | 'showLog' | 'proxySettings';

/** The button title of a way forward. */
export function followUpTitle(followUp: FollowUp): string {
  switch (followUp) {
    case 'signIn': return l10n.t('Sign In');
    case 'retry': return l10n.t('Retry');
    case 'showLog': return l10n.t('Show Log');
    case 'proxySettings': return l10n.t('Open Proxy Settings');
  }
}

/** True for the user's own cancel, which is never reported. */
export function isCancellation(error: unknown): boolean {
  return error instanceof UserCancelled || (error instanceof SinchApiError && error.kind === 'cancelled');
}

/** The user-facing sentence for an error and the ways forward that fit it. */
export function describeError(error: unknown): { text: string; followUps: FollowUp[] } {
  if (error instanceof SinchApiError) {
    switch (error.kind) {
      case 'auth':
      case 'expired':
        return { text: error.message, followUps: ['signIn', 'showLog'] };
      case 'unavailable':
      case 'rateLimited':
      case 'network':
      case 'timeout':
        return { text: error.message, followUps: ['retry', 'showLog'] };
      case 'proxy':
        return { text: error.message, followUps: ['proxySettings', 'showLog'] };
      default:
        return { text: error.message, followUps: ['showLog'] };
    }
  }
  if (error instanceof InputError) return { text: error.message, followUps: [] };
  if (error instanceof NotSignedInError || error instanceof SessionExpiredError) return { text: error.message, followUps: ['signIn'] };
  const message = error instanceof Error ? error.message : String(error);
  return { text: message || l10n.t('Something went wrong.'), followUps: ['showLog'] };
}

/** "SinchApiError: …" for the log: the class name says where a failure came from. */
export function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
