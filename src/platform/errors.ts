// The failures every layer may raise or meet (the user cancelled, bad input, not signed in) and
// the names of the ways forward a message can offer. How a Sinch error reads is sinch/errorText.ts;
// messages.ts shows them.
import { l10n } from './l10n';

/** Thrown for input that is rejected before any request is made; `message` is a sentence for the user. */
export class InputError extends RangeError {
  override readonly name = 'InputError';
}

/** Thrown when the user cancels a flow (Escape, Cancel, declining a modal): shown nowhere. */
export class UserCancelled extends Error {
  override readonly name = 'UserCancelled';
  constructor() {
    super('Cancelled');
  }
}

/** Thrown by `session.current()` when nobody is signed in; the way forward is Sign In. */
export class NotSignedInError extends Error {
  override readonly name = 'NotSignedInError';
  constructor() {
    super(l10n.t('You are not signed in to Sinch. Sign in to see and manage your numbers.'));
  }
}

/** Thrown (without a request) while the session is known to be expired. */
export class SessionExpiredError extends Error {
  override readonly name = 'SessionExpiredError';
  constructor() {
    super(l10n.t('Your Sinch session has expired. Sign in again to see current numbers.'));
  }
}

/** A way forward a failure message can offer; messages.ts gives each its button. */
export type FollowUp = 'signIn' | 'retry' | 'showLog' | 'proxySettings' | 'copyDetails';

/** The button title of a way forward. */
export function followUpTitle(followUp: FollowUp): string {
  switch (followUp) {
    case 'signIn':
      return l10n.t('Sign In');
    case 'retry':
      return l10n.t('Retry');
    case 'showLog':
      return l10n.t('Show Log');
    case 'proxySettings':
      return l10n.t('Open Proxy Settings');
    case 'copyDetails':
      return l10n.t('Copy Error Details');
  }
}

/** "SinchApiError: …" for the log: the class name says where a failure came from. */
export function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A message with its detail in parentheses: a notification shows no separate detail. */
export function withDetail(text: string, detail: string | undefined): string {
  return detail ? l10n.t('{0} ({1})', text, detail) : text;
}
