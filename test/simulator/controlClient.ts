// The simulator's control (control.ts) for a simulator in another process, over its control
// paths; type imports only, so a test bundle that uses it carries no simulator code.
import type { SimulatorControl } from './control';

/** SimulatorControl with every answer a promise: the shape of a simulator in another process. */
export type RemoteSimulatorControl = {
  [K in keyof SimulatorControl]: SimulatorControl[K] extends (...a: infer A) => infer R
    ? (...a: A) => Promise<R>
    : {
        [M in keyof SimulatorControl[K]]: SimulatorControl[K][M] extends (...a: infer A) => infer R
          ? (...a: A) => Promise<R>
          : never;
      };
};

/** SimulatorControl over the control paths of the simulator at `baseUrl()`. */
export function controlClient(baseUrl: () => string): RemoteSimulatorControl {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl()}/__simulator/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const done = async (p: Promise<unknown>): Promise<void> => void (await p);
  return {
    faults: {
      inject: (endpoint, fault, times = 1) => done(call('POST', 'faults', { endpoint, fault, times })),
      clear: () => done(call('DELETE', 'faults')),
      pending: () => call('GET', 'faults'),
    },
    counters: () => call('GET', 'counters'),
    resetCounters: () => done(call('POST', 'counters/reset')),
    reset: (dataset, scale) => done(call('POST', 'reset', { dataset, scale })),
    setClockOffset: (offsetMs) => done(call('POST', 'clock', { offsetMs })),
    expireInstances: () => done(call('POST', 'expire-instances')),
    setCredit: (orgId, amount) => done(call('POST', 'credit', { orgId, amount })),
    setLatency: (ms) => done(call('POST', 'latency', { ms })),
    setReservationTtl: (ms) => done(call('POST', 'reservation-ttl', { ms })),
    snapshot: () => call('GET', 'state'),
    setDialect: (dialect) => done(call('POST', 'dialect', dialect)),
    dialect: () => call('GET', 'dialect'),
  };
}
