// What the user is told after numbers were put back on an application (Undo of a move or an
// unassign, Restore): what is back, what did not get back, and what was left where it is now.
import { l10n } from '../platform/l10n';
import { listNumbers } from '../numbers/wording';
import type { AssignDeps, AssignEnvironment } from './assignEnvironment';
import type { AddBackResult, AssignResult, Skipped } from './assignmentWriter';
import { appName, orgNameOrDefault } from './names';
import { showLogButton } from './assignButtons';
import { recordAssign, type AssignChange } from './assignJournal';

/** The sentences of one or more put-backs, by kind. */
export interface PutBackReport {
  back: string[];
  problems: string[];
  skipped: string[];
}

export function emptyPutBackReport(): PutBackReport {
  return { back: [], problems: [], skipped: [] };
}

/** Adds one addBack's sentences to `report`. */
export function addPutBack(
  report: PutBackReport,
  env: AssignEnvironment,
  appKey: string,
  asked: readonly number[],
  r: AddBackResult,
): void {
  const failed = r.results.flatMap(missingOf);
  const returned = asked.filter((n) => !failed.includes(n) && !r.skipped.some((s) => s.number === n));
  const name = appName(env, appKey);
  if (returned.length === 1) report.back.push(l10n.t('{0} is back on {1}.', listNumbers(returned), name));
  if (returned.length > 1) report.back.push(l10n.t('{0} are back on {1}.', listNumbers(returned), name));
  if (failed.length) report.problems.push(l10n.t('{0} did not get back {1}.', name, listNumbers(failed)));
  report.skipped.push(...skippedSentences(env, appKey, r.skipped));
}

/** The one message after a put-back: problems first, with Show Log; else what is back and what was left. */
export function showPutBackReport({ env }: AssignDeps, report: PutBackReport, change: AssignChange): void {
  const verdict = report.problems.length === 0 ? 'verified' : report.back.length > 0 ? 'partial' : 'failed';
  recordAssign(env, change, verdict, [...report.problems, ...report.back, ...report.skipped].join(' '));
  if (report.problems.length)
    env.messages.show({
      severity: 'warning',
      text: [...report.problems, ...report.back, ...report.skipped].join(' '),
      buttons: [showLogButton(env)],
    });
  else
    env.messages.show({
      severity: report.skipped.length ? 'warning' : 'info',
      text: [...report.back, ...report.skipped].join(' '),
    });
}

/**
 * Why Undo or Restore left numbers where they are, one sentence per reason: a number that went
 * to another application since is not taken from it without the user asking.
 */
export function skippedSentences(env: AssignEnvironment, appKey: string, skipped: readonly Skipped[]): string[] {
  const out: string[] = [];
  const name = appName(env, appKey);
  const org = orgNameOrDefault(env);
  const byApp = new Map<string, number[]>();
  for (const s of skipped)
    if (s.reason === 'elsewhere' && s.appKey) byApp.set(s.appKey, [...(byApp.get(s.appKey) ?? []), s.number]);
  for (const [other, numbers] of byApp) {
    out.push(
      numbers.length === 1
        ? l10n.t(
            '{0} was not put back on {1}: it is now on {2} in {3}, and is left there. Move it yourself if it should go back.',
            listNumbers(numbers),
            name,
            appName(env, other),
            org,
          )
        : l10n.t(
            '{0} were not put back on {1}: they are now on {2} in {3}, and are left there. Move them yourself if they should go back.',
            listNumbers(numbers),
            name,
            appName(env, other),
            org,
          ),
    );
  }
  const gone = skipped.filter((s) => s.reason === 'notRented').map((s) => s.number);
  if (gone.length === 1)
    out.push(l10n.t('{0} was not put back on {1}: it is no longer rented by {2}.', listNumbers(gone), name, org));
  if (gone.length > 1)
    out.push(l10n.t('{0} were not put back on {1}: they are no longer rented by {2}.', listNumbers(gone), name, org));
  return out;
}

/** Numbers an assign was to add that are not confirmed on the application. */
function missingOf(r: AssignResult): number[] {
  if (r.status === 'incomplete') return r.verification.missing;
  if (r.status === 'unknown') return r.verification?.ok ? [] : (r.verification?.missing ?? r.plan.adding);
  return [];
}
