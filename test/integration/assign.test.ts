// Assign and unassign inside the real extension host, against the simulator. The invariant
// every test checks one way or another: an assign never leaves an application with fewer
// numbers than it had plus the ones added.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SinchClient } from '../../src/sinch/client';
import type { FakePrompter } from '../support/fakePrompter';
import { DEMO, DEMO_APP, waitUntil, freshStart, numberNode, scriptedUser, signInDemo, simulator } from './support';
import type { ExtensionApi } from '../../src/extension';

const ASSIGN = 'sinchNumbers.assignNumbers';
const MOVE = 'sinchNumbers.moveNumbers';
const UNASSIGN = 'sinchNumbers.unassignNumbers';
const MIME = 'application/vnd.code.tree.sinchnumbers.numbers';

/** The demo dataset (test/simulator/datasets.ts). */
const SMS_APP = 'c3a1d2e4-5b6f-4a70-8e91-0f2a3b4c5d6e';
const SUPPORT_APP = 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70';
const UNKNOWN_APP = 'ffffffff-1111-4222-8333-444444444444';
const FREE_VOICE = 14150005550;
const ON_DEMO_APP = 14150005551;
const FREE_BOTH = 493012340100; // sms and voice, unassigned
const SMS_APP_BOTH = 14150005552; // sms and voice, on SMS_APP
const SMS_APP_SMS = [15045550100, 15045550101];
const SUPPORT = [33140000100, 442079460100];

type WireNumber = { number: number; applicationKey?: string; orgId?: string };

async function serverNumbers(): Promise<WireNumber[]> {
  return (await simulator.snapshot()).numbers as WireNumber[];
}

async function on(appKey: string): Promise<number[]> {
  return (await serverNumbers())
    .filter((n) => n.applicationKey === appKey)
    .map((n) => n.number)
    .sort((a, b) => a - b);
}

function sorted(list: number[]): number[] {
  return [...list].sort((a, b) => a - b);
}

function appNode(api: ExtensionApi, key: string): { kind: 'application'; key: string; label: string } {
  return api.view.provider?.applicationNode(key) ?? { kind: 'application', key, label: key };
}

async function run(command: string, ...args: unknown[]): Promise<void> {
  await vscode.commands.executeCommand(command, ...args);
}

async function counters(): Promise<Record<string, number>> {
  return simulator.counters();
}

/** Signs in as demo from the test itself: a second client that changes things behind the extension's back. */
async function otherClient() {
  const client = new SinchClient({
    endpoints: { userApi: simulator.url(), api: simulator.url(), portalApi: simulator.url() },
  });
  const login = await client.login({ type: 'email', endpoint: DEMO.email }, DEMO.password);
  const instance = await client.createInstance(login.authorization, { os: 'test', platform: 'second client' });
  return client.instance(instance);
}

