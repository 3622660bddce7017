// How a failure reads to the user: the sentence, the detail Sinch support asks for, and the ways
// forward that fit it. The composition root hands these to the one message service
// (platform/messages.ts), which stays free of Sinch's error types.
import { l10n } from '../platform/l10n';
import {
  InputError,
  NotSignedInError,
  SessionExpiredError,
  UserCancelled,
  errorSummary,
  type FollowUp,
} from '../platform/errors';
import type { ErrorDescription, ErrorText } from '../platform/messages';
import { ErrorCodes, SinchApiError } from './errors';

/** True for the user's own cancel, which is never reported. */
export function isCancellation(error: unknown): boolean {
  return error instanceof UserCancelled || (error instanceof SinchApiError && error.kind === 'cancelled');
}

/**
 * The user-facing sentence for an error and the ways forward that fit it. An error Sinch answered
 * also offers Copy Error Details, and its code and `reference` go in the detail, for Sinch support.
 */
export function describeError(error: unknown): ErrorDescription {
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

/** The message service's view of failures (platform/messages.ts), wired by the composition root. */
export const errorText: ErrorText = { isCancellation, describe: describeError, details: errorDetails };
