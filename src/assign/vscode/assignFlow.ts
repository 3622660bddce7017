// "Assign to Application…" and "Move to Application…": which numbers, which application,
// which capability; then the safe write (assignmentWriter.ts), the result, and Undo.
import { partitionSelection, planMove, sameApplication, type SetChange } from '../assignment';
import { capabilityLabel, listNumbers } from '../../numbers/wording';
import { InputError } from '../../sinch/guards';
import type { Capability, RentedNumber } from '../../sinch/types';
import { enterApplicationKey } from '../../numbers/vscode/enterApplicationKey';
import { BACK, UserCancelled } from '../../platform/prompter';
import {
  Actions, addedApplications, appName, explainFailure, labels, loadNumbers, notify, orgName, refreshModel, standardHandlers, withWriteProgress, type AssignDeps,
} from './assignContext';
import { AssignmentFailed, ChangeDeclined, isApiError, KeptChanging, UnsafeToWrite, type AssignResult, type SeenView, type SourceCheck } from '../assignmentWriter';
import { landedNumbers, report, type Job, type Target } from './assignReport';
import { formatNumber, numberLines } from '../format';
import { parseInvocation } from './invocation';
import { capabilityChoice, pickApplication, pickCapability, pickNumbers } from './pickers';
import { l10n } from '../../platform/l10n';
import { referencingNote } from '../../insights/vscode/documentsReferencing';

export type AssignMode = 'assign' | 'move';

export type { Target } from './assignReport';

const TITLES: Record<AssignMode, string> = {
  assign: l10n.t('Assign to Application'),
  move: l10n.t('Move to Application'),
};

/** The command: menu (clicked, selected[]), `{ numbers }`, an application node, or the palette. */
export async function runAssignCommand(deps: AssignDeps, mode: AssignMode, args: readonly unknown[]): Promise<void> {
  deps.services.session.current(); // signed out: the wrapper says so and offers Sign In
  const invocation = parseInvocation(args);
  let all = await loadNumbers(deps);
  let fixed: RentedNumber[] | undefined;
  if (invocation.nodes) fixed = fresh(invocation.nodes, all);
  else if (invocation.values) ({ numbers: fixed, all } = await lookUp(deps, invocation.values, all));
  const seen = deps.writer.snapshot(all);
  const title = TITLES[mode];
  const target = invocation.application;

  const candidates = fixed ? [] : candidatesFor(mode, all, target);
  if (!fixed && candidates.length === 0) {
    const text = mode === 'move' || target
      ? l10n.t('There are no numbers on applications to move.')
      : l10n.t('There are no unassigned numbers. To move a number from one application to another, use Move to Application….');
    notify(deps, 'info', target && mode === 'assign' ? l10n.t('Every number is already on {0}.', appName(target.key)) : text, {});
    return;
  }

  let numbers = fixed;
  let app: Target | undefined = target;
  let capability: Capability | undefined;
  const steps = () => (fixed ? 0 : 1) + (target ? 0 : 1) + (capabilityChoice(numbers ?? candidates) === 'ask' ? 1 : 0);
  // A small state machine so Back goes to the previous question.
  let stage: 'numbers' | 'application' | 'capability' = fixed ? 'application' : 'numbers';
  for (;;) {
    if (stage === 'numbers') {
      const placeholder = mode === 'move'
        ? l10n.t('Which numbers should move?')
        : target ? l10n.t('Which numbers should be assigned to {0}?', appName(target.key)) : l10n.t('Which numbers should be assigned?');
      const picked = await pickNumbers(deps.services.prompter, { title, ...stepOf(1, steps()), candidates, labels: labels(), placeholder });
      if (picked === undefined) throw new UserCancelled();
      if (picked === BACK) continue;
      numbers = picked;
      stage = 'application';
    } else if (stage === 'application') {
      if (!target) {
        const picked = await pickApplication(deps.services.prompter, {
          title, ...stepOf(fixed ? 1 : 2, steps()), numbers: all, labels: labels(), added: addedApplications(deps), exclude: soleApplication(numbers!),
          placeholder: l10n.t('Assign {0} to which application?', listNumbers(numbers!.map((n) => n.number), 3)),
        });
        if (picked === undefined) throw new UserCancelled();
        if (picked === BACK) { stage = 'numbers'; continue; }
        app = picked;
      }
      stage = 'capability';
    } else {
      const choice = capabilityChoice(numbers!);
      if (choice === 'none') throw new InputError(l10n.t('{0} can take neither SMS nor voice, so it cannot be assigned.', listNumbers(numbers!.map((n) => n.number))));
      if (choice !== 'ask') { capability = choice; break; }
      const picked = await pickCapability(deps.services.prompter, { title, ...stepOf(steps(), steps()), numbers: numbers! });
      if (picked === undefined) throw new UserCancelled();
      if (picked === BACK) {
        if (target && fixed) continue;
        stage = target ? 'numbers' : 'application';
        continue;
      }
      capability = picked;
      break;
    }
  }
  await assignTo(deps, { numbers: numbers!, app: app!, capability, seen, title });
}

