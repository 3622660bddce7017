// No number leaves an application without the user's say: before any assign or move write the
// flow reads where every number is now (placement.ts); a number on another application than the
// user saw is a Move, confirmed naming that application. Two changes of one number in one window
// run one after the other (per-number queue), and a write whose answer was lost is never resent
// blind: placed, re-read, re-merged and confirmed again, then written once more.
import assert from 'node:assert/strict';
import { shortKey } from '../../../src/numbers/treeNodes';
import { KeyedSerialQueue } from '../../../src/assign/assignment';
import { placeNumbers } from '../../../src/assign/placement';
import { SinchApiError } from '../../../src/sinch/errors';
import { aNumber } from '../../support/builders';
import { APP_A, APP_B, assignHarness, B_BOTH, FREE_BOTH, FREE_VOICE, ON_APP_A, ORG } from './fakeAssignEnvironment';

/** An application the demo numbers are not on. */
const THIRD = 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70';
const lost = () =>
  new SinchApiError({
    kind: 'network',
    message: 'The connection to Sinch broke before Sinch answered.',
    method: 'PUT',
    path: '/fake',
    outcomeUnknown: true,
  });

describe('assign: where the numbers are now (placement.ts)', () => {
  const seen = [
    aNumber({ number: 1001 }),
    aNumber({ number: 1002, applicationKey: APP_B }),
    aNumber({ number: 1003 }),
    aNumber({ number: 1004, applicationKey: APP_B }),
  ];

  it('keeps the current copies; a number on another application than the user saw is unexpected; one no longer rented is gone', () => {
    const current = [
      aNumber({ number: 1001, applicationKey: APP_B }), // seen unassigned, on B now
      aNumber({ number: 1002, applicationKey: APP_B }), // seen on B, still there: an ordinary move
      aNumber({ number: 1004, applicationKey: APP_A.toUpperCase() }), // now on the target already
    ];
    const p = placeNumbers(seen, current, APP_A);
    assert.deepEqual(
      p.numbers.map((n) => [n.number, n.applicationKey]),
      [
        [1001, APP_B],
        [1002, APP_B],
        [1004, APP_A.toUpperCase()],
      ],
    );
    assert.deepEqual(p.unexpected, [{ number: 1001, now: APP_B, seen: undefined }]);
    assert.deepEqual(p.gone, [1003]);
  });

  it('a number seen on one application and found on a third is unexpected, naming both', () => {
    const p = placeNumbers(
      [aNumber({ number: 1002, applicationKey: APP_B })],
      [aNumber({ number: 1002, applicationKey: THIRD })],
      APP_A,
    );
    assert.deepEqual(p.unexpected, [{ number: 1002, now: THIRD, seen: APP_B }]);
  });

  it('a number that left its application meanwhile takes nothing from anybody: nothing to confirm', () => {
    const p = placeNumbers([aNumber({ number: 1002, applicationKey: APP_B })], [aNumber({ number: 1002 })], APP_A);
    assert.deepEqual(p.unexpected, []);
  });
});

describe('assign: the per-number queue (KeyedSerialQueue.runAll)', () => {
  // A task's own work: it yields to the event loop, so the others could start meanwhile.
  const tick = () => new Promise((r) => setImmediate(r));
  const task = (log: string[], name: string) => async () => {
    log.push(`${name} start`);
    await tick();
    log.push(`${name} end`);
  };

  it('a task waits for every earlier task on any of its keys; disjoint keys run in parallel', async () => {
    const q = new KeyedSerialQueue();
    const log: string[] = [];
    await Promise.all([
      q.runAll(['1', '2'], task(log, 'a')),
      q.runAll(['3'], task(log, 'b')),
      q.runAll(['2', '4'], task(log, 'c')),
    ]);
    assert.deepEqual(log.slice(0, 2).sort(), ['a start', 'b start'], 'a and b share no key');
    assert.ok(log.indexOf('c start') > log.indexOf('a end'), log.join(', '));
    assert.equal(q.busy('2'), false);
  });
});

