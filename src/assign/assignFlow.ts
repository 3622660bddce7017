// "Assign to Application…" and "Move to Application…": the numbers, the application and the
// capability (assignQuestions.ts), the confirmations, then the safe write (assignmentWriter.ts),
// the result and Undo (assignOutcome.ts). Drag and drop onto an application comes in here too.
import { l10n } from '../platform/l10n';
import { BACK } from '../platform/prompter';
import { errorSummary, UserCancelled, InputError } from '../platform/errors';
import { isCancellation } from '../sinch/errorText';
import { normaliseKey, sameApplication } from '../numbers/applicationKey';
import { enterApplicationKey } from '../numbers/enterApplicationKey';
import { listNumbers } from '../numbers/wording';
import { formatPhoneNumber } from '../numbers/phoneFormat';
import type { Capability, RentedNumber } from '../sinch/types';
import { partitionSelection, planMove, type SetChange } from './assignment';
import type { AssignDeps, Invocation, Target } from './assignEnvironment';
import {
  AssignmentFailed,
  ChangeDeclined,
  KeptChanging,
  UnsafeToWrite,
  type AssignResult,
  type SeenView,
  type SourceCheck,
  type WriteContext,
} from './assignmentWriter';
import { placeNumbers, type Unexpected } from './placement';
import { changeOf, landedNumbers, reportAssignOutcome, type AssignJob } from './assignOutcome';
import { recordAssign } from './assignJournal';
import { askAssignQuestions, assignTitle, candidatesFor, type AssignMode } from './assignQuestions';
import { explainFailure } from './failureExplanation';
import { appName, applicationKeyLines, orgName, referencingNote } from './names';
import { AssignButtons } from './assignButtons';
import type { Button } from '../platform/messages';
import { numberLines } from './numberLines';
import { currentCopies, loadNumbers, readAfterChanges, refreshAfterChange } from './numbersList';
import { capabilityChoice, pickCapability } from './pickers';
import { withWriteProgress } from './writeProgress';
import { capabilityLabel } from '../numbers/capabilities';

/** The command: numbers from the tree or `{ numbers }`, an application node, or nothing (palette). */
export async function runAssignCommand(deps: AssignDeps, mode: AssignMode, invocation: Invocation): Promise<void> {
  const { organisationId } = deps.env.session.current(); // signed out: the wrapper says so and offers Sign In
  let all = await loadNumbers(deps);
  let given: RentedNumber[] | undefined;
  if (invocation.nodes) given = currentCopies(invocation.nodes, all);
  else if (invocation.values) ({ numbers: given, all } = await lookUp(deps, invocation.values, all));
  const seen = deps.writer.snapshot(all);
  const target = invocation.application;
  const candidates = given ? [] : candidatesFor(mode, all, target);
  if (!given && candidates.length === 0) {
    deps.env.messages.show({ severity: 'info', text: nothingToAssign(deps, mode, target) });
    return;
  }
  const choice = await askAssignQuestions(
    deps,
    { mode, organisationId, all, candidates },
    { numbers: given, app: target },
  );
  await assignTo(deps, { ...choice, seen, title: assignTitle(mode) });
}

/** Numbers dropped on an application: those not on it already are assigned (or moved) there. */
export async function dropOnApplication(deps: AssignDeps, values: readonly number[], app: Target): Promise<void> {
  deps.env.session.current();
  const all = await loadNumbers(deps);
  const seen = deps.writer.snapshot(all);
  const numbers = all.filter((n) => values.includes(n.number) && !sameApplication(n.applicationKey, app.key));
  if (numbers.length === 0) return; // dropped where they already are
  await assignTo(deps, { numbers, app, seen });
}

function nothingToAssign({ env }: AssignDeps, mode: AssignMode, target: Target | undefined): string {
  if (target && mode === 'assign') return l10n.t('Every number is already on {0}.', appName(env, target.key));
  if (mode === 'move' || target) return l10n.t('There are no numbers on applications to move.');
  return l10n.t(
    'There are no unassigned numbers. To move a number from one application to another, use Move to Application….',
  );
}

/**
 * Assigns (or moves) `numbers` to `app` through the safe path: the capability question when
 * needed, the notice about numbers that lack it, then (serialised per number) where each number
 * is now, the confirmation of any move, and the write.
 */
export async function assignTo(
  deps: AssignDeps,
  job: { numbers: readonly RentedNumber[]; app: Target; capability?: Capability; seen: SeenView; title?: string },
): Promise<void> {
  const isMove = job.numbers.some((n) => n.applicationKey && !sameApplication(n.applicationKey, job.app.key));
  const title = job.title ?? assignTitle(isMove ? 'move' : 'assign');
  const capability = job.capability ?? (await askCapability(deps, job.numbers, title));
  const numbers = await confirmLeftOut(deps, job.numbers, capability);
  // The moves as the user saw them; where the numbers really are is read right before the write.
  await execute(deps, {
    app: job.app,
    capability,
    numbers,
    seen: job.seen,
    title,
    moves: planMove(numbers, job.app.key),
  });
}

