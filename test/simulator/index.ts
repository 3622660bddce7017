/**
 * A faithful, stateful Sinch simulator: the user, core and portal APIs on one loopback port,
 * with independent signature verification, the documented error codes, fault injection and
 * control paths. Used in process by unit tests, over HTTP by the integration tests, and by
 * `npm start` through cli.ts.
 */
import { UserTokens } from './auth';
import { handleControl, type SimulatorControl } from './control';
export type { SimulatorControl } from './control';
import { defaultScale, loadDataset, type DatasetName, type ScaleOptions } from './datasets';
import { FaultQueue } from './faults';
import { endpointNames, type EndpointName } from './routes';
import { SimulatorServer } from './server';
import { SimulatorState } from './state';
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

/** A simulator in this process: its control (the one declaration, control.ts), its URL and its live model. */
export interface Simulator extends SimulatorControl {
  /** http://127.0.0.1:<port>; the base URL of all three hosts. */
  url: string;
  /** Also ends hung requests. Idempotent. */
  close(): Promise<void>;
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

  const control: SimulatorControl = {
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
