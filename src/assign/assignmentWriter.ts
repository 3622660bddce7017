// The requests of assign and unassign, in the only order that is safe against an endpoint that
// overwrites: read, compare, merge, write, verify. No vscode here, so it runs in plain Node tests.
import {
  AssignmentJournal,
  checkUnassign,
  diffSets,
  groupByCapability,
  KeyedSerialQueue,
  planWrite,
  restoreTarget,
  sortedUnique,
  verify,
  withCapability,
  type SetChange,
  type UnassignCheck,
  type Verification,
  type WritePlan,
} from './assignment';
import type { InstanceApi } from '../sinch/client';
import type { AssignScopeMemory } from '../sinch/dialect';
import { InMemoryScope, putInScope, scopedBody, type ScopeRepair } from './assignScope';
import { cancelledError, SinchApiError } from '../sinch/errors';
import { isValidPhoneNumber } from '../sinch/guards';
import type { Capability, RentedNumber } from '../sinch/types';
import { normaliseKey, sameApplication } from '../numbers/applicationKey';
import { l10n } from '../platform/l10n';
import { holdAll, type HeldLocks, type MachineLocking } from '../platform/leaseLocks';

/** How one operation reaches Sinch. */
export interface WriteContext {
  api: InstanceApi;
  /** The active organisation: where Undo and Restore look up where a number is now. */
  organisationId: string;
  /** Cancels the operation (the progress notification's Cancel, deactivation). */
  signal: AbortSignal;
  /** Not cancelled by the user: for the read that finds out what a cancelled write did. */
  settleSignal: AbortSignal;
  /** Every failed request goes here first (session.noteError). */
  noteError(error: unknown): void;
  /** What the operation is doing now, for the progress notification. */
  report?(step: 'waiting' | 'waitingForNumbers' | 'locating' | 'reading' | 'writing' | 'verifying'): void;
  /** What a write on the numbers host overwrites, as learned (assignScope.ts); absent: the writer's own memory. */
  scope?: AssignScopeMemory;
}

/** What the user saw when they started: the model's numbers and the journal mark taken with them. */
export interface SeenView {
  numbers: readonly RentedNumber[];
  mark: number;
}

export interface AssignRequest {
  appKey: string;
  capability: Capability;
  /** Valid numbers having the capability (see partitionSelection). */
  numbers: readonly RentedNumber[];
  /** What the user saw; without it (Undo, Restore: checked by addBack instead) nothing is compared or asked. */
  seen?: SeenView;
  /** Other applications the write changes (a move's sources): held too, so no write to them interleaves. */
  alsoHold?: readonly string[];
  /**
   * The application's set changed since the user looked: show `change` (the model is
   * refreshed by the caller) and resolve true to go on. Called again if it changes once more.
   */
  confirmChange(change: SetChange, current: readonly RentedNumber[]): Promise<boolean>;
}

export type AssignResult =
  /** Every number was already there: nothing was written. */
  | { status: 'unchanged'; plan: WritePlan; current: RentedNumber[] }
  | { status: 'done'; plan: WritePlan; result: RentedNumber[]; verification: Verification; repair?: ScopeRepair }
  /** The answer lacks numbers it should hold: stop and tell precisely. */
  | { status: 'incomplete'; plan: WritePlan; result: RentedNumber[]; verification: Verification; repair?: ScopeRepair }
  /** The write may or may not have happened (timeout, reset, cancelled in flight); `after` is a re-read when one succeeded. */
  | { status: 'unknown'; plan: WritePlan; error: unknown; after?: RentedNumber[]; verification?: Verification };

