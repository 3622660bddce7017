import assert from 'node:assert/strict';
import { SinchApiError } from '../../../src/sinch/errors';
import { APP_A, APP_B, assignHarness, B_BOTH, B_SMS, FREE_VOICE, ORG } from './fakeAssignEnvironment';

const timeout = (method: string) =>
  new SinchApiError({ kind: 'timeout', message: 'timed out', method, path: '', outcomeUnknown: true });

/** The journal entries without their time, which the fake clock gives. */
function entries(h: ReturnType<typeof assignHarness>) {
  return h.record.activity.map(({ time, ...rest }) => {
    assert.equal(typeof time, 'number');
    return rest;
  });
}

describe('assign flows: the activity journal', () => {
  it('an assign and its Undo: two verified entries, who, which organisation, numbers, application, message shown', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPick(APP_A).onToast(/^Assigned/, 'Undo');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    await h.commands.idle();
    const [assign, undo, ...more] = entries(h);
    assert.deepEqual(more, []);
    assert.equal(assign.operation, 'assign');
    assert.equal(assign.verdict, 'verified');
    assert.equal(assign.organisationId, ORG);
    assert.equal(assign.organisationName, 'Acme');
    assert.match(assign.account, /@/);
    assert.deepEqual(assign.numbers, [FREE_VOICE]);
    assert.deepEqual(assign.applications, [APP_A]);
    assert.equal(
      assign.message,
      `Assigned +1 415-000-5550 to ${APP_A.slice(0, 8)}… (Voice). It keeps its 1 other Voice number.`,
    );
    assert.equal(assign.totalCost, undefined, 'an assignment has no price');
    assert.equal(undo.operation, 'undo');
    assert.equal(undo.verdict, 'verified');
    assert.deepEqual(undo.applications, [APP_A]);
    assert.equal(undo.message, h.last!.text);
  });

  it('a move: the target first, then the application the number came from', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPick(APP_A).thenPick('Voice').thenModal('Move');
    await h.commands.assign('move', { nodes: [h.node(B_BOTH)] });
    const [move] = entries(h);
    assert.equal(move.operation, 'move');
    assert.deepEqual(move.applications, [APP_A, APP_B]);
    assert.deepEqual(move.numbers, [B_BOTH]);
    assert.equal(move.verdict, 'verified');
  });

  it('a lost reply, twice, whose re-read shows nothing changed: one entry, failed, with the message shown', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.failAssign = { error: timeout('PUT'), applied: false };
    h.sinch.failAssignAt = { call: 2, error: timeout('PUT') };
    h.prompter.thenPick(APP_A);
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    const last = h.record.activity.at(-1)!;
    assert.equal(last.verdict, 'failed');
    assert.match(last.message, /did not confirm the change \(timed out\); re-reading .* shows nothing was changed/);
    assert.equal(last.message, h.prompter.shown.at(-1)!.text);
    assert.deepEqual(last.numbers, [FREE_VOICE]);
    assert.equal(h.record.activity.length, 1, 'one entry for one command');
  });

  it('an unassign, and a partly done one: done, then "partial" naming only what was unassigned', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenModal('Unassign');
    await h.commands.unassign({ nodes: [h.node(B_SMS[0])] });
    assert.deepEqual(
      entries(h).map((e) => [e.operation, e.verdict, e.numbers, e.applications]),
      [['unassign', 'verified', [B_SMS[0]], [APP_B]]],
    );

    const h2 = assignHarness();
    await h2.loaded();
    h2.sinch.failUnassignAt = {
      call: 2,
      error: new SinchApiError({ kind: 'validation', message: 'x', method: 'DELETE', path: '', status: 400 }),
    };
    h2.prompter.thenModal('Unassign');
    await h2.commands.unassign({ nodes: [B_BOTH, ...B_SMS].map((n) => h2.node(n)) });
    const [partial] = entries(h2);
    assert.equal(partial.verdict, 'partial');
    assert.deepEqual(partial.numbers, [B_BOTH]);
    assert.equal(partial.message, h2.prompter.shown.at(-1)!.text);
  });

  it('Undo of an unassign is journalled as undo, with the application the number went back to', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenModal('Unassign').onToast(/^Unassigned/, 'Undo');
    await h.commands.unassign({ nodes: [h.node(B_SMS[0])] });
    await h.commands.idle();
    assert.deepEqual(
      entries(h).map((e) => [e.operation, e.verdict, e.applications]),
      [
        ['unassign', 'verified', [APP_B]],
        ['undo', 'verified', [APP_B]],
      ],
    );
    assert.ok(h.sinch.of(APP_B).includes(B_SMS[0]));
  });
});
