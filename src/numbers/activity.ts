// The port every flow that changes something on Sinch reports to: one entry per change, as the
// user was told it. The journal (src/activity) implements it; rent and assign only call it.
// An entry holds ids, numbers, amounts and the message shown: never a secret.
import type { Money } from '../sinch/types';

export type ActivityOperation =
  'reserve' | 'checkout' | 'assign' | 'move' | 'unassign' | 'undo' | 'restore' | 'scopeRepair';

/** `verified`: done and seen done; `unknown`: the outcome is not known; `failed`: not done; `partial`: some of it done. */
export type ActivityVerdict = 'verified' | 'unknown' | 'failed' | 'partial';

export interface ActivityEntry {
  /** Epoch milliseconds. */
  time: number;
  /** The signed-in identity (email address or phone number) that acted. */
  account: string;
  organisationId: string;
  organisationName?: string;
  operation: ActivityOperation;
  /** E.164 digits, no `+`. */
  numbers: number[];
  /** Application keys involved (the target first; for a move, where they came from after it). */
  applications: string[];
  /** Per number per month, when the change has a price. */
  unitCost?: Money;
  /** Per month, one entry per currency, when the change has a price. */
  totalCost?: Money[];
  verdict: ActivityVerdict;
  /** The message the user saw. */
  message: string;
}

/** Who acted for which organisation, from the session (no secret is read). */
export interface ActivityActor {
  account: string;
  organisationId: string;
  organisationName?: string;
}

export function actorOf(s: {
  organisationId: string;
  account: { identity: { endpoint: string }; organisationName?: string };
}): ActivityActor {
  return {
    account: s.account.identity.endpoint,
    organisationId: s.organisationId,
    organisationName: s.account.organisationName,
  };
}

export interface ActivityRecorder {
  /** Appends the entry; never throws (a journal that cannot be written must not break a flow). */
  record(entry: ActivityEntry): void;
}

/** For flows built without a journal (unit tests). */
export const NO_ACTIVITY: ActivityRecorder = { record: () => undefined };

/** Where the entries are read back (the journal), for the features that show them. */
export interface ActivitySource {
  /** Every entry kept, oldest first (every window's). */
  read(): Promise<ActivityEntry[]>;
  /** Fires after this window appended an entry. */
  onDidAppend(listener: () => void): { dispose(): void };
}

/** What a flow knows of its change; the time and who acted are added by recordActivity. */
export type ActivityChange = Omit<ActivityEntry, 'time' | keyof ActivityActor>;

type ActorSession = Parameters<typeof actorOf>[0];

/**
 * Records a change for the session that made it (`actor`, or the session active now). Never
 * throws: with nobody signed in there is nothing to attribute it to, and the flow goes on.
 */
export function recordActivity(
  env: { activity: ActivityRecorder; session: { current(): ActorSession }; now(): number },
  change: ActivityChange,
  actor?: ActivityActor,
): void {
  try {
    env.activity.record({ time: env.now(), ...(actor ?? actorOf(env.session.current())), ...change });
  } catch {
    // Not signed in any more, or the journal refused: the change itself is done and was told.
  }
}