async function askCapability(deps: AssignDeps, numbers: readonly RentedNumber[], title: string): Promise<Capability> {
  const choice = capabilityChoice(numbers);
  if (choice === 'none') {
    const list = listNumbers(numbers.map((n) => n.number));
    throw new InputError(
      numbers.length === 1
        ? l10n.t('{0} can take neither SMS nor voice, so it cannot be assigned.', list)
        : l10n.t('{0} can take neither SMS nor voice, so they cannot be assigned.', list),
    );
  }
  if (choice !== 'ask') return choice;
  const picked = await pickCapability(deps.env.prompter, { title, numbers });
  if (picked === undefined || picked === BACK) throw new UserCancelled();
  return picked;
}

/** Numbers that lack the capability, or are not valid, are named before anything is written; resolves the others. */
async function confirmLeftOut(
  deps: AssignDeps,
  numbers: readonly RentedNumber[],
  capability: Capability,
): Promise<RentedNumber[]> {
  const { eligible, lacking, invalid } = partitionSelection(numbers, capability);
  if (lacking.length === 0 && invalid.length === 0) return eligible;
  const invalidList = listNumbers(invalid.map((n) => n.number));
  const why = [
    lacking.length
      ? l10n.t('{0} cannot take {1}.', listNumbers(lacking.map((n) => n.number)), capabilityLabel(capability))
      : '',
    invalid.length === 1 ? l10n.t('{0} is not a valid phone number and is never sent back to Sinch.', invalidList) : '',
    invalid.length > 1 ? l10n.t('{0} are not valid phone numbers and are never sent back to Sinch.', invalidList) : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (eligible.length === 0) throw new InputError(`${why} ${l10n.t('Nothing was changed.')}`);
  const go = l10n.t('Assign the Other {0}', eligible.length);
  const text = l10n.t('{0} of these numbers will not be assigned.', lacking.length + invalid.length);
  if ((await deps.env.prompter.message('warning', text, { modal: true, detail: why }, go)) !== go)
    throw new UserCancelled();
  return eligible;
}

/** Taking numbers off another application changes assignments: confirm, naming each application and the organisation. */
async function confirmMove(
  { env }: AssignDeps,
  moves: Map<string, RentedNumber[]>,
  app: Target,
  unexpected: readonly Unexpected[] = [],
): Promise<void> {
  const moving = [...moves.values()].flat().map((n) => n.number);
  const from = [...moves.keys()].map((k) => appName(env, k)).join(', ');
  const to = appName(env, app.key);
  const go = l10n.t('Move');
  // A number the view showed elsewhere (or unassigned): say where it really is, so the user is never surprised.
  const found = unexpected.map((u) =>
    u.seen === undefined
      ? l10n.t(
          'The Numbers view showed {0} as unassigned; it is on {1} now.',
          formatPhoneNumber(u.number),
          appName(env, u.now),
        )
      : l10n.t(
          'The Numbers view showed {0} on {1}; it is on {2} now.',
          formatPhoneNumber(u.number),
          appName(env, u.seen),
          appName(env, u.now),
        ),
  );
  const detail =
    (found.length > 0 ? `${found.join('\n')}\n\n` : '') +
    (moving.length > 3 ? `${numberLines(moving)}\n\n` : '') +
    (moving.length === 1
      ? l10n.t(
          'Calls and messages to this number will reach {0} instead. Both applications keep their other numbers.',
          to,
        )
      : l10n.t(
          'Calls and messages to these numbers will reach {0} instead. Both applications keep their other numbers.',
          to,
        )) +
    referencingNote(env, moving) +
    `\n\n${applicationKeyLines(env, [...moves.keys(), app.key])}`;
  const text = l10n.t('Move {0} from {1} to {2} in {3}?', listNumbers(moving, 3), from, to, orgName(env));
  if ((await env.prompter.message('warning', text, { modal: true, detail }, go)) !== go) throw new UserCancelled();
}

async function execute(deps: AssignDeps, job: AssignJob): Promise<void> {
  let outcome: { job: AssignJob; result: AssignResult; sources: SourceCheck[] };
  try {
    outcome = await write(deps, job);
  } catch (error) {
    showWriteFailure(deps, job, error);
    return;
  }
  reportAssignOutcome(deps, outcome.job, outcome.result, outcome.sources, () => assignAgain(deps, outcome.job));
}

/**
 * Per number: where each number is now and the Move confirmation, the write, the refresh of the
 * list, and after a move the check that each former application kept its others. A write whose
 * answer was lost and did not land is never resent as it was: the numbers are placed again, the
 * application re-read and re-merged, the same confirmations asked, then it is written once more.
 */
function write(
  deps: AssignDeps,
  job: AssignJob,
): Promise<{ job: AssignJob; result: AssignResult; sources: SourceCheck[] }> {
  const name = appName(deps.env, job.app.key);
  return withWriteProgress(
    deps,
    job.moves.size ? l10n.t('Moving to {0}', name) : l10n.t('Assigning to {0}', name),
    (ctx) =>
      deps.writer.byNumbers(
        ctx,
        job.numbers.map((n) => n.number),
        async () => {
          const confirmed = new Set<string>();
          let placed = await placeForWrite(deps, ctx, job, confirmed);
          let result = await writeOnce(deps, ctx, placed);
          if (result.status === 'unknown' && result.after && !landedAll(result)) {
            deps.env.log.warn(
              `Assigning to ${job.app.key} got no answer and the application does not hold the numbers: placing, re-reading and writing once more.`,
            );
            const first = result;
            try {
              placed = await placeForWrite(deps, ctx, placed, confirmed);
              result = await writeOnce(deps, ctx, placed);
            } catch (error) {
              // Part of the lost write landed: the user hears what did (with Undo), not only the failure.
              if (!landedSome(first)) throw error;
              deps.env.log.warn(
                `Assigning to ${job.app.key}: the second write did not happen (${errorSummary(error)}); reporting what the first one did.`,
              );
              result = first;
            }
          }
          if (result.status === 'unchanged') return { job: placed, result, sources: [] };
          await refreshAfterChange(deps);
          const sources: SourceCheck[] = [];
          const landed = landedNumbers(result);
          for (const [from, numbers] of placed.moves) {
            const moved = numbers.map((n) => n.number).filter((n) => landed.has(n));
            if (moved.length > 0) sources.push(await deps.writer.checkSource(ctx, from, job.seen, moved));
          }
          return { job: placed, result, sources };
        },
      ),
  );
}

/**
 * Where every number is now (one read of the organisation's numbers, which also refreshes the
 * view), then the Move confirmation for any that would leave an application and was not
 * confirmed yet. Resolves the job with the numbers' current copies and the real moves.
 */
async function placeForWrite(
  deps: AssignDeps,
  ctx: WriteContext,
  job: AssignJob,
  confirmed: Set<string>,
): Promise<AssignJob> {
  ctx.report?.('locating');
  let all: readonly RentedNumber[];
  try {
    all = await readAfterChanges(deps);
  } catch (error) {
    deps.env.session.noteError(error);
    throw new AssignmentFailed('read', error, job.app.key);
  }
  const placement = placeNumbers(job.numbers, all, job.app.key);
  if (placement.gone.length > 0) {
    const list = listNumbers(placement.gone);
    throw new InputError(
      placement.gone.length === 1
        ? l10n.t('{0} is no longer among the numbers of {1}, so nothing was changed.', list, orgName(deps.env))
        : l10n.t('{0} are no longer among the numbers of {1}, so nothing was changed.', list, orgName(deps.env)),
    );
  }
  const moves = planMove(placement.numbers, job.app.key);
  const key = (n: number, from: string) => `${n}@${normaliseKey(from)}`;
  if ([...moves].some(([from, ns]) => ns.some((n) => !confirmed.has(key(n.number, from))))) {
    await confirmMove(deps, moves, job.app, placement.unexpected);
    for (const [from, ns] of moves) for (const n of ns) confirmed.add(key(n.number, from));
  }
  return { ...job, numbers: placement.numbers, moves };
}

function writeOnce(deps: AssignDeps, ctx: WriteContext, job: AssignJob): Promise<AssignResult> {
  return deps.writer.assign(ctx, {
    appKey: job.app.key,
    capability: job.capability,
    numbers: job.numbers,
    seen: job.seen,
    // A move changes its sources too: an assign to one of them must not interleave (it could put a number back).
    alsoHold: [...job.moves.keys()],
    confirmChange: (change) => confirmChange(deps, job, change),
  });
}

/** Every number the write was to add is on the application, as far as the re-read shows. */
/** Some of the numbers to add are on the application (a lost write that partly landed). */
function landedSome(result: AssignResult): boolean {
  const landed = landedNumbers(result);
  return result.status !== 'unchanged' && result.plan.adding.some((n) => landed.has(n));
}

function landedAll(result: AssignResult): boolean {
  const landed = landedNumbers(result);
  return result.status === 'unchanged' || result.plan.adding.every((n) => landed.has(n));
}

/** A write that did not happen: said with its way forward (or thrown, for the command's wrapper); the user's no or cancel stays silent. */
function showWriteFailure(deps: AssignDeps, job: AssignJob, error: unknown): void {
  if (error instanceof ChangeDeclined) return;
  if (error instanceof KeptChanging) {
    // The user said yes every time: never end in silence.
    deps.env.messages.show({
      severity: 'warning',
      text: error.message,
      buttons: [{ title: AssignButtons.retry, run: () => assignAgain(deps, job) }],
    });
    return;
  }
  if (error instanceof UnsafeToWrite) {
    const name = appName(deps.env, job.app.key);
    const cap = capabilityLabel(error.capability);
    throw new InputError(
      error.blocked.length === 1
        ? l10n.t(
            '{0} holds {1}, which is not a valid phone number; writing its {2} numbers would drop it, so nothing was changed.',
            name,
            error.blocked.join(', '),
            cap,
          )
        : l10n.t(
            '{0} holds {1}, which are not valid phone numbers; writing its {2} numbers would drop them, so nothing was changed.',
            name,
            error.blocked.join(', '),
            cap,
          ),
    );
  }
  if (!(error instanceof AssignmentFailed)) throw error;
  if (isCancellation(error.error)) return; // cancelled before anything was sent: nothing happened
  const { text, followUps, editKey } = explainFailure(deps.env, error.error, {
    appKey: job.app.key,
    capability: job.capability,
    numbers: job.numbers.map((n) => n.number),
    verb: job.moves.size ? 'move' : 'assign',
  });
  const buttons: Button[] = editKey ? [{ title: AssignButtons.editKey, run: () => editKeyAndAssign(deps, job) }] : [];
  // Only a write reached Sinch and was refused; a failed read changed nothing.
  if (error.stage === 'write')
    recordAssign(
      deps.env,
      changeOf(
        job,
        job.numbers.map((n) => n.number),
      ),
      'failed',
      text,
    );
  deps.env.messages.show({
    severity: 'error',
    text,
    buttons: [...buttons, ...deps.env.messages.followUps(followUps, () => assignAgain(deps, job), error.error)],
  });
}

/** The set changed behind the user's back: refresh, show the difference, ask before writing. */
async function confirmChange(deps: AssignDeps, job: AssignJob, change: SetChange): Promise<boolean> {
  await refreshAfterChange(deps);
  const lines: string[] = [];
  if (change.appeared.length) lines.push(l10n.t('Now also on it:'), numberLines(change.appeared));
  if (change.disappeared.length) lines.push(l10n.t('No longer on it:'), numberLines(change.disappeared));
  lines.push(
    '',
    l10n.t(
      'The list has been refreshed. Going on adds {0} and keeps every number the application has now.',
      listNumbers(
        job.numbers.map((n) => n.number),
        3,
      ),
    ),
  );
  const go = job.moves.size ? l10n.t('Move') : l10n.t('Assign');
  const text = l10n.t(
    'The {0} numbers of {1} in {2} changed since you looked.',
    capabilityLabel(job.capability),
    appName(deps.env, job.app.key),
    orgName(deps.env),
  );
  return (await deps.env.prompter.message('warning', text, { modal: true, detail: lines.join('\n') }, go)) === go;
}

/** Retry: the user has seen the refreshed list by now, so the write is compared against it. */
async function assignAgain(deps: AssignDeps, job: AssignJob, app: Target = job.app): Promise<void> {
  const all = await loadNumbers(deps);
  await assignTo(deps, {
    numbers: currentCopies(job.numbers, all),
    app,
    capability: job.capability,
    seen: deps.writer.snapshot(all),
    title: job.title,
  });
}

/** 40400: re-enter the key and run the same assignment again. */
async function editKeyAndAssign(deps: AssignDeps, job: AssignJob): Promise<void> {
  const key = await enterApplicationKey(deps.env.prompter, { title: job.title, value: job.app.key });
  if (key === undefined || key === BACK) return;
  await assignAgain(deps, job, { key });
}

/** Numbers given as values (after a checkout): looked up in the list, read again once if new. */
async function lookUp(
  deps: AssignDeps,
  values: readonly number[],
  all: readonly RentedNumber[],
): Promise<{ numbers: RentedNumber[]; all: readonly RentedNumber[] }> {
  const find = (list: readonly RentedNumber[]) => values.map((v) => list.find((n) => n.number === v));
  let found = find(all);
  if (found.some((n) => !n)) {
    all = await readAfterChanges(deps);
    found = find(all);
  }
  const missing = values.filter((_, i) => !found[i]);
  if (missing.length > 0)
    throw new InputError(
      l10n.t('{0} is not among the numbers of {1}.', missing.map(formatPhoneNumber).join(', '), orgName(deps.env)),
    );
  if (values.length === 0) throw new InputError(l10n.t('No numbers were given to assign.'));
  return { numbers: found as RentedNumber[], all };
}
