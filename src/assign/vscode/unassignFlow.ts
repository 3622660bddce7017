// "Unassign from Application": DELETE per number after a modal that names the numbers, the
// application and the organisation; then one re-read per application that names anything else
// that disappeared, with Restore. Partial failures say exactly which numbers were unassigned.
import { sameApplication } from '../assignment';
import { listNumbers } from '../../numbers/wording';
import { InputError } from '../../sinch/guards';
import type { RentedNumber } from '../../sinch/types';
import { BACK, UserCancelled } from '../../platform/prompter';
import {
  Actions, appName, describeAddBack, explainFailure, labels, loadNumbers, notify, orgName, refreshModel, safeOrg, withWriteProgress, type AssignDeps,
} from './assignContext';
import { isApiError, type SeenView, type UnassignResult } from '../assignmentWriter';
import { formatNumber, numberLines } from '../format';
import { parseInvocation } from './invocation';
import { pickNumbers } from './pickers';
import { l10n } from '../../platform/l10n';
import { referencingNote } from '../../insights/vscode/documentsReferencing';

const TITLE = l10n.t('Unassign from Application');

export async function runUnassignCommand(deps: AssignDeps, args: readonly unknown[]): Promise<void> {
  deps.services.session.current();
  const invocation = parseInvocation(args);
  const all = await loadNumbers(deps);
  const seen = deps.writer.snapshot(all);
  let numbers: RentedNumber[];
  if (invocation.nodes || invocation.values) {
    const wanted = new Set((invocation.nodes?.map((n) => n.number) ?? invocation.values)!);
    numbers = all.filter((n) => wanted.has(n.number));
    // A node whose number left the list since: act on what the node showed.
    for (const n of invocation.nodes ?? []) if (!numbers.some((m) => m.number === n.number)) numbers.push(n);
  } else {
    const app = invocation.application;
    const candidates = all.filter((n) => n.applicationKey !== undefined && (!app || sameApplication(n.applicationKey, app.key)));
    if (candidates.length === 0) {
      notify(deps, 'info', app ? l10n.t('{0} has no numbers to unassign.', appName(app.key)) : l10n.t('No number is on an application.'), {});
      return;
    }
    const picked = await pickNumbers(deps.services.prompter, {
      title: TITLE, candidates, labels: labels(),
      placeholder: l10n.t('Which numbers should be unassigned? They stay rented.'),
    });
    if (picked === undefined || picked === BACK) throw new UserCancelled();
    numbers = picked;
  }
  await unassign(deps, numbers, seen);
}

/** Unassigns numbers (from whichever applications they are on), after the confirmation. */
export async function unassign(deps: AssignDeps, numbers: readonly RentedNumber[], seen: SeenView): Promise<void> {
  const assigned = numbers.filter((n) => n.applicationKey !== undefined);
  if (assigned.length === 0) {
    throw new InputError(l10n.t('{0} {1} not on any application.', listNumbers(numbers.map((n) => n.number)), numbers.length === 1 ? 'is' : 'are'));
  }
  const byApp = groupByApplication(assigned);
  const apps = [...byApp.keys()];
  const list = assigned.map((n) => n.number);
  const go = l10n.t('Unassign');
  const answer = await deps.services.prompter.message(
    'warning',
    l10n.t('Unassign {0} from {1} in {2}?', listNumbers(list, 3), apps.map(appName).join(', '), orgName(deps)),
    {
      modal: true,
      detail: (list.length > 3 ? `${numberLines(list)}\n\n` : '') + l10n.t('{0} stay rented to {1}, but calls and messages to {2} no longer reach the application. No other number is touched.',
        list.length === 1 ? 'It will' : 'They will', orgName(deps), list.length === 1 ? 'it' : 'them') + referencingNote(list),
    },
    go,
  );
  if (answer !== go) throw new UserCancelled();

  const results: UnassignResult[] = [];
  try {
    await withWriteProgress(deps, l10n.t('Unassigning'), async (ctx) => {
      try {
        for (const [key, group] of byApp) {
          const r = await deps.writer.unassign(ctx, key, group, seen);
          results.push(r);
          if (r.failed) break;
        }
      } finally {
        await refreshModel(deps);
      }
    });
  } finally {
    // Even when something threw, whatever was done gets reported.
    if (results.length > 0) report(deps, byApp, results);
  }
}

