// Sinch for the interleaving simulation: the stateful simulator's model (test/simulator/state.ts)
// run in-process, one InstanceApi per window, every request and every answer a step that the
// seeded scheduler orders. The HTTP path is not used: sockets and the client's per-attempt timers
// run on the real clock, so their interleaving cannot be replayed from a seed. What the client
// adds over HTTP is kept: its errors are made by the client's own error makers, and a failed
// attempt is sent again exactly when the client's retry policy says (retryPolicy.mayResend, the
// Retry-After floor and cap), after a backoff on the virtual clock.
import type { Scheduler } from 'fast-check';
import type { CallOptions, InstanceApi, ListOptions, NumberCollector } from '../../src/sinch/client';
import { DEFAULT_RETRY_POLICY } from '../../src/sinch/client';
import { errorFromNetwork, errorFromResponse, SinchApiError } from '../../src/sinch/errors';
import { mayResend, type ResendRule } from '../../src/sinch/retryPolicy';
import type { Capability, RentedNumber } from '../../src/sinch/types';
import { readNumberGroups, readRentedNumber } from '../../src/sinch/wire';
import { SinchError } from '../simulator/errors';
import { SimulatorState, type User } from '../simulator/state';
import { demo, loadDataset } from '../simulator/datasets';

/** What may happen to one request (drawn per request, in order, from the schedule). */
export type Fault =
  | 'none'
  /** The connection fails before anything is sent (ECONNREFUSED): Sinch never sees it. */
  | 'notSent'
  /** Sinch carries it out, the answer is lost (the client's timeout). */
  | 'lost'
  /** The client times out first; Sinch carries it out later, at a step of its own. */
  | 'late'
  | '429'
  | '503'
  | '408'
  /** Answered, but only after a while (virtual seconds). */
  | 'slow';

export const FAULTS: readonly Fault[] = ['none', 'notSent', 'lost', 'late', '429', '503', '408', 'slow'];

/** The virtual clock every actor reads; it only moves forward. */
export class VirtualClock {
  constructor(public now: number) {}
  advanceTo(t: number): void {
    if (t > this.now) this.now = t;
  }
}

export interface SinchEvents {
  /** A checkout Sinch carried out: which reservations, and the numbers it created. */
  onCheckout?(window: string, referenceIds: string[], created: number[]): void;
  onReserve?(window: string, referenceId: string, quantity: number): void;
  /** Before a checkout is carried out: the money invariant is checked here. */
  beforeCheckout?(window: string, referenceIds: string[]): void;
  /** A checkout request leaves the window (whatever becomes of it). */
  onCheckoutSent?(window: string, referenceIds: string[]): void;
  /** Sinch answered an application's read (its set as of this step). */
  onRead?(window: string, appKey: string): void;
  /** Sinch carried out an assign PUT: `attempt` 0 is the body's first send; `dropped`, the numbers it took off. */
  onPut?(window: string, appKey: string, attempt: number, dropped: number[]): void;
}

/** A step of the schedule waits here; `label` is what the shrunk schedule shows. */
export type Step = (label: string) => Promise<void>;

export class SimSinch {
  readonly state: SimulatorState;
  readonly user: User;
  readonly orgId = demo.orgId;
  /** When each number was created by a checkout: a lagging list leaves out the newest. */
  private readonly createdAt = new Map<number, number>();
  private faultIndex = 0;
  /** Requests Sinch has not carried out yet (late arrivals): the run is over only when none is left. */
  inFlight = 0;

  constructor(
    readonly clock: VirtualClock,
    private readonly step: Step,
    private readonly faults: readonly Fault[],
    /** How far behind a checkout the organisation's list lags (ms). */
    private readonly listLagMs: number,
    readonly events: SinchEvents = {},
  ) {
    this.state = new SimulatorState(() => clock.now, 15 * 60_000);
    loadDataset(this.state, 'demo');
    this.user = this.state.users.find((u) => u.orgId === demo.orgId)!;
  }

