// The fault matrix: every endpoint the extension calls × every fault the simulator injects,
// each run through the user-level operation that sends it (refresh, sign in, rent, check out,
// assign, unassign). Each row checks what the user is told and that nothing was lost: the
// simulator's state matches what the extension shows, no number left an application it should
// have stayed on, and nothing was bought twice or without confirmation.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { FakePrompter, Shown } from '../support/fakePrompter';
import { DEMO, DEMO_APP, waitUntil, freshStart, numberNode, scriptedUser, signInDemo, simulator } from './support';
import type { EndpointName } from '../simulator/routes';
import type { Fault, FaultKind } from '../simulator/faults';

const FREE_VOICE = 14150005550; // unassigned, voice only
const ON_DEMO_APP = 14150005551; // the one number on DEMO_APP
const TIMEOUT_SECONDS = 2;

type Op = 'refresh' | 'sign in' | 'rent' | 'check out' | 'assign' | 'unassign';
type Expect = 'recovered' | 'reported';
type WireNumber = { number: number; groupId: number; applicationKey?: string; orgId?: string };

/** Which operation sends each endpoint's request (the first one listed is what the row runs). */
const ENDPOINTS: ReadonlyArray<{ endpoint: EndpointName; op: Op; idempotent: boolean; firstOfOp: boolean }> = [
  // Log in carries the password and create instance leaves a live instance: each is sent once,
  // again only when it never left (retryPolicy.ts), so the matrix treats them as not idempotent.
  { endpoint: 'login', op: 'sign in', idempotent: false, firstOfOp: true },
  { endpoint: 'createInstance', op: 'sign in', idempotent: false, firstOfOp: false },
  { endpoint: 'getOrganisation', op: 'sign in', idempotent: true, firstOfOp: false },
  { endpoint: 'listShop', op: 'rent', idempotent: true, firstOfOp: true },
  { endpoint: 'reserve', op: 'rent', idempotent: false, firstOfOp: false },
  { endpoint: 'checkout', op: 'check out', idempotent: false, firstOfOp: false },
  { endpoint: 'listNumbers', op: 'refresh', idempotent: true, firstOfOp: true },
  { endpoint: 'listAppNumbers', op: 'assign', idempotent: true, firstOfOp: true },
  { endpoint: 'assign', op: 'assign', idempotent: true, firstOfOp: false },
  { endpoint: 'unassign', op: 'unassign', idempotent: true, firstOfOp: true },
];

interface Row {
  endpoint: EndpointName;
  op: Op;
  idempotent: boolean;
  firstOfOp: boolean;
}

interface FaultCase {
  name: string;
  inject(row: Row): Promise<unknown>;
  /** What a clear sentence about this fault contains. */
  problem: RegExp;
  expect(row: Row): Expect;
}

const SIGN_IN = new Set(['login', 'createInstance', 'getOrganisation']);
/** Endpoints whose lost answer is settled by the flow: checkout (the same ids once more), assign (re-read, re-merged, written again). */
const SETTLED_AFTER_LOST = new Set(['checkout', 'assign']);
const fault =
  (kind: FaultKind, extra: Record<string, unknown> = {}, times = 1) =>
  (row: Row) =>
    simulator.faults.inject(row.endpoint, { kind, ...extra } as Fault, times);

