// What the assign flows write to the activity journal (the port in numbers/activity.ts): one entry
// per assign, move, unassign, Undo, Restore and scope repair that reached Sinch, with what the
// re-read verified and the message shown. Assignments have no price, so no cost.
import { recordActivity, type ActivityOperation, type ActivityVerdict } from '../numbers/activity';
import type { AssignEnvironment } from './assignEnvironment';
import type { ScopeRepair } from './assignScope';

export interface AssignChange {
  operation: ActivityOperation;
  numbers: readonly number[];
  /** The target first, then the applications the numbers came from (or went back to). */
  applications: readonly string[];
}

export function recordAssign(
  env: Pick<AssignEnvironment, 'activity' | 'session' | 'now'>,
  change: AssignChange,
  verdict: ActivityVerdict,
  message: string,
): void {
  recordActivity(env, {
    operation: change.operation,
    numbers: [...new Set(change.numbers)],
    applications: [...new Set(change.applications)],
    verdict,
    message,
  });
}

/** The repair write after Sinch replaced an application's whole set: its own entry, beside the assign's. */
export function recordScopeRepair(
  env: Pick<AssignEnvironment, 'activity' | 'session' | 'now'>,
  appKey: string,
  repair: ScopeRepair | undefined,
  sentences: readonly string[],
): void {
  if (!repair || repair.removed.length === 0) return;
  const back = repair.removed.filter((n) => repair.restored.includes(n)).length;
  const verdict: ActivityVerdict = back === repair.removed.length ? 'verified' : back === 0 ? 'failed' : 'partial';
  recordAssign(
    env,
    { operation: 'scopeRepair', numbers: repair.removed, applications: [appKey] },
    verdict,
    sentences.join(' '),
  );
}
