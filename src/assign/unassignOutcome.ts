// What the user is told after an unassign: exactly which numbers were unassigned (also when one
// failed), anything else that disappeared from the application (with Restore), and Undo.
import { isCancellation } from '../sinch/errorText';
import { l10n } from '../platform/l10n';
import { sameApplication } from '../numbers/applicationKey';
import { formatPhoneNumber } from '../numbers/phoneFormat';
import { listNumbers } from '../numbers/wording';
import type { RentedNumber } from '../sinch/types';
import type { AssignDeps, AssignEnvironment } from './assignEnvironment';
import type { UnassignResult } from './assignmentWriter';
import { explainFailure } from './failureExplanation';
import { appName, currentOrganisation, orgNameOrDefault } from './names';
import { AssignButtons, showLogButton } from './assignButtons';
import type { Button } from '../platform/messages';
import { readAfterChanges, refreshAfterChange } from './numbersList';
import { addPutBack, emptyPutBackReport, showPutBackReport } from './putBackReport';
import { withWriteProgress } from './writeProgress';
import { recordAssign } from './assignJournal';
import type { ActivityVerdict } from '../numbers/activity';

/** The results of one unassign over its applications, read for the message. */
interface UnassignSummary {
  /** Every number the user asked to unassign. */
  everything: RentedNumber[];
  done: number[];
  failed?: { appKey: string; number: number; error: unknown };
  notAttempted: number[];
  invalid: number[];
  /** Other numbers that left an application meanwhile. */
  disappeared: { appKey: string; number: number }[];
  /** Numbers Sinch confirmed unassigning that the re-read still finds there. */
  stillThere: number[];
  /** Applications reached, and those that could not be re-read. */
  reached: string[];
  unread: string[];
}

/** The one message after an unassign; `retry` unassigns the numbers still to do. */
export function reportUnassignOutcome(
  deps: AssignDeps,
  byApp: Map<string, RentedNumber[]>,
  results: readonly UnassignResult[],
  retry: (remaining: RentedNumber[]) => Promise<void>,
): void {
  const s = summarise(byApp, results);
  if (s.failed && isCancellation(s.failed.error) && s.done.length === 0 && s.disappeared.length === 0) return; // nothing happened
  const severity = s.failed
    ? 'error'
    : s.disappeared.length || s.stillThere.length || s.unread.length
      ? 'warning'
      : 'info';
  const buttons: Button[] = [];
  if (s.failed)
    buttons.push({
      title: AssignButtons.retry,
      run: () => retry(s.everything.filter((n) => !s.done.includes(n.number))),
    });
  if (s.disappeared.length)
    buttons.push({ title: AssignButtons.restore, run: () => restoreDisappeared(deps, s.disappeared) });
  if (s.unread.length) buttons.push({ title: AssignButtons.refresh, run: () => refreshAfterChange(deps) });
  const undoNumbers = s.everything.filter((n) => s.done.includes(n.number));
  if (undoNumbers.length) {
    const change = {
      organisation: currentOrganisation(deps.env),
      left: undoNumbers.map((n) => ({ number: n.number })),
      undo: () => undoUnassign(deps, undoNumbers),
    };
    deps.lastChange.record(change);
    buttons.push({ title: AssignButtons.undo, run: deps.lastChange.undoing(change) });
  }
  if (severity !== 'info') buttons.push(showLogButton(deps.env));
  const text = outcomeSentences(deps.env, s).join(' ');
  recordAssign(
    deps.env,
    {
      operation: 'unassign',
      numbers: s.done.length > 0 ? s.done : s.everything.map((n) => n.number),
      applications: s.reached,
    },
    unassignVerdict(s),
    text,
  );
  deps.env.messages.show({ severity, text, buttons });
}

/** Failed when nothing was unassigned; partly done when some were, or one is still there; unknown when not re-read. */
function unassignVerdict(s: UnassignSummary): ActivityVerdict {
  if (s.failed) return s.done.length === 0 ? 'failed' : 'partial';
  if (s.stillThere.length > 0) return 'partial';
  return s.unread.length > 0 ? 'unknown' : 'verified';
}

function summarise(byApp: Map<string, RentedNumber[]>, results: readonly UnassignResult[]): UnassignSummary {
  const reached = results.map((r) => r.appKey);
  const failed = results.find((r) => r.failed);
  return {
    everything: [...byApp.values()].flat(),
    done: results.flatMap((r) => r.done),
    failed: failed?.failed && { appKey: failed.appKey, ...failed.failed },
    notAttempted: [
      ...results.flatMap((r) => r.notAttempted),
      ...[...byApp.entries()].filter(([k]) => !reached.includes(k)).flatMap(([, ns]) => ns.map((n) => n.number)),
    ],
    invalid: results.flatMap((r) => r.invalid),
    disappeared: results.flatMap((r) => (r.check?.disappeared ?? []).map((number) => ({ appKey: r.appKey, number }))),
    stillThere: results.flatMap((r) => (r.check ? r.check.stillThere.filter((n) => r.done.includes(n)) : [])),
    reached,
    unread: results.filter((r) => r.readError).map((r) => r.appKey),
  };
}

