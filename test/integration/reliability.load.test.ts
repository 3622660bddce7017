// Load and leaks: 20,000 numbers, 200 refreshes in a row, 50 refresh clicks during a slow
// refresh (succeeding and failing), memory and timers back to their level, no listener left
// behind, and deactivation aborting what is in flight within a second.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { ClientProvider } from '../../src/session/clientProvider';
import {
  collector,
  DEMO,
  waitUntil,
  freshStart,
  scriptedUser,
  settledMemory,
  showNumbersView,
  signInDemo,
  simulator,
  sleep,
} from './support';

const MB = 2 ** 20;
/** Figures for the README, printed at the end. */
const figures: string[] = [];

async function heapUsed(gc: () => void): Promise<number> {
  return (await settledMemory(gc)).heapUsed;
}

function timers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

/**
 * The host's Timeout handles come back to within two of `base`. The count is the whole
 * process's: a socket's idle timer or a notification's may still be running for a moment after
 * the operation, so a leak is a count that stays up, not one read at a single instant.
 */
async function timersBackTo(base: number): Promise<void> {
  await waitUntil(() => timers() <= base + 2, {
    timeout: 10_000,
    what: `the Timeout handles back to ${base} (+2) from ${timers()}`,
  });
}

/** Listeners on the emitters the features share (private fields, read for this check only). */
function listeners(api: ExtensionApi): Record<string, number> {
  const count = (o: unknown, field: string) => (o as Record<string, { listenerCount: number }>)[field].listenerCount;
  return {
    'model.onDidChange': count(api.model, 'changed'),
    'model.onDidStartRefresh': count(api.model, 'started'),
    'session.onDidChange': count(api.services.session, 'changed'),
    'session.onDidExpire': count(api.services.session, 'expired'),
    'cart.onDidChange': count(api.cart, 'changed'),
  };
}

