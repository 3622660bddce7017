// What the assign flows share: services, the model, the writer, progress, and the one place
// that turns a failed request into a sentence with its way forward.
import { config } from '../../platform/vscode/config';
import { listNumbers, orgLabel } from '../../numbers/wording';
import type { Services } from '../../services';
import { ErrorCodes } from '../../sinch/errors';
import type { Capability, RentedNumber } from '../../sinch/types';
import { describeError, followUpTitle, type FollowUp } from '../../platform/errors';
import type { Severity } from '../../platform/prompter';
import { followUpHandlers, notify as notifyWith, showError, type Handlers } from '../../platform/vscode/followUps';
import { withCancellableProgress } from '../../platform/vscode/progress';
import type { NumbersModel } from '../../numbers/numbersModel';
import type { NumbersView } from '../../numbers/vscode/numbersView';
import { isApiError, type AddBackResult, type AssignmentWriter, type AssignResult, type Skipped, type WriteContext } from '../assignmentWriter';

import { l10n } from '../../platform/l10n';
import { applicationName } from '../../numbers/applicationLabels';
import { capabilityLabel } from '../../numbers/capabilities';

export interface AssignDeps {
  services: Services;
  model: NumbersModel;
  writer: AssignmentWriter;
  /** Set once the tree exists (register(view)). */
  view?: NumbersView;
}

const FOLLOW_UPS: readonly FollowUp[] = ['signIn', 'retry', 'showLog', 'proxySettings'];

export const Actions = {
  undo: l10n.t('Undo'),
  restore: l10n.t('Restore'),
  retry: followUpTitle('retry'),
  editKey: l10n.t('Edit Key'),
  showLog: followUpTitle('showLog'),
  signIn: followUpTitle('signIn'),
  refresh: l10n.t('Refresh'),
  proxy: followUpTitle('proxySettings'),
} as const;

export function labels(): Record<string, string> {
  return config.applicationLabels();
}

export function appName(key: string): string {
  return applicationName(key, labels());
}

/** Applications added by key in the tree (they hold no number yet), for the active organisation. */
export function addedApplications(deps: AssignDeps): string[] {
  try {
    return deps.view?.added?.list(deps.services.session.current().organisationId) ?? [];
  } catch {
    return [];
  }
}

/** "Acme (8888123)" for the active account. */
export function orgName(deps: AssignDeps): string {
  const { account } = deps.services.session.current();
  return orgLabel({ id: account.organisationId, name: account.organisationName });
}

/** orgName, or "your organisation" when signed out meanwhile (for a message that must still show). */
export function safeOrg(deps: AssignDeps): string {
  try {
    return orgName(deps);
  } catch {
    return l10n.t('your organisation');
  }
}

/** The model's numbers, loaded once if the tree has not loaded them yet. */
export async function loadNumbers(deps: AssignDeps): Promise<readonly RentedNumber[]> {
  const known = deps.model.numbers;
  if (known && known.length > 0) return known;
  try {
    return await deps.model.refresh();
  } catch (error) {
    deps.services.session.noteError(error);
    throw error;
  }
}

