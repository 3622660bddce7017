import assert from 'node:assert/strict';
import {
  AssignmentFailed,
  AssignmentWriter,
  UnsafeToWrite,
  type WriteContext,
} from '../../../src/assign/assignmentWriter';
import type { SetChange } from '../../../src/assign/assignment';
import { SinchApiError } from '../../../src/sinch/errors';
import { aNumber, APP_A as APP, APP_B as OTHER } from '../../support/builders';
import { FakeSinch, UNKNOWN_APP } from './fakeSinch';

function context(fake: FakeSinch, noted: unknown[] = []): WriteContext {
  return {
    api: fake.api(),
    organisationId: '8888123',
    signal: new AbortController().signal,
    settleSignal: new AbortController().signal,
    noteError: (e) => noted.push(e),
  };
}

const demo = () => [
  aNumber({ number: 14150005550, capabilities: ['voice'] }),
  aNumber({ number: 14150005551, capabilities: ['voice'], applicationKey: APP }),
  aNumber({ number: 14150005552, capabilities: ['sms', 'voice'], applicationKey: OTHER }),
  aNumber({ number: 14150005553, capabilities: ['voice'], applicationKey: OTHER }),
  aNumber({ number: 15045550100, capabilities: ['sms'], applicationKey: APP }),
];

const never = async (): Promise<boolean> => {
  throw new Error('should not ask');
};

