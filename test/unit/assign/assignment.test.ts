import assert from 'node:assert/strict';
import {
  AssignmentJournal,
  capabilitySummary,
  checkUnassign,
  diffSets,
  groupByCapability,
  KeyedSerialQueue,
  knownApplications,
  partitionSelection,
  planMove,
  planWrite,
  restoreTarget,
  verify,
  withCapability,
} from '../../../src/assign/assignment';
import { isApplicationKey } from '../../../src/sinch/guards';
import { aNumber } from '../../support/builders';
import { capabilitiesOf } from '../../../src/numbers/capabilities';

const APP = 'bb7b4e39-4227-4913-8c81-2db4abb54fb3';
const OTHER = 'c3a1d2e4-5b6f-4a70-8e91-0f2a3b4c5d6e';

describe('assignment (pure)', () => {
  describe('capabilities', () => {
    it('keeps only sms and voice, whatever the case', () => {
      assert.deepEqual(capabilitiesOf(aNumber({ number: 1, capabilities: ['SMS', 'fax', 'Voice'] })), ['voice', 'sms']);
    });
    it('summarises what numbers have in common and in total', () => {
      const s = capabilitySummary([
        aNumber({ number: 1, capabilities: ['sms', 'voice'] }),
        aNumber({ number: 2, capabilities: ['voice'] }),
      ]);
      assert.deepEqual(s.common, ['voice']);
      assert.deepEqual(s.any, ['voice', 'sms']);
      assert.deepEqual(s.count, { voice: 2, sms: 1 });
      assert.deepEqual(capabilitySummary([]).common, []);
    });
  });

  describe('planWrite: the union, never less', () => {
    it('sends current ∪ new for the capability and expects every number of the application afterwards', () => {
      const current = [
        aNumber({ number: 14150005551, capabilities: ['voice'], applicationKey: APP }),
        aNumber({ number: 15045550100, capabilities: ['sms'], applicationKey: APP }),
      ];
      const plan = planWrite(current, 'voice', [14150005550]);
      assert.deepEqual(plan.previous, [14150005551]);
      assert.deepEqual(plan.send, [14150005550, 14150005551]);
      assert.deepEqual(plan.adding, [14150005550]);
      assert.deepEqual(plan.expected, [14150005550, 14150005551, 15045550100]);
      assert.deepEqual(plan.blocked, []);
    });
    it('filters the current set by capability: numbers with both capabilities count in both sets', () => {
      const current = [
        aNumber({ number: 1415000555, capabilities: ['sms', 'voice'], applicationKey: APP }),
        aNumber({ number: 15045550100, capabilities: ['sms'], applicationKey: APP }),
      ];
      assert.deepEqual(planWrite(current, 'sms', []).previous, [1415000555, 15045550100]);
      assert.deepEqual(planWrite(current, 'voice', []).previous, [1415000555]);
    });
    it('reports numbers already there and adds nothing for them', () => {
      const plan = planWrite(
        [aNumber({ number: 14150005551, capabilities: ['voice'], applicationKey: APP })],
        'voice',
        [14150005551],
      );
      assert.deepEqual(plan.adding, []);
      assert.deepEqual(plan.already, [14150005551]);
      assert.deepEqual(plan.send, [14150005551]);
    });
    it('blocks the write when the application holds a number that cannot be sent back', () => {
      const plan = planWrite(
        [
          aNumber({ number: 1234567890123456, capabilities: ['voice'], applicationKey: APP }),
          aNumber({ number: 14150005551, capabilities: ['voice'], applicationKey: APP }),
        ],
        'voice',
        [14150005550],
      );
      assert.deepEqual(plan.blocked, [1234567890123456]);
    });
    it('the body is always a superset of the previous set (property over random sets)', () => {
      let seed = 7;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let i = 0; i < 200; i++) {
        const current = Array.from({ length: Math.floor(rnd() * 6) }, (_, k) =>
          aNumber({
            number: 14150000000 + k * 7 + Math.floor(rnd() * 5),
            capabilities: rnd() < 0.5 ? ['voice'] : ['sms', 'voice'],
            applicationKey: APP,
          }),
        );
        const adding = Array.from({ length: Math.floor(rnd() * 4) }, () => 14150000000 + Math.floor(rnd() * 50));
        const plan = planWrite(current, 'voice', adding);
        for (const n of withCapability(current, 'voice')) assert.ok(plan.send.includes(n));
        for (const n of adding) assert.ok(plan.send.includes(n));
        for (const n of current) assert.ok(plan.expected.includes(n.number));
      }
    });
  });

  describe('partitionSelection: what is never sent', () => {
    it('splits eligible, lacking the capability, and invalid numbers; drops duplicates', () => {
      const p = partitionSelection(
        [
          aNumber({ number: 14150005550 }),
          aNumber({ number: 15045550100, capabilities: ['sms'] }),
          aNumber({ number: 1234567890123456 }),
          aNumber({ number: 14150005550 }),
        ],
        'voice',
      );
      assert.deepEqual(
        p.eligible.map((n) => n.number),
        [14150005550],
      );
      assert.deepEqual(
        p.lacking.map((n) => n.number),
        [15045550100],
      );
      assert.deepEqual(
        p.invalid.map((n) => n.number),
        [1234567890123456],
      );
    });
  });

  describe('verify', () => {
    it('detects missing numbers and tolerates extra ones', () => {
      assert.deepEqual(verify([1, 2, 3], [{ number: 1 }, { number: 3 }, { number: 9 }]), {
        ok: false,
        missing: [2],
        extra: [9],
      });
      assert.deepEqual(verify([1, 2], [{ number: 2 }, { number: 1 }]), { ok: true, missing: [], extra: [] });
    });
  });

  describe('diffSets', () => {
    it('is undefined for equal sets, and names what appeared and disappeared', () => {
      assert.equal(diffSets([1, 2], [2, 1]), undefined);
      assert.deepEqual(diffSets([1, 2], [2, 3]), { appeared: [3], disappeared: [1] });
    });
  });

  describe('planMove and restoreTarget', () => {
    it('groups numbers that leave another application by that application', () => {
      const moves = planMove(
        [
          aNumber({ number: 1, capabilities: ['voice'], applicationKey: OTHER }),
          aNumber({ number: 2 }),
          aNumber({ number: 3, capabilities: ['voice'], applicationKey: APP.toUpperCase() }),
        ],
        APP,
      );
      assert.deepEqual([...moves.keys()], [OTHER]);
      assert.deepEqual(
        moves.get(OTHER)!.map((n) => n.number),
        [1],
      );
    });
    it("restore removes only ours, keeps others' changes, and puts back only what is given", () => {
      // Previously [1, 2]; we added 3; 4 arrived from someone else; 1 left for another application since.
      assert.deepEqual(restoreTarget([2, 3, 4], [3]), [2, 4], 'a number that left since is not pulled back');
      assert.deepEqual(restoreTarget([2, 3, 4], [3], [1]), [1, 2, 4], 'a number our write dropped comes back');
    });
  });

  describe('groupByCapability', () => {
    it('uses as few writes as possible and leaves out what cannot be assigned', () => {
      const groups = groupByCapability([
        aNumber({ number: 100001, capabilities: ['sms', 'voice'] }),
        aNumber({ number: 100002, capabilities: ['voice'] }),
        aNumber({ number: 100003, capabilities: ['sms'] }),
        aNumber({ number: 100004, capabilities: [] }),
        aNumber({ number: 1234567890123456 }),
      ]);
      assert.deepEqual(
        groups.map((g) => [g.capability, g.numbers.map((n) => n.number)]),
        [
          ['voice', [100001, 100002]],
          ['sms', [100003]],
        ],
      );
    });
  });

  describe('checkUnassign', () => {
    it('names numbers removed, still there, and others that disappeared', () => {
      const c = checkUnassign([1, 2, 3, 4], [1, 2], [{ number: 2 }, { number: 4 }]);
      assert.deepEqual(c, { removed: [1], stillThere: [2], disappeared: [3] });
    });
  });

  describe('knownApplications', () => {
    it('merges applications of the numbers with labelled keys, case-insensitively, with counts', () => {
      const apps = knownApplications(
        [
          aNumber({ number: 1, capabilities: ['voice'], applicationKey: APP }),
          aNumber({ number: 2, capabilities: ['voice'], applicationKey: APP }),
          aNumber({ number: 3, capabilities: ['sms'], applicationKey: OTHER }),
        ],
        { [APP.toUpperCase()]: 'Voice IVR', 'not-a-key': 'x', 'e8f9a0b1-c2d3-4e4f-8a5b-6c7d8e9f0a1b': 'Staging' },
        isApplicationKey,
      );
      assert.deepEqual(
        apps.map((a) => [a.label, a.count]),
        [
          ['Staging', 0],
          ['Voice IVR', 2],
          [undefined, 1],
        ],
      );
    });
  });

  describe('KeyedSerialQueue', () => {
    const tick = () => new Promise((r) => setTimeout(r, 5));
    it('runs tasks of one key one after the other', async () => {
      const q = new KeyedSerialQueue();
      const log: string[] = [];
      const task = (name: string) => async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        return name;
      };
      const results = await Promise.all([q.run(APP, task('a')), q.run(APP.toUpperCase(), task('b'))]);
      assert.deepEqual(results, ['a', 'b']);
      assert.deepEqual(log, ['a start', 'a end', 'b start', 'b end']);
      assert.equal(q.busy(APP), false);
    });
    it('runs different keys in parallel', async () => {
      const q = new KeyedSerialQueue();
      const log: string[] = [];
      const task = (name: string) => async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
      };
      await Promise.all([q.run(APP, task('a')), q.run(OTHER, task('b'))]);
      assert.deepEqual(log.slice(0, 2), ['a start', 'b start']);
    });
    it('does not let a failed task block the ones behind it', async () => {
      const q = new KeyedSerialQueue();
      const first = q.run(APP, async () => {
        await tick();
        throw new Error('boom');
      });
      const second = q.run(APP, async () => 'ran');
      await assert.rejects(first, /boom/);
      assert.equal(await second, 'ran');
      await tick();
      assert.equal(q.busy(APP), false);
    });
    it('says when a key is busy', async () => {
      const q = new KeyedSerialQueue();
      let release!: () => void;
      const p = q.run(
        APP,
        () =>
          new Promise<void>((r) => {
            release = r;
          }),
      );
      assert.equal(q.busy(APP), true);
      await tick();
      release();
      await p;
      await tick();
      assert.equal(q.busy(APP), false);
    });
  });

  describe('AssignmentJournal', () => {
    it('adds our own changes since the mark to what the user saw', () => {
      const j = new AssignmentJournal();
      const mark = j.mark();
      j.record(APP, {
        added: [
          aNumber({ number: 14150005550, capabilities: ['voice'] }),
          aNumber({ number: 15045550100, capabilities: ['sms'] }),
        ],
      });
      j.record(OTHER, { removed: [14150005552] });
      assert.deepEqual(j.adjust(APP, [14150005551], mark, 'voice'), [14150005550, 14150005551]);
      assert.deepEqual(j.adjust(APP, [], mark, 'sms'), [15045550100]);
      assert.deepEqual(j.adjust(OTHER, [14150005552, 14150005553], mark, 'voice'), [14150005553]);
      assert.deepEqual(j.adjust(APP, [14150005551], j.mark(), 'voice'), [14150005551]);
      assert.deepEqual(j.adjust(APP, [], mark), [14150005550, 15045550100]);
    });
    it('a snapshot taken before the list caught up with our change still counts it as ours', () => {
      const j = new AssignmentJournal();
      j.record(APP, { added: [aNumber({ number: 14150005550, capabilities: ['voice'] })] });
      // The list has not been refreshed since: a snapshot now must not take the change as seen.
      assert.equal(j.snapshotMark(), 0);
      assert.deepEqual(j.adjust(APP, [14150005551], j.snapshotMark(), 'voice'), [14150005550, 14150005551]);
      // Applying it again to a list that already holds it changes nothing.
      assert.deepEqual(j.adjust(APP, [14150005550, 14150005551], 0, 'voice'), [14150005550, 14150005551]);
      j.reflect(j.mark());
      assert.equal(j.snapshotMark(), 1);
    });
    it('admits it cannot reach back once old entries were dropped', () => {
      const j = new AssignmentJournal(2);
      const mark = j.mark();
      for (let i = 0; i < 5; i++) j.record(APP, { removed: [i + 100000] });
      assert.equal(j.adjust(APP, [], mark, 'voice'), undefined);
    });
  });
});