function outcomeSentences(env: AssignEnvironment, s: UnassignSummary): string[] {
  const parts = s.failed ? failureSentences(env, s, s.failed) : doneSentences(env, s);
  if (s.invalid.length === 1)
    parts.push(l10n.t('{0} is not a valid phone number and was not sent.', listNumbers(s.invalid)));
  if (s.invalid.length > 1)
    parts.push(l10n.t('{0} are not valid phone numbers and were not sent.', listNumbers(s.invalid)));
  // Anything else that disappeared is named, with Restore; a number that stayed is said too.
  for (const appKey of new Set(s.disappeared.map((d) => d.appKey))) {
    const numbers = s.disappeared.filter((d) => d.appKey === appKey).map((d) => d.number);
    parts.push(
      numbers.length === 1
        ? l10n.t(
            'Warning: {0} also no longer has {1}, which was not unassigned here.',
            appName(env, appKey),
            listNumbers(numbers, 20),
          )
        : l10n.t(
            'Warning: {0} also no longer has {1}, which were not unassigned here.',
            appName(env, appKey),
            listNumbers(numbers, 20),
          ),
    );
  }
  if (s.stillThere.length === 1)
    parts.push(
      l10n.t('{0} is still on the application although Sinch confirmed the unassign.', listNumbers(s.stillThere)),
    );
  if (s.stillThere.length > 1)
    parts.push(
      l10n.t('{0} are still on the application although Sinch confirmed the unassign.', listNumbers(s.stillThere)),
    );
  const unread = s.unread.map((k) => appName(env, k)).join(', ');
  if (s.unread.length === 1) parts.push(l10n.t('{0} could not be re-read to check its other numbers.', unread));
  if (s.unread.length > 1) parts.push(l10n.t('{0} could not be re-read to check their other numbers.', unread));
  return parts;
}

/** A request failed: which numbers were unassigned, which one failed and why, which were not attempted. */
function failureSentences(
  env: AssignEnvironment,
  s: UnassignSummary,
  failed: NonNullable<UnassignSummary['failed']>,
): string[] {
  const why = isCancellation(failed.error)
    ? l10n.t('cancelled.')
    : explainFailure(env, failed.error, { appKey: failed.appKey, numbers: [failed.number], verb: 'unassign' }).reason;
  return [
    s.done.length
      ? l10n.t('Unassigned {0} of {1} numbers: {2}.', s.done.length, s.everything.length, listNumbers(s.done, 20))
      : l10n.t('No number was unassigned.'),
    l10n.t('{0} failed: {1}', formatPhoneNumber(failed.number), why),
    ...(s.notAttempted.length ? [l10n.t('Not attempted: {0}.', listNumbers(s.notAttempted, 20))] : []),
  ];
}

/** A number the re-read still finds there was not unassigned, whatever Sinch answered. */
function doneSentences(env: AssignEnvironment, s: UnassignSummary): string[] {
  const gone = s.done.filter((n) => !s.stillThere.includes(n));
  const apps = s.reached.map((k) => appName(env, k)).join(', ');
  if (gone.length === 0) return [];
  return [
    gone.length === 1
      ? l10n.t('Unassigned {0} from {1}. It is still rented to {2}.', listNumbers(gone), apps, orgNameOrDefault(env))
      : l10n.t(
          'Unassigned {0} from {1}. They are still rented to {2}.',
          listNumbers(gone),
          apps,
          orgNameOrDefault(env),
        ),
  ];
}

/**
 * Undo of an unassign: the numbers go back to their applications through the safe assign,
 * except any that went to another application meanwhile (named, left where it is).
 */
async function undoUnassign(
  deps: AssignDeps,
  numbers: readonly RentedNumber[],
  operation: 'undo' | 'restore' = 'undo',
): Promise<void> {
  const report = emptyPutBackReport();
  await withWriteProgress(deps, l10n.t('Undoing the unassign'), async (ctx) => {
    try {
      for (const [key, group] of groupByApplication(numbers)) {
        addPutBack(
          report,
          deps.env,
          key,
          group.map((n) => n.number),
          await deps.writer.addBack(ctx, key, group),
        );
      }
    } finally {
      await refreshAfterChange(deps);
    }
  });
  showPutBackReport(deps, report, {
    operation,
    numbers: numbers.map((n) => n.number),
    applications: [...groupByApplication(numbers).keys()],
  });
}

/** Restore of numbers that left an application during the unassign: each goes back with its current capabilities. */
async function restoreDisappeared(
  deps: AssignDeps,
  lost: readonly { appKey: string; number: number }[],
): Promise<void> {
  const all = await readAfterChanges(deps);
  const numbers = lost.flatMap(({ appKey, number }) => {
    const n = all.find((m) => m.number === number);
    return n ? [{ ...n, applicationKey: appKey }] : [];
  });
  // One no longer rented cannot go back.
  const gone = lost.filter(({ number }) => !all.some((m) => m.number === number)).map((l) => l.number);
  const org = orgNameOrDefault(deps.env);
  if (gone.length === 1)
    deps.env.messages.show({
      severity: 'warning',
      text: l10n.t('{0} is no longer rented by {1} and cannot be restored.', listNumbers(gone), org),
    });
  if (gone.length > 1)
    deps.env.messages.show({
      severity: 'warning',
      text: l10n.t('{0} are no longer rented by {1} and cannot be restored.', listNumbers(gone), org),
    });
  if (numbers.length) await undoUnassign(deps, numbers, 'restore');
}

/** The numbers by the application they are on (keys compared normalised). */
export function groupByApplication(numbers: readonly RentedNumber[]): Map<string, RentedNumber[]> {
  const out = new Map<string, RentedNumber[]>();
  for (const n of numbers) {
    if (!n.applicationKey) continue;
    const existing = [...out.keys()].find((k) => sameApplication(k, n.applicationKey));
    const key = existing ?? n.applicationKey;
    out.set(key, [...(out.get(key) ?? []), n]);
  }
  return out;
}
