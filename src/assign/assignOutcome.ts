// What the user is told after an assign or move, and the way back: Undo after a good result,
// Restore after a bad one, and Restore of numbers a former application lost during the move.
import { l10n } from '../platform/l10n';
import { count, listNumbers } from '../numbers/wording';
import type { Capability, RentedNumber } from '../sinch/types';
import { diffSets, withCapability, type WritePlan } from './assignment';
import type { AssignDeps, AssignEnvironment, Target } from './assignEnvironment';
import type { AssignResult, SeenView, SourceCheck } from './assignmentWriter';
import { runUndo, restoreSources, type UndoRecord } from './assignUndo';
import { briefError } from './failureExplanation';
import { appName, currentOrganisation } from './names';
import { AssignButtons, showLogButton } from './assignButtons';
import { numberLines } from './numberLines';
import { refreshAfterChange } from './numbersList';
import { capabilityLabel } from '../numbers/capabilities';
import { repairSentences } from './scopeReport';
import { recordAssign, recordScopeRepair, type AssignChange } from './assignJournal';

/** One assign or move, as confirmed by the user. */
export interface AssignJob {
  app: Target;
  capability: Capability;
  numbers: RentedNumber[];
  seen: SeenView;
  title: string;
  /** The numbers taken off other applications, by application. */
  moves: Map<string, RentedNumber[]>;
}

type Unconfirmed = Extract<AssignResult, { status: 'unknown' }>;

/** The one message after an assign's write, with its way back. */
export function reportAssignOutcome(
  deps: AssignDeps,
  job: AssignJob,
  result: AssignResult,
  sources: readonly SourceCheck[],
  retry: () => unknown,
): void {
  if (result.status === 'unchanged') {
    const list = listNumbers(job.numbers.map((n) => n.number));
    const name = appName(deps.env, job.app.key);
    const cap = capabilityLabel(job.capability);
    deps.env.messages.show({
      severity: 'info',
      text:
        job.numbers.length === 1
          ? l10n.t('{0} is already on {1} for {2}. Nothing was changed.', list, name, cap)
          : l10n.t('{0} are already on {1} for {2}. Nothing was changed.', list, name, cap),
    });
    return;
  }
  if (result.status === 'unknown' && reportUnconfirmed(deps, job, result, retry)) return;
  const landed = landedNumbers(result);
  // The outcome, not the command: the walkthrough's Assign step ticks once a number landed, from any path.
  if (result.plan.adding.some((n) => landed.has(n))) deps.env.assigned?.();
  const undo = undoRecordOf(job, result);
  const repaired = repairSentences(deps.env, job.app.key, result.status === 'unknown' ? undefined : result.repair);
  recordScopeRepair(deps.env, job.app.key, result.status === 'unknown' ? undefined : result.repair, repaired);
  if (!result.verification?.ok) reportUnexpected(deps, job, result, undo, repaired);
  else reportDone(deps, job, result.plan, sources, undo, repaired);
}

/** Sinch did not answer the write: true when a re-read settles what to say (nothing changed, or not known). */
function reportUnconfirmed(deps: AssignDeps, job: AssignJob, result: Unconfirmed, retry: () => unknown): boolean {
  const name = appName(deps.env, job.app.key);
  if (!result.after) {
    const adding = result.plan.adding;
    const text =
      adding.length === 1
        ? l10n.t(
            'Sinch did not confirm the change ({0}) and {1} could not be re-read, so it is not known whether {2} was assigned. Refresh to see.',
            briefError(result.error),
            name,
            listNumbers(adding),
          )
        : l10n.t(
            'Sinch did not confirm the change ({0}) and {1} could not be re-read, so it is not known whether {2} were assigned. Refresh to see.',
            briefError(result.error),
            name,
            listNumbers(adding),
          );
    recordAssign(deps.env, changeOf(job, adding), 'unknown', text);
    deps.env.messages.show({
      severity: 'error',
      text,
      buttons: [{ title: AssignButtons.refresh, run: () => refreshAfterChange(deps) }, showLogButton(deps.env)],
    });
    return true;
  }
  if (result.verification?.ok || diffSets(result.plan.previous, withCapability(result.after, job.capability)))
    return false;
  const text = l10n.t(
    'Sinch did not confirm the change ({0}); re-reading {1} shows nothing was changed.',
    briefError(result.error),
    name,
  );
  recordAssign(deps.env, changeOf(job, result.plan.adding), 'failed', text);
  deps.env.messages.show({
    severity: 'error',
    text,
    buttons: [{ title: AssignButtons.retry, run: retry }, showLogButton(deps.env)],
  });
  return true;
}

/** The write did not give the expected set: say precisely what is assigned now, with the way back. */
function reportUnexpected(
  deps: AssignDeps,
  job: AssignJob,
  result: Exclude<AssignResult, { status: 'unchanged' }>,
  undo: UndoRecord,
  repaired: readonly string[],
): void {
  const name = appName(deps.env, job.app.key);
  const cap = capabilityLabel(job.capability);
  const now = (result.status === 'unknown' ? result.after : result.result) ?? [];
  const missing = result.verification?.missing ?? [];
  const held = withCapability(now, job.capability).length;
  const text = [
    missing.length === 1
      ? l10n.t('Assigning to {0} did not give the expected result: {1} is not on it.', name, listNumbers(missing))
      : l10n.t('Assigning to {0} did not give the expected result: {1} are not on it.', name, listNumbers(missing)),
    held === 1 ? l10n.t('It now holds 1 {0} number.', cap) : l10n.t('It now holds {0} {1} numbers.', count(held), cap),
    ...repaired,
  ].join(' ');
  const detail = [
    l10n.t('Now on {0}:', name),
    numberLines(now.map((n) => n.number)),
    '',
    l10n.t(
      'Restore takes off the numbers just added and puts back the {0} numbers this change removed, unless one is on another application by now.',
      cap,
    ),
  ].join('\n');
  recordAssign(deps.env, changeOf(job, result.plan.adding), 'partial', text);
  deps.env.messages.show({
    severity: 'warning',
    text,
    detail,
    buttons: [{ title: AssignButtons.restore, run: () => runUndo(deps, undo, 'restore') }, showLogButton(deps.env)],
  });
}

