// An in-memory Sinch for the assign tests: the organisation's numbers, the documented overwrite
// semantics of the application endpoints, every request in `calls`, and faults to inject.
import type { CallOptions, InstanceApi } from '../../../src/sinch/client';
import { SinchApiError } from '../../../src/sinch/errors';
import type { Capability, RentedNumber } from '../../../src/sinch/types';

/** The application key the fake answers 40400 for. */
export const UNKNOWN_APP = 'ffffffff-ffff-4fff-8fff-ffffffffffff';

/** An in-memory Sinch with the documented overwrite semantics, counting requests. */
export class FakeSinch {
  readonly numbers = new Map<number, RentedNumber>();
  readonly calls: string[] = [];
  /** Runs before the PUT is applied (a concurrent change by someone else). */
  beforeAssign?: () => void;
  /** Fails the next PUT with this error (and applies it first when `applied`). */
  failAssign?: { error: SinchApiError; applied: boolean };
  /** The 1-based DELETE that fails. */
  failUnassignAt?: { call: number; error: SinchApiError };
  /** Numbers Sinch "forgets" on a PUT (a misbehaving server). */
  dropOnAssign: number[] = [];
  /** Numbers that vanish from the application during an unassign (someone else's change). */
  dropOnUnassign: number[] = [];
  /** The host replaces an application's whole set on a PUT, whatever the capabilities (docs/api/dialects.md). */
  wholeSet = false;
  /** The 1-based PUT that fails without being applied. */
  failAssignAt?: { call: number; error: SinchApiError };
  private deletes = 0;
  private puts = 0;

  constructor(list: RentedNumber[]) {
    for (const n of list) this.numbers.set(n.number, { ...n });
  }

  of(key: string): number[] {
    return [...this.numbers.values()]
      .filter((n) => n.applicationKey === key)
      .map((n) => n.number)
      .sort((a, b) => a - b);
  }

  count(kind: string): number {
    return this.calls.filter((c) => c.startsWith(kind)).length;
  }

  api(): InstanceApi {
    return this.bind(this);
  }

  private bind(self: FakeSinch): InstanceApi {
    const listOf = (key: string) =>
      [...self.numbers.values()].filter((n) => n.applicationKey === key).map((n) => ({ ...n }));
    return {
      async listRentedNumbers(orgId: string) {
        self.calls.push(`list ${orgId}`);
        return [...self.numbers.values()].map((n) => ({ ...n }));
      },
      async listApplicationNumbers(key: string, opts?: CallOptions) {
        self.calls.push(`read ${key}`);
        if (opts?.signal?.aborted) throw cancelled();
        if (key === UNKNOWN_APP)
          throw new SinchApiError({
            kind: 'notFound',
            message: 'not found',
            method: 'GET',
            path: '',
            status: 404,
            errorCode: 40400,
          });
        return listOf(key);
      },
      async assignNumbers(key: string, capability: Capability, list: number[]) {
        self.calls.push(`assign ${key} ${capability} ${list.join(',')}`);
        self.beforeAssign?.();
        self.beforeAssign = undefined;
        self.puts++;
        if (self.failAssignAt?.call === self.puts) throw self.failAssignAt.error;
        const fail = self.failAssign;
        self.failAssign = undefined;
        if (fail && !fail.applied) throw fail.error;
        for (const n of self.numbers.values()) {
          if (
            n.applicationKey === key &&
            (self.wholeSet || n.capabilities.includes(capability)) &&
            !list.includes(n.number)
          )
            delete n.applicationKey;
        }
        for (const v of list) self.numbers.get(v)!.applicationKey = key;
        for (const v of self.dropOnAssign) delete self.numbers.get(v)!.applicationKey;
        if (fail) throw fail.error;
        return listOf(key);
      },
      async unassignNumber(key: string, number: number) {
        self.calls.push(`unassign ${key} ${number}`);
        self.deletes++;
        if (self.failUnassignAt?.call === self.deletes) throw self.failUnassignAt.error;
        const n = self.numbers.get(number);
        if (n?.applicationKey === key) delete n.applicationKey;
        for (const v of self.dropOnUnassign) delete self.numbers.get(v)!.applicationKey;
        self.dropOnUnassign = [];
      },
    } as unknown as InstanceApi;
  }
}

export function cancelled(): SinchApiError {
  return new SinchApiError({ kind: 'cancelled', message: 'cancelled', method: 'GET', path: '' });
}