const FAULTS: FaultCase[] = [
  {
    name: '503 ×1',
    inject: fault('unavailable'),
    problem: /unavailable.*\(503\)/,
    expect: (r) => (r.idempotent ? 'recovered' : 'reported'),
  },
  { name: '503 ×5', inject: fault('unavailable', {}, 5), problem: /unavailable.*\(503\)/, expect: () => 'reported' },
  {
    name: '429 Retry-After 1',
    inject: fault('rateLimit', { retryAfterSeconds: 1 }),
    problem: /limiting the rate of requests \(429\)/,
    expect: (r) => (r.idempotent ? 'recovered' : 'reported'),
  },
  // A lost answer: a checkout is sent once more with the same reservation ids (it cannot buy twice), an
  // assign is re-read and re-merged before it is written again; both then recover.
  {
    name: 'hang',
    inject: fault('hang'),
    problem: /did not answer|took too long/,
    expect: (r) => (SETTLED_AFTER_LOST.has(r.endpoint) ? 'recovered' : 'reported'),
  },
  {
    name: 'reset before',
    inject: fault('resetBefore'),
    problem: /connection.{0,40}broke|Could not reach/,
    expect: (r) => (r.idempotent || SETTLED_AFTER_LOST.has(r.endpoint) ? 'recovered' : 'reported'),
  },
  // After the server did it: a retried idempotent request is harmless, a checkout is looked up.
  {
    name: 'reset after',
    inject: fault('resetAfter'),
    problem: /connection.{0,40}broke|Could not reach/,
    expect: (r) => (r.idempotent || r.endpoint === 'checkout' ? 'recovered' : 'reported'),
  },
  {
    name: 'HTML 502',
    inject: fault('html'),
    problem: /\(502\).*not JSON|proxy/,
    expect: (r) => (r.idempotent || SETTLED_AFTER_LOST.has(r.endpoint) ? 'recovered' : 'reported'),
  },
  {
    name: 'HTML 200',
    inject: fault('html200'),
    problem: /200 with a body that is not JSON|200 answer could not be read/,
    expect: (r) => (SETTLED_AFTER_LOST.has(r.endpoint) ? 'recovered' : 'reported'),
  },
  {
    name: 'empty 200',
    inject: fault('empty200'),
    // A 204 endpoint cannot tell an empty 200 from success: the re-read afterwards tells the truth.
    problem: /empty body|no new number|still on the application/,
    expect: (r) => (r.endpoint === 'assign' ? 'recovered' : 'reported'),
  },
  {
    name: 'truncated',
    inject: fault('truncated'),
    problem: /cut off|malformed/,
    // The server did the work; 204 endpoints lose nothing, an assign finds out by re-reading.
    expect: (r) => (['checkout', 'unassign', 'assign'].includes(r.endpoint) ? 'recovered' : 'reported'),
  },
  {
    name: 'expired instance',
    // The operation's first request meets simulator.expireInstances(); a later one gets the very
    // answer an expired instance gives (401/40100), i.e. the instance expired mid-operation.
    inject: (r) =>
      SIGN_IN.has(r.endpoint) || r.firstOfOp
        ? simulator.expireInstances()
        : simulator.faults.inject(r.endpoint, {
            kind: 'status',
            status: 401,
            errorCode: 40100,
            message: 'The instance has expired; create a new one.',
          }),
    problem: /session.*(expired|no longer valid)/i,
    expect: (r) => (SIGN_IN.has(r.endpoint) ? 'recovered' : 'reported'),
  },
  {
    name: 'clock +20 min',
    inject: () => simulator.setClockOffset(20 * 60 * 1000),
    problem: /clock/,
    expect: () => 'recovered',
  },
];

interface Result {
  endpoint: string;
  fault: string;
  op: Op;
  expected: Expect;
  outcome: string;
  ok: boolean;
  ms: number;
}

const results: Result[] = [];

async function acmeNumbers(): Promise<WireNumber[]> {
  return ((await simulator.snapshot()).numbers as WireNumber[]).filter((n) => n.orgId === DEMO.orgId);
}

function key(n: { number: number; applicationKey?: string }): string {
  return `${n.number}:${n.applicationKey?.toLowerCase() ?? '-'}`;
}

function plain(s: string): string {
  return s.replace(/\u00a0/g, ' ');
}

function firstWords(text: string, n = 9): string {
  const words = plain(text).split(/\s+/);
  return words.slice(0, n).join(' ') + (words.length > n ? '…' : '');
}

async function settle(api: ExtensionApi): Promise<void> {
  await waitUntil(() => !api.model.loading, { timeout: 10_000, what: 'the model to settle' });
}

/** Signed in with a fresh instance, the tree loaded, nothing in flight. */
async function readySignedIn(api: ExtensionApi): Promise<void> {
  if (!api.services.session.signedIn || api.services.session.isMarkedExpired()) await signInDemo();
  await settle(api);
  await api.model.refresh({ fresh: true });
}

