// The benchmark's measurements inside the real extension host (`npm run bench` runs them;
// bench/run.ts reads the JSON file named by SINCH_BENCH_OUT). Registered only when
// SINCH_BENCH=1, so `npm test` never runs (nor lists) them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { countsDelta, median, requests, timing, type Counts, type Row } from '../../bench/report';
import type { ExtensionApi } from '../../src/extension';
import { buildInventory } from '../../src/numbers/inventory';
import type { ApplicationNode, NumbersNode } from '../../src/numbers/vscode/nodes';
import type { NumbersTreeProvider } from '../../src/numbers/vscode/numbersTreeProvider';
import { DEMO, DEMO_APP, eventually, extensionApi, freshStart, scriptedUser, signInDemo, simulator, sleep } from './support';

const RUNS = 5;
const SCALE = { numbers: 20_000, applications: 200 };
/** The scale dataset's PRNG puts 5,005 numbers on one application at this size. */
const BIG_APP_SCALE = { numbers: 10_600, applications: 4 };
const FREE_VOICE = 14150005550; // demo: unassigned voice number
const SMS_APP_NUMBER = 15045550100; // demo: an sms number on an application

/** A full collection, or undefined when the V8 flag cannot be set (then memory is not reported). */
function collector(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

function provider(api: ExtensionApi): NumbersTreeProvider {
  assert.ok(api.view.provider, 'ExtensionApi.view.provider is the Numbers tree');
  return api.view.provider;
}

/** The user's Refresh (the command, which awaits model.refresh()) and the root nodes VS Code asks for next. */
async function refreshAndRoots(api: ExtensionApi): Promise<{ request: number; roots: number; nodes: NumbersNode[] }> {
  const t0 = performance.now();
  await vscode.commands.executeCommand('sinchNumbers.refresh');
  const t1 = performance.now();
  assert.equal(api.model.lastError, undefined, 'the refresh succeeded');
  const nodes = provider(api).getChildren(undefined);
  return { request: t1 - t0, roots: performance.now() - t1, nodes };
}

/**
 * Two rows: the whole Refresh (one request: at 20,000 numbers it carries 5 MB of JSON, so
 * transfer and parsing dominate and no budget applies), and what the extension does once
 * the list has arrived, grouping plus the root nodes: the part the 50 ms budget is about.
 */
async function treeTimings(api: ExtensionApi, label: string, budgetMs?: number): Promise<Row[]> {
  await api.model.refresh(); // warm-up: the first parse of a shape is slower
  const runs: Array<{ request: number; roots: number; nodes: NumbersNode[] }> = [];
  for (let i = 0; i < RUNS; i++) runs.push(await refreshAndRoots(api));
  const numbers = api.model.numbers ?? [];
  // The grouping inside model.refresh(), timed again on its own (same code, the test bundle's copy).
  const grouping = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    buildInventory(numbers, { now: Date.now(), expiryWarningDays: 30 });
    grouping.push(performance.now() - t0);
  }
  const ms = (xs: number[]) => `${median(xs).toFixed(1)} ms`;
  return [
    timing('tree', `refresh → root nodes, ${label}`, runs.map((r) => r.request + r.roots), undefined,
      `${numbers.length.toLocaleString('en-US')} numbers; Refresh command ${ms(runs.map((r) => r.request))} (request, parse, check, `
      + `grouping ${ms(grouping)}) + getChildren() ${ms(runs.map((r) => r.roots))} for ${runs[0].nodes.length} root nodes`),
    timing('tree', `list received → root nodes (grouping + getChildren), ${label}`, grouping.map((g, i) => g + runs[i].roots), budgetMs,
      `grouping ${ms(grouping)} + getChildren() ${ms(runs.map((r) => r.roots))}`),
  ];
}

/** Requests the simulator counted while `operation` ran. */
async function counted(operation: () => PromiseLike<unknown>): Promise<Counts> {
  const before = await simulator.counters();
  await operation();
  return countsDelta(before, await simulator.counters());
}