describe('AssignmentWriter', () => {
  it('assign keeps the numbers already there: 1 read + 1 write, verified', async () => {
    const fake = new FakeSinch(demo());
    const w = new AssignmentWriter();
    const seen = w.snapshot(demo());
    const r = await w.assign(context(fake), {
      appKey: APP,
      capability: 'voice',
      numbers: [fake.numbers.get(14150005550)!],
      seen,
      confirmChange: never,
    });
    assert.equal(r.status, 'done');
    assert.deepEqual(fake.of(APP), [14150005550, 14150005551, 15045550100]);
    assert.deepEqual(fake.calls, [`read ${APP}`, `assign ${APP} voice 14150005550,14150005551`]);
  });

  it('two concurrent assigns to one application both survive, without asking', async () => {
    const list = [...demo(), aNumber({ number: 14150005560, capabilities: ['voice'] })];
    const fake = new FakeSinch(list);
    const w = new AssignmentWriter();
    const seenA = w.snapshot(list);
    const seenB = w.snapshot(list);
    const [a, b] = await Promise.all([
      w.assign(context(fake), {
        appKey: APP,
        capability: 'voice',
        numbers: [list[0]],
        seen: seenA,
        confirmChange: never,
      }),
      w.assign(context(fake), {
        appKey: APP,
        capability: 'voice',
        numbers: [list[5]],
        seen: seenB,
        confirmChange: never,
      }),
    ]);
    assert.equal(a.status, 'done');
    assert.equal(b.status, 'done');
    assert.deepEqual(fake.of(APP), [14150005550, 14150005551, 14150005560, 15045550100]);
    // Serialized: read, write, read, write.
    assert.deepEqual(
      fake.calls.map((c) => c.split(' ')[0]),
      ['read', 'assign', 'read', 'assign'],
    );
  });

  it('a second assign started before the list caught up with the first does not mistake the first for a change', async () => {
    const list = [...demo(), aNumber({ number: 14150005560, capabilities: ['voice'] })];
    const fake = new FakeSinch(list);
    const w = new AssignmentWriter();
    await w.assign(context(fake), {
      appKey: APP,
      capability: 'voice',
      numbers: [list[0]],
      seen: w.snapshot(list),
      confirmChange: never,
    });
    // The user acts again before the refresh of the list lands: the snapshot is of the old list.
    const r = await w.assign(context(fake), {
      appKey: APP,
      capability: 'voice',
      numbers: [list[5]],
      seen: w.snapshot(list),
      confirmChange: never,
    });
    assert.equal(r.status, 'done');
    // Once a refresh after it succeeded, the list holds it and the journal moves on.
    await w.refreshed(async () => undefined);
    assert.equal(w.snapshot(list).mark, 2);
  });

  it('a number on another application moves; that application keeps its others (checkSource)', async () => {
    const fake = new FakeSinch(demo());
    const w = new AssignmentWriter();
    const seen = w.snapshot(demo());
    const r = await w.assign(context(fake), {
      appKey: APP,
      capability: 'voice',
      numbers: [fake.numbers.get(14150005553)!],
      seen,
      confirmChange: never,
    });
    assert.equal(r.status, 'done');
    assert.deepEqual(fake.of(OTHER), [14150005552]);
    const check = await w.checkSource(context(fake), OTHER, seen, [14150005553]);
    assert.deepEqual(check.missing, []);
  });

  describe("when the set changed behind the user's back", () => {
    const setup = () => {
      const fake = new FakeSinch(demo());
      const w = new AssignmentWriter();
      const seen = w.snapshot(demo());
      fake.numbers.get(14150005553)!.applicationKey = APP; // someone else's change
      return { fake, w, seen };
    };

    it('asks, naming the difference, and writes nothing when declined', async () => {
      const { fake, w, seen } = setup();
      const asked: SetChange[] = [];
      await assert.rejects(
        w.assign(context(fake), {
          appKey: APP,
          capability: 'voice',
          numbers: [fake.numbers.get(14150005550)!],
          seen,
          confirmChange: async (c) => {
            asked.push(c);
            return false;
          },
        }),
        { name: 'ChangeDeclined' },
      );
      assert.deepEqual(asked, [{ appeared: [14150005553], disappeared: [] }]);
      assert.equal(fake.count('assign'), 0);
    });

    it('when accepted, re-reads and writes the union of what is there now', async () => {
      const { fake, w, seen } = setup();
      const r = await w.assign(context(fake), {
        appKey: APP,
        capability: 'voice',
        numbers: [fake.numbers.get(14150005550)!],
        seen,
        confirmChange: async () => true,
      });
      assert.equal(r.status, 'done');
      assert.deepEqual(fake.of(APP), [14150005550, 14150005551, 14150005553, 15045550100]);
      assert.equal(fake.count('read'), 2);
    });

    it('asks again when it changed once more while the user was answering', async () => {
      const { fake, w, seen } = setup();
      let asks = 0;
      const r = await w.assign(context(fake), {
        appKey: APP,
        capability: 'voice',
        numbers: [fake.numbers.get(14150005550)!],
        seen,
        confirmChange: async () => {
          if (++asks === 1) fake.numbers.get(14150005552)!.applicationKey = APP;
          return true;
        },
      });
      assert.equal(asks, 2);
      assert.equal(r.status, 'done');
      assert.ok(fake.of(APP).includes(14150005552));
    });

    it('does not ask about a change made to another capability', async () => {
      const fake = new FakeSinch(demo());
      const w = new AssignmentWriter();
      const seen = w.snapshot(demo());
      delete fake.numbers.get(15045550100)!.applicationKey; // sms set changed
      const r = await w.assign(context(fake), {
        appKey: APP,
        capability: 'voice',
        numbers: [fake.numbers.get(14150005550)!],
        seen,
        confirmChange: never,
      });
      assert.equal(r.status, 'done');
    });
  });

  it('detects a result that lacks a number, and Restore puts the previous set back', async () => {
    const fake = new FakeSinch(demo());
    fake.dropOnAssign = [14150005551];
    const w = new AssignmentWriter();
    const r = await w.assign(context(fake), {
      appKey: APP,
      capability: 'voice',
      numbers: [fake.numbers.get(14150005550)!],
      seen: w.snapshot(demo()),
      confirmChange: never,
    });
    assert.equal(r.status, 'incomplete');
    assert.deepEqual(r.status === 'incomplete' && r.verification.missing, [14150005551]);
    fake.dropOnAssign = [];
    const restored = await w.restore(context(fake), APP, 'voice', {
      previous: r.plan.previous,
      added: r.plan.adding,
      lost: r.status === 'incomplete' ? r.verification.missing : [],
    });
    assert.equal(restored.status, 'done');
    assert.deepEqual(fake.of(APP), [14150005551, 15045550100]);
    assert.deepEqual([restored.takenOff, restored.putBack, restored.skipped], [[14150005550], [14150005551], []]);
  });

  it('Undo keeps a number someone else added meanwhile', async () => {
    const fake = new FakeSinch(demo());
    const w = new AssignmentWriter();
    const r = await w.assign(context(fake), {
      appKey: APP,
      capability: 'voice',
      numbers: [fake.numbers.get(14150005550)!],
      seen: w.snapshot(demo()),
      confirmChange: never,
    });
    fake.numbers.get(14150005553)!.applicationKey = APP;
    await w.restore(context(fake), APP, 'voice', { previous: r.plan.previous, added: r.plan.adding, lost: [] });
    assert.deepEqual(fake.of(APP), [14150005551, 14150005553, 15045550100]);
    assert.equal(fake.count('list'), 0, 'nothing to put back: no list of the organisation');
  });

  it('never writes when the application holds a number it could not send back', async () => {
    const list = [...demo(), aNumber({ number: 1234567890123456, capabilities: ['voice'], applicationKey: APP })];
    const fake = new FakeSinch(list);
    const w = new AssignmentWriter();
    await assert.rejects(
      w.assign(context(fake), {
        appKey: APP,
        capability: 'voice',
        numbers: [list[0]],
        seen: w.snapshot(list),
        confirmChange: never,
      }),
      (e: unknown) => e instanceof UnsafeToWrite && e.blocked[0] === 1234567890123456,
    );
    assert.equal(fake.count('assign'), 0);
  });

  it('a failed read changes nothing and is noted', async () => {
    const fake = new FakeSinch(demo());
    const noted: unknown[] = [];
    const w = new AssignmentWriter();
    const key = UNKNOWN_APP;
    await assert.rejects(
      w.assign(context(fake, noted), {
        appKey: key,
        capability: 'voice',
        numbers: [fake.numbers.get(14150005550)!],
        seen: w.snapshot(demo()),
        confirmChange: never,
      }),
      (e: unknown) =>
        e instanceof AssignmentFailed && e.stage === 'read' && (e.error as SinchApiError).errorCode === 40400,
    );
    assert.equal(noted.length, 1);
    assert.equal(fake.count('assign'), 0);
  });

  it('a write refused for sure is a failure of the write stage', async () => {
    const fake = new FakeSinch(demo());
    fake.failAssign = {
      applied: false,
      error: new SinchApiError({
        kind: 'unavailable',
        message: 'down',
        method: 'PUT',
        path: '',
        status: 503,
        errorCode: 50300,
      }),
    };
    const w = new AssignmentWriter();
    await assert.rejects(
      w.assign(context(fake), {
        appKey: APP,
        capability: 'voice',
        numbers: [fake.numbers.get(14150005550)!],
        seen: w.snapshot(demo()),
        confirmChange: never,
      }),
      (e: unknown) => e instanceof AssignmentFailed && e.stage === 'write',
    );
    assert.deepEqual(fake.of(APP), [14150005551, 15045550100]);
  });

  it('a write whose outcome is unknown is settled by one re-read', async () => {
    const fake = new FakeSinch(demo());
    fake.failAssign = {
      applied: true,
      error: new SinchApiError({
        kind: 'timeout',
        message: 'no answer',
        method: 'PUT',
        path: '',
        outcomeUnknown: true,
      }),
    };
    const w = new AssignmentWriter();
    const r = await w.assign(context(fake), {
      appKey: APP,
      capability: 'voice',
      numbers: [fake.numbers.get(14150005550)!],
      seen: w.snapshot(demo()),
      confirmChange: never,
    });
    assert.equal(r.status, 'unknown');
    assert.equal(r.status === 'unknown' && r.verification?.ok, true);
    assert.equal(fake.count('read'), 2);
  });

  it('assigning numbers already there writes nothing', async () => {
    const fake = new FakeSinch(demo());
    const w = new AssignmentWriter();
    const r = await w.assign(context(fake), {
      appKey: APP,
      capability: 'voice',
      numbers: [fake.numbers.get(14150005551)!],
      seen: w.snapshot(demo()),
      confirmChange: never,
    });
    assert.equal(r.status, 'unchanged');
    assert.equal(fake.count('assign'), 0);
  });

  describe('unassign', () => {
    it('DELETEs each number, re-reads once, touches no other number', async () => {
      const fake = new FakeSinch(demo());
      const w = new AssignmentWriter();
      const r = await w.unassign(context(fake), APP, [fake.numbers.get(14150005551)!], w.snapshot(demo()));
      assert.deepEqual(r.done, [14150005551]);
      assert.deepEqual(r.check, { removed: [14150005551], stillThere: [], disappeared: [] });
      assert.deepEqual(fake.of(APP), [15045550100]);
      assert.deepEqual(fake.calls, [`unassign ${APP} 14150005551`, `read ${APP}`]);
    });

    it('names a number that disappeared unexpectedly', async () => {
      const fake = new FakeSinch(demo());
      fake.dropOnUnassign = [15045550100];
      const w = new AssignmentWriter();
      const r = await w.unassign(context(fake), APP, [fake.numbers.get(14150005551)!], w.snapshot(demo()));
      assert.deepEqual(r.check?.disappeared, [15045550100]);
    });

    it('after 3 of 5 succeeded, says which succeeded, which failed and which were not attempted', async () => {
      const list = [10, 11, 12, 13, 14].map((i) =>
        aNumber({ number: 14150005500 + i, capabilities: ['voice'], applicationKey: APP }),
      );
      const fake = new FakeSinch(list);
      fake.failUnassignAt = {
        call: 4,
        error: new SinchApiError({
          kind: 'unavailable',
          message: 'down',
          method: 'DELETE',
          path: '',
          status: 503,
          errorCode: 50300,
        }),
      };
      const noted: unknown[] = [];
      const w = new AssignmentWriter();
      const r = await w.unassign(context(fake, noted), APP, list, w.snapshot(list));
      assert.deepEqual(r.done, [14150005510, 14150005511, 14150005512]);
      assert.equal(r.failed?.number, 14150005513);
      assert.deepEqual(r.notAttempted, [14150005514]);
      assert.deepEqual(r.check?.disappeared, []);
      assert.equal(noted.length, 1);
    });

    it('never sends an invalid number', async () => {
      const list = [aNumber({ number: 1234567890123456, capabilities: ['voice'], applicationKey: APP })];
      const fake = new FakeSinch(list);
      const w = new AssignmentWriter();
      const r = await w.unassign(context(fake), APP, list, w.snapshot(list));
      assert.deepEqual(r.invalid, [1234567890123456]);
      assert.equal(fake.count('unassign'), 0);
    });
  });

  it('addBack re-assigns numbers with one write per capability', async () => {
    const fake = new FakeSinch(demo());
    const w = new AssignmentWriter();
    // 14150005552 is on OTHER because "our move" put it there: `from` allows taking it back.
    const { results, skipped } = await w.addBack(
      context(fake),
      APP,
      [
        aNumber({ number: 14150005550, capabilities: ['voice'] }),
        aNumber({ number: 14150005552, capabilities: ['sms', 'voice'] }),
      ],
      { from: OTHER },
    );
    assert.equal(results.length, 1);
    assert.deepEqual(skipped, []);
    assert.deepEqual(fake.of(APP), [14150005550, 14150005551, 14150005552, 15045550100]);
  });

  describe('Undo and Restore never take a number from another application', () => {
    it('Undo does not pull back a number that left the application for another one since', async () => {
      const fake = new FakeSinch(demo());
      const w = new AssignmentWriter();
      const r = await w.assign(context(fake), {
        appKey: APP,
        capability: 'voice',
        numbers: [fake.numbers.get(14150005550)!],
        seen: w.snapshot(demo()),
        confirmChange: never,
      });
      assert.equal(r.status, 'done');
      fake.numbers.get(14150005551)!.applicationKey = OTHER; // somebody moved it to OTHER after our assign
      const restored = await w.restore(context(fake), APP, 'voice', {
        previous: r.plan.previous,
        added: r.plan.adding,
        lost: [],
      });
      assert.deepEqual(fake.of(APP), [15045550100], 'ours is taken off; nothing is pulled back');
      assert.deepEqual(fake.of(OTHER), [14150005551, 14150005552, 14150005553], 'OTHER keeps what it got');
      assert.deepEqual(restored.takenOff, [14150005550]);
      assert.deepEqual(restored.leftSince, [14150005551], 'named in the message, left where it is');
    });

    it('Restore puts back what our write dropped, but skips (and names) one that is on another application by now', async () => {
      const fake = new FakeSinch([
        ...demo(),
        aNumber({ number: 14150005554, capabilities: ['voice'], applicationKey: APP }),
      ]);
      fake.dropOnAssign = [14150005551, 14150005554];
      const w = new AssignmentWriter();
      const r = await w.assign(context(fake), {
        appKey: APP,
        capability: 'voice',
        numbers: [fake.numbers.get(14150005550)!],
        seen: w.snapshot([...fake.numbers.values()]),
        confirmChange: never,
      });
      assert.equal(r.status, 'incomplete');
      fake.dropOnAssign = [];
      fake.numbers.get(14150005554)!.applicationKey = OTHER; // taken by OTHER meanwhile
      const restored = await w.restore(context(fake), APP, 'voice', {
        previous: r.plan.previous,
        added: r.plan.adding,
        lost: r.status === 'incomplete' ? r.verification.missing : [],
      });
      assert.equal(restored.status, 'done');
      assert.deepEqual(fake.of(APP), [14150005551, 15045550100]);
      assert.ok(fake.of(OTHER).includes(14150005554), 'left on OTHER');
      assert.deepEqual(restored.putBack, [14150005551]);
      assert.deepEqual(restored.skipped, [{ number: 14150005554, reason: 'elsewhere', appKey: OTHER }]);
      assert.equal(fake.count('list'), 1, 'one list of the organisation');
    });

    it('addBack lists the organisation once and skips a number on another application or no longer rented', async () => {
      const fake = new FakeSinch(demo());
      const w = new AssignmentWriter();
      const { results, skipped } = await w.addBack(context(fake), APP, [
        aNumber({ number: 14150005550 }),
        aNumber({ number: 14150005553, capabilities: ['voice'] }),
        aNumber({ number: 19995550000 }),
      ]);
      assert.deepEqual(skipped, [
        { number: 14150005553, reason: 'elsewhere', appKey: OTHER },
        { number: 19995550000, reason: 'notRented' },
      ]);
      assert.equal(results.length, 1);
      assert.deepEqual(fake.of(APP), [14150005550, 14150005551, 15045550100]);
      assert.deepEqual(fake.of(OTHER), [14150005552, 14150005553], 'OTHER keeps its numbers');
      assert.equal(fake.count('list'), 1);
    });

    it('addBack writes nothing when every number is elsewhere now', async () => {
      const fake = new FakeSinch(demo());
      const w = new AssignmentWriter();
      const { results, skipped } = await w.addBack(context(fake), APP, [
        aNumber({ number: 14150005553, capabilities: ['voice'], applicationKey: APP }),
      ]);
      assert.deepEqual(results, []);
      assert.equal(skipped.length, 1);
      assert.equal(fake.count('assign'), 0);
    });
  });

  it('after three accepted changes in a row it stops with KeptChanging, not a silent decline', async () => {
    const fake = new FakeSinch(demo());
    const w = new AssignmentWriter();
    const seen = w.snapshot(demo());
    const others = [14150005552, 14150005553];
    let asks = 0;
    fake.numbers.get(14150005553)!.applicationKey = APP;
    await assert.rejects(
      w.assign(context(fake), {
        appKey: APP,
        capability: 'voice',
        numbers: [fake.numbers.get(14150005550)!],
        seen,
        confirmChange: async () => {
          // Every answer takes long enough for the set to change again.
          const n = fake.numbers.get(others[asks++ % 2])!;
          n.applicationKey = n.applicationKey === APP ? OTHER : APP;
          return true;
        },
      }),
      (e: Error) =>
        e.name === 'KeptChanging' &&
        /kept changing while you confirmed; nothing was written\. Try again\./.test(e.message),
    );
    assert.equal(asks, 3);
    assert.equal(fake.count('assign'), 0);
  });
});