/** Done as asked: what moved or was assigned, what the applications kept, and Undo. */
function reportDone(
  deps: AssignDeps,
  job: AssignJob,
  plan: WritePlan,
  sources: readonly SourceCheck[],
  undo: UndoRecord,
  repaired: readonly string[],
): void {
  const { env } = deps;
  const name = appName(env, job.app.key);
  const cap = capabilityLabel(job.capability);
  void env.revealNumbers(plan.adding).catch(() => undefined);
  const parts = [
    undo.moved.size > 0
      ? l10n.t(
          'Moved {0} from {1} to {2} ({3}).',
          listNumbers(plan.adding),
          [...undo.moved.keys()].map((k) => appName(env, k)).join(', '),
          name,
          cap,
        )
      : l10n.t('Assigned {0} to {1} ({2}).', listNumbers(plan.adding), name, cap),
    ...keptSentences(plan, cap),
    ...sourceSentences(env, sources),
    ...repaired,
  ];
  const change = {
    organisation: currentOrganisation(env),
    left: [...plan.adding, ...undo.lost].map((number) => ({ number, applicationKey: job.app.key })),
    undo: () => runUndo(deps, undo, 'undo'),
  };
  deps.lastChange.record(change);
  const undoButton = { title: AssignButtons.undo, run: deps.lastChange.undoing(change) };
  const lost = sources.filter((s) => s.missing.length > 0);
  recordAssign(
    env,
    { ...changeOf(job, plan.adding), operation: undo.moved.size > 0 ? 'move' : 'assign' },
    'verified',
    parts.join(' '),
  );
  if (lost.length === 0)
    deps.env.messages.show({
      severity: repaired.length ? 'warning' : 'info',
      text: parts.join(' '),
      buttons: [undoButton],
    });
  else
    deps.env.messages.show({
      severity: 'warning',
      text: parts.join(' '),
      buttons: [{ title: AssignButtons.restore, run: () => restoreSources(deps, job.seen, lost) }, undoButton],
    });
}

function keptSentences(plan: WritePlan, cap: string): string[] {
  const out: string[] = [];
  const kept = plan.previous.length;
  if (kept === 1) out.push(l10n.t('It keeps its 1 other {0} number.', cap));
  if (kept > 1) out.push(l10n.t('It keeps its {0} other {1} numbers.', count(kept), cap));
  const already = plan.already;
  if (already.length === 1) out.push(l10n.t('{0} was already there.', listNumbers(already)));
  if (already.length > 1) out.push(l10n.t('{0} were already there.', listNumbers(already)));
  return out;
}

/** After a move: whether each former application kept its other numbers. */
function sourceSentences(env: AssignEnvironment, sources: readonly SourceCheck[]): string[] {
  const out: string[] = [];
  for (const s of sources) {
    const name = appName(env, s.appKey);
    const others = s.after?.length ?? 0;
    if (s.readError) out.push(l10n.t('{0} could not be re-read to check it kept its other numbers.', name));
    else if (s.missing.length === 0)
      out.push(
        others === 0
          ? l10n.t('{0} now has no numbers.', name)
          : others === 1
            ? l10n.t('{0} keeps its 1 other number.', name)
            : l10n.t('{0} keeps its {1} other numbers.', name, count(others)),
      );
  }
  for (const s of sources.filter((x) => x.missing.length > 0)) {
    out.push(
      s.missing.length === 1
        ? l10n.t(
            'But {0} also no longer has {1}, which was not part of the move.',
            appName(env, s.appKey),
            listNumbers(s.missing),
          )
        : l10n.t(
            'But {0} also no longer has {1}, which were not part of the move.',
            appName(env, s.appKey),
            listNumbers(s.missing),
          ),
    );
  }
  return out;
}

function undoRecordOf(job: AssignJob, result: Exclude<AssignResult, { status: 'unchanged' }>): UndoRecord {
  return {
    appKey: job.app.key,
    capability: job.capability,
    previous: result.plan.previous,
    added: result.plan.adding,
    lost: (result.verification?.missing ?? []).filter((n) => result.plan.previous.includes(n)),
    moved: movedFrom(job, landedNumbers(result)),
  };
}

/** The numbers the application holds after the write, as far as known. */
export function landedNumbers(result: AssignResult): Set<number> {
  const list =
    result.status === 'done' || result.status === 'incomplete'
      ? result.result
      : result.status === 'unknown'
        ? (result.after ?? [])
        : [];
  return new Set(list.map((n) => n.number));
}

function movedFrom(job: AssignJob, landed: Set<number>): Map<string, RentedNumber[]> {
  const out = new Map<string, RentedNumber[]>();
  for (const [from, numbers] of job.moves) {
    const moved = numbers.filter((n) => landed.has(n.number));
    if (moved.length) out.set(from, moved);
  }
  return out;
}

/** The journal's view of an assign or move: the target first, then where the numbers came from. */
export function changeOf(job: Pick<AssignJob, 'app' | 'moves'>, numbers: readonly number[]): AssignChange {
  return {
    operation: job.moves.size > 0 ? 'move' : 'assign',
    numbers,
    applications: [job.app.key, ...job.moves.keys()],
  };
}