  /** The numbers on an application now (for invariants and the colleague). */
  on(appKey: string): number[] {
    return [...this.state.numbers.values()]
      .filter((n) => n.applicationKey === appKey)
      .map((n) => n.number)
      .sort((a, b) => a - b);
  }

  whereIs(number: number): string | undefined {
    return this.state.numbers.get(number)?.applicationKey;
  }

  private nextFault(): Fault {
    return this.faults.length === 0 ? 'none' : this.faults[this.faultIndex++ % this.faults.length];
  }

  /** One InstanceApi per window: its requests carry the window's name in the schedule. */
  api(window: string, random: () => number): InstanceApi {
    const call = <T>(
      label: string,
      rule: ResendRule,
      method: string,
      run: (attempt: number) => T,
      opts?: CallOptions,
    ) => this.call(window, label, rule, method, run, random, opts);
    const org = this.orgId;
    const rented = (wire: unknown[]) => wire.map((w) => readRentedNumber(w)!);
    const api: InstanceApi = {
      getOrganisations: async () => ({ shape: 'object', organisations: [{ id: org, name: 'Acme' }] }),
      listShopGroups: (_org, opts) =>
        call('shop', { idempotent: true }, 'GET', () => readNumberGroups(this.state.listShop(undefined))!, opts),
      reserve: (_org, req, opts) =>
        call(
          `reserve ${req.groupId}×${req.quantity}`,
          { idempotent: false },
          'PUT',
          () => {
            const r = this.state.reserve(org, { ...req });
            this.events.onReserve?.(window, r.referenceId, req.quantity);
            return r;
          },
          opts,
        ),
      checkout: (_org, ids, opts) => {
        this.events.onCheckoutSent?.(window, ids);
        return call(
          `checkout ${ids.length}`,
          { idempotent: false },
          'POST',
          () => {
            const before = new Set(this.state.numbers.keys());
            this.events.beforeCheckout?.(window, ids);
            this.state.checkout(org, { referenceIds: ids });
            const created = [...this.state.numbers.keys()].filter((n) => !before.has(n));
            for (const n of created) this.createdAt.set(n, this.clock.now);
            this.events.onCheckout?.(window, ids, created);
          },
          opts,
        );
      },
      listRentedNumbers: (_org, opts?: ListOptions) =>
        call('list', { idempotent: true }, 'GET', () => rented(this.lagging(this.state.listNumbers(org))), opts),
      streamRentedNumbers: async <T>(o: string, collect: () => NumberCollector<T>, opts?: ListOptions) => {
        const c = collect();
        for (const n of await api.listRentedNumbers(o, opts)) c.add(n);
        return c.finish();
      },
      listApplicationNumbers: (key, opts) =>
        call(
          `read ${short(key)}`,
          { idempotent: true },
          'GET',
          () => {
            const list = rented(this.state.listApplicationNumbers(this.user, key));
            this.events.onRead?.(window, key);
            return list;
          },
          opts,
        ),
      assignNumbers: (key, capability: Capability, numbers, opts) =>
        call(
          `put ${short(key)} ${capability} [${numbers.map(shortNumber).join(',')}]`,
          // As client.ts declares it.
          { idempotent: true, mergedFromRead: true },
          'PUT',
          (attempt) => {
            const before = this.on(key);
            const result = rented(this.state.assign(this.user, key, capability, { numbers }));
            const after = new Set(this.on(key));
            this.events.onPut?.(
              window,
              key,
              attempt,
              before.filter((n) => !after.has(n)),
            );
            return result;
          },
          opts,
        ),
      unassignNumber: (key, number, opts) =>
        call(
          `delete ${short(key)} ${shortNumber(number)}`,
          { idempotent: true },
          'DELETE',
          () => this.state.unassign(this.user, key, String(number)),
          opts,
        ),
    };
    return api;
  }

