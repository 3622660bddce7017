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

/** What the control paths drive; the Simulator object implements it. */
export interface ControlTarget {
  faults: {
    inject(endpoint: EndpointName | '*', fault: Fault, times?: number): void;
    clear(): void;
    pending(): ReturnType<FaultQueue['pending']>;
  };
  counters(): Record<EndpointName, number>;
  resetCounters(): void;
  reset(dataset?: DatasetName, scale?: ScaleOptions): void;
  setClockOffset(ms: number): void;
  expireInstances(): void;
  setCredit(orgId: string, amount: number): void;
  setLatency(ms: number): void;
  setReservationTtl(ms: number): void;
  snapshot(): StateSnapshot;
  setDialect(dialect: Partial<Dialect>): void;
  dialect(): Dialect;
}

class BadRequest extends Error {}

const ok: Outcome = { status: 200, body: { ok: true } };

export function handleControl(target: ControlTarget, method: string, path: string, body: unknown): Outcome {
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