describe('reliability: load and leaks', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let gc: () => void;

  before(async () => {
    api = await freshStart();
    gc = collector();
    await signInDemo();
    await showNumbersView(api);
  });

  afterEach(async () => {
    await simulator.faults.clear();
    await simulator.setLatency(0);
  });

  after(async () => {
    await simulator.faults.clear();
    await simulator.setLatency(0);
    await simulator.reset('demo');
    await api.services.session.signOutAll();
    console.log(['', '      Load and leaks:', ...figures.map((f) => `        ${f}`)].join('\n'));
  });

  it('20,000 numbers in 200 applications: one request; the list and its grouping arrive at once', async () => {
    await simulator.reset('scale');
    await simulator.resetCounters();
    const t0 = performance.now();
    await api.model.refresh();
    const ms = performance.now() - t0;
    assert.equal(api.model.numbers?.length, 20_000);
    assert.equal((await simulator.counters()).listNumbers, 1);
    const r0 = performance.now();
    const roots = api.view.provider!.getChildren(undefined);
    const rootMs = performance.now() - r0;
    // Applications an earlier dataset showed stay known to this session, without numbers.
    assert.equal(roots.filter((n) => n.kind === 'application' && n.source === 'numbers').length, 200);
    figures.push(
      `20,000 numbers: refresh (request, parse, check, grouping) ${ms.toFixed(0)} ms; root nodes ${rootMs.toFixed(1)} ms`,
    );
  });

  /** Refreshes `times` in a row; checks one request each, and memory, timers and listeners back to their level. */
  async function refreshesInARow(times: number, label: string, heapBudgetMb: number): Promise<void> {
    await api.model.refresh();
    const baseHeap = await heapUsed(gc);
    const baseTimers = timers();
    const baseListeners = listeners(api);
    await simulator.resetCounters();
    const t0 = performance.now();
    for (let i = 0; i < times; i++) await api.model.refresh();
    const ms = performance.now() - t0;
    assert.equal((await simulator.counters()).listNumbers, times);
    const heap = await heapUsed(gc);
    const grew = (heap - baseHeap) / MB;
    figures.push(
      `${times} refreshes of ${label}: ${(ms / 1000).toFixed(1)} s (${(ms / times).toFixed(0)} ms each); heap ${(baseHeap / MB).toFixed(1)} MB before, ${(heap / MB).toFixed(1)} MB after (${grew >= 0 ? '+' : ''}${grew.toFixed(1)} MB); Timeout handles ${baseTimers} → ${timers()}`,
    );
    assert.ok(grew < heapBudgetMb, `the heap grew by ${grew.toFixed(1)} MB over ${times} refreshes`);
    assert.deepEqual(listeners(api), baseListeners, 'no listener left behind');
    await timersBackTo(baseTimers);
  }

  it('20 more refreshes of the 20,000 numbers: memory, timers and listeners back to their level', async () => {
    // Each refresh replaces a 4 MB list and its grouping, so a list kept by mistake would show.
    await refreshesInARow(20, '20,000 numbers', 8);
    assert.equal(api.model.numbers?.length, 20_000);
  });

  it('200 refreshes in a row: one request each; memory, timers and listeners back to their level', async () => {
    await simulator.reset('demo');
    await refreshesInARow(200, 'the demo organisation', 4);
    assert.equal(api.model.numbers?.length, 9);
  });

  it('50 refresh clicks during a slow refresh: at most one more request, no notification', async () => {
    await api.model.refresh();
    const user = await scriptedUser();
    const baseListeners = listeners(api);
    await simulator.setLatency(1500);
    await simulator.resetCounters();
    const first = api.model.refresh(); // the slow one, already running
    await waitUntil(async () => (await simulator.counters()).listNumbers === 1, {
      timeout: 5000,
      what: 'the slow request to arrive',
    });
    const t0 = performance.now();
    const clicks = Array.from({ length: 50 }, () => vscode.commands.executeCommand('sinchNumbers.refresh'));
    await Promise.all([first, ...clicks]);
    const ms = performance.now() - t0;
    await waitUntil(() => !api.model.loading, { timeout: 5000, what: 'the model to settle' });
    const c = await simulator.counters();
    figures.push(
      `50 refresh clicks during a 1.5 s refresh: ${c.listNumbers} request(s), all 50 clicks done in ${ms.toFixed(0)} ms, ${user.shown.length} notifications`,
    );
    assert.ok(c.listNumbers <= 2, `${c.listNumbers} requests`);
    assert.equal(user.shown.length, 0, user.transcript());
    assert.equal(api.model.lastError, undefined);
    assert.deepEqual(listeners(api), baseListeners);
  });

  it('50 refresh clicks during a slow refresh that fails: at most one more request, at most one error notification; the view says why', async () => {
    const user = await scriptedUser();
    const baseHeap = await heapUsed(gc);
    const baseTimers = timers();
    const baseListeners = listeners(api);
    await simulator.setLatency(1500);
    // An answer that cannot be read is not retried: one slow failure (per request).
    await simulator.faults.inject('listNumbers', { kind: 'html200' }, 2);
    await simulator.resetCounters();
    const first = api.model.refresh().catch((e: unknown) => e);
    await waitUntil(async () => (await simulator.counters()).listNumbers === 1, {
      timeout: 5000,
      what: 'the slow request to arrive',
    });
    const clicks = Array.from({ length: 50 }, () => vscode.commands.executeCommand('sinchNumbers.refresh'));
    await Promise.all([first, ...clicks]);
    await waitUntil(() => !api.model.loading, { timeout: 5000, what: 'the model to settle' });
    // Every click and the first refresh have settled, and a body that is not JSON is not retried:
    // no request or notification is still to come. The view's message follows the model's change.
    await waitUntil(() => api.view.treeView?.message, { timeout: 5000, what: "the view's message" });
    const c = await simulator.counters();
    const errors = user.shown.filter((m) => m.severity === 'error');
    assert.ok(c.listNumbers <= 2, `${c.listNumbers} requests`);
    assert.ok(errors.length <= 1, user.transcript());
    assert.ok(api.model.lastError, 'the refresh failed');
    assert.match(
      api.view.treeView?.message ?? '',
      /^Couldn't refresh the numbers: Sinch answered 200 with a body that is not JSON\..*may be out of date\.$/,
    );
    assert.equal(api.model.numbers?.length, 9, 'the last good list is kept');

    // Healthy again: the next click clears the message; nothing of the failure is left.
    await simulator.faults.clear();
    await simulator.setLatency(0);
    await vscode.commands.executeCommand('sinchNumbers.refresh');
    assert.equal(api.view.treeView?.message, undefined);
    const heap = await heapUsed(gc);
    figures.push(
      `50 clicks during a failing 1.5 s refresh: ${c.listNumbers} request(s), ${errors.length} error notifications; heap ${(baseHeap / MB).toFixed(1)} → ${(heap / MB).toFixed(1)} MB; Timeout handles ${baseTimers} → ${timers()}`,
    );
    assert.ok((heap - baseHeap) / MB < 4, `the heap grew by ${((heap - baseHeap) / MB).toFixed(1)} MB`);
    await timersBackTo(baseTimers);
    assert.deepEqual(listeners(api), baseListeners);
  });

  describe('deactivation (services.clients.abortAll(), what deactivate() calls)', () => {
    // A provider of our own stands in for the extension's, so the real one is never aborted:
    // the flows take their signal from services.clients, exactly as at deactivation.
    let original: ExtensionApi['services']['clients'];
    let provider: ClientProvider;

    beforeEach(() => {
      original = api.services.clients;
      provider = new ClientProvider(
        () => ({
          endpoints: { userApi: simulator.url(), api: simulator.url(), portalApi: simulator.url() },
          timeoutMs: 30_000,
        }),
        () => undefined,
      );
      api.services.clients = provider;
    });

    afterEach(async () => {
      api.services.clients = original;
      await simulator.faults.clear();
      if (!api.services.session.signedIn) await signInDemo();
      await api.model.refresh({ fresh: true });
    });

    async function abortWithin(
      what: string,
      pending: Promise<unknown>,
      inFlight: () => Promise<boolean>,
    ): Promise<void> {
      const settled = pending.then(
        () => undefined,
        (e: unknown) => e,
      );
      await waitUntil(inFlight, { timeout: 5000, what: `${what} to be in flight` });
      const t0 = performance.now();
      provider.abortAll();
      // The second is the bound under test, not a pause: the race ends as soon as the request does.
      const error = await Promise.race([settled, sleep(1000).then(() => 'still pending')]);
      const ms = performance.now() - t0;
      assert.notEqual(error, 'still pending', `${what} still pending 1 s after abortAll()`);
      assert.equal((error as { kind?: string })?.kind, 'cancelled', `${what}: ${String(error)}`);
      figures.push(`abortAll() during ${what}: rejected 'cancelled' in ${ms.toFixed(0)} ms`);
    }

    it('a refresh waiting on a server that never answers is cancelled within a second', async () => {
      await simulator.faults.inject('listNumbers', { kind: 'hang' });
      await simulator.resetCounters();
      await abortWithin(
        'a hung refresh',
        api.model.refresh(),
        async () => (await simulator.counters()).listNumbers === 1,
      );
    });

    it('a refresh waiting between retries is cancelled within a second', async () => {
      await simulator.faults.inject('listNumbers', { kind: 'unavailable' }, 4);
      await simulator.resetCounters();
      // Base 500 ms, doubled: the third attempt waits up to 2 s. Abort during a backoff.
      await abortWithin(
        'a refresh in backoff',
        api.model.refresh(),
        async () => (await simulator.counters()).listNumbers >= 2,
      );
    });

    it('a sign-in waiting on a server that never answers is cancelled within a second', async () => {
      await simulator.faults.inject('createInstance', { kind: 'hang' });
      await simulator.resetCounters();
      const pending = api.services.session.signIn(
        { type: 'email', endpoint: DEMO.email },
        DEMO.password,
        { os: 'test', platform: 'deactivation' },
        provider.signal(),
      );
      await abortWithin('a hung sign-in', pending, async () => (await simulator.counters()).createInstance === 1);
    });
  });
});