/** Refreshes the list after a change; a failure here must not turn a done change into an error. */
export async function refreshModel(deps: AssignDeps): Promise<void> {
  try {
    // fresh: a refresh already in flight started before our write; one more follows it.
    await deps.writer.refreshed(() => deps.model.refresh({ fresh: true }));
  } catch (error) {
    deps.services.session.noteError(error);
    deps.services.log.warn(`Refreshing the numbers after a change failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const STEP_TEXT: Record<NonNullable<Parameters<NonNullable<WriteContext['report']>>[0]>, string> = {
  waiting: l10n.t('Waiting for the previous change to this application…'),
  reading: l10n.t('Reading the application\'s numbers…'),
  writing: l10n.t('Writing…'),
  verifying: l10n.t('Checking the result…'),
};

/** Notification progress (cancellable) around one operation; its requests get the combined signal. */
export function withWriteProgress<T>(deps: AssignDeps, title: string, work: (ctx: WriteContext, say: (message: string) => void) => Promise<T>): Thenable<T> {
  return withCancellableProgress(deps.services, title, (say, signal) => work({
    api: deps.services.session.current().api,
    organisationId: deps.services.session.current().organisationId,
    signal,
    settleSignal: deps.services.clients.signal(),
    noteError: (error) => deps.services.session.noteError(error),
    report: (step) => say(STEP_TEXT[step]),
  }, say));
}

/**
 * Why Undo or Restore left numbers where they are, one sentence per reason: a number that went
 * to another application since is not taken from it without the user asking.
 */
export function skippedText(deps: AssignDeps, appKey: string, skipped: readonly Skipped[]): string[] {
  const out: string[] = [];
  const byApp = new Map<string, number[]>();
  for (const s of skipped) if (s.reason === 'elsewhere' && s.appKey) byApp.set(s.appKey, [...(byApp.get(s.appKey) ?? []), s.number]);
  for (const [other, numbers] of byApp) {
    out.push(l10n.t('{0} was not put back on {1}: {2} now on {3} in {4}, and is left there. Move {5} yourself if {1} should have {5}.',
      listNumbers(numbers), appName(appKey), numbers.length === 1 ? 'it is' : 'they are', appName(other), safeOrg(deps), numbers.length === 1 ? 'it' : 'them'));
  }
  const gone = skipped.filter((s) => s.reason === 'notRented').map((s) => s.number);
  if (gone.length) out.push(l10n.t('{0} was not put back on {1}: {2} no longer rented by {3}.', listNumbers(gone), appName(appKey), gone.length === 1 ? 'it is' : 'they are', safeOrg(deps)));
  return out;
}

/** Numbers an assign was to add that are not confirmed on the application. */
export function missingOf(r: AssignResult): number[] {
  if (r.status === 'incomplete') return r.verification.missing;
  if (r.status === 'unknown') return r.verification?.ok ? [] : r.verification?.missing ?? r.plan.adding;
  return [];
}

/** The sentences for one addBack: what is back, what did not get back, what was left where it is. */
export function describeAddBack(deps: AssignDeps, appKey: string, asked: readonly number[], r: AddBackResult): { back: string[]; problems: string[]; skipped: string[] } {
  const failed = r.results.flatMap(missingOf);
  const returned = asked.filter((n) => !failed.includes(n) && !r.skipped.some((s) => s.number === n));
  return {
    back: returned.length ? [l10n.t('{0} {1} back on {2}.', listNumbers(returned), returned.length === 1 ? 'is' : 'are', appName(appKey))] : [],
    problems: failed.length ? [l10n.t('{0} did not get back {1}.', appName(appKey), listNumbers(failed))] : [],
    skipped: skippedText(deps, appKey, r.skipped),
  };
}

/** Shows a message without waiting for it; the chosen action runs afterwards, its errors shown once. */
export function notify(deps: AssignDeps, severity: Severity, text: string, handlers: Handlers, detail?: string): void {
  notifyWith(deps.services, severity, text, handlers, detail);
}

/** Handlers for the generic ways forward (given by their titles, as explainFailure returns them). */
export function standardHandlers(deps: AssignDeps, titles: readonly string[], retry?: () => unknown): Handlers {
  const followUps = FOLLOW_UPS.filter((f) => titles.includes(followUpTitle(f)));
  return followUpHandlers(deps.services, followUps, retry);
}

/** Any error from a flow's follow-up (Undo, Restore, Edit Key): shown once, cancellation silent. */
export function showFailure(deps: AssignDeps, error: unknown, retry?: () => unknown): void {
  void showError(deps.services, error, retry);
}

export interface FailureContext {
  appKey: string;
  capability?: Capability;
  numbers: readonly number[];
  /** What the user was doing, for the sentence: "assign", "move", "unassign". */
  verb: 'assign' | 'move' | 'unassign' | 'restore';
}

/**
 * A request that failed for sure: what happened in the user's terms (40400, 40001, 40003,
 * 50300 each have their own), that nothing was changed, and the ways forward.
 */
export function explainFailure(deps: AssignDeps, error: unknown, c: FailureContext): { text: string; actions: string[] } {
  const nothing = l10n.t('Nothing was changed.');
  if (isApiError(error)) {
    const server = error.serverMessage ? ` ${l10n.t('Sinch said: "{0}"', error.serverMessage)}` : '';
    if (error.errorCode === ErrorCodes.ResourceNotFound || error.kind === 'notFound') {
      return {
        text: l10n.t('Application {0} was not found in {1}. Check the application key. {2}', appName(c.appKey), safeOrg(deps), nothing),
        actions: [Actions.editKey, Actions.showLog],
      };
    }
    if (error.errorCode === ErrorCodes.ParameterValidation) {
      const cap = c.capability ? capabilityLabel(c.capability) : '';
      return { text: l10n.t('Sinch refused to {0} {1} for {2}.{3} {4}', verbText(c.verb), listNumbers(c.numbers), cap, server, nothing), actions: [Actions.showLog] };
    }
    if (error.errorCode === ErrorCodes.InvalidRequest) {
      return { text: l10n.t('Sinch says a number is not valid for this application ({0}).{1} {2}', listNumbers(c.numbers), server, nothing), actions: [Actions.showLog] };
    }
    if (error.kind === 'unavailable') {
      return { text: l10n.t('Sinch is unavailable right now and stayed so after several tries ({0}). {1} Try again later.', error.status ?? 503, nothing), actions: [Actions.retry, Actions.showLog] };
    }
  }
  const { text, followUps } = describeError(error);
  return { text: `${text} ${nothing}`, actions: followUps.map(followUpTitle) };
}

function verbText(verb: FailureContext['verb']): string {
  return verb === 'unassign' ? 'unassign' : verb === 'move' ? 'move' : 'assign';
}
