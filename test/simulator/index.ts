/**
 * A faithful, stateful Sinch simulator: the user, core and portal APIs on one loopback port,
 * with independent signature verification, the documented error codes, fault injection and
 * control paths. Used in process by unit tests, over HTTP by the integration tests, and by
 * `npm start` through cli.ts.
 */
import { UserTokens } from './auth';
import { handleControl, type ControlTarget } from './control';
import { defaultScale, loadDataset, type DatasetName, type ScaleOptions } from './datasets';
import { FaultQueue, type Fault } from './faults';
import { endpointNames, type EndpointName } from './routes';
import { SimulatorServer } from './server';
import { SimulatorState, type StateSnapshot } from './state';
import type { Dialect } from './dialect';

export type { EndpointName } from './routes';
export type { Fault, FaultKind } from './faults';
export type { DatasetName, ScaleOptions } from './datasets';
export { demo, largeScale } from './datasets';
export type { Dialect } from './dialect';
export { referenceDialect, dialectChoices } from './dialect';
export { ADMINISTRATION_KEY } from './auth';
export type {
  Application,
  Capability,
  Instance,
  Money,
  NumberGroup,
  Organisation,
  RentedNumber,
  Reservation,
  StateSnapshot,
  User,
  WireNumber,
  WireNumberGroup,
} from './state';
export { SimulatorState };

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 'demo'. */
  dataset?: DatasetName;
  /** For the 'scale' dataset; default 20000 numbers across 200 applications. */
  scale?: ScaleOptions;
  /** Default 15 minutes. */
  reservationTtlMs?: number;
  /** Default 172800 (48 h). */
  instanceTtlSeconds?: number;
  /** Added before every Sinch response (not the control paths). Default 0. */
  latencyMs?: number;
  /** Model time; default Date.now. */
  now?: () => number;
  /** One line per request (method, path, status, time; never bodies or credentials). */
  log?: (line: string) => void;
  /** How to read the points Sinch's sources disagree on; default the reference in each (see dialect.ts). */
  dialect?: Partial<Dialect>;
}

export interface Simulator {
  /** http://127.0.0.1:<port>; the base URL of all three hosts. */
  url: string;
  /** Also ends hung requests. Idempotent. */
  close(): Promise<void>;
  faults: {
    /** The next `times` (default 1) requests to `endpoint` ('*' = any) meet `fault`, in injection order. */
    inject(endpoint: EndpointName | '*', fault: Fault, times?: number): void;
    clear(): void;
    /** Faults not yet consumed. */
    pending(): { endpoint: EndpointName | '*'; fault: Fault; remaining: number }[];
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
  /** The live model, for assertions. */
  state: SimulatorState;
}

const emptyCounters = (): Record<EndpointName, number> =>
  Object.fromEntries(endpointNames.map((e) => [e, 0])) as Record<EndpointName, number>;

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const now = opts.now ?? Date.now;
  const state = new SimulatorState(now, opts.reservationTtlMs ?? 15 * 60 * 1000);
  const faults = new FaultQueue();
  let counters = emptyCounters();
  let latencyMs = opts.latencyMs ?? 0;
  let clockOffsetMs = 0;
  let dataset: DatasetName = opts.dataset ?? 'demo';
  let scale: ScaleOptions = { ...defaultScale, ...opts.scale };
  const instanceTtlSeconds = opts.instanceTtlSeconds ?? 172800;
  loadDataset(state, dataset, scale);
  state.dialect = { ...state.dialect, ...opts.dialect };

  const control: ControlTarget = {
    faults: {
      inject: (endpoint, fault, times) => faults.inject(endpoint, fault, times),
      clear: () => faults.clear(),
      pending: () => faults.pending(),
    },
    counters: () => ({ ...counters }),
    resetCounters: () => {
      counters = emptyCounters();
    },
    reset: (d, s) => {
      dataset = d ?? dataset;
      if (s) scale = { ...defaultScale, ...s };
      loadDataset(state, dataset, scale);
    },
    setClockOffset: (ms) => {
      clockOffsetMs = ms;
    },
    expireInstances: () => state.expireInstances(),
    setCredit: (orgId, amount) => {
      state.credit.set(orgId, amount);
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setReservationTtl: (ms) => state.setReservationTtl(ms),
    snapshot: () => state.snapshot(),
    setDialect: (d) => {
      state.dialect = { ...state.dialect, ...d };
    },
    dialect: () => ({ ...state.dialect }),
  };

  const server = new SimulatorServer({
    state,
    faults,
    tokens: new UserTokens(),
    // A getter, because resetCounters replaces the record.
    get counters() {
      return counters;
    },
    latencyMs: () => latencyMs,
    instanceTtlSeconds: () => instanceTtlSeconds,
    serverNow: () => now() + clockOffsetMs,
    control: (method, path, body) => handleControl(control, method, path, body),
    log: opts.log,
  });
  const port = await server.listen(opts.port ?? 0);

  return {
    ...control,
    url: `http://127.0.0.1:${port}`,
    close: () => server.close(),
    state,
  };
}