/** A read or write that failed for sure: nothing was changed. `stage` says which request. */
export class AssignmentFailed extends Error {
  override readonly name = 'AssignmentFailed';
  constructor(
    readonly stage: 'read' | 'write',
    readonly error: unknown,
    readonly appKey: string,
    readonly plan?: WritePlan,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

/** Nothing can be written safely: the application holds a number that cannot be sent back. */
export class UnsafeToWrite extends Error {
  override readonly name = 'UnsafeToWrite';
  constructor(
    readonly appKey: string,
    readonly capability: Capability,
    readonly blocked: number[],
  ) {
    super(
      blocked.length === 1
        ? l10n.t(
            'The application holds {0}, which is not a valid phone number; writing its set would drop it.',
            blocked.join(', '),
          )
        : l10n.t(
            'The application holds {0}, which are not valid phone numbers; writing its set would drop them.',
            blocked.join(', '),
          ),
    );
  }
}

/** The user declined to go on after the application's set changed (never shown: the user said no). */
export class ChangeDeclined extends Error {
  override readonly name = 'ChangeDeclined';
  constructor() {
    super('Cancelled: the application changed since you looked.');
  }
}

/** The user accepted every change shown, but the set changed again each time: nothing was written. */
export class KeptChanging extends Error {
  override readonly name = 'KeptChanging';
  constructor(readonly appKey: string) {
    super(l10n.t("The application's numbers kept changing while you confirmed; nothing was written. Try again."));
  }
}

/** A number Undo or Restore did not put back, and why: it is not ours to take any more. */
export interface Skipped {
  number: number;
  /** `elsewhere`: now on another application (`appKey`); `notRented`: no longer among the organisation's numbers. */
  reason: 'elsewhere' | 'notRented';
  appKey?: string;
}

export type RestoreResult = (
  | { status: 'unchanged'; current: RentedNumber[] }
  | { status: 'done'; target: number[]; result: RentedNumber[]; verification: Verification; repair?: ScopeRepair }
  | { status: 'incomplete'; target: number[]; result: RentedNumber[]; verification: Verification; repair?: ScopeRepair }
  | { status: 'unknown'; target: number[]; error: unknown; after?: RentedNumber[] }
) & {
  /** Numbers we had added, taken off again. */
  takenOff: number[];
  /** Numbers our write had dropped, put back. */
  putBack: number[];
  skipped: Skipped[];
  /** Numbers of the previous set that left since by somebody else's change: left as they are. */
  leftSince: number[];
};

/** What Undo or Restore needs of an assign: the set before, what we added, what our write dropped. */
export interface RestorePlan {
  previous: readonly number[];
  added: readonly number[];
  /** Numbers of `previous` the write removed (verification's missing): the only ones put back. */
  lost: readonly number[];
}

export interface AddBackResult {
  results: AssignResult[];
  /** Not put back: on another application now, or no longer rented. */
  skipped: Skipped[];
}

export interface UnassignResult {
  appKey: string;
  /** Answered 204. */
  done: number[];
  /** The request that failed (the rest were not attempted). */
  failed?: { number: number; error: unknown };
  notAttempted: number[];
  /** Not valid phone numbers: never sent. */
  invalid: number[];
  /** The application's numbers re-read afterwards, unless that read failed. */
  after?: RentedNumber[];
  readError?: unknown;
  check?: UnassignCheck;
}

export interface SourceCheck {
  appKey: string;
  after?: RentedNumber[];
  readError?: unknown;
  /** Numbers the source application should still hold but does not. */
  missing: number[];
}

const MAX_CONFIRMATIONS = 3;

export class AssignmentWriter {
  readonly queue = new KeyedSerialQueue();
  readonly journal = new AssignmentJournal();
  /** Per number, across applications: see byNumbers. */
  readonly numberQueue = new KeyedSerialQueue();

  /**
   * Runs `task` once every earlier change of any of these numbers in this window (assign, move,
   * Undo) has finished, so the second change of a number sees the first one's result.
   */
  byNumbers<T>(ctx: WriteContext, numbers: readonly number[], task: () => Promise<T>): Promise<T> {
    const keys = sortedUnique(numbers).map(String);
    if (keys.some((k) => this.numberQueue.busy(k))) ctx.report?.('waitingForNumbers');
    return this.numberQueue.runAll(keys, task);
  }

  /** The assign scope when the context brings no memory of the session's. */
  private readonly scope = new InMemoryScope();

  constructor(
    private readonly now: () => number = Date.now,
    /** The locks shared with the other windows of this machine; absent: this window's queues only. */
    private readonly machine?: MachineLocking,
  ) {}

  /**
   * Runs `task` holding every key: this window's queue of each, then the machine lock of each
   * (so no other window writes to them meanwhile). `pause` gives the machine locks back while
   * the user answers a question, and takes them again before the task goes on.
   */
  private exclusive<T>(
    ctx: WriteContext,
    keys: readonly string[],
    task: (pause: <A>(ask: () => Promise<A>) => Promise<A>, renew: () => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const ks = [...new Set(keys.map(normaliseKey))];
    if (ks.some((k) => this.queue.busy(k))) ctx.report?.('waiting');
    return this.queue.runAll(ks, async () => {
      const m = this.machine;
      if (!m)
        return task(
          (ask) => ask(),
          async () => undefined,
        );
      const take = () =>
        holdAll(
          m.locks,
          ks.map((k) => `app-${k}`),
          {
            owner: m.owner,
            leaseMs: m.leaseMs,
            now: this.now,
            wait: m.wait,
            signal: ctx.signal,
            cancelled: () => cancelledError({ method: 'PUT' }),
            onWait: () => ctx.report?.('waiting'),
          },
        );
      let held: HeldLocks | undefined = await take();
      try {
        return await task(
          async (ask) => {
            await held?.release();
            held = undefined;
            try {
              return await ask();
            } finally {
              held = await take();
            }
          },
          async () => held?.renew(),
        );
      } finally {
        await held?.release();
      }
    });
  }

  /** Takes the user's view now: pass it to assign/unassign later. */
  snapshot(numbers: readonly RentedNumber[]): SeenView {
    return { numbers: [...numbers], mark: this.journal.snapshotMark() };
  }

  /** Call around a refresh of the numbers list: once it succeeds, our changes before it are in the list. */
  async refreshed<T>(refresh: () => Promise<T>): Promise<T> {
    const upTo = this.journal.mark();
    const result = await refresh();
    this.journal.reflect(upTo);
    return result;
  }

  /** One listApplicationNumbers. */
  async read(ctx: WriteContext, appKey: string, signal = ctx.signal): Promise<RentedNumber[]> {
    try {
      return await ctx.api.listApplicationNumbers(appKey, { signal });
    } catch (error) {
      ctx.noteError(error);
      throw error;
    }
  }

  /**
   * Assign: serialized per application. 1 read + 1 write when nothing changed behind the user's back.
   * Never writes a set that lacks a number the application held when it was read.
   */
  assign(ctx: WriteContext, req: AssignRequest): Promise<AssignResult> {
    return this.exclusive(ctx, [req.appKey, ...(req.alsoHold ?? [])], async (pause, renew) => {
      throwIfAborted(ctx.signal);
      let current = await this.readForWrite(ctx, req.appKey);
      const seen = req.seen;
      // When the journal no longer reaches back to the user's look, everything there counts as new.
      let baseline =
        seen &&
        (this.journal.adjust(
          req.appKey,
          sameApp(seen.numbers, req.appKey, req.capability),
          seen.mark,
          req.capability,
        ) ??
          []);
      for (let asked = 0; baseline !== undefined; asked++) {
        const now = withCapability(current, req.capability);
        const change = diffSets(baseline, now);
        if (!change) break;
        if (asked >= MAX_CONFIRMATIONS) throw new KeptChanging(req.appKey);
        if (!(await pause(() => req.confirmChange(change, current)))) throw new ChangeDeclined();
        // The answer took time: read again, and go on only if it still is what the user accepted.
        baseline = now;
        throwIfAborted(ctx.signal);
        current = await this.readForWrite(ctx, req.appKey);
      }

      const plan = planWrite(
        current,
        req.capability,
        req.numbers.map((n) => n.number),
      );
      if (plan.blocked.length > 0) throw new UnsafeToWrite(req.appKey, req.capability, plan.blocked);
      if (plan.adding.length === 0) return { status: 'unchanged', plan, current };
      const adding = req.numbers.filter((n) => plan.adding.includes(n.number));
      await renew();
      const outcome = await this.write(ctx, req.appKey, req.capability, plan.send, plan.expected, current);
      if (outcome.status === 'failed') throw new AssignmentFailed('write', outcome.error, req.appKey, plan);
      const result = outcome.status === 'unknown' ? outcome.after : outcome.result;
      if (result) {
        const landed = new Set(result.map((n) => n.number));
        this.journal.record(req.appKey, { added: adding.filter((n) => landed.has(n.number)) });
        // A number that moved here left its former application: our own doing, not a surprise there.
        for (const [from, numbers] of groupBySource(
          adding.filter((n) => landed.has(n.number)),
          req.appKey,
        )) {
          this.journal.record(from, { removed: numbers });
        }
      }
      if (outcome.status === 'unknown') {
        return {
          status: 'unknown',
          plan,
          error: outcome.error,
          after: outcome.after,
          verification: outcome.after && verify(plan.expected, outcome.after),
        };
      }
      return {
        status: outcome.verification.ok ? 'done' : 'incomplete',
        plan,
        result: outcome.result,
        verification: outcome.verification,
        repair: outcome.repair,
      };
    });
  }

  /**
   * Undoes our own assign without touching anybody else's change: takes off the numbers we
   * added, and puts back only the numbers OUR write dropped (plan.lost), never one that left
   * since for another application, which stays where it is and is reported as skipped.
   */
  restore(ctx: WriteContext, appKey: string, capability: Capability, plan: RestorePlan): Promise<RestoreResult> {
    return this.exclusive(ctx, [appKey], async () => {
      throwIfAborted(ctx.signal);
      const wanted = sortedUnique(plan.lost.filter((n) => plan.previous.includes(n)));
      const { free, skipped } =
        wanted.length > 0 ? await this.placeable(ctx, appKey, wanted) : { free: [], skipped: [] };
      const current = await this.readForWrite(ctx, appKey);
      const now = withCapability(current, capability);
      const ours = new Set(plan.added);
      const target = restoreTarget(
        now,
        plan.added,
        free.map((n) => n.number),
      );
      const takenOff = now.filter((n) => ours.has(n));
      const putBack = target.filter((n) => !now.includes(n));
      const leftSince = plan.previous.filter((n) => !target.includes(n) && !skipped.some((s) => s.number === n));
      const base = { takenOff, putBack, skipped, leftSince };
      if (!diffSets(now, target)) return { status: 'unchanged', current, ...base };
      const blocked = target.filter((n) => !isValidPhoneNumber(n));
      if (blocked.length > 0) throw new UnsafeToWrite(appKey, capability, blocked);
      const expected = sortedUnique([...current.map((n) => n.number).filter((n) => !ours.has(n)), ...target]);
      const outcome = await this.write(ctx, appKey, capability, target, expected, current);
      if (outcome.status === 'failed') throw new AssignmentFailed('write', outcome.error, appKey);
      const result = outcome.status === 'unknown' ? outcome.after : outcome.result;
      if (result) {
        const landed = new Set(result.map((n) => n.number));
        this.journal.record(appKey, {
          added: free.filter((n) => putBack.includes(n.number) && landed.has(n.number)),
          removed: takenOff.filter((n) => !landed.has(n)),
        });
      }
      if (outcome.status === 'unknown')
        return { status: 'unknown', target, error: outcome.error, after: outcome.after, ...base };
      return {
        status: outcome.verification.ok ? 'done' : 'incomplete',
        target,
        result: outcome.result,
        verification: outcome.verification,
        repair: outcome.repair,
        ...base,
      };
    });
  }

  /**
   * Adds numbers back to an application (Undo of a move or unassign, Restore of a number that
   * vanished). Adding a number takes it off whichever application holds it, so the
   * organisation's numbers are listed first (one request) and a number now on another
   * application is skipped, unless it is on `from`, where our own change put it. Then one safe
   * union write per capability.
   */
  async addBack(
    ctx: WriteContext,
    appKey: string,
    numbers: readonly RentedNumber[],
    opts: { from?: string } = {},
  ): Promise<AddBackResult> {
    const { free, skipped } = await this.placeable(ctx, appKey, sortedUnique(numbers.map((n) => n.number)), opts.from);
    const results: AssignResult[] = [];
    for (const { capability, numbers: group } of groupByCapability(free)) {
      results.push(
        await this.assign(ctx, {
          appKey,
          capability,
          numbers: group,
          // The numbers leave where they are now (`from`, by our own change): no write there may interleave.
          alsoHold: [...new Set(group.map((n) => n.applicationKey).filter((k): k is string => k !== undefined))],
          // No number is taken from anybody (checked above) and the write keeps what is there now: nothing to ask.
          confirmChange: async () => true,
        }),
      );
    }
    return { results, skipped };
  }

  /**
   * Where each number is now (one listRentedNumbers): the current copies of those that may go
   * to `appKey` (unassigned, already there, or on `from`), and the others, skipped with why.
   */
  private async placeable(
    ctx: WriteContext,
    appKey: string,
    numbers: readonly number[],
    from?: string,
  ): Promise<{ free: RentedNumber[]; skipped: Skipped[] }> {
    let all: RentedNumber[];
    try {
      all = await ctx.api.listRentedNumbers(ctx.organisationId, { signal: ctx.signal });
    } catch (error) {
      ctx.noteError(error);
      throw new AssignmentFailed('read', error, appKey);
    }
    const byNumber = new Map(all.map((n) => [n.number, n]));
    const free: RentedNumber[] = [];
    const skipped: Skipped[] = [];
    for (const number of numbers) {
      const n = byNumber.get(number);
      if (!n) skipped.push({ number, reason: 'notRented' });
      else if (
        n.applicationKey &&
        !sameApplication(n.applicationKey, appKey) &&
        !sameApplication(n.applicationKey, from)
      ) {
        skipped.push({ number, reason: 'elsewhere', appKey: n.applicationKey });
      } else free.push(n);
    }
    return { free, skipped };
  }

  /** After a move: re-reads a former application and names any of its other numbers that left too. */
  checkSource(ctx: WriteContext, appKey: string, seen: SeenView, moved: readonly number[]): Promise<SourceCheck> {
    return this.exclusive(ctx, [appKey], async () => {
      const expected = (
        this.journal.adjust(appKey, sameApp(seen.numbers, appKey), seen.mark) ?? sameApp(seen.numbers, appKey)
      ).filter((n) => !moved.includes(n));
      try {
        const after = await this.read(ctx, appKey, ctx.settleSignal);
        const there = new Set(after.map((n) => n.number));
        return { appKey, after, missing: expected.filter((n) => !there.has(n)) };
      } catch (readError) {
        return { appKey, readError, missing: [] };
      }
    });
  }

  /**
   * Unassign with DELETE, one number at a time (204 also when it was not there), then one
   * re-read of the application that names any other number that disappeared.
   */
  unassign(
    ctx: WriteContext,
    appKey: string,
    numbers: readonly RentedNumber[],
    seen: SeenView,
  ): Promise<UnassignResult> {
    return this.exclusive(ctx, [appKey], async () => {
      const valid = sortedUnique(numbers.map((n) => n.number).filter(isValidPhoneNumber));
      const out: UnassignResult = {
        appKey,
        done: [],
        notAttempted: [],
        invalid: sortedUnique(numbers.map((n) => n.number).filter((n) => !isValidPhoneNumber(n))),
      };
      const before =
        this.journal.adjust(appKey, sameApp(seen.numbers, appKey), seen.mark) ?? sameApp(seen.numbers, appKey);
      ctx.report?.('writing');
      for (let i = 0; i < valid.length; i++) {
        try {
          throwIfAborted(ctx.signal);
          await ctx.api.unassignNumber(appKey, valid[i], { signal: ctx.signal });
          out.done.push(valid[i]);
        } catch (error) {
          ctx.noteError(error);
          out.failed = { number: valid[i], error };
          out.notAttempted = valid.slice(i + 1);
          break;
        }
      }
      this.journal.record(appKey, { removed: out.done });
      ctx.report?.('verifying');
      try {
        out.after = await this.read(ctx, appKey, ctx.settleSignal);
        const attempted = out.failed ? [...out.done, out.failed.number] : out.done;
        out.check = checkUnassign(before, attempted, out.after);
      } catch (readError) {
        out.readError = readError;
      }
      return out;
    });
  }

  private async readForWrite(ctx: WriteContext, appKey: string): Promise<RentedNumber[]> {
    ctx.report?.('reading');
    try {
      return await this.read(ctx, appKey);
    } catch (error) {
      throw new AssignmentFailed('read', error, appKey);
    }
  }

  /**
   * The one PUT (with the application's whole set on a whole-set host, and put right at once when
   * it shows that rule: see assignScope.ts); when its outcome is unknown, one re-read finds out what happened.
   */
  private async write(
    ctx: WriteContext,
    appKey: string,
    capability: Capability,
    send: number[],
    expected: readonly number[],
    current: readonly RentedNumber[],
  ): Promise<
    | { status: 'written'; result: RentedNumber[]; verification: Verification; repair?: ScopeRepair }
    | { status: 'failed'; error: unknown }
    | { status: 'unknown'; error: unknown; after?: RentedNumber[] }
  > {
    const scope = ctx.scope ?? this.scope;
    const body = scopedBody(scope.get()?.scope, current, capability, send);
    const blocked = body.filter((n) => !isValidPhoneNumber(n));
    if (blocked.length > 0) throw new UnsafeToWrite(appKey, capability, blocked);
    ctx.report?.('writing');
    throwIfAborted(ctx.signal);
    try {
      const { result, repair } = await putInScope({ ...ctx, scope, now: this.now, appKey, capability, body, current });
      ctx.report?.('verifying');
      return { status: 'written', result, verification: verify(expected, result), repair };
    } catch (error) {
      ctx.noteError(error);
      if (!mayHaveHappened(error)) return { status: 'failed', error };
      try {
        return { status: 'unknown', error, after: await this.read(ctx, appKey, ctx.settleSignal) };
      } catch {
        return { status: 'unknown', error };
      }
    }
  }
}

/** A request that may have reached Sinch and been applied although we have no answer. */
function mayHaveHappened(error: unknown): boolean {
  return error instanceof SinchApiError && error.outcomeUnknown === true;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    throw cancelledError({ method: 'PUT' });
  }
}

function sameApp(numbers: readonly RentedNumber[], appKey: string, capability?: Capability): number[] {
  return sortedUnique(
    numbers
      .filter(
        (n) =>
          sameApplication(n.applicationKey, appKey) &&
          (capability === undefined || withCapability([n], capability).length > 0),
      )
      .map((n) => n.number),
  );
}

function groupBySource(numbers: readonly RentedNumber[], target: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const n of numbers) {
    if (n.applicationKey === undefined || sameApplication(n.applicationKey, target)) continue;
    const from = normaliseKey(n.applicationKey);
    out.set(from, [...(out.get(from) ?? []), n.number]);
  }
  return out;
}
