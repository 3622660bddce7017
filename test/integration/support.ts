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
import { controlClient } from '../simulator/controlClient';
import { waitUntil } from '../support/waitUntil';

export { waitUntil };

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

/** The simulator's URL, as the runner passed it. */
function simulatorUrl(): string {
  const url = process.env.SINCH_SIMULATOR_URL;
  if (!url) throw new Error('SINCH_SIMULATOR_URL is not set: run the suite through test/run.mjs');
  return url;
}

/** The simulator the runner started, steered through its control paths (the one SimulatorControl). */
export const simulator = { url: simulatorUrl, ...controlClient(simulatorUrl) };

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
  await simulator.faults.clear();
  await simulator.setDialect(REFERENCE_DIALECT);
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
  await waitUntil(() => api.view.treeView?.visible, { timeout: 5000, what: 'the Numbers view to be visible' });
  await waitUntil(() => !api.model.loading, { timeout: 10_000, what: 'the refresh of its first showing' });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
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
