// Shared helpers for the integration suites (they run inside the real extension host).
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { RentedNumber } from '../../src/sinch/types';
import { FakePrompter } from '../support/fakePrompter';
import manifest from '../../package.json';
import { DEMO, DEMO_APP } from '../support/demo';

/** publisher.name, as VS Code identifies the extension. */
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
export { DEMO, DEMO_APP };

/** Activates the extension (once) and returns its API. */
export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  const api = await ext.activate();
  if (!api) throw new Error('The extension returned no test API: is the host running in extension test mode?');
  return api;
}

/** Puts a fresh scripted user in front of the extension and returns it. */
export async function scriptedUser(): Promise<FakePrompter> {
  const fake = new FakePrompter();
  (await extensionApi()).services.prompter.target = fake;
  return fake;
}

/** The simulator the runner started, controlled over its /__simulator/ paths. */
export const simulator = {
  url(): string {
    const url = process.env.SINCH_SIMULATOR_URL;
    if (!url) throw new Error('SINCH_SIMULATOR_URL is not set: run the suite through test/run.mjs');
    return url;
  },
  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${simulator.url()}/__simulator/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  },
  fault(endpoint: string, fault: Record<string, unknown>, times = 1) {
    return simulator.call('POST', 'faults', { endpoint, fault, times });
  },
  clearFaults() {
    return simulator.call('DELETE', 'faults');
  },
  counters() {
    return simulator.call<Record<string, number>>('GET', 'counters');
  },
  resetCounters() {
    return simulator.call('POST', 'counters/reset');
  },
  reset(
    dataset: 'demo' | 'scale' | 'empty' = 'demo',
    scale?: { numbers: number; applications: number; pool?: number },
  ) {
    return simulator.call('POST', 'reset', { dataset, scale });
  },
  state() {
    return simulator.call<any>('GET', 'state');
  },
  clock(offsetMs: number) {
    return simulator.call('POST', 'clock', { offsetMs });
  },
  expireInstances() {
    return simulator.call('POST', 'expire-instances');
  },
  credit(orgId: string, amount: number) {
    return simulator.call('POST', 'credit', { orgId, amount });
  },
  latency(ms: number) {
    return simulator.call('POST', 'latency', { ms });
  },
  /** How the simulator reads the points Sinch's sources disagree on (test/simulator/dialect.ts). */
  dialect(d: {
    signature?: 'reference' | 'leading-slash';
    organisations?: 'object' | 'list' | 'several';
    assignScope?: 'capability' | 'whole-set';
  }) {
    return simulator.call('POST', 'dialect', d);
  },
};

/** The reference's reading of every disputed point: the simulator's default. */
export const REFERENCE_DIALECT = {
  signature: 'reference',
  organisations: 'object',
  assignScope: 'capability',
} as const;

/** Signs the demo user in through the session service (no UI) and makes it active. */
export async function signInDemo(
  identity = { type: 'email' as const, endpoint: DEMO.email },
  password = DEMO.password,
) {
  const api = await extensionApi();
  return api.services.session.signIn(identity, password, { os: 'test', platform: 'VS Code integration tests' });
}

/** Signs every account out and resets the simulator to the demo dataset. */
export async function freshStart(): Promise<ExtensionApi> {
  const api = await extensionApi();
  await api.services.session.signOutAll();
  await simulator.clearFaults();
  await simulator.dialect(REFERENCE_DIALECT);
  await simulator.reset('demo');
  await simulator.resetCounters();
  return api;
}

/**
 * Shows the Numbers view as a person would have it and waits for the refresh its first showing
 * starts (the host learns it is visible a moment after the focus command returns).
 */
export async function showNumbersView(api: ExtensionApi): Promise<void> {
  await vscode.commands.executeCommand('sinchNumbers.numbers.focus');
  await eventually(() => api.view.treeView?.visible, 5000, 'the Numbers view to be visible');
  await eventually(() => !api.model.loading, 10_000, 'the refresh of its first showing');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(25);
  }
}

/** The node the tree shows for a number (falls back to the node's shape when the tree has not built it). */
export function numberNode(api: ExtensionApi, value: number): { kind: 'number'; number: RentedNumber } {
  const node = api.view.provider?.nodeFor(value);
  if (node) return node;
  const number = api.model.numbers?.find((n) => n.number === value);
  assert.ok(number, `${value} is in the model`);
  return { kind: 'number', number };
}

/** A full collection: the host's --expose-gc when it has it, else the V8 flag set at run time. */
export function collector(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/**
 * Memory after full collections, once two readings a turn of the event loop apart agree on heap
 * and array buffers (the model's typed arrays): the last refresh's promises let go of its list.
 */
export async function settledMemory(gc: () => void): Promise<NodeJS.MemoryUsage> {
  let last = Number.NaN;
  let m = process.memoryUsage();
  for (let i = 0; i < 50; i++) {
    for (let j = 0; j < 3; j++) gc();
    m = process.memoryUsage();
    const now = m.heapUsed + m.arrayBuffers;
    if (Math.abs(now - last) < 256 * 1024) return m;
    last = now;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return m;
}
