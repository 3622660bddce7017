import assert from 'node:assert/strict';
import { shortKey } from '../../../src/numbers/treeNodes';
import { InMemoryScope, otherCapabilityNumbers, scopedBody, scopeShown } from '../../../src/assign/assignScope';
import { AssignmentWriter, type WriteContext } from '../../../src/assign/assignmentWriter';
import { SinchApiError } from '../../../src/sinch/errors';
import { aNumber } from '../../support/builders';
import {
  APP_A,
  APP_B,
  assignHarness,
  B_BOTH,
  B_SMS,
  demoNumbers,
  FREE_SMS,
  FREE_VOICE,
  ORG,
} from './fakeAssignEnvironment';
import { FakeSinch } from './fakeSinch';

const never = async (): Promise<boolean> => {
  throw new Error('should not ask');
};

function context(fake: FakeSinch, scope = new InMemoryScope()): WriteContext & { scope: InMemoryScope } {
  return {
    api: fake.api(),
    organisationId: ORG,
    signal: new AbortController().signal,
    settleSignal: new AbortController().signal,
    noteError: () => undefined,
    scope,
  };
}

describe('assign scope: detected, not assumed', () => {
  const app = [
    aNumber({ number: B_BOTH, capabilities: ['sms', 'voice'], applicationKey: APP_B }),
    ...B_SMS.map((number) => aNumber({ number, capabilities: ['sms'], applicationKey: APP_B })),
  ];

  it('the numbers a write of one capability must carry on a whole-set host are those without it', () => {
    assert.deepEqual(otherCapabilityNumbers(app, 'voice'), B_SMS);
    assert.deepEqual(otherCapabilityNumbers(app, 'sms'), []);
    assert.deepEqual(scopedBody(undefined, app, 'voice', [B_BOTH, FREE_VOICE]), [B_BOTH, FREE_VOICE]);
    assert.deepEqual(scopedBody('capability', app, 'voice', [B_BOTH]), [B_BOTH]);
    assert.deepEqual(
      scopedBody('wholeSet', app, 'voice', [FREE_VOICE, B_BOTH]),
      [...B_SMS, B_BOTH, FREE_VOICE].sort((a, b) => a - b),
    );
  });

  it('what an answer shows: whole set only when every other-capability number is gone; per capability when all stayed', () => {
    const after = (numbers: number[]) => numbers.map((number) => ({ number }));
    assert.deepEqual(scopeShown(app, 'voice', after([B_BOTH, FREE_VOICE])), { scope: 'wholeSet', removed: B_SMS });
    assert.deepEqual(scopeShown(app, 'voice', after([B_BOTH, FREE_VOICE, ...B_SMS])), { scope: 'capability' });
    assert.equal(
      scopeShown(app, 'voice', after([B_BOTH, FREE_VOICE, B_SMS[0]])),
      undefined,
      "one of two gone: somebody else's change, not the host's rule",
    );
    assert.equal(scopeShown(app, 'sms', after([])), undefined, 'no number without the capability: nothing to learn');
  });

  it('whole-set host: the write that removed the sms numbers is put right at once, the host is recorded, and said exactly', async () => {
    const fake = new FakeSinch(demoNumbers());
    fake.wholeSet = true;
    const w = new AssignmentWriter(() => 1234);
    const ctx = context(fake);
    const r = await w.assign(ctx, {
      appKey: APP_B,
      capability: 'voice',
      numbers: [fake.numbers.get(FREE_VOICE)!],
      confirmChange: never,
    });
    assert.equal(r.status, 'done');
    assert.deepEqual(
      fake.of(APP_B),
      [FREE_VOICE, B_BOTH, ...B_SMS].sort((a, b) => a - b),
      'nothing lost, the new number assigned',
    );
    assert.deepEqual(fake.calls, [
      `read ${APP_B}`,
      `assign ${APP_B} voice ${FREE_VOICE},${B_BOTH}`,
      `assign ${APP_B} voice ${[FREE_VOICE, B_BOTH, ...B_SMS].sort((a, b) => a - b).join(',')}`,
    ]);
    assert.ok(r.status === 'done' && r.repair);
    assert.deepEqual(r.repair, { capability: 'voice', removed: B_SMS, restored: B_SMS });
    assert.deepEqual(ctx.scope.get(), {
      scope: 'wholeSet',
      learnedAt: 1234,
      evidence: { appKey: APP_B, capability: 'voice', removed: B_SMS },
    });

    // From then on: one write, carrying the whole set.
    fake.calls.length = 0;
    const r2 = await w.assign(ctx, {
      appKey: APP_B,
      capability: 'sms',
      numbers: [fake.numbers.get(FREE_SMS)!],
      confirmChange: never,
    });
    assert.equal(r2.status, 'done');
    assert.equal(fake.count('assign'), 1);
    assert.deepEqual(
      fake.of(APP_B),
      [FREE_VOICE, FREE_SMS, B_BOTH, ...B_SMS].sort((a, b) => a - b),
    );
  });

  it('whole-set host, the repair write failing: the result says which numbers are still off', async () => {
    const fake = new FakeSinch(demoNumbers());
    fake.wholeSet = true;
    fake.failAssignAt = {
      call: 2,
      error: new SinchApiError({ kind: 'unavailable', message: 'down.', method: 'PUT', path: '', status: 503 }),
    };
    const r = await new AssignmentWriter().assign(context(fake), {
      appKey: APP_B,
      capability: 'voice',
      numbers: [fake.numbers.get(FREE_VOICE)!],
      confirmChange: never,
    });
    assert.equal(r.status, 'incomplete');
    assert.ok(r.status === 'incomplete' && r.repair);
    assert.deepEqual([r.repair.removed, r.repair.restored], [B_SMS, []]);
    assert.deepEqual(r.verification.missing, B_SMS);
  });

  it("per-capability host: recorded once, from a write that kept the other capability's numbers", async () => {
    const fake = new FakeSinch(demoNumbers());
    const ctx = context(fake);
    await new AssignmentWriter(() => 99).assign(ctx, {
      appKey: APP_B,
      capability: 'voice',
      numbers: [fake.numbers.get(FREE_VOICE)!],
      confirmChange: never,
    });
    assert.deepEqual(ctx.scope.get(), { scope: 'capability', learnedAt: 99 });
    assert.equal(fake.count('assign'), 1);
  });

  it('the flow tells what happened and what was restored, as a warning with Undo', async () => {
    const h = assignHarness();
    h.sinch.wholeSet = true;
    await h.loaded();
    h.prompter.thenPick(APP_B);
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.equal(h.last!.severity, 'warning');
    assert.equal(
      h.last!.text,
      `Assigned +1 415-000-5550 to ${shortKey(APP_B)} (Voice). It keeps its 1 other Voice number. ` +
        `Sinch replaced all of ${shortKey(APP_B)}'s numbers: writing its Voice numbers removed +1 504-555-0100 and +1 504-555-0101, which are not Voice numbers. ` +
        `They were written back at once and are on ${shortKey(APP_B)} again. ` +
        "From now on every assign to this Sinch host sends the application's whole set, so none is dropped; Test Connection shows this.",
    );
    assert.deepEqual(h.last!.actions, ['Undo']);
    assert.deepEqual(
      h.sinch.of(APP_B),
      [FREE_VOICE, B_BOTH, ...B_SMS].sort((a, b) => a - b),
    );
    assert.deepEqual(h.sinch.of(APP_A).length, 1, 'the other application untouched');
  });
});
