// Undo of an assign or move (and Restore after a bad result), and Restore of numbers a former
// application lost during a move. Nobody else's change is undone: a number that went elsewhere
// since stays there, and the message says so.
import { l10n } from '../platform/l10n';
import { listNumbers } from '../numbers/wording';
import type { Capability, RentedNumber } from '../sinch/types';
import type { AssignDeps, AssignEnvironment } from './assignEnvironment';
import {
  AssignmentFailed,
  type RestoreResult,
  type SeenView,
  type SourceCheck,
  type WriteContext,
} from './assignmentWriter';
import { briefError, explainFailure } from './failureExplanation';
import { appName } from './names';
import { AssignButtons, showLogButton } from './assignButtons';
import { refreshAfterChange } from './numbersList';
import {
  addPutBack,
  emptyPutBackReport,
  showPutBackReport,
  skippedSentences,
  type PutBackReport,
} from './putBackReport';
import { withWriteProgress } from './writeProgress';
import { capabilityLabel } from '../numbers/capabilities';
import { repairSentences } from './scopeReport';
import { recordAssign, type AssignChange } from './assignJournal';

/** What Undo needs of an assign: what the application held, what we added, what our write dropped, where moved numbers came from. */
export interface UndoRecord {
  appKey: string;
  capability: Capability;
  previous: number[];
  added: number[];
  /** Numbers of `previous` our write removed (verification's missing): the only ones Undo and Restore put back. */
  lost: number[];
  moved: Map<string, RentedNumber[]>;
}

/**
 * Moved numbers go back to their former applications unless they went elsewhere since; then
 * the target loses what we added and gets back only what our write dropped.
 */
export async function runUndo(deps: AssignDeps, undo: UndoRecord, kind: 'undo' | 'restore'): Promise<void> {
  const name = appName(deps.env, undo.appKey);
  const report = emptyPutBackReport();
  const changes: string[] = [];
  const numbers = [...undo.added, ...undo.lost, ...[...undo.moved.values()].flat().map((n) => n.number)];
  const change: AssignChange = { operation: kind, numbers, applications: [undo.appKey, ...undo.moved.keys()] };
  try {
    await withWriteProgress(
      deps,
      kind === 'undo' ? l10n.t('Undoing the change to {0}', name) : l10n.t('Restoring {0}', name),
      (ctx) =>
        deps.writer.byNumbers(ctx, numbers, async () => {
          try {
            await putBackMoved(deps, ctx, undo, report);
            const restored = await deps.writer.restore(ctx, undo.appKey, undo.capability, undo);
            changes.push(...restoreSentences(deps.env, undo, restored, report));
          } finally {
            await refreshAfterChange(deps);
          }
        }),
    );
  } catch (error) {
    // Any other error reaches the follow-up runner, which shows it with a Retry of this Undo.
    if (!(error instanceof AssignmentFailed)) throw error;
    const { text, followUps } = explainFailure(deps.env, error.error, {
      appKey: error.appKey,
      capability: undo.capability,
      numbers: undo.added,
      verb: 'restore',
    });
    recordAssign(deps.env, change, 'failed', text);
    deps.env.messages.show({
      severity: 'error',
      text,
      buttons: deps.env.messages.followUps(followUps, () => runUndo(deps, undo, kind), error.error),
    });
    return;
  }
  if (report.problems.length > 0) {
    const text = [...report.problems, ...report.skipped].join(' ');
    recordAssign(deps.env, change, 'partial', text);
    deps.env.messages.show({
      severity: 'warning',
      text,
      buttons: [{ title: AssignButtons.retry, run: () => runUndo(deps, undo, kind) }, showLogButton(deps.env)],
    });
    return;
  }
  const cap = capabilityLabel(undo.capability);
  const head =
    report.skipped.length === 0
      ? l10n.t('{0} has its previous {1} numbers again.', name, cap)
      : l10n.t('{0} is back to its previous {1} numbers, except as said below.', name, cap);
  const text = [head, ...changes, ...report.back, ...report.skipped].join(' ');
  recordAssign(deps.env, change, 'verified', text);
  deps.env.messages.show({ severity: report.skipped.length ? 'warning' : 'info', text });
}

/** They are on the target because we moved them there: taking them from it is the undo. */
async function putBackMoved(
  deps: AssignDeps,
  ctx: WriteContext,
  undo: UndoRecord,
  report: PutBackReport,
): Promise<void> {
  for (const [from, numbers] of undo.moved) {
    const result = await deps.writer.addBack(ctx, from, numbers, { from: undo.appKey });
    addPutBack(
      report,
      deps.env,
      from,
      numbers.map((n) => n.number),
      result,
    );
  }
}

/** What the restore of the target did (returned), what went wrong and what it left (added to `report`). */
function restoreSentences(
  env: AssignEnvironment,
  undo: UndoRecord,
  restored: RestoreResult,
  report: PutBackReport,
): string[] {
  const name = appName(env, undo.appKey);
  if (restored.status === 'incomplete')
    report.problems.push(l10n.t('{0} lacks {1} after restoring.', name, listNumbers(restored.verification.missing)));
  if (restored.status === 'unknown')
    report.problems.push(l10n.t('Sinch did not confirm restoring {0} ({1}).', name, briefError(restored.error)));
  report.skipped.push(...skippedSentences(env, undo.appKey, restored.skipped));
  const left = restored.leftSince;
  if (left.length === 1)
    report.skipped.push(
      l10n.t(
        "{0} left it after your change, by someone else's doing, and was left where it is now.",
        listNumbers(left),
      ),
    );
  if (left.length > 1)
    report.skipped.push(
      l10n.t(
        "{0} left it after your change, by someone else's doing, and were left where they are now.",
        listNumbers(left),
      ),
    );

  const moved = new Set([...undo.moved.values()].flat().map((n) => n.number));
  const takenOff = restored.takenOff.filter((n) => !moved.has(n));
  const changes: string[] = [];
  // The message's first sentence names the application: these do not name it again.
  if (takenOff.length) changes.push(l10n.t('Taken off: {0}.', listNumbers(takenOff)));
  if (restored.putBack.length) changes.push(l10n.t('Put back: {0}.', listNumbers(restored.putBack)));
  if (restored.status === 'done' || restored.status === 'incomplete')
    changes.push(...repairSentences(env, undo.appKey, restored.repair));
  return changes;
}

/** Puts back numbers a former application lost unexpectedly during a move, unless they are on another application now. */
export async function restoreSources(deps: AssignDeps, seen: SeenView, lost: readonly SourceCheck[]): Promise<void> {
  const report = emptyPutBackReport();
  await withWriteProgress(deps, l10n.t('Restoring'), (ctx) =>
    deps.writer.byNumbers(
      ctx,
      lost.flatMap((s) => s.missing),
      async () => {
        for (const s of lost) {
          const numbers = seen.numbers.filter((n) => s.missing.includes(n.number));
          addPutBack(report, deps.env, s.appKey, s.missing, await deps.writer.addBack(ctx, s.appKey, numbers));
        }
        await refreshAfterChange(deps);
      },
    ),
  );
  showPutBackReport(deps, report, {
    operation: 'restore',
    numbers: lost.flatMap((s) => s.missing),
    applications: lost.map((s) => s.appKey),
  });
}