describe('assign: a number that is not where the user saw it', () => {
  it('the tree shows it unassigned, another client put it on B: Assign to A asks with the Move confirmation naming B; declining changes nothing', async () => {
    const h = assignHarness({ labels: { [APP_A]: 'Voice IVR', [APP_B]: 'SMS Bot' } });
    await h.loaded();
    h.sinch.numbers.get(FREE_VOICE)!.applicationKey = APP_B; // behind the tree's back
    h.prompter.thenPick('Voice IVR').thenModal(undefined);
    await assert.rejects(
      h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] }),
      (e: Error) => e.name === 'UserCancelled',
    );
    const [modal] = h.modals;
    assert.equal(modal.text, `Move +1 415-000-5550 from SMS Bot to Voice IVR in Acme (8888123)?`);
    assert.equal(
      modal.detail,
      `The Numbers view showed +1 415-000-5550 as unassigned; it is on SMS Bot now.\n\n` +
        `Calls and messages to this number will reach Voice IVR instead. Both applications keep their other numbers.\n\n` +
        `SMS Bot: ${APP_B}\nVoice IVR: ${APP_A}`,
    );
    assert.deepEqual(h.sinch.calls, [`list ${ORG}`], 'only where the number is was read');
    assert.equal(h.sinch.numbers.get(FREE_VOICE)!.applicationKey, APP_B, 'it stays on B');
    assert.equal(
      h.env.model.numbers!.find((n) => n.number === FREE_VOICE)!.applicationKey,
      APP_B,
      'and the view shows it there now',
    );
  });

  it('accepting moves it, and the message says it moved from B', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.numbers.get(FREE_VOICE)!.applicationKey = APP_B;
    h.prompter.thenPick(APP_A).thenModal('Move');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.deepEqual(h.sinch.of(APP_A), [FREE_VOICE, ON_APP_A]);
    assert.match(
      h.last!.text,
      new RegExp(`^Moved \\+1 415-000-5550 from ${shortKey(APP_B)} to ${shortKey(APP_A)} \\(Voice\\)\\.`),
    );
    assert.ok(h.sinch.calls.includes(`read ${APP_B}`), 'the former application is checked to have kept its others');
  });

  it("the same holds for drag and drop, and for { numbers } (the quick fix, a checkout's Assign)", async () => {
    for (const run of [
      (h: ReturnType<typeof assignHarness>) => (
        h.prompter.thenModal(undefined),
        h.commands.dropOnApplication([FREE_VOICE], { key: APP_A })
      ),
      (h: ReturnType<typeof assignHarness>) => (
        h.prompter.thenPick(APP_A).thenModal(undefined),
        h.commands.assign('assign', { values: [FREE_VOICE] })
      ),
    ]) {
      const h = assignHarness();
      await h.loaded();
      h.sinch.numbers.get(FREE_VOICE)!.applicationKey = APP_B;
      await run(h).catch((e: Error) => assert.equal(e.name, 'UserCancelled'));
      assert.match(
        h.modals[0]?.text ?? '',
        new RegExp(`^Move \\+1 415-000-5550 from ${shortKey(APP_B)} to ${shortKey(APP_A)}`),
        h.prompter.transcript(),
      );
      assert.equal(h.sinch.count('assign'), 0);
      assert.equal(h.sinch.numbers.get(FREE_VOICE)!.applicationKey, APP_B);
    }
  });

  it('a Move whose number went to a third application meanwhile names that one, not the one the user saw', async () => {
    const third = THIRD;
    const h = assignHarness();
    await h.loaded();
    h.sinch.numbers.get(B_BOTH)!.applicationKey = third;
    h.prompter.thenPick(APP_A).thenPick('Voice').thenModal(undefined);
    await h.commands.assign('move', { nodes: [h.node(B_BOTH)] }).catch(() => undefined);
    assert.equal(h.modals.length, 1, 'one confirmation, from where the number really is');
    assert.match(h.modals[0].text, new RegExp(`^Move \\+1 415-000-5552 from ${shortKey(third)} to ${shortKey(APP_A)}`));
    assert.match(
      h.modals[0].detail!,
      new RegExp(
        `^The Numbers view showed \\+1 415-000-5552 on ${shortKey(APP_B)}; it is on ${shortKey(third)} now\\.`,
      ),
    );
  });

  it('a number no longer rented: nothing is written, and the message says why', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.numbers.delete(FREE_VOICE);
    h.prompter.thenPick(APP_A);
    await assert.rejects(
      h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] }),
      /\+1 415-000-5550 is no longer among the numbers of Acme \(8888123\), so nothing was changed\./,
    );
    assert.equal(h.sinch.count('assign'), 0);
  });

  it("two assigns of one number in one window run one after the other: the second sees the first's result and asks to move it", async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPick(APP_A).thenPick(APP_B).thenModal('Move');
    await Promise.all([
      h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] }),
      h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] }),
    ]);
    assert.equal(h.modals.length, 1, h.prompter.transcript());
    assert.equal(
      h.modals[0].text,
      `Move +1 415-000-5550 from ${shortKey(APP_A)} to ${shortKey(APP_B)} in Acme (8888123)?`,
    );
    assert.match(h.modals[0].detail!, /showed \+1 415-000-5550 as unassigned; it is on bb7b4e39/);
    assert.deepEqual(
      h.sinch.calls.filter((c) => c.startsWith('assign')).map((c) => c.split(' ').slice(0, 2).join(' ')),
      [`assign ${APP_A}`, `assign ${APP_B}`],
    );
    assert.equal(h.sinch.numbers.get(FREE_VOICE)!.applicationKey, APP_B);
    assert.deepEqual(h.sinch.of(APP_A), [ON_APP_A], 'A keeps its own number');
  });
});