describe('assign and unassign', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let user: FakePrompter;

  beforeEach(async () => {
    api = await freshStart();
    await signInDemo();
    await api.model.refresh();
    await waitUntil(() => !api.model.loading, { timeout: 5000, what: 'the model to settle' });
    user = await scriptedUser();
    await simulator.resetCounters();
  });

  it('assigning keeps the numbers already there: where the number is, 1 read + 1 write + 1 list, no modal, Undo offered', async () => {
    const node = numberNode(api, FREE_VOICE);
    user.thenPick(DEMO_APP);
    await run(ASSIGN, node, [node]);

    assert.deepEqual(await on(DEMO_APP), [FREE_VOICE, ON_DEMO_APP], user.transcript());
    const c = await counters();
    assert.equal(c.listAppNumbers, 1, 'one read');
    assert.equal(c.assign, 1, 'one write');
    assert.equal(c.listNumbers, 2, 'where the number is (one list, right before the write), and one refresh after it');
    assert.equal(c.unassign, 0);
    assert.ok(!user.shown.some((m) => m.modal), 'a plain assign removes nothing: no modal');
    const done = user.shown.at(-1)!;
    assert.match(done.text, /^Assigned \+1 415-000-5550 to bb7b4e39… \(Voice\)\. It keeps its 1 other Voice number\./);
    assert.deepEqual(done.actions, ['Undo']);
    assert.equal(
      api.model.numbers?.find((n) => n.number === FREE_VOICE)?.applicationKey,
      DEMO_APP,
      'the model was refreshed',
    );
    const pick = user.asked[0];
    assert.equal(pick.title, 'Assign to Application');
    assert.ok(
      pick.items!.some((i) => i.includes(DEMO_APP)) && pick.items!.at(-1) === '$(edit) Enter Application Key…',
      pick.items!.join(' | '),
    );
    console.log(
      `      assign counters: ${JSON.stringify(Object.fromEntries(Object.entries(c).filter(([, v]) => v > 0)))}`,
    );
  });

  it('Undo Last Change undoes the last assign (the server shows it), then says there is nothing to undo', async () => {
    const node = numberNode(api, FREE_VOICE);
    user.thenPick(DEMO_APP);
    await run(ASSIGN, node, [node]);
    assert.deepEqual(await on(DEMO_APP), [FREE_VOICE, ON_DEMO_APP], user.transcript());
    assert.equal(api.testing.contextKeyValue('sinchNumbers.canUndo'), true, 'the command is enabled');
    await run('sinchNumbers.undoLastChange');
    await api.assign.idle();
    assert.deepEqual(await on(DEMO_APP), [ON_DEMO_APP], user.transcript());
    assert.equal((await serverNumbers()).find((n) => n.number === FREE_VOICE)!.applicationKey, undefined);
    assert.match(user.shown.at(-1)!.text, /has its previous Voice numbers again\. Taken off: \+1 415-000-5550\./);
    assert.equal(api.testing.contextKeyValue('sinchNumbers.canUndo'), false, 'and disabled again');
    await run('sinchNumbers.undoLastChange');
    await api.assign.idle();
    assert.equal(user.shown.at(-1)!.text, 'There is no change to undo.');
  });

  it("the walkthrough's Assign step: cancelling the Assign command does not tick it, an assign does", async () => {
    const key = 'sinchNumbers.walkthrough.assigned';
    api.testing.setContextKey(key, false);
    user.thenPickMany(undefined); // Escape on the first question
    await run(ASSIGN);
    assert.equal(api.testing.contextKeyValue(key), false, 'opening and cancelling ticks nothing');
    const node = numberNode(api, FREE_VOICE);
    user.thenPick(DEMO_APP);
    await run(ASSIGN, node, [node]);
    assert.deepEqual(await on(DEMO_APP), [FREE_VOICE, ON_DEMO_APP], user.transcript());
    assert.equal(api.testing.contextKeyValue(key), true, 'a write that landed ticks it');
  });

  it('two concurrent assigns to one application both survive', async () => {
    const drop = (value: number) => {
      const dt = new vscode.DataTransfer();
      api.view.dragAndDrop!.handleDrag!([numberNode(api, value)], dt, new vscode.CancellationTokenSource().token);
      return api.view.dragAndDrop!.handleDrop!(appNode(api, DEMO_APP), dt, new vscode.CancellationTokenSource().token);
    };
    user.thenPick('Voice'); // FREE_BOTH has both capabilities
    await Promise.all([drop(FREE_VOICE), drop(FREE_BOTH)]);
    assert.deepEqual(await on(DEMO_APP), sorted([FREE_VOICE, ON_DEMO_APP, FREE_BOTH]), user.transcript());
    assert.ok(
      !user.shown.some((m) => m.modal),
      `our own first assign is not mistaken for somebody else's change:\n${user.transcript()}`,
    );
    const c = await counters();
    assert.equal(c.assign, 2);
    assert.equal(c.listAppNumbers, 2, 'the second re-read what the first wrote');
  });

  it('a number on another application moves after a modal naming the organisation; the other application keeps its others', async () => {
    const node = numberNode(api, SMS_APP_BOTH);
    user.thenPick(DEMO_APP).thenPick('Voice').thenModal('Move');
    await run(MOVE, node, [node]);

    assert.deepEqual(await on(DEMO_APP), [ON_DEMO_APP, SMS_APP_BOTH], user.transcript());
    assert.deepEqual(await on(SMS_APP), SMS_APP_SMS);
    const modal = user.shown.find((m) => m.modal)!;
    assert.match(modal.text, /^Move \+1 415-000-5552 from c3a1d2e4… to bb7b4e39… in Acme \(8888123\)\?$/);
    const done = user.shown.at(-1)!;
    assert.match(done.text, /Moved \+1 415-000-5552 from c3a1d2e4… to bb7b4e39… \(Voice\)/);
    assert.match(done.text, /c3a1d2e4… keeps its 2 other numbers\./);
    const c = await counters();
    assert.equal(c.assign, 1);
    assert.equal(c.listAppNumbers, 2, 'the target before writing, the former application after');
    // The move's pick does not offer the application the number is on.
    assert.ok(!user.asked[0].items!.some((i) => i.includes(SMS_APP)), user.asked[0].items!.join(' | '));
  });

  it('declining the move confirmation writes nothing', async () => {
    const node = numberNode(api, SUPPORT[0]);
    user.thenPick(DEMO_APP).thenModal(undefined);
    await run(MOVE, node, [node]);
    const c = await counters();
    assert.equal(c.assign ?? 0, 0);
    assert.equal(c.listAppNumbers ?? 0, 0);
    assert.deepEqual(await on(SUPPORT_APP), SUPPORT);
  });

  it('Undo restores the previous set', async () => {
    const node = numberNode(api, FREE_VOICE);
    user.thenPick(DEMO_APP).onToast(/^Assigned/, 'Undo');
    await run(ASSIGN, node, [node]);
    await waitUntil(
      async () =>
        (await on(DEMO_APP)).length === 1 && user.shown.some((m) => /previous Voice numbers again/.test(m.text)),
      { timeout: 10_000, what: 'the undo' },
    );
    assert.deepEqual(await on(DEMO_APP), [ON_DEMO_APP]);
    assert.equal((await serverNumbers()).find((n) => n.number === FREE_VOICE)?.applicationKey, undefined);
  });

  it('Undo of a move puts the number back on its former application, which keeps its others', async () => {
    const node = numberNode(api, SUPPORT[0]);
    user
      .thenPick(DEMO_APP)
      .thenModal('Move')
      .onToast(/^Moved/, 'Undo');
    await run(MOVE, node, [node]);
    await waitUntil(async () => user.shown.some((m) => /previous Voice numbers again/.test(m.text)), {
      timeout: 10_000,
      what: `the undo:\n${user.transcript()}`,
    });
    assert.deepEqual(await on(SUPPORT_APP), SUPPORT);
    assert.deepEqual(await on(DEMO_APP), [ON_DEMO_APP]);
    assert.match(user.shown.at(-1)!.text, /\+33 1 40 00 01 00 is back on d4e5f6a7…\./);
  });

  it('unassign leaves the number rented and touches no other: modal names number, application and organisation', async () => {
    const node = numberNode(api, SMS_APP_SMS[0]);
    user.thenModal('Unassign');
    await run(UNASSIGN, node, [node]);

    const numbers = await serverNumbers();
    const n = numbers.find((x) => x.number === SMS_APP_SMS[0]);
    assert.ok(n, 'still rented');
    assert.equal(n.orgId, DEMO.orgId);
    assert.equal(n.applicationKey, undefined);
    assert.deepEqual(await on(SMS_APP), [SMS_APP_BOTH, SMS_APP_SMS[1]]);
    const modal = user.shown.find((m) => m.modal)!;
    assert.equal(modal.text, 'Unassign +1 504-555-0100 from c3a1d2e4… in Acme (8888123)?');
    assert.deepEqual(modal.actions, ['Unassign']);
    const c = await counters();
    assert.equal(c.unassign, 1);
    assert.equal(c.listAppNumbers, 1, 'one re-read to check no other number left');
    assert.equal(c.assign ?? 0, 0);
    assert.match(
      user.shown.at(-1)!.text,
      /^Unassigned \+1 504-555-0100 from c3a1d2e4…\. It is still rented to Acme \(8888123\)\./,
    );
  });

  it('Cancel at the unassign confirmation sends nothing', async () => {
    const node = numberNode(api, ON_DEMO_APP);
    user.thenModal(undefined);
    await run(UNASSIGN, node, [node]);
    assert.equal((await counters()).unassign ?? 0, 0);
    assert.deepEqual(await on(DEMO_APP), [ON_DEMO_APP]);
  });

  it('unassign of several numbers: when the third fails, says which were unassigned, which failed', async () => {
    const nodes = [SMS_APP_BOTH, ...SMS_APP_SMS].map((v) => numberNode(api, v));
    await simulator.faults.inject('unassign', { kind: 'delay', ms: 1 }, 2);
    await simulator.faults.inject('unassign', {
      kind: 'status',
      status: 400,
      errorCode: 40003,
      message: "The 'number' specified is not a valid number.",
    });
    user.thenModal('Unassign');
    await run(UNASSIGN, nodes[0], nodes);
    assert.deepEqual(await on(SMS_APP), [SMS_APP_SMS[1]]);
    const last = user.shown.at(-1)!;
    assert.equal(last.severity, 'error');
    assert.match(
      last.text,
      /^Unassigned 2 of 3 numbers: \+1 415-000-5552 and \+1 504-555-0100\. \+1 504-555-0101 failed: .*not a valid number/,
    );
    assert.ok(last.actions.includes('Retry') && last.actions.includes('Undo'), last.actions.join(', '));
  });

  it('drag and drop through the controller: onto an application assigns, onto Unassigned unassigns (with its confirmation)', async () => {
    const controller = api.view.dragAndDrop!;
    const token = new vscode.CancellationTokenSource().token;
    const dt = new vscode.DataTransfer();
    await controller.handleDrag!([numberNode(api, FREE_VOICE)], dt, token);
    assert.ok(dt.get(MIME), 'the drag carries our mime type');
    await controller.handleDrop!(appNode(api, DEMO_APP), dt, token);
    assert.deepEqual(await on(DEMO_APP), [FREE_VOICE, ON_DEMO_APP], user.transcript());

    const unassigned = api.view.provider?.nodeFor(FREE_BOTH)?.parent ?? { kind: 'unassigned' };
    assert.equal(unassigned.kind, 'unassigned');
    const back = new vscode.DataTransfer();
    await controller.handleDrag!([numberNode(api, FREE_VOICE)], back, token);
    user.thenModal('Unassign');
    await controller.handleDrop!(unassigned, back, token);
    assert.deepEqual(await on(DEMO_APP), [ON_DEMO_APP], user.transcript());
    assert.ok(user.shown.some((m) => m.modal && /^Unassign \+1 415-000-5550 from/.test(m.text)));

    // Dropping a number of one application onto another is a move: it asks first.
    const move = new vscode.DataTransfer();
    await controller.handleDrag!([numberNode(api, SUPPORT[1])], move, token);
    user.thenModal(undefined);
    await controller.handleDrop!(appNode(api, DEMO_APP), move, token);
    assert.deepEqual(await on(SUPPORT_APP), SUPPORT, 'declined: nothing moved');
    assert.match(user.shown.filter((m) => m.modal).at(-1)!.text, /^Move \+44 20 7946 0100 from d4e5f6a7/);
  });

  it('the stale-set path asks before writing, and never drops what appeared', async () => {
    // Behind the extension's back: another client adds FREE_BOTH to the demo application.
    const other = await otherClient();
    await other.assignNumbers(DEMO_APP, 'voice', [ON_DEMO_APP, FREE_BOTH]);
    await simulator.resetCounters();

    const node = numberNode(api, FREE_VOICE);
    user.thenPick(DEMO_APP).thenModal('Assign');
    await run(ASSIGN, node, [node]);
    const modal = user.shown.find((m) => m.modal);
    assert.ok(modal, user.transcript());
    assert.match(modal.text, /^The Voice numbers of bb7b4e39… in Acme \(8888123\) changed since you looked\.$/);
    assert.match(modal.detail!, /Now also on it:\n {2}\+49 30 12340100/);
    assert.deepEqual(await on(DEMO_APP), sorted([FREE_VOICE, ON_DEMO_APP, FREE_BOTH]));
    assert.equal((await counters()).assign, 1);
  });

  it('the stale-set path writes nothing when the user declines', async () => {
    const other = await otherClient();
    await other.assignNumbers(DEMO_APP, 'voice', [ON_DEMO_APP, FREE_BOTH]);
    await simulator.resetCounters();
    const node = numberNode(api, FREE_VOICE);
    user.thenPick(DEMO_APP).thenModal(undefined);
    await run(ASSIGN, node, [node]);
    assert.equal((await counters()).assign ?? 0, 0);
    assert.deepEqual(await on(DEMO_APP), sorted([ON_DEMO_APP, FREE_BOTH]));
    assert.ok(
      api.model.numbers?.some((n) => n.number === FREE_BOTH && n.applicationKey === DEMO_APP),
      'the list was refreshed before asking',
    );
  });

  it('40400: an unknown application key says so, writes nothing, and Edit Key re-enters it', async () => {
    const node = numberNode(api, FREE_VOICE);
    user
      .thenPick('Enter Application Key')
      .thenInput('not-a-key')
      .thenInput(UNKNOWN_APP)
      .onToast(/was not found/, 'Edit Key')
      .thenInput(DEMO_APP);
    await run(ASSIGN, node, [node]);
    const error = user.shown.find((m) => /was not found/.test(m.text))!;
    // Sinch's code and reference follow, to quote to Sinch support.
    assert.match(
      error.text,
      new RegExp(
        `^Application ${UNKNOWN_APP.slice(0, 8)}… was not found in Acme \\(8888123\\)\\. Check the application key\\. Nothing was changed\\. \\(Sinch error code 40400 · reference [0-9a-f-]{36}\\)$`,
      ),
    );
    assert.ok(error.actions.includes('Edit Key'));
    assert.equal(user.rejected.length, 1, 'the malformed key was refused before any request');
    await waitUntil(async () => (await on(DEMO_APP)).includes(FREE_VOICE), {
      timeout: 10_000,
      what: `the assignment after Edit Key:\n${user.transcript()}`,
    });
    const c = await counters();
    assert.equal(c.assign, 1);
  });

  it('40001 and 50300 each give a clear message and change nothing', async () => {
    const node = numberNode(api, FREE_VOICE);
    await simulator.faults.inject('assign', {
      kind: 'status',
      status: 400,
      errorCode: 40001,
      message: 'Invalid number type: voice.',
    });
    user.thenPick(DEMO_APP);
    await run(ASSIGN, node, [node]);
    assert.match(
      user.shown.at(-1)!.text,
      /^Sinch refused to assign \+1 415-000-5550 for Voice\. Sinch said: "Invalid number type: voice\." Nothing was changed\. \(Sinch error code 40001 · reference [0-9a-f-]{36}\)$/,
    );

    await simulator.faults.inject('assign', { kind: 'unavailable' }, 4);
    user.thenPick(DEMO_APP);
    await run(ASSIGN, numberNode(api, FREE_VOICE), []);
    const last = user.shown.at(-1)!;
    assert.match(
      last.text,
      /^Sinch is unavailable right now and stayed so after several tries \(503\)\. Nothing was changed\./,
    );
    assert.ok(last.actions.includes('Retry'));
    assert.deepEqual(await on(DEMO_APP), [ON_DEMO_APP]);
  });

  it('from the palette, asks which numbers first (unassigned ones for Assign)', async () => {
    user.thenPickMany(['+1 415-000-5550']).thenPick(DEMO_APP);
    await run(ASSIGN);
    const first = user.asked[0];
    assert.equal(first.kind, 'pickMany');
    assert.deepEqual(
      sorted(first.items!.map((i) => Number(i.replace(/\D/g, '')))),
      sorted([4685550100, FREE_VOICE, FREE_BOTH]),
    );
    assert.deepEqual([user.asked[1].step, user.asked[1].totalSteps], [2, 2]);
    assert.deepEqual(await on(DEMO_APP), [FREE_VOICE, ON_DEMO_APP]);
  });

  it('from an application node: Assign asks which numbers to put on it, Unassign asks which of its numbers to take off', async () => {
    user.thenPickMany(['+1 415-000-5550']);
    await run(ASSIGN, appNode(api, DEMO_APP), [appNode(api, DEMO_APP)]);
    assert.deepEqual(await on(DEMO_APP), [FREE_VOICE, ON_DEMO_APP], user.transcript());
    // Unassigned numbers are offered first, then those of other applications (a move).
    const offered = user.asked[0].items!.map((i) => Number(i.replace(/\D/g, '')));
    assert.deepEqual(sorted(offered.slice(0, 3)), sorted([4685550100, FREE_VOICE, FREE_BOTH]), offered.join(', '));
    assert.ok(!offered.includes(ON_DEMO_APP), 'not the numbers already on it');

    user.thenPickMany(['+1 415-000-5551']).thenModal('Unassign');
    await run(UNASSIGN, appNode(api, DEMO_APP), [appNode(api, DEMO_APP)]);
    assert.deepEqual(user.asked.at(-1)!.items!.sort(), ['+1 415-000-5550', '+1 415-000-5551']);
    assert.deepEqual(await on(DEMO_APP), [FREE_VOICE]);
  });

  it('numbers lacking the chosen capability: says so before writing, then assigns the others only', async () => {
    const nodes = [4685550100, FREE_VOICE].map((v) => numberNode(api, v)); // SMS only, voice only
    user.thenPick(DEMO_APP).thenPick('Voice').thenModal('Assign the Other 1');
    await run(ASSIGN, nodes[0], nodes);
    const capability = user.asked[1];
    assert.deepEqual(capability.items, ['$(call-outgoing) Voice', '$(comment) SMS']);
    const modal = user.shown.find((m) => m.modal)!;
    assert.equal(modal.text, '1 of these numbers will not be assigned.');
    assert.match(modal.detail!, /\+46 8 555 01 00 cannot take Voice\./);
    assert.deepEqual(await on(DEMO_APP), [FREE_VOICE, ON_DEMO_APP]);
    const c = await counters();
    assert.equal(c.assign, 1);
  });

  it('accepts { numbers } (what the rent flow passes after a checkout)', async () => {
    user.thenPick(DEMO_APP);
    await run(ASSIGN, { numbers: [FREE_VOICE] });
    assert.deepEqual(await on(DEMO_APP), [FREE_VOICE, ON_DEMO_APP], user.transcript());
  });

  /** Runs `before` when a message matching `text` is shown, before the script answers it (someone else acting meanwhile). */
  function meanwhile(text: RegExp, before: () => Promise<void>): void {
    const answer = user.message.bind(user);
    user.message = async (severity, shown, o, ...actions) => {
      if (text.test(shown)) await before();
      return answer(severity, shown, o, ...actions);
    };
  }

  it('Undo does not pull back a number that went to another application after the assign, and says so', async () => {
    const other = await otherClient();
    meanwhile(/^Assigned/, () =>
      other.assignNumbers(SMS_APP, 'voice', [SMS_APP_BOTH, ON_DEMO_APP]).then(() => undefined),
    );
    const node = numberNode(api, FREE_VOICE);
    user.thenPick(DEMO_APP).onToast(/^Assigned/, 'Undo');
    await run(ASSIGN, node, [node]);
    await waitUntil(() => user.shown.some((m) => /left it after your change/.test(m.text)), {
      timeout: 10_000,
      what: `the undo:\n${user.transcript()}`,
    });
    assert.deepEqual(await on(DEMO_APP), [], 'ours taken off, nothing pulled back');
    assert.deepEqual(
      await on(SMS_APP),
      sorted([SMS_APP_BOTH, ON_DEMO_APP, ...SMS_APP_SMS]),
      'the other application keeps it',
    );
    assert.match(user.shown.at(-1)!.text, /Taken off: \+1 415-000-5550\. \+1 415-000-5551 left it after your change/);
  });

  it('Undo of an unassign skips a number now on another application, naming both and the organisation', async () => {
    const other = await otherClient();
    meanwhile(/^Unassigned/, () =>
      other.assignNumbers(SMS_APP, 'voice', [SMS_APP_BOTH, ON_DEMO_APP]).then(() => undefined),
    );
    const node = numberNode(api, ON_DEMO_APP);
    user.thenModal('Unassign').onToast(/^Unassigned/, 'Undo');
    await run(UNASSIGN, node, [node]);
    await waitUntil(() => user.shown.some((m) => /was not put back/.test(m.text)), {
      timeout: 10_000,
      what: `the undo:\n${user.transcript()}`,
    });
    assert.deepEqual(
      await on(SMS_APP),
      sorted([SMS_APP_BOTH, ON_DEMO_APP, ...SMS_APP_SMS]),
      'not taken from the other application',
    );
    assert.match(
      user.shown.at(-1)!.text,
      /^\+1 415-000-5551 was not put back on bb7b4e39…: it is now on c3a1d2e4… in Acme \(8888123\)/,
    );
  });

  it('when the set keeps changing through three accepted confirmations, says so instead of ending silently', async () => {
    const other = await otherClient();
    await other.assignNumbers(DEMO_APP, 'voice', [ON_DEMO_APP, FREE_BOTH]);
    let withBoth = true;
    meanwhile(/changed since you looked/, async () => {
      withBoth = !withBoth;
      await other.assignNumbers(DEMO_APP, 'voice', withBoth ? [ON_DEMO_APP, FREE_BOTH] : [ON_DEMO_APP]);
    });
    await simulator.resetCounters();
    const node = numberNode(api, FREE_VOICE);
    user.thenPick(DEMO_APP).thenModal('Assign').thenModal('Assign').thenModal('Assign');
    await run(ASSIGN, node, [node]);
    await waitUntil(() => user.shown.some((m) => /kept changing/.test(m.text)), {
      timeout: 10_000,
      what: user.transcript(),
    });
    const last = user.shown.at(-1)!;
    assert.equal(
      last.text,
      "The application's numbers kept changing while you confirmed; nothing was written. Try again.",
    );
    assert.deepEqual(last.actions, ['Retry']);
    assert.equal(user.shown.filter((m) => m.modal).length, 3);
    assert.equal((await counters()).assign, 3, "only the other client's three writes");
    assert.ok(!(await on(DEMO_APP)).includes(FREE_VOICE), 'nothing written');
  });
});
