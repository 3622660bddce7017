// The machine's lock folder for the simulation: one map shared by the windows, each call a step
// of the schedule (a file system call takes time), each take atomic (as open 'wx' is).
import type { LeaseLocks, LeaseRecord, TakeResult } from '../../src/platform/leaseLocks';
import type { Step, VirtualClock } from './simSinch';

export class SimLocks implements LeaseLocks {
  readonly leases = new Map<string, LeaseRecord>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly step: Step,
  ) {}

  async take(key: string, owner: string, until: number, note?: string): Promise<TakeResult> {
    await this.step(`${owner} takes lock ${key.slice(0, 12)}`);
    const there = this.leases.get(key);
    if (there && there.owner !== owner && there.until > this.clock.now) return { taken: false, holder: there };
    this.leases.set(key, { owner, until, note, since: there?.owner === owner ? there.since : this.clock.now });
    return { taken: true };
  }

  async release(key: string, owner: string): Promise<void> {
    await this.step(`${owner} releases lock ${key.slice(0, 12)}`);
    if (this.leases.get(key)?.owner === owner) this.leases.delete(key);
  }

  async holder(key: string): Promise<LeaseRecord | undefined> {
    const there = this.leases.get(key);
    return there && there.until > this.clock.now ? there : undefined;
  }

  /** Locks `owner` still holds; a 'checkedOut' mark is not one (it is meant to stay until its reservation lapses). */
  heldBy(owner: string): string[] {
    return [...this.leases].filter(([, r]) => r.owner === owner && r.note !== 'checkedOut').map(([k]) => k);
  }
}