function report(deps: AssignDeps, byApp: Map<string, RentedNumber[]>, results: UnassignResult[]): void {
  const done = results.flatMap((r) => r.done);
  const failed = results.find((r) => r.failed);
  const reached = new Set(results.map((r) => r.appKey));
  const notAttempted = [
    ...results.flatMap((r) => r.notAttempted),
    ...[...byApp.entries()].filter(([k]) => !reached.has(k)).flatMap(([, ns]) => ns.map((n) => n.number)),
  ];
  const invalid = results.flatMap((r) => r.invalid);
  const everything = [...byApp.values()].flat();
  const undoNumbers = everything.filter((n) => done.includes(n.number));
  const disappeared = results.filter((r) => r.check && r.check.disappeared.length > 0);
  const stillThere = results.flatMap((r) => (r.check ? r.check.stillThere.filter((n) => r.done.includes(n)) : []));
  const unread = results.filter((r) => r.readError);

  const cancelled = !!failed?.failed && isApiError(failed.failed.error) && failed.failed.error.kind === 'cancelled';
  if (cancelled && done.length === 0 && disappeared.length === 0) return; // nothing happened
  let severity: 'info' | 'warning' | 'error' = 'info';
  const parts: string[] = [];
  const handlers: Partial<Record<string, () => unknown>> = {};
  if (failed?.failed) {
    severity = 'error';
    const why = cancelled
      ? l10n.t('cancelled.')
      : explainFailure(deps, failed.failed.error, { appKey: failed.appKey, numbers: [failed.failed.number], verb: 'unassign' }).text.replace(` ${l10n.t('Nothing was changed.')}`, '');
    parts.push(done.length
      ? l10n.t('Unassigned {0} of {1} numbers: {2}.', done.length, everything.length, listNumbers(done, 20))
      : l10n.t('No number was unassigned.'));
    parts.push(l10n.t('{0} failed: {1}', formatNumber(failed.failed.number), why));
    if (notAttempted.length) parts.push(l10n.t('Not attempted: {0}.', listNumbers(notAttempted, 20)));
    const remaining = everything.filter((n) => !done.includes(n.number));
    handlers[Actions.retry] = async () => unassign(deps, remaining, deps.writer.snapshot(await loadNumbers(deps)));
  } else if (done.some((n) => !stillThere.includes(n))) { // a number the re-read still finds there was not unassigned, whatever Sinch answered
    parts.push(l10n.t('Unassigned {0} from {1}. {2} still rented to {3}.', listNumbers(done.filter((n) => !stillThere.includes(n))), results.map((r) => appName(r.appKey)).join(', '), done.length - stillThere.length === 1 ? 'It is' : 'They are', safeOrg(deps)));
  }
  if (invalid.length) parts.push(l10n.t('{0} is not a valid phone number and was not sent.', listNumbers(invalid)));
  // Anything else that disappeared is named, with Restore; a number that stayed is said too.
  for (const r of disappeared) {
    parts.push(l10n.t('Warning: {0} also no longer has {1}, which was not unassigned here.', appName(r.appKey), listNumbers(r.check!.disappeared, 20)));
  }
  if (disappeared.length) {
    const lost = disappeared.flatMap((r) => r.check!.disappeared.map((n) => ({ appKey: r.appKey, number: n })));
    handlers[Actions.restore] = () => restoreLost(deps, lost);
  }
  if (stillThere.length) {
    parts.push(l10n.t('{0} {1} still on the application although Sinch confirmed the unassign.', listNumbers(stillThere), stillThere.length === 1 ? 'is' : 'are'));
  }
  if (unread.length) {
    parts.push(l10n.t('{0} could not be re-read to check its other numbers.', unread.map((r) => appName(r.appKey)).join(', ')));
    handlers[Actions.refresh] = () => refreshModel(deps);
  }
  if (severity === 'info' && (disappeared.length || stillThere.length || unread.length)) severity = 'warning';
  if (undoNumbers.length) handlers[Actions.undo] = () => addBack(deps, undoNumbers);
  if (severity !== 'info') handlers[Actions.showLog] = () => deps.services.log.show();
  notify(deps, severity, parts.join(' '), handlers);
}

/**
 * Undo of an unassign: the numbers go back to their applications through the safe assign,
 * except any that went to another application meanwhile (named, left where it is).
 */
async function addBack(deps: AssignDeps, numbers: readonly RentedNumber[]): Promise<void> {
  const byApp = groupByApplication(numbers);
  const problems: string[] = [];
  const back: string[] = [];
  const skipped: string[] = [];
  await withWriteProgress(deps, l10n.t('Undoing the unassign'), async (ctx) => {
    try {
      for (const [key, group] of byApp) {
        const said = describeAddBack(deps, key, group.map((n) => n.number), await deps.writer.addBack(ctx, key, group));
        back.push(...said.back);
        problems.push(...said.problems);
        skipped.push(...said.skipped);
      }
    } finally {
      await refreshModel(deps);
    }
  });
  if (problems.length) notify(deps, 'warning', [...problems, ...back, ...skipped].join(' '), { [Actions.showLog]: () => deps.services.log.show() });
  else notify(deps, skipped.length ? 'warning' : 'info', [...back, ...skipped].join(' '), {});
}

async function restoreLost(deps: AssignDeps, lost: { appKey: string; number: number }[]): Promise<void> {
  const all = await deps.writer.refreshed(() => deps.model.refresh({ fresh: true }));
  // Each goes back with its current capabilities; one no longer rented cannot go back.
  const numbers = lost.flatMap(({ appKey, number }) => {
    const n = all.find((m) => m.number === number);
    return n ? [{ ...n, applicationKey: appKey }] : [];
  });
  const gone = lost.filter(({ number }) => !all.some((m) => m.number === number)).map((l) => l.number);
  if (gone.length) notify(deps, 'warning', l10n.t('{0} is no longer rented by {1} and cannot be restored.', listNumbers(gone), safeOrg(deps)), {});
  if (numbers.length) await addBack(deps, numbers);
}

function groupByApplication(numbers: readonly RentedNumber[]): Map<string, RentedNumber[]> {
  const out = new Map<string, RentedNumber[]>();
  for (const n of numbers) {
    if (!n.applicationKey) continue;
    const existing = [...out.keys()].find((k) => sameApplication(k, n.applicationKey));
    const key = existing ?? n.applicationKey;
    out.set(key, [...(out.get(key) ?? []), n]);
  }
  return out;
}