/** Runs the user-level operation; resolves once the command has returned. */
async function runOperation(api: ExtensionApi, user: FakePrompter, op: Op): Promise<void> {
  switch (op) {
    case 'refresh':
      await vscode.commands.executeCommand('sinchNumbers.refresh');
      return;
    case 'sign in':
      user.thenInput(DEMO.email).thenInput(DEMO.password);
      await vscode.commands.executeCommand('sinchNumbers.signIn');
      return;
    case 'rent':
      user.thenPick('Paris').thenInput('1').thenModal('Rent');
      await vscode.commands.executeCommand('sinchNumbers.rentNumbers');
      return;
    case 'check out':
      user.thenModal('Check Out');
      await vscode.commands.executeCommand('sinchNumbers.checkoutCart');
      return;
    case 'assign': {
      const node = numberNode(api, FREE_VOICE);
      user.thenPick(DEMO_APP);
      await vscode.commands.executeCommand('sinchNumbers.assignNumbers', node, [node]);
      return;
    }
    case 'unassign': {
      const node = numberNode(api, ON_DEMO_APP);
      user.thenModal('Unassign');
      await vscode.commands.executeCommand('sinchNumbers.unassignNumbers', node, [node]);
      return;
    }
  }
}

/** The messages the operation ended with (the confirmations are modal and left out). */
function toasts(user: FakePrompter): Shown[] {
  return user.shown.filter((m) => !m.modal);
}