describe('assign: a write whose answer was lost is never resent blind', () => {
  it('not landed: where the numbers are, the application re-read and re-merged (with what a colleague added), the change confirmed, then written once more', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.beforeAssign = () => {
      h.sinch.numbers.get(FREE_BOTH)!.applicationKey = APP_A;
    }; // a colleague, just before our PUT
    h.sinch.failAssign = { applied: false, error: lost() };
    h.prompter.thenPick(APP_A).thenModal('Assign');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.deepEqual(h.sinch.calls, [
      `list ${ORG}`,
      `read ${APP_A}`,
      `assign ${APP_A} voice ${FREE_VOICE},${ON_APP_A}`,
      `read ${APP_A}`,
      `list ${ORG}`,
      `read ${APP_A}`,
      `list ${ORG}`,
      `read ${APP_A}`,
      `assign ${APP_A} voice ${FREE_VOICE},${ON_APP_A},${FREE_BOTH}`,
      `list ${ORG}`,
    ]);
    assert.match(h.modals[0].text, /changed since you looked/);
    assert.deepEqual(h.sinch.of(APP_A), [FREE_VOICE, ON_APP_A, FREE_BOTH], "the colleague's number is kept");
    assert.match(h.last!.text, /^Assigned \+1 415-000-5550 to /);
  });

  it('landed: the re-read confirms it; nothing is written again', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.failAssign = { applied: true, error: lost() };
    h.prompter.thenPick(APP_A);
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.equal(h.sinch.count('assign'), 1);
    assert.match(h.last!.text, /^Assigned \+1 415-000-5550 to /);
  });

  it('partly landed, and the second write declined: says what the first one did instead of ending silently', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.failAssign = { applied: true, error: lost() };
    // Right after our lost PUT, a colleague moves one of the two numbers on to B.
    let moved = false;
    Object.defineProperty(h.sinch, 'dropOnAssign', {
      get: () => {
        if (!moved) {
          moved = true;
          h.sinch.numbers.get(FREE_BOTH)!.applicationKey = APP_B;
        }
        return [];
      },
    });
    h.prompter.thenPick(APP_A); // the Move question for B's number is dismissed
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE), h.node(FREE_BOTH)] });
    assert.equal(h.sinch.count('assign'), 1, 'nothing written a second time');
    assert.match(h.modals.at(-1)!.text, /^Move /);
    assert.deepEqual(
      h.sinch.of(APP_A),
      [FREE_VOICE, ON_APP_A].sort((a, b) => a - b),
    );
    assert.ok(h.last, 'the first write is reported');
    assert.match(h.last!.text, /did not give the expected result: \+49 30 12340100 is not on it/, h.last!.text);
  });

  it('lost twice: written at most twice, then says the re-read shows nothing changed, with Retry', async () => {
    const h = assignHarness();
    await h.loaded();
    let failures = 0;
    Object.defineProperty(h.sinch, 'failAssign', {
      get: () => (failures++ < 2 ? { applied: false, error: lost() } : undefined),
      set: () => undefined,
    });
    h.prompter.thenPick(APP_A);
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.equal(h.sinch.count('assign'), 2);
    assert.equal(h.last!.severity, 'error');
    assert.match(
      h.last!.text,
      new RegExp(
        `^Sinch did not confirm the change \\(.*\\); re-reading ${shortKey(APP_A)} shows nothing was changed\\.$`,
      ),
    );
    assert.deepEqual(h.last!.actions, ['Retry', 'Show Log']);
  });
});
