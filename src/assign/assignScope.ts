// The assign scope of a host, detected rather than assumed (docs/api/dialects.md): the
// reference's PUT …/numbers/{capability} overwrites that capability's numbers of an application,
// but its own sentence says "all numbers". A write that shows the second reading (the numbers
// without the capability are gone) is put right at once, and from then on every write to that
// host carries the application's whole set. Pure but for the one helper that sends.
import type { AssignScope, AssignScopeMemory, LearnedScope } from '../sinch/dialect';
import type { InstanceApi } from '../sinch/client';
import type { Capability, RentedNumber } from '../sinch/types';
import { hasCapability, sortedUnique } from './assignment';

/** The application's numbers that lack `capability`: a per-capability write leaves them alone, a whole-set one must carry them. */
export function otherCapabilityNumbers(current: readonly RentedNumber[], capability: Capability): number[] {
  return sortedUnique(current.filter((n) => !hasCapability(n, capability)).map((n) => n.number));
}

/** The body of the PUT that writes `send` as `capability`'s set: on a whole-set host, with every other number of the application. */
export function scopedBody(
  scope: AssignScope | undefined,
  current: readonly RentedNumber[],
  capability: Capability,
  send: readonly number[],
): number[] {
  return scope === 'wholeSet' ? sortedUnique([...send, ...otherCapabilityNumbers(current, capability)]) : [...send];
}

/**
 * What an answer to a per-capability write shows about the host: whole set when every number
 * without the capability that the application held is gone (there was at least one); per
 * capability when they all stayed; nothing when there were none, or only some left (that is
 * somebody else's change, not the host's rule).
 */
export function scopeShown(
  current: readonly RentedNumber[],
  capability: Capability,
  result: readonly Pick<RentedNumber, 'number'>[],
): { scope: 'wholeSet'; removed: number[] } | { scope: 'capability' } | undefined {
  const others = otherCapabilityNumbers(current, capability);
  if (others.length === 0) return undefined;
  const after = new Set(result.map((n) => n.number));
  const removed = others.filter((n) => !after.has(n));
  if (removed.length === 0) return { scope: 'capability' };
  return removed.length === others.length ? { scope: 'wholeSet', removed } : undefined;
}

/** A write that removed the numbers of the other capability, and what was put back at once. */
export interface ScopeRepair {
  capability: Capability;
  /** Numbers without the written capability that the write removed. */
  removed: number[];
  /** Of those, the ones on the application again after the repair write. */
  restored: number[];
  /** The repair write failed: `removed` less `restored` are still off the application. */
  error?: unknown;
}

/** What the one PUT of a write needs. */
export interface ScopedPut {
  api: InstanceApi;
  signal: AbortSignal;
  /** For the repair write: putting back what the host removed is not the user's to cancel. */
  settleSignal: AbortSignal;
  noteError(error: unknown): void;
  scope: AssignScopeMemory;
  now: () => number;
  appKey: string;
  capability: Capability;
  /** The body, as scopedBody made it. */
  body: readonly number[];
  /** The application's numbers read just before. */
  current: readonly RentedNumber[];
}

/**
 * The PUT, then what its answer shows about the scope. When it removed the numbers of the other
 * capability, the host is recorded as whole-set and the same set is written again with them
 * (that capability's previous set back, nothing else dropped); the second answer is the result.
 */
export async function putInScope(p: ScopedPut): Promise<{ result: RentedNumber[]; repair?: ScopeRepair }> {
  const result = await p.api.assignNumbers(p.appKey, p.capability, [...p.body], { signal: p.signal });
  const known = p.scope.get()?.scope;
  if (known === 'wholeSet') return { result };
  const shown = scopeShown(p.current, p.capability, result);
  if (!shown) return { result };
  if (shown.scope === 'capability') {
    if (known === undefined) p.scope.learn({ scope: 'capability', learnedAt: p.now() });
    return { result };
  }
  const learned: LearnedScope = {
    scope: 'wholeSet',
    learnedAt: p.now(),
    evidence: { appKey: p.appKey, capability: p.capability, removed: shown.removed },
  };
  p.scope.learn(learned);
  try {
    const repaired = await p.api.assignNumbers(p.appKey, p.capability, sortedUnique([...p.body, ...shown.removed]), {
      signal: p.settleSignal,
    });
    const there = new Set(repaired.map((n) => n.number));
    return {
      result: repaired,
      repair: { capability: p.capability, removed: shown.removed, restored: shown.removed.filter((n) => there.has(n)) },
    };
  } catch (error) {
    p.noteError(error);
    return { result, repair: { capability: p.capability, removed: shown.removed, restored: [], error } };
  }
}

/** A writer's own memory of one host's scope, when the session keeps none. */
export class InMemoryScope implements AssignScopeMemory {
  private learned: LearnedScope | undefined;
  get(): LearnedScope | undefined {
    return this.learned;
  }
  learn(learned: LearnedScope): void {
    this.learned = learned;
  }
}