/**
 * Assigns (or moves) `numbers` to `app` through the safe path: the capability question when
 * needed, the notice about numbers that lack it, the confirmation of a move, then the write.
 * Drag and drop comes in here too.
 */
export async function assignTo(
  deps: AssignDeps,
  job: { numbers: readonly RentedNumber[]; app: Target; capability?: Capability; seen: SeenView; title?: string },
): Promise<void> {
  const title = job.title ?? TITLES[job.numbers.some((n) => n.applicationKey && !sameApplication(n.applicationKey, job.app.key)) ? 'move' : 'assign'];
  let capability = job.capability;
  if (!capability) {
    const choice = capabilityChoice(job.numbers);
    if (choice === 'none') throw new InputError(l10n.t('{0} can take neither SMS nor voice, so it cannot be assigned.', listNumbers(job.numbers.map((n) => n.number))));
    if (choice === 'ask') {
      const picked = await pickCapability(deps.services.prompter, { title, numbers: job.numbers });
      if (picked === undefined || picked === BACK) throw new UserCancelled();
      capability = picked;
    } else capability = choice;
  }

  const { eligible, lacking, invalid } = partitionSelection(job.numbers, capability);
  if (lacking.length > 0 || invalid.length > 0) {
    const skipped = [...lacking, ...invalid].map((n) => n.number);
    const why = [
      lacking.length ? l10n.t('{0} cannot take {1}.', listNumbers(lacking.map((n) => n.number)), capabilityLabel(capability)) : '',
      invalid.length ? l10n.t('{0} is not a valid phone number and is never sent back to Sinch.', listNumbers(invalid.map((n) => n.number))) : '',
    ].filter(Boolean).join(' ');
    if (eligible.length === 0) throw new InputError(`${why} ${l10n.t('Nothing was changed.')}`);
    const go = l10n.t('Assign the Other {0}', eligible.length);
    const answer = await deps.services.prompter.message('warning', l10n.t('{0} of these numbers will not be assigned.', skipped.length), { modal: true, detail: why }, go);
    if (answer !== go) throw new UserCancelled();
  }

  // Taking numbers off another application changes assignments: confirm, naming the organisation.
  const moves = planMove(eligible, job.app.key);
  if (moves.size > 0) {
    const moving = [...moves.values()].flat().map((n) => n.number);
    const from = [...moves.keys()].map(appName).join(', ');
    const go = l10n.t('Move');
    const answer = await deps.services.prompter.message(
      'warning',
      l10n.t('Move {0} from {1} to {2} in {3}?', listNumbers(moving, 3), from, appName(job.app.key), orgName(deps)),
      {
        modal: true,
        detail: [
          moving.length > 3 ? `${numberLines(moving)}\n\n` : '',
          l10n.t('Calls and messages to {0} will reach {1} instead. Both applications keep their other numbers.', moving.length === 1 ? 'this number' : 'these numbers', appName(job.app.key)),
          referencingNote(moving),
        ].join(''),
      },
      go,
    );
    if (answer !== go) throw new UserCancelled();
  }
  await execute(deps, { app: job.app, capability, numbers: eligible, seen: job.seen, title, moves });
}

async function execute(deps: AssignDeps, job: Job): Promise<void> {
  const { writer } = deps;
  const name = appName(job.app.key);
  let outcome: { result: AssignResult; sources: SourceCheck[] };
  try {
    outcome = await withWriteProgress(deps, job.moves.size ? l10n.t('Moving to {0}', name) : l10n.t('Assigning to {0}', name), async (ctx) => {
      const result = await writer.assign(ctx, {
        appKey: job.app.key,
        capability: job.capability,
        numbers: job.numbers,
        seen: job.seen,
        confirmChange: (change) => confirmChange(deps, job, change),
      });
      if (result.status === 'unchanged') return { result, sources: [] };
      await refreshModel(deps);
      const sources: SourceCheck[] = [];
      const landed = landedNumbers(result);
      for (const [from, numbers] of job.moves) {
        const moved = numbers.map((n) => n.number).filter((n) => landed.has(n));
        if (moved.length > 0) sources.push(await writer.checkSource(ctx, from, job.seen, moved));
      }
      return { result, sources };
    });
  } catch (error) {
    if (error instanceof ChangeDeclined) return; // the user said no: nothing to add
    if (error instanceof KeptChanging) {
      // The user said yes every time: never end in silence.
      notify(deps, 'warning', l10n.t('The application\'s numbers kept changing while you confirmed; nothing was written. Try again.'), { [Actions.retry]: () => retry(deps, job) });
      return;
    }
    if (error instanceof UnsafeToWrite) {
      throw new InputError(l10n.t('{0} holds {1}, which is not a valid phone number; writing its {2} numbers would drop it, so nothing was changed.', name, error.blocked.join(', '), capabilityLabel(error.capability)));
    }
    if (error instanceof AssignmentFailed) {
      // Cancelled before anything was sent: nothing happened, nothing to say.
      if (isApiError(error.error) && error.error.kind === 'cancelled') return;
      const { text, actions } = explainFailure(deps, error.error, { appKey: job.app.key, capability: job.capability, numbers: job.numbers.map((n) => n.number), verb: job.moves.size ? 'move' : 'assign' });
      const handlers = standardHandlers(deps, actions, () => retry(deps, job));
      if (actions.includes(Actions.editKey)) handlers[Actions.editKey] = () => editKey(deps, job);
      notify(deps, 'error', text, handlers);
      return;
    }
    throw error;
  }
  report(deps, job, outcome.result, outcome.sources, () => retry(deps, job));
}