if (process.env.SINCH_BENCH === '1') {
  describe('benchmark', function () {
    this.timeout(180_000);
    const out: { activationMs?: number; rows: Row[] } = { rows: [] };

    after(() => {
      const file = process.env.SINCH_BENCH_OUT;
      if (file) fs.writeFileSync(file, JSON.stringify(out, null, 2));
    });

    it('activation', async () => {
      out.activationMs = (await extensionApi()).activationMs;
    });

    it('tree: refresh to root nodes, expand, memory', async () => {
      const api = await freshStart();
      await signInDemo();
      out.rows.push(...await treeTimings(api, 'demo dataset'));

      await simulator.reset('scale', SCALE);
      out.rows.push(...await treeTimings(api, '20,000 numbers in 200 applications', 50));

      const gc = collector();
      if (gc) {
        // Promises of the last refresh (progress, events) hold its list for a moment: let them settle first.
        const heap = async () => { await sleep(100); gc(); gc(); return process.memoryUsage().heapUsed; };
        const held = [];
        for (let i = 0; i < RUNS; i++) {
          api.model.clear();
          provider(api).getChildren(undefined);
          const before = await heap();
          await refreshAndRoots(api);
          held.push((await heap() - before) / 2 ** 20);
        }
        out.rows.push({ section: 'tree', measure: 'memory held by the model, 20,000 numbers', value: median(held), unit: 'MB', samples: held,
          detail: 'process.memoryUsage().heapUsed after forced GCs (v8 --expose-gc), loaded minus cleared model; list, grouping and root nodes' });
      }

      await simulator.reset('scale', BIG_APP_SCALE);
      await api.model.refresh();
      const expand = [];
      let size = 0;
      for (let i = 0; i < RUNS; i++) {
        const { nodes } = await refreshAndRoots(api); // a new inventory: nothing cached from the last run
        const apps = nodes.filter((n): n is ApplicationNode => n.kind === 'application');
        const big = apps.reduce((a, b) => (b.total > a.total ? b : a));
        const t0 = performance.now();
        size = provider(api).getChildren(big).length;
        expand.push(performance.now() - t0);
      }
      assert.ok(size >= 5000, `the largest application has ${size} numbers`);
      out.rows.push(timing('tree', `expand an application of ${size.toLocaleString('en-US')} numbers`, expand, 100,
        `getChildren(application) right after a refresh (sorts and builds ${size.toLocaleString('en-US')} nodes)`));
    });

    it('requests per user operation', async () => {
      const api = await freshStart();
      const row = (measure: string, c: Counts, budget: string, expected: Counts, allowed?: Counts) =>
        out.rows.push(requests('requests', measure, c, budget, expected, allowed));

      // As a person works: with the Numbers view open (it loads the list on sign-in).
      await vscode.commands.executeCommand('sinchNumbers.numbers.focus');
      let user = await scriptedUser();
      user.thenInput(DEMO.email).thenInput(DEMO.password);
      const signIn = await counted(async () => {
        await vscode.commands.executeCommand('sinchNumbers.signIn');
        await eventually(() => api.model.numbers !== undefined && !api.model.loading, 10_000, 'the view to load the numbers');
      });
      row('sign in (+ first list)', signIn, 'login + instance + organisation (+1 list)', { login: 1, createInstance: 1, getOrganisation: 1, listNumbers: 1 });

      row('refresh', await counted(() => vscode.commands.executeCommand('sinchNumbers.refresh')), '= 1 request', { listNumbers: 1 });

      user = await scriptedUser();
      user.thenPick('Paris').thenInput('1').thenModal('Rent');
      row('rent 1 group', await counted(() => vscode.commands.executeCommand('sinchNumbers.rentNumbers')),
        '1 reserve + 1 checkout (+1 refresh; the shop list for the pick)', { reserve: 1, checkout: 1, listNumbers: 1 }, { listShop: 1 });

      user = await scriptedUser();
      user.thenModal('Add to Cart').thenModal('Add to Cart').thenModal('Add to Cart').thenModal('Check Out');
      row('cart: 3 groups, one checkout', await counted(async () => {
        for (const groupId of [1, 2, 50]) await vscode.commands.executeCommand('sinchNumbers.rentNumbers', { groupId, quantity: 1 });
        await vscode.commands.executeCommand('sinchNumbers.checkoutCart');
      }), '3 reserves + 1 checkout (+1 refresh; ≤1 shop list per group)', { reserve: 3, checkout: 1, listNumbers: 1 }, { listShop: 3 });
      assert.deepEqual(api.cart.items(DEMO.orgId), [], user.transcript());

      await api.model.refresh();
      const numberNode = (value: number) => {
        const node = provider(api).nodeFor(value);
        assert.ok(node, `${value} is in the tree`);
        return node;
      };
      user = await scriptedUser();
      user.thenPick(DEMO_APP);
      const free = numberNode(FREE_VOICE);
      row('assign 1 number', await counted(() => vscode.commands.executeCommand('sinchNumbers.assignNumbers', free, [free])),
        '1 read + 1 write (+1 refresh)', { listAppNumbers: 1, assign: 1, listNumbers: 1 });

      user = await scriptedUser();
      user.thenModal('Unassign');
      const onApp = numberNode(SMS_APP_NUMBER);
      row('unassign 1 number', await counted(() => vscode.commands.executeCommand('sinchNumbers.unassignNumbers', onApp, [onApp])),
        '1 write + ≤1 read (+1 refresh)', { unassign: 1, listNumbers: 1 }, { listAppNumbers: 1 });
    });
  });
}
