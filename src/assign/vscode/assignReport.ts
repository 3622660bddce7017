// What the user is told after an assign or move, and its ways back: Undo, Restore after a bad
// result, and Restore of numbers a former application lost during a move.
import { diffSets, withCapability } from '../assignment';
import { count, listNumbers } from '../../numbers/wording';
import type { Capability, RentedNumber } from '../../sinch/types';
import { Actions, appName, describeAddBack, explainFailure, notify, refreshModel, showFailure, skippedText, standardHandlers, withWriteProgress, type AssignDeps } from './assignContext';
import { AssignmentFailed, type AssignResult, type SeenView, type SourceCheck } from '../assignmentWriter';
import { numberLines } from '../format';
import { l10n } from '../../platform/l10n';
import { capabilityLabel } from '../../numbers/capabilities';

export interface Target { key: string; label?: string }

/** One assign or move, as confirmed by the user. */
export interface Job {
  app: Target;
  capability: Capability;
  numbers: RentedNumber[];
  seen: SeenView;
  title: string;
  moves: Map<string, RentedNumber[]>;
}

/** Undo needs to know what the application held, what we added, what our write dropped, and where moved numbers came from. */
interface UndoRecord {
  appKey: string;
  capability: Capability;
  previous: number[];
  added: number[];
  /** Numbers of `previous` our write removed (verification's missing): the only ones Undo and Restore put back. */
  lost: number[];
  moved: Map<string, RentedNumber[]>;
}

export function report(deps: AssignDeps, job: Job, result: AssignResult, sources: SourceCheck[], retry: () => unknown): void {
  const name = appName(job.app.key);
  const cap = capabilityLabel(job.capability);
  if (result.status === 'unchanged') {
    notify(deps, 'info', l10n.t('{0} {1} already on {2} for {3}. Nothing was changed.', listNumbers(job.numbers.map((n) => n.number)), job.numbers.length === 1 ? 'is' : 'are', name, cap), {});
    return;
  }
  const now = result.status === 'unknown' ? result.after : result.result;
  const verification = result.verification;
  const undo: UndoRecord = {
    appKey: job.app.key,
    capability: job.capability,
    previous: result.plan.previous,
    added: result.plan.adding,
    lost: (verification?.missing ?? []).filter((n) => result.plan.previous.includes(n)),
    moved: movedFrom(job, landedNumbers(result)),
  };

  if (result.status === 'unknown' && now && !verification?.ok) {
    const unchanged = !diffSets(result.plan.previous, withCapability(now, job.capability));
    if (unchanged) {
      const text = l10n.t('Sinch did not confirm the change ({0}); re-reading {1} shows nothing was changed.', errorText(result.error), name);
      notify(deps, 'error', text, { [Actions.retry]: retry, [Actions.showLog]: () => deps.services.log.show() });
      return;
    }
  }
  if (result.status === 'unknown' && !now) {
    const text = l10n.t('Sinch did not confirm the change ({0}) and {1} could not be re-read, so it is not known whether {2} {3} assigned. Refresh to see.', errorText(result.error), name, listNumbers(result.plan.adding), result.plan.adding.length === 1 ? 'was' : 'were');
    notify(deps, 'error', text, { [Actions.refresh]: () => refreshModel(deps), [Actions.showLog]: () => deps.services.log.show() });
    return;
  }
  if (!verification?.ok) {
    // Stop and say precisely what is assigned now, with the way back.
    const missing = verification?.missing ?? [];
    const text = l10n.t('Assigning to {0} did not give the expected result: {1} {2} not on it. It now holds {3} {4} numbers.', name, listNumbers(missing), missing.length === 1 ? 'is' : 'are', withCapability(now ?? [], job.capability).length, cap);
    const detail = [l10n.t('Now on {0}:', name), numberLines((now ?? []).map((n) => n.number)), '', l10n.t('Restore takes off the numbers just added and puts back the {0} numbers this change removed, unless one is on another application by now.', cap)].join('\n');
    notify(deps, 'warning', text, { [Actions.restore]: () => runUndo(deps, undo, 'restore'), [Actions.showLog]: () => deps.services.log.show() }, detail);
    return;
  }

  const added = result.plan.adding;
  void deps.view?.revealNumbers(added).then(undefined, () => undefined);
  const kept = result.plan.previous.length;
  const parts: string[] = [];
  if (undo.moved.size > 0) {
    parts.push(l10n.t('Moved {0} from {1} to {2} ({3}).', listNumbers(added), [...undo.moved.keys()].map(appName).join(', '), name, cap));
  } else {
    parts.push(l10n.t('Assigned {0} to {1} ({2}).', listNumbers(added), name, cap));
  }
  if (kept > 0) parts.push(kept === 1 ? l10n.t('It keeps its 1 other {0} number.', cap) : l10n.t('It keeps its {0} other {1} numbers.', count(kept), cap));
  if (result.plan.already.length) parts.push(l10n.t('{0} {1} already there.', listNumbers(result.plan.already), result.plan.already.length === 1 ? 'was' : 'were'));
  const lost = sources.filter((s) => s.missing.length > 0);
  for (const s of sources) {
    if (s.readError) parts.push(l10n.t('{0} could not be re-read to check it kept its other numbers.', appName(s.appKey)));
    else if (s.missing.length === 0) parts.push((s.after?.length ?? 0) === 1 ? l10n.t('{0} keeps its 1 other number.', appName(s.appKey)) : l10n.t('{0} keeps its {1} other numbers.', appName(s.appKey), count(s.after?.length ?? 0)));
  }
  if (lost.length > 0) {
    for (const s of lost) parts.push(l10n.t('But {0} also no longer has {1}, which {2} not part of the move.', appName(s.appKey), listNumbers(s.missing), s.missing.length === 1 ? 'was' : 'were'));
    notify(deps, 'warning', parts.join(' '), {
      [Actions.restore]: () => restoreSources(deps, job.seen, lost),
      [Actions.undo]: () => runUndo(deps, undo, 'undo'),
    });
    return;
  }
  notify(deps, 'info', parts.join(' '), { [Actions.undo]: () => runUndo(deps, undo, 'undo') });
}

