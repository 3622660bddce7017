// What every feature needs to know about a failure: was it the user cancelling, what sentence
// tells it, and which ways forward fit it. Plain Node: the vscode side (vscode/followUps.ts)
// turns the ways forward into buttons and runs them.
import { ErrorCodes, SinchApiError } from '../sinch/errors';
import { InputError } from '../sinch/guards';
import { l10n } from './l10n';

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

/** A way forward a failure message can offer; vscode/followUps.ts gives each its button. */
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

/** True for the user's own cancel, which is never reported. */
export function isCancellation(error: unknown): boolean {
  return error instanceof UserCancelled || (error instanceof SinchApiError && error.kind === 'cancelled');
}

/**
 * The user-facing sentence for an error and the ways forward that fit it. An error Sinch answered
 * also offers Copy Error Details, and its code and `reference` go in the detail, for Sinch support.
 */
export function describeError(error: unknown): { text: string; followUps: FollowUp[]; detail?: string } {
  if (error instanceof SinchApiError) {
    const answered = error.status !== undefined;
    const copy: FollowUp[] = answered ? ['copyDetails'] : [];
    const detail = sinchErrorDetail(error);
    switch (error.kind) {
      case 'auth':
        // A refused key or secret is not cured by signing in again; a refused clock or log-in is.
        if (error.errorCode === ErrorCodes.BadSignature)
          return { text: error.message, followUps: ['showLog', ...copy], detail };
        return { text: error.message, followUps: ['signIn', 'showLog', ...copy], detail };
      case 'expired':
        return { text: error.message, followUps: ['signIn', 'showLog', ...copy], detail };
      case 'unavailable':
      case 'rateLimited':
      case 'network':
      case 'timeout':
        return { text: error.message, followUps: ['retry', 'showLog', ...copy], detail };
      case 'proxy':
        return { text: error.message, followUps: ['proxySettings', 'showLog'], detail };
      default:
        return { text: error.message, followUps: ['showLog', ...copy], detail };
    }
  }
  if (error instanceof InputError) return { text: error.message, followUps: [] };
  if (error instanceof NotSignedInError || error instanceof SessionExpiredError)
    return { text: error.message, followUps: ['signIn'] };
  const message = error instanceof Error ? error.message : String(error);
  return { text: message || l10n.t('Something went wrong.'), followUps: ['showLog'] };
}

/** "SinchApiError: …" for the log: the class name says where a failure came from. */
export function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A message with its detail in parentheses: a notification shows no separate detail. */
export function withDetail(text: string, detail: string | undefined): string {
  return detail ? l10n.t('{0} ({1})', text, detail) : text;
}

/** The line under a Sinch error's message: its code and the `reference` Sinch support asks for. */
export function sinchErrorDetail(error: SinchApiError): string | undefined {
  const parts: string[] = [];
  if (error.errorCode !== undefined) parts.push(l10n.t('Sinch error code {0}', error.errorCode));
  else if (error.status !== undefined) parts.push(l10n.t('HTTP status {0}', error.status));
  if (error.reference !== undefined) parts.push(l10n.t('reference {0}', error.reference));
  return parts.length ? parts.join(' · ') : undefined;
}

/**
 * What Copy Error Details puts on the clipboard: code, Sinch's message, reference, endpoint and
 * time, to quote to Sinch support. The path is the log's (identity masked); nothing secret.
 */
export function errorDetails(error: unknown): string {
  if (!(error instanceof SinchApiError)) return errorSummary(error);
  const none = l10n.t('(none)');
  const code = error.errorCode !== undefined ? String(error.errorCode) : none;
  return [
    l10n.t('Sinch Numbers for VS Code: error details'),
    `${l10n.t('Code')}: ${code}${error.status !== undefined ? ` (HTTP ${error.status})` : ''}`,
    `${l10n.t('Message')}: ${error.serverMessage ?? none}`,
    `${l10n.t('Reference')}: ${error.reference ?? none}`,
    `${l10n.t('Endpoint')}: ${error.method} ${error.host ?? ''}${error.path}`,
    `${l10n.t('Time')}: ${new Date(error.at).toISOString()}`,
    `${l10n.t('Shown')}: ${error.message}`,
  ].join('\n');
}