/** The set changed behind the user's back: refresh, show the difference, ask before writing. */
async function confirmChange(deps: AssignDeps, job: Job, change: SetChange): Promise<boolean> {
  await refreshModel(deps);
  const cap = capabilityLabel(job.capability);
  const lines: string[] = [];
  if (change.appeared.length) lines.push(l10n.t('Now also on it:'), numberLines(change.appeared));
  if (change.disappeared.length) lines.push(l10n.t('No longer on it:'), numberLines(change.disappeared));
  lines.push('', l10n.t('The list has been refreshed. Going on adds {0} and keeps every number the application has now.', listNumbers(job.numbers.map((n) => n.number), 3)));
  const go = job.moves.size ? l10n.t('Move') : l10n.t('Assign');
  const answer = await deps.services.prompter.message(
    'warning',
    l10n.t('The {0} numbers of {1} in {2} changed since you looked.', cap, appName(job.app.key), orgName(deps)),
    { modal: true, detail: lines.join('\n') },
    go,
  );
  return answer === go;
}

async function retry(deps: AssignDeps, job: Job): Promise<void> {
  // The user has seen the refreshed list by now: compare against it.
  const all = await loadNumbers(deps);
  await assignTo(deps, { numbers: fresh(job.numbers, all), app: job.app, capability: job.capability, seen: deps.writer.snapshot(all), title: job.title });
}

/** 40400: re-enter the key and run the same assignment again. */
async function editKey(deps: AssignDeps, job: Job): Promise<void> {
  const key = await enterApplicationKey(deps.services.prompter, { title: job.title, value: job.app.key });
  if (key === undefined || key === BACK) return;
  const all = await loadNumbers(deps);
  await assignTo(deps, { numbers: fresh(job.numbers, all), app: { key }, capability: job.capability, seen: deps.writer.snapshot(all), title: job.title });
}

/** A one-question flow shows no "1/1". */
function stepOf(step: number, totalSteps: number): { step?: number; totalSteps?: number } {
  return totalSteps > 1 ? { step, totalSteps } : {};
}

function candidatesFor(mode: AssignMode, all: readonly RentedNumber[], target: Target | undefined): RentedNumber[] {
  if (mode === 'move') return all.filter((n) => n.applicationKey !== undefined && !sameApplication(n.applicationKey, target?.key));
  if (target) {
    // Onto a given application: unassigned numbers first, then the ones on other applications (a move).
    const others = all.filter((n) => !sameApplication(n.applicationKey, target.key));
    return [...others.filter((n) => !n.applicationKey), ...others.filter((n) => n.applicationKey)];
  }
  return all.filter((n) => !n.applicationKey);
}

/** The model's current copy of each number (the node may hold an older one). */
function fresh(numbers: readonly RentedNumber[], all: readonly RentedNumber[]): RentedNumber[] {
  const byNumber = new Map(all.map((n) => [n.number, n]));
  return numbers.map((n) => byNumber.get(n.number) ?? n);
}

/** Numbers given as values (after a checkout): looked up in the list, refreshed once if new. */
async function lookUp(deps: AssignDeps, values: readonly number[], all: readonly RentedNumber[]): Promise<{ numbers: RentedNumber[]; all: readonly RentedNumber[] }> {
  const find = (list: readonly RentedNumber[]) => values.map((v) => list.find((n) => n.number === v));
  let found = find(all);
  if (found.some((n) => !n)) {
    all = await deps.writer.refreshed(() => deps.model.refresh({ fresh: true }));
    found = find(all);
  }
  const missing = values.filter((_, i) => !found[i]);
  if (missing.length > 0) throw new InputError(l10n.t('{0} is not among the numbers of {1}.', missing.map(formatNumber).join(', '), orgName(deps)));
  if (values.length === 0) throw new InputError(l10n.t('No numbers were given to assign.'));
  return { numbers: found as RentedNumber[], all };
}

/** When every number is on one application, that application is not offered as the target. */
function soleApplication(numbers: readonly RentedNumber[]): string | undefined {
  const keys = new Set(numbers.map((n) => n.applicationKey?.toLowerCase()));
  const [only] = [...keys];
  return keys.size === 1 ? only : undefined;
}
