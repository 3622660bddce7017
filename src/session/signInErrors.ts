import { ErrorCodes, SinchApiError } from '../sinch/errors';
import { parseIdentity } from '../sinch/guards';
import { InputError, withDetail } from '../platform/errors';
import { sinchErrorDetail, isCancellation } from '../sinch/errorText';
import { SecretStorageError } from './accountStore';
import { EndpointConfigError } from './endpoints';
import type { SignInStep } from './sessionManager';
import { l10n } from '../platform/l10n';

/** Ways forward a failed sign-in can offer. */
export type SignInAction = 'tryAgain' | 'showLog' | 'openEndpointSettings' | 'openProxySettings' | 'copyDetails';

export type SignInFailure =
  | { kind: 'cancelled' }
  /** Log in said 40100: ask again, identity kept. */
  | { kind: 'wrongCredentials' }
  | { kind: 'failed'; text: string; actions: SignInAction[] };

/**
 * Decides what the user sees when signing in failed at `step` (the last stage reached).
 * Only a refusal of the log-in itself means "wrong email or password"; the same 401 later
 * (creating the instance) or a rejected clock is a different problem with its own sentence.
 */
export function classifySignInFailure(error: unknown, step: SignInStep | undefined): SignInFailure {
  if (isCancellation(error)) return { kind: 'cancelled' };
  if (error instanceof EndpointConfigError) {
    return { kind: 'failed', text: l10n.t('Cannot sign in: {0}', error.message), actions: ['openEndpointSettings'] };
  }
  if (error instanceof SecretStorageError) {
    return {
      kind: 'failed',
      text: l10n.t('Sinch accepted the sign-in, but it could not be kept: {0}', error.message),
      actions: ['tryAgain', 'showLog'],
    };
  }
  if (error instanceof InputError) return { kind: 'failed', text: error.message, actions: ['tryAgain'] };
  if (!(error instanceof SinchApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      kind: 'failed',
      text: l10n.t('Could not sign in to Sinch: {0}', message || l10n.t('an unexpected error occurred.')),
      actions: ['tryAgain', 'showLog'],
    };
  }
  const failure = classifySinchFailure(error, step);
  // An answer from Sinch: its code and reference are shown and can be copied for Sinch support.
  if (failure.kind !== 'failed' || error.status === undefined || error.kind === 'proxy') return failure;
  return {
    ...failure,
    text: withDetail(failure.text, sinchErrorDetail(error)),
    actions: [...failure.actions, 'copyDetails'],
  };
}

function classifySinchFailure(e: SinchApiError, step: SignInStep | undefined): SignInFailure {
  const clockRejected = e.errorCode === ErrorCodes.TimestampRejected;
  switch (e.kind) {
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'auth':
      if (step === 'login' && !clockRejected && e.errorCode !== ErrorCodes.BadSignature)
        return { kind: 'wrongCredentials' };
      // Both signature forms were refused: signing in again would not help.
      if (e.errorCode === ErrorCodes.BadSignature)
        return { kind: 'failed', text: l10n.t('Could not sign in to Sinch. {0}', e.message), actions: ['showLog'] };
      return {
        kind: 'failed',
        text: l10n.t('Could not sign in to Sinch. {0}', e.message),
        actions: ['tryAgain', 'showLog'],
      };
    case 'expired':
      // A 401 on create instance: the fresh log-in token was refused.
      return {
        kind: 'failed',
        text: l10n.t(
          'Sinch accepted the password but did not open a session ({0}). Try signing in again.',
          e.status ?? 401,
        ),
        actions: ['tryAgain', 'showLog'],
      };
    case 'network':
      return {
        kind: 'failed',
        text: l10n.t(
          'Could not reach Sinch to sign in. {0} Check your network connection and the endpoint settings.',
          e.message,
        ),
        actions: ['tryAgain', 'showLog'],
      };
    case 'timeout':
      return {
        kind: 'failed',
        text: l10n.t('Signing in took too long: {0} Check your connection and try again.', e.message),
        actions: ['tryAgain', 'showLog'],
      };
    case 'unavailable':
    case 'rateLimited':
      return {
        kind: 'failed',
        text: l10n.t('Sinch cannot sign you in right now. {0}', e.message),
        actions: ['tryAgain', 'showLog'],
      };
    case 'proxy':
      return {
        kind: 'failed',
        text: l10n.t('Could not sign in to Sinch. {0}', e.message),
        actions: ['openProxySettings', 'tryAgain', 'showLog'],
      };
    case 'forbidden':
      if (step === 'getOrganisation') {
        return {
          kind: 'failed',
          text: l10n.t('Signed in, but Sinch refused to show your organisation. {0}', e.message),
          actions: ['showLog'],
        };
      }
      return { kind: 'failed', text: l10n.t('Sinch refused the sign-in. {0}', e.message), actions: ['showLog'] };
    case 'protocol':
      return {
        kind: 'failed',
        text: l10n.t('Could not sign in: the answer from Sinch could not be used. {0}', e.message),
        actions: ['tryAgain', 'showLog'],
      };
    default:
      return {
        kind: 'failed',
        text: l10n.t('Could not sign in to Sinch. {0}', e.message),
        actions: ['tryAgain', 'showLog'],
      };
  }
}

/** The identity box's inline check: undefined when acceptable, else the sentence to show. */
export function identityProblem(value: string): string | undefined {
  try {
    parseIdentity(value);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