  /** A lagging list leaves out numbers a checkout created less than `listLagMs` ago. */
  private lagging<T extends { number: number }>(list: T[]): T[] {
    if (this.listLagMs <= 0) return list;
    return list.filter((n) => {
      const at = this.createdAt.get(n.number);
      return at === undefined || this.clock.now - at >= this.listLagMs;
    });
  }

  /** The client's call loop, on the schedule: request, Sinch, answer; re-sent as the retry policy says. */
  private async call<T>(
    window: string,
    label: string,
    rule: ResendRule,
    method: string,
    run: (attempt: number) => T,
    random: () => number,
    opts?: CallOptions,
  ): Promise<T> {
    const ctx = { method, path: `/${label.split(' ')[0]}`, host: 'sim', signedBy: 'instance' as const };
    const policy = DEFAULT_RETRY_POLICY;
    for (let retries = 0; ;) {
      if (opts?.signal?.aborted) throw errorFromNetwork(new Error('aborted'), { ...ctx, phase: 'cancelled' });
      await this.step(`${window} → ${label}`);
      const fault = this.nextFault();
      const attempt = retries;
      let outcome: { ok: true; value: T } | { ok: false; error: SinchApiError };
      const carryOut = (): { ok: true; value: T } | { ok: false; error: SinchApiError } => {
        try {
          return { ok: true, value: run(attempt) };
        } catch (e) {
          if (!(e instanceof SinchError)) throw e;
          return { ok: false, error: errorFromResponse(e.status, e.body(), ctx) };
        }
      };
      const timeout = () => errorFromNetwork(new Error('timeout'), { ...ctx, phase: 'timeout', timeoutMs: 30_000 });
      switch (fault) {
        case 'notSent':
          outcome = {
            ok: false,
            error: errorFromNetwork(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), {
              ...ctx,
              phase: 'failed',
            }),
          };
          break;
        case 'lost':
          carryOut();
          this.clock.advanceTo(this.clock.now + 30_000);
          outcome = { ok: false, error: timeout() };
          break;
        case 'late':
          this.inFlight++;
          void this.step(`${window} ⇢ ${label} (arrives late)`).then(() => {
            this.inFlight--;
            carryOut();
          });
          this.clock.advanceTo(this.clock.now + 30_000);
          outcome = { ok: false, error: timeout() };
          break;
        case '429':
        case '503':
        case '408': {
          const status = Number(fault);
          const retryAfterMs = Math.floor(random() * 31) * 1000;
          const code = status === 429 ? 42900 : status === 503 ? 50300 : 40800;
          outcome = {
            ok: false,
            error: errorFromResponse(
              status,
              { errorCode: code, message: 'Try again later.' },
              { ...ctx, retryAfterMs },
            ),
          };
          break;
        }
        case 'slow':
          this.clock.advanceTo(this.clock.now + Math.floor(random() * 25_000));
          outcome = carryOut();
          break;
        default:
          outcome = carryOut();
      }
      await this.step(`${window} ← ${label}${outcome.ok ? '' : ` ${outcome.error.status ?? outcome.error.kind}`}`);
      if (outcome.ok) return outcome.value;
      const error = outcome.error;
      if (!mayResend(error, rule, retries, policy.maxRetries)) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retries) * random();
      retries++;
      await this.passTime(Math.max(backoff, error.retryAfterMs ?? 0), window);
    }
  }

  /** A wait on the virtual clock: the time passes when the scheduler lets the sleeper go on. */
  /** Virtual time: the clock jumps when the scheduler reaches this step; no real time passes. */
  async passTime(ms: number, who: string): Promise<void> {
    const wake = this.clock.now + ms;
    await this.step(`${who} sleeps ${Math.round(ms / 1000)} s`);
    this.clock.advanceTo(wake);
  }
}

export function short(key: string): string {
  return key.slice(0, 4);
}

export function shortNumber(n: number): string {
  return String(n).slice(-4);
}

export type { RentedNumber, Scheduler };
