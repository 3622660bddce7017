/**
 * The control paths under /__simulator/: JSON in and out, no auth, not counted, no latency.
 * Sinch uses no such path, so they cannot shadow a real endpoint.
 */
import { errorBody } from './errors';
import { datasetNames, defaultScale, type DatasetName, type ScaleOptions } from './datasets';
import type { Fault, FaultQueue } from './faults';
import type { EndpointName } from './routes';
import type { Outcome } from './server';
import type { StateSnapshot } from './state';
import { parseDialect, type Dialect } from './dialect';

/**
 * How a test steers the simulator: the one declaration. The in-process Simulator implements it
 * directly (index.ts); `controlClient` (controlClient.ts) implements it over the control paths below, for a
 * simulator in another process (the integration suites), with every method returning a promise.
 */
export interface SimulatorControl {
  faults: {
    /** The next `times` (default 1) requests to `endpoint` ('*' = any) meet `fault`, in injection order. */
    inject(endpoint: EndpointName | '*', fault: Fault, times?: number): void;
    clear(): void;
    /** Faults not yet consumed. */
    pending(): ReturnType<FaultQueue['pending']>;
  };
  /** Requests received per endpoint: every attempt, including those failing auth or faults. */
  counters(): Record<EndpointName, number>;
  resetCounters(): void;
  /**
   * Reloads the data (default: the current dataset). Faults, counters, clock offset, latency
   * and sessions are kept; a session whose user no longer exists stops working.
   */
  reset(dataset?: DatasetName, scale?: ScaleOptions): void;
  /** The server's clock = now() + ms, so a client with a correct clock looks `ms` off. */
  setClockOffset(ms: number): void;
  /** Every instance expires now. */
  expireInstances(): void;
  /** USD. */
  setCredit(orgId: string, amount: number): void;
  setLatency(ms: number): void;
  /** Also applies to the reservations already held (measured from their creation). */
  setReservationTtl(ms: number): void;
  /** The JSON snapshot GET /__simulator/state answers. */
  snapshot(): StateSnapshot;
  /** Changes how the server reads the disputed points; kept across reset(). */
  setDialect(dialect: Partial<Dialect>): void;
  dialect(): Dialect;
}

class BadRequest extends Error {}

const ok: Outcome = { status: 200, body: { ok: true } };

export function handleControl(target: SimulatorControl, method: string, path: string, body: unknown): Outcome {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'POST /__simulator/faults':
        target.faults.inject(
          b.endpoint as EndpointName | '*',
          b.fault as Fault,
          b.times === undefined ? 1 : (b.times as number),
        );
        return ok;
      case 'GET /__simulator/faults':
        return { status: 200, body: target.faults.pending() };
      case 'DELETE /__simulator/faults':
        target.faults.clear();
        return ok;
      case 'GET /__simulator/counters':
        return { status: 200, body: target.counters() };
      case 'POST /__simulator/counters/reset':
        target.resetCounters();
        return ok;
      case 'POST /__simulator/reset': {
        if (b.dataset !== undefined && !datasetNames.includes(b.dataset as DatasetName)) {
          throw new BadRequest(`dataset must be one of ${datasetNames.join(', ')}.`);
        }
        target.reset(b.dataset as DatasetName | undefined, b.scale === undefined ? undefined : scaleOf(b.scale));
        return ok;
      }
      case 'POST /__simulator/clock':
        target.setClockOffset(finite(b.offsetMs, 'offsetMs'));
        return ok;
      case 'POST /__simulator/expire-instances':
        target.expireInstances();
        return ok;
      case 'POST /__simulator/credit':
        if (typeof b.orgId !== 'string') throw new BadRequest('orgId must be a string.');
        target.setCredit(b.orgId, finite(b.amount, 'amount'));
        return ok;
      case 'POST /__simulator/latency':
        target.setLatency(nonNegative(b.ms, 'ms'));
        return ok;
      case 'POST /__simulator/reservation-ttl':
        target.setReservationTtl(nonNegative(b.ms, 'ms'));
        return ok;
      case 'GET /__simulator/state':
        return { status: 200, body: target.snapshot() };
      case 'POST /__simulator/dialect':
        target.setDialect(dialectOf(b));
        return { status: 200, body: target.dialect() };
      case 'GET /__simulator/dialect':
        return { status: 200, body: target.dialect() };
      default:
        return { status: 404, body: errorBody(40400, `No control path ${route}.`) };
    }
  } catch (err) {
    // Bad control input is the test author's mistake: say what was wrong, never crash.
    return { status: 400, body: errorBody(40001, (err as Error).message) };
  }
}

function dialectOf(b: Record<string, unknown>): Partial<Dialect> {
  try {
    return parseDialect(b);
  } catch (err) {
    throw new BadRequest((err as Error).message);
  }
}

function finite(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new BadRequest(`${name} must be a number.`);
  return v;
}

function nonNegative(v: unknown, name: string): number {
  const n = finite(v, name);
  if (n < 0) throw new BadRequest(`${name} must be >= 0.`);
  return n;
}

function scaleOf(v: unknown): ScaleOptions {
  const s = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const count = (x: unknown, name: keyof ScaleOptions) => {
    if (x === undefined) return defaultScale[name] ?? 0;
    if (!Number.isInteger(x) || (x as number) < 0) throw new BadRequest(`scale.${name} must be a whole number >= 0.`);
    return x as number;
  };
  return {
    numbers: count(s.numbers, 'numbers'),
    applications: count(s.applications, 'applications'),
    pool: count(s.pool, 'pool'),
  };
}