/**
 * Undo (and Restore after a bad result): moved numbers go back to their former applications
 * unless they went elsewhere since; then the target loses what we added and gets back only
 * what our write dropped, keeping anyone else's change. The message says what was skipped and why.
 */
async function runUndo(deps: AssignDeps, undo: UndoRecord, kind: 'undo' | 'restore'): Promise<void> {
  const name = appName(undo.appKey);
  const cap = capabilityLabel(undo.capability);
  const title = kind === 'undo' ? l10n.t('Undoing the change to {0}', name) : l10n.t('Restoring {0}', name);
  const problems: string[] = [];
  const back: string[] = [];
  const skipped: string[] = [];
  const changes: string[] = [];
  await withWriteProgress(deps, title, async (ctx) => {
    try {
      for (const [from, numbers] of undo.moved) {
        // They are on the target because we moved them there: taking them from it is the undo.
        const said = describeAddBack(deps, from, numbers.map((n) => n.number), await deps.writer.addBack(ctx, from, numbers, { from: undo.appKey }));
        back.push(...said.back);
        problems.push(...said.problems);
        skipped.push(...said.skipped);
      }
      const restored = await deps.writer.restore(ctx, undo.appKey, undo.capability, undo);
      if (restored.status === 'incomplete') problems.push(l10n.t('{0} lacks {1} after restoring.', name, listNumbers(restored.verification.missing)));
      if (restored.status === 'unknown') problems.push(l10n.t('Sinch did not confirm restoring {0} ({1}).', name, errorText(restored.error)));
      const moved = new Set([...undo.moved.values()].flat().map((n) => n.number));
      const takenOff = restored.takenOff.filter((n) => !moved.has(n));
      if (takenOff.length) changes.push(l10n.t('Taken off {0}: {1}.', name, listNumbers(takenOff)));
      if (restored.putBack.length) changes.push(l10n.t('Put back on {0}: {1}.', name, listNumbers(restored.putBack)));
      skipped.push(...skippedText(deps, undo.appKey, restored.skipped));
      if (restored.leftSince.length) {
        skipped.push(l10n.t('{0} left {1} after your change, by someone else\'s doing, and {2} left where {3} now.',
          listNumbers(restored.leftSince), name, restored.leftSince.length === 1 ? 'was' : 'were', restored.leftSince.length === 1 ? 'it is' : 'they are'));
      }
    } finally {
      await refreshModel(deps);
    }
  }).then(undefined, (error) => {
    if (error instanceof AssignmentFailed) {
      const { text, actions } = explainFailure(deps, error.error, { appKey: error.appKey, capability: undo.capability, numbers: undo.added, verb: 'restore' });
      notify(deps, 'error', text, standardHandlers(deps, actions, () => runUndo(deps, undo, kind)));
      return 'failed';
    }
    showFailure(deps, error, () => runUndo(deps, undo, kind));
    return 'failed';
  }).then((r) => {
    if (r === 'failed') return;
    if (problems.length > 0) {
      notify(deps, 'warning', [...problems, ...skipped].join(' '), { [Actions.retry]: () => runUndo(deps, undo, kind), [Actions.showLog]: () => deps.services.log.show() });
      return;
    }
    const head = skipped.length === 0
      ? l10n.t('{0} has its previous {1} numbers again.', name, cap)
      : l10n.t('{0} is back to its previous {1} numbers, except as said below.', name, cap);
    notify(deps, skipped.length ? 'warning' : 'info', [head, ...changes, ...back, ...skipped].join(' '), {});
  });
}

/** Puts back numbers a former application lost unexpectedly during a move, unless they are on another application now. */
async function restoreSources(deps: AssignDeps, seen: SeenView, lost: SourceCheck[]): Promise<void> {
  const problems: string[] = [];
  const back: string[] = [];
  const skipped: string[] = [];
  await withWriteProgress(deps, l10n.t('Restoring'), async (ctx) => {
    for (const s of lost) {
      const numbers = seen.numbers.filter((n) => s.missing.includes(n.number));
      const said = describeAddBack(deps, s.appKey, s.missing, await deps.writer.addBack(ctx, s.appKey, numbers));
      back.push(...said.back);
      problems.push(...said.problems);
      skipped.push(...said.skipped);
    }
    await refreshModel(deps);
  });
  if (problems.length) notify(deps, 'warning', [...problems, ...back, ...skipped].join(' '), { [Actions.showLog]: () => deps.services.log.show() });
  else notify(deps, skipped.length ? 'warning' : 'info', [...back, ...skipped].join(' '), {});
}

export function landedNumbers(result: AssignResult): Set<number> {
  const list = result.status === 'done' || result.status === 'incomplete' ? result.result : result.status === 'unknown' ? result.after ?? [] : [];
  return new Set(list.map((n) => n.number));
}

function movedFrom(job: Job, landed: Set<number>): Map<string, RentedNumber[]> {
  const out = new Map<string, RentedNumber[]>();
  for (const [from, numbers] of job.moves) {
    const moved = numbers.filter((n) => landed.has(n.number));
    if (moved.length) out.set(from, moved);
  }
  return out;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
}
