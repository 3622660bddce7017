// A request of an assign, unassign or restore that failed for sure, in the user's terms: 40400,
// 40001, 40003 and 50300 each have their own sentence; anything else reads as after any failure.
import { withDetail, type FollowUp } from '../platform/errors';
import { sinchErrorDetail, describeError } from '../sinch/errorText';
import { l10n } from '../platform/l10n';
import { listNumbers } from '../numbers/wording';
import { ErrorCodes, SinchApiError } from '../sinch/errors';
import type { Capability } from '../sinch/types';
import type { AssignEnvironment } from './assignEnvironment';
import { appName, orgNameOrDefault } from './names';
import { capabilityLabel } from '../numbers/capabilities';

/** What the user was doing, for the sentence. */
export type FailureContext = { appKey: string; numbers: readonly number[] } & (
  { verb: 'unassign' } | { verb: 'assign' | 'move' | 'restore'; capability: Capability }
);

export interface FailureExplanation {
  /** For a change that did not happen: what went wrong, "Nothing was changed.", the advice. */
  text: string;
  /** What went wrong and the advice alone (an unassign says itself what was done). */
  reason: string;
  followUps: FollowUp[];
  /** A 40400: the key may be mistyped, so Edit Key is offered. */
  editKey: boolean;
}

export function explainFailure(env: AssignEnvironment, error: unknown, c: FailureContext): FailureExplanation {
  const explained = explainWithoutDetail(env, error, c);
  if (!(error instanceof SinchApiError) || error.status === undefined) return explained;
  // Sinch answered: its code and reference are shown and can be copied for Sinch support.
  const detail = sinchErrorDetail(error);
  const followUps: FollowUp[] = explained.followUps.includes('copyDetails')
    ? explained.followUps
    : [...explained.followUps, 'copyDetails'];
  return {
    ...explained,
    text: withDetail(explained.text, detail),
    reason: withDetail(explained.reason, detail),
    followUps,
  };
}

function explainWithoutDetail(env: AssignEnvironment, error: unknown, c: FailureContext): FailureExplanation {
  if (error instanceof SinchApiError) {
    const server = error.serverMessage ? ` ${l10n.t('Sinch said: "{0}"', error.serverMessage)}` : '';
    if (error.errorCode === ErrorCodes.ResourceNotFound || error.kind === 'notFound') {
      const happened = l10n.t(
        'Application {0} was not found in {1}. Check the application key.',
        appName(env, c.appKey),
        orgNameOrDefault(env),
      );
      return { ...sentences(happened), followUps: ['showLog'], editKey: true };
    }
    if (error.errorCode === ErrorCodes.ParameterValidation) {
      return { ...sentences(refusal(c) + server), followUps: ['showLog'], editKey: false };
    }
    if (error.errorCode === ErrorCodes.InvalidRequest) {
      const happened =
        l10n.t('Sinch says a number is not valid for this application ({0}).', listNumbers(c.numbers)) + server;
      return { ...sentences(happened), followUps: ['showLog'], editKey: false };
    }
    if (error.kind === 'unavailable') {
      const happened = l10n.t(
        'Sinch is unavailable right now and stayed so after several tries ({0}).',
        error.status ?? 503,
      );
      return { ...sentences(happened, l10n.t('Try again later.')), followUps: ['retry', 'showLog'], editKey: false };
    }
  }
  const { text, followUps } = describeError(error);
  return { ...sentences(text), followUps, editKey: false };
}

function sentences(happened: string, advice?: string): { text: string; reason: string } {
  const nothing = l10n.t('Nothing was changed.');
  return {
    text: [happened, nothing, advice].filter(Boolean).join(' '),
    reason: [happened, advice].filter(Boolean).join(' '),
  };
}

/** A 40001: Sinch refused the numbers for this use. */
function refusal(c: FailureContext): string {
  const list = listNumbers(c.numbers);
  switch (c.verb) {
    case 'unassign':
      return l10n.t('Sinch refused to unassign {0}.', list);
    case 'move':
      return l10n.t('Sinch refused to move {0} for {1}.', list, capabilityLabel(c.capability));
    default:
      return l10n.t('Sinch refused to assign {0} for {1}.', list, capabilityLabel(c.capability));
  }
}

/** An error's message without its final period, to stand in parentheses. */
export function briefError(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
}