describe('reliability: fault matrix', function () {
  this.timeout(30_000);
  let api: ExtensionApi;

  before(async function () {
    api = await freshStart();
    await vscode.workspace
      .getConfiguration('sinchNumbers')
      .update('requestTimeoutSeconds', TIMEOUT_SECONDS, vscode.ConfigurationTarget.Global);
    // A tenth of the backoff: the rows check outcomes, not the waits (a server's Retry-After still holds).
    api.services.clients.setRetryPolicy({ baseDelayMs: 50 });
    await scriptedUser();
    // The tree as a person has it: its own refreshes run alongside the flows.
    await vscode.commands.executeCommand('sinchNumbers.numbers.focus');
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('sinchNumbers')
      .update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    api.services.clients.setRetryPolicy(undefined);
    await simulator.faults.clear();
    await simulator.setClockOffset(0);
    await simulator.setLatency(0);
    await simulator.reset('demo');
    api.services.clients.invalidate();
    await api.cart.remove(api.cart.items(DEMO.orgId).map((i) => i.referenceId));
    await api.services.session.signOutAll();
    printMatrix();
  });

  for (const row of ENDPOINTS) {
    for (const f of FAULTS) {
      const expected = f.expect(row);
      it(`${row.endpoint} × ${f.name} (${row.op}): ${expected}`, async () => {
        const started = Date.now();
        const result: Result = {
          endpoint: row.endpoint,
          fault: f.name,
          op: row.op,
          expected,
          outcome: 'not run',
          ok: false,
          ms: 0,
        };
        results.push(result);

        // ---- a clean start for this row
        await simulator.faults.clear();
        await simulator.setClockOffset(0);
        await simulator.reset('demo');
        api.services.clients.invalidate(); // forget the clock offset a previous row taught the client
        await api.cart.remove(api.cart.items(DEMO.orgId).map((i) => i.referenceId));
        if (row.op === 'sign in') {
          await api.services.session.signOutAll();
          if (f.name === 'expired instance') await signInDemo(); // the usual way to meet it: signed in, session over
        } else {
          await readySignedIn(api);
        }
        if (row.op === 'check out') {
          const setup = await scriptedUser();
          setup.thenModal('Add to Cart');
          await vscode.commands.executeCommand('sinchNumbers.rentNumbers', { groupId: 1, quantity: 1 });
          assert.equal(api.cart.items(DEMO.orgId).length, 1, setup.transcript());
        }
        await settle(api);
        const before = await acmeNumbers();
        const creditBefore = (await simulator.snapshot()).credit[DEMO.orgId];
        await simulator.resetCounters();

        // ---- the fault, then the operation
        await f.inject(row);
        const user = await scriptedUser();
        await runOperation(api, user, row.op);
        await settle(api);
        // No pause for the expiry prompt: it is not awaited, but it is recorded in the same call
        // that marks the session expired (markExpired → onDidExpire → the watcher → prompter), so
        // once the operation has settled, every prompt it caused is in `user.shown`.
        const counters = await simulator.counters();
        const view = { message: api.view.treeView?.message, stale: api.model.stale, lastError: api.model.lastError };
        const signedInAfter = api.services.session.signedIn && !api.services.session.isMarkedExpired();

        // ---- back to a healthy server, and the truth
        await simulator.faults.clear();
        await simulator.setClockOffset(0);
        api.services.clients.invalidate();
        const after = await acmeNumbers();
        const creditAfter = (await simulator.snapshot()).credit[DEMO.orgId];
        await readySignedIn(api);
        const shownAfterClean = [...(api.model.numbers ?? [])].map(key).sort();

        // ---- what the user was told
        const all = toasts(user);
        const problems = all.filter((m) => m.severity !== 'info');
        const errors = all.filter((m) => m.severity === 'error');
        const expiryPrompts = all.filter((m) => /Your Sinch session expired/.test(m.text));
        const told = problems.filter((m) => !/Your Sinch session expired/.test(m.text));
        let outcome: Expect;
        let text: string;
        if (row.op === 'refresh') {
          // A refresh never notifies: the view says what happened.
          assert.equal(errors.length, 0, `refresh shows no error notification:\n${user.transcript()}`);
          outcome = view.message ? 'reported' : 'recovered';
          text = view.message ?? '';
          if (outcome === 'reported') assert.ok(view.stale, 'the kept list is marked stale');
          else assert.equal(view.lastError, undefined);
        } else {
          outcome = told.length > 0 ? 'reported' : 'recovered';
          text = told.map((m) => m.text).join(' | ');
        }
        const transcript = `${user.transcript()}\nview: ${view.message ?? '-'}`;
        result.outcome = outcome === 'recovered' ? 'recovered' : `reported: ${firstWords(text)}`;
        result.ms = Date.now() - started;
        assert.ok(expiryPrompts.length <= 1, `one expiry prompt at most:\n${transcript}`);

        assert.equal(outcome, expected, `expected ${expected}:\n${transcript}`);
        if (outcome === 'reported') {
          assert.match(plain(text), f.problem, `the message names the problem:\n${transcript}`);
          for (const m of row.op === 'refresh' ? [text] : told.map((t) => t.text)) {
            assert.match(plain(m), /^[A-Z+].*[.)"]$/s, `a sentence: ${m}`);
          }
        } else {
          // Recovered: the operation's own success is visible.
          switch (row.op) {
            case 'sign in':
              assert.ok(signedInAfter, `signed in:\n${transcript}`);
              break;
            case 'rent':
            case 'check out':
              assert.ok(
                all.some((m) => /Rented/.test(m.text)),
                transcript,
              );
              break;
            case 'assign':
              assert.ok(
                all.some((m) => /^Assigned/.test(m.text)),
                transcript,
              );
              break;
            case 'unassign':
              assert.ok(
                all.some((m) => /^Unassigned/.test(m.text)),
                transcript,
              );
              break;
            case 'refresh':
              assert.equal(view.lastError, undefined);
              break;
          }
        }

        // ---- nothing lost
        assert.deepEqual(
          shownAfterClean,
          after.map(key).sort(),
          'after a clean refresh the extension shows what Sinch holds',
        );
        const afterByNumber = new Map(after.map((n) => [n.number, n]));
        for (const n of before) {
          const now = afterByNumber.get(n.number);
          assert.ok(now, `${n.number} is still rented`);
          const allowed =
            (row.op === 'assign' && n.number === FREE_VOICE) || (row.op === 'unassign' && n.number === ON_DEMO_APP);
          if (!allowed) assert.equal(now.applicationKey, n.applicationKey, `${n.number} stayed where it was`);
        }
        const added = after.filter((n) => !before.some((b) => b.number === n.number));
        const moneyOp = row.op === 'rent' || row.op === 'check out';
        assert.ok(
          added.length <= (moneyOp ? 1 : 0),
          `bought at most what was confirmed: ${added.map((n) => n.number).join(', ')}`,
        );
        // A request refused with 40101 (clock) did nothing on Sinch: its one re-signed repeat is the
        // only one processed (the purchase count above is the real check).
        const resign = f.name === 'clock +20 min' ? 1 : 0;
        assert.ok(
          (counters.reserve ?? 0) <= (row.op === 'rent' ? 1 + resign : 0),
          `reserve sent ${counters.reserve} times`,
        );
        // After a lost answer the checkout is sent once more, with the same reservation ids (there is only the one reservation).
        assert.ok((counters.checkout ?? 0) <= (moneyOp ? 2 + resign : 0), `checkout sent ${counters.checkout} times`);
        // The password and a new instance travel once (the clock's re-sign aside): no fault makes them repeat.
        assert.ok(
          (counters.login ?? 0) <= (row.op === 'sign in' ? 1 + resign : 0),
          `log in sent ${counters.login} times`,
        );
        assert.ok(
          (counters.createInstance ?? 0) <= (row.op === 'sign in' ? 1 + resign : 0),
          `create instance sent ${counters.createInstance} times`,
        );
        if ((counters.reserve ?? 0) + (counters.checkout ?? 0) > 0)
          assert.ok(
            user.shown.some((m) => m.modal),
            'money moved only after the confirmation',
          );
        if (added.length === 0) assert.equal(creditAfter, creditBefore, 'nothing charged');

        // ---- what was said matches what happened
        const said = plain(all.map((m) => m.text).join(' | '));
        if (moneyOp) {
          if (/nothing was rented/i.test(said))
            assert.equal(added.length, 0, `said nothing was rented:\n${transcript}`);
          if (/(^|\| )Rented|went through/.test(said)) assert.equal(added.length, 1, `said rented:\n${transcript}`);
        }
        const freeVoiceNow = afterByNumber.get(FREE_VOICE)?.applicationKey;
        const demoNumberNow = afterByNumber.get(ON_DEMO_APP)?.applicationKey;
        if (row.op === 'assign') {
          if (/^Assigned/.test(said)) assert.equal(freeVoiceNow, DEMO_APP, `said assigned:\n${transcript}`);
          if (/Nothing was changed|nothing was changed/.test(said))
            assert.equal(freeVoiceNow, undefined, `said nothing changed:\n${transcript}`);
        }
        if (row.op === 'unassign') {
          if (/^Unassigned/.test(said)) assert.equal(demoNumberNow, undefined, `said unassigned:\n${transcript}`);
          if (/No number was unassigned/.test(said))
            assert.equal(demoNumberNow, DEMO_APP, `said not unassigned:\n${transcript}`);
        }
        result.ok = true;
      });
    }
  }
});

function printMatrix(): void {
  if (results.length === 0) return;
  const we = Math.max(...ENDPOINTS.map((e) => e.endpoint.length));
  const wf = Math.max(...FAULTS.map((f) => f.name.length));
  const wo = 'operation'.length;
  const lines = [
    '',
    `      Fault matrix: ${results.length} rows (${ENDPOINTS.length} endpoints × ${FAULTS.length} faults), ${results.filter((r) => r.ok).length} ✔, ${results.filter((r) => !r.ok).length} ✘, ${(results.reduce((s, r) => s + r.ms, 0) / 1000).toFixed(1)} s`,
    `      ${'endpoint'.padEnd(we)}  ${'fault'.padEnd(wf)}  ${'operation'.padEnd(wo)}     ms  outcome`,
  ];
  for (const r of results) {
    lines.push(
      `      ${r.endpoint.padEnd(we)}  ${r.fault.padEnd(wf)}  ${r.op.padEnd(wo)}  ${String(r.ms).padStart(5)}  ${r.ok ? '✔' : '✘'} ${r.outcome}`,
    );
  }
  // The same as a grid: R recovered, P reported (told the user), ✘ the row failed.
  lines.push('', `      ${''.padEnd(we)}  ${FAULTS.map((_, i) => String(i + 1).padStart(2)).join(' ')}`);
  for (const e of ENDPOINTS) {
    const cells = FAULTS.map((fc) => {
      const r = results.find((x) => x.endpoint === e.endpoint && x.fault === fc.name);
      return !r ? ' ·' : !r.ok ? ' ✘' : r.outcome === 'recovered' ? ' R' : ' P';
    });
    lines.push(`      ${e.endpoint.padEnd(we)}  ${cells.join(' ')}`);
  }
  lines.push(`      ${FAULTS.map((fc, i) => `${i + 1} ${fc.name}`).join(' · ')}`);
  console.log(lines.join('\n'));
}
