import assert from 'node:assert/strict';
import { shortKey } from '../../../src/numbers/treeNodes';
import { BACK } from '../../../src/platform/prompter';
import { InputError } from '../../../src/platform/errors';
import { aNumber } from '../../support/builders';
import {
  APP_A,
  APP_B,
  assignHarness,
  B_BOTH,
  B_SMS,
  demoNumbers,
  FREE_BOTH,
  FREE_SMS,
  FREE_VOICE,
  ON_APP_A,
  ORG,
} from './fakeAssignEnvironment';

const ENTER_KEY = '$(edit) Enter Application Key…';

describe('assign flows (plain Node, in-memory Sinch)', () => {
  it('from the palette: numbers → application → capability, Back at each step goes to the one before', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter
      .thenPickMany(['+49 30 12340100'])
      .thenPick(BACK)
      .thenPickMany(['+49 30 12340100'])
      .thenPick(APP_A)
      .thenPick(BACK)
      .thenPick(APP_A)
      .thenPick('Voice');
    await h.commands.assign('assign', {});

    const steps = h.prompter.asked.map((a) => `${a.kind} ${a.step}/${a.totalSteps}`);
    assert.deepEqual(steps, [
      'pickMany 1/3',
      'pick 2/3',
      'pickMany 1/3',
      'pick 2/3',
      'pick 3/3',
      'pick 2/3',
      'pick 3/3',
    ]);
    assert.ok(h.prompter.asked.every((a) => a.title === 'Assign to Application'));
    assert.deepEqual(
      h.prompter.asked[0].items!.sort(),
      ['+1 415-000-5550', '+46 8 555 01 00', '+49 30 12340100'],
      'unassigned numbers only',
    );
    assert.deepEqual(h.sinch.calls, [
      `list ${ORG}`,
      `read ${APP_A}`,
      `assign ${APP_A} voice ${ON_APP_A},${FREE_BOTH}`,
      `list ${ORG}`,
    ]);
    assert.equal(
      h.last!.text,
      `Assigned +49 30 12340100 to ${shortKey(APP_A)} (Voice). It keeps its 1 other Voice number.`,
    );
    assert.deepEqual(h.last!.actions, ['Undo']);
    assert.equal(h.prompter.pending, 0, 'every scripted answer was used');
  });

  it('from the palette, numbers sharing one capability: two steps, and the capability is not asked', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPickMany(['+1 415-000-5550']).thenPick(APP_A);
    await h.commands.assign('assign', {});
    assert.deepEqual(
      h.prompter.asked.map((a) => `${a.step}/${a.totalSteps}`),
      ['1/3', '2/2'],
    );
    assert.deepEqual(h.sinch.of(APP_A), [FREE_VOICE, ON_APP_A]);
  });

  it('Escape at any question sends nothing and says nothing', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPickMany(['+1 415-000-5550']).thenPick(undefined);
    await assert.rejects(h.commands.assign('assign', {}), (e: Error) => e.name === 'UserCancelled');
    assert.deepEqual(h.sinch.calls, []);
    assert.equal(h.prompter.shown.length, 0);
  });

  it('from a number node: one question without a step counter; where the number is, 1 read + 1 write + 1 list; Undo offered; the tree selects it', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPick(APP_A);
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });

    const pick = h.prompter.asked[0];
    assert.equal(h.prompter.asked.length, 1);
    assert.deepEqual([pick.title, pick.step, pick.totalSteps], ['Assign to Application', undefined, undefined]);
    assert.equal(pick.items!.at(-1), ENTER_KEY);
    assert.ok(
      pick.items!.some((i) => i.includes(APP_A)) && pick.items!.some((i) => i.includes(APP_B)),
      pick.items!.join(' | '),
    );
    assert.deepEqual(h.sinch.calls, [
      `list ${ORG}`,
      `read ${APP_A}`,
      `assign ${APP_A} voice ${FREE_VOICE},${ON_APP_A}`,
      `list ${ORG}`,
    ]);
    assert.equal(h.modals.length, 0, 'a plain assign removes nothing: no modal');
    assert.equal(
      h.last!.text,
      `Assigned +1 415-000-5550 to ${shortKey(APP_A)} (Voice). It keeps its 1 other Voice number.`,
    );
    assert.deepEqual(h.last!.actions, ['Undo']);
    assert.deepEqual(h.record.revealed, [[FREE_VOICE]]);
    assert.deepEqual(h.record.progress, [`Assigning to ${shortKey(APP_A)}`]);
  });

  it('from an application node: asks which numbers, unassigned ones first, never the ones already on it', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPickMany(['+1 415-000-5550']);
    await h.commands.assign('assign', { application: { key: APP_A } });
    const offered = h.prompter.asked[0].items!;
    assert.deepEqual(offered.slice(0, 3).sort(), ['+1 415-000-5550', '+46 8 555 01 00', '+49 30 12340100']);
    assert.deepEqual(
      offered.slice(3).sort(),
      ['+1 415-000-5552', '+1 504-555-0100', '+1 504-555-0101'],
      'then those of other applications',
    );
    assert.equal(h.prompter.asked.length, 1, 'no application question');
    assert.deepEqual(h.sinch.of(APP_A), [FREE_VOICE, ON_APP_A]);
  });

  it('from an application node that already holds every number: says so, asks nothing', async () => {
    const h = assignHarness({ numbers: [aNumber({ number: ON_APP_A, applicationKey: APP_A })] });
    await h.loaded();
    await h.commands.assign('assign', { application: { key: APP_A } });
    assert.equal(h.last!.text, `Every number is already on ${shortKey(APP_A)}.`);
    assert.equal(h.prompter.asked.length, 0);
  });

  it('a move asks first, naming both applications and the organisation; the former application keeps its others', async () => {
    const h = assignHarness({ labels: { [APP_A]: 'Voice IVR', [APP_B]: 'SMS Bot' } });
    await h.loaded();
    h.prompter.thenPick('Voice IVR').thenPick('Voice').thenModal('Move');
    await h.commands.assign('move', { nodes: [h.node(B_BOTH)] });

    assert.deepEqual(
      h.prompter.asked.map((a) => `${a.step}/${a.totalSteps}`),
      ['1/2', '2/2'],
    );
    assert.ok(!h.prompter.asked[0].items!.some((i) => i.includes('SMS Bot')), 'not the application the number is on');
    const [modal] = h.modals;
    assert.equal(modal.text, `Move +1 415-000-5552 from SMS Bot to Voice IVR in Acme (8888123)?`);
    assert.equal(
      modal.detail,
      `Calls and messages to this number will reach Voice IVR instead. Both applications keep their other numbers.\n\n` +
        `SMS Bot: ${APP_B}\nVoice IVR: ${APP_A}`,
    );
    assert.deepEqual(modal.actions, ['Move']);
    assert.deepEqual(h.sinch.calls, [
      `list ${ORG}`,
      `read ${APP_A}`,
      `assign ${APP_A} voice ${ON_APP_A},${B_BOTH}`,
      `list ${ORG}`,
      `read ${APP_B}`,
    ]);
    assert.equal(
      h.last!.text,
      `Moved +1 415-000-5552 from SMS Bot to Voice IVR (Voice). It keeps its 1 other Voice number. SMS Bot keeps its 2 other numbers.`,
    );
    assert.deepEqual(h.sinch.of(APP_B), B_SMS);
  });

  it('declining the move writes nothing and reads only where the number is; says nothing more', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPick(APP_A).thenPick('Voice').thenModal(undefined);
    await assert.rejects(
      h.commands.assign('move', { nodes: [h.node(B_BOTH)] }),
      (e: Error) => e.name === 'UserCancelled',
    );
    assert.deepEqual(h.sinch.calls, [`list ${ORG}`]);
    assert.equal(h.last, undefined);
  });

  it('numbers lacking the capability chosen are named before writing; the others are assigned', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPick(APP_A).thenPick('Voice').thenModal('Assign the Other 1');
    await h.commands.assign('assign', { nodes: [h.node(FREE_SMS), h.node(FREE_VOICE)] });

    assert.deepEqual(h.prompter.asked[1].items, ['$(call-outgoing) Voice', '$(comment) SMS']);
    const [modal] = h.modals;
    assert.equal(modal.text, '1 of these numbers will not be assigned.');
    assert.equal(modal.detail, '+46 8 555 01 00 cannot take Voice.');
    assert.deepEqual(modal.actions, ['Assign the Other 1']);
    assert.deepEqual(
      h.sinch.calls.filter((c) => c.startsWith('assign')),
      [`assign ${APP_A} voice ${FREE_VOICE},${ON_APP_A}`],
    );
    assert.equal(h.sinch.of(APP_A).includes(FREE_SMS), false);
  });

  it('declining the "cannot take" notice writes nothing', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPick(APP_A).thenPick('SMS').thenModal(undefined);
    await assert.rejects(h.commands.assign('assign', { nodes: [h.node(FREE_SMS), h.node(FREE_VOICE)] }));
    assert.equal(h.modals[0].detail, '+1 415-000-5550 cannot take SMS.');
    assert.deepEqual(h.sinch.calls, []);
  });

  it('a number that takes neither SMS nor voice cannot be assigned, and nothing is sent', async () => {
    const h = assignHarness({ numbers: [...demoNumbers(), aNumber({ number: 14150005599, capabilities: ['fax'] })] });
    await h.loaded();
    h.prompter.thenPick(APP_A);
    await assert.rejects(
      h.commands.assign('assign', { nodes: [h.node(14150005599)] }),
      (e: Error) =>
        e instanceof InputError &&
        e.message === '+1 415-000-5599 can take neither SMS nor voice, so it cannot be assigned.',
    );
    assert.deepEqual(h.sinch.calls, []);
  });

  it('the set changed since the user looked: the list is refreshed, the difference shown, and declining writes nothing', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.numbers.get(FREE_BOTH)!.applicationKey = APP_A; // someone else, behind the tree's back
    h.prompter.thenPick(APP_A).thenModal(undefined);
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });

    const [modal] = h.modals;
    assert.equal(modal.text, `The Voice numbers of ${shortKey(APP_A)} in Acme (8888123) changed since you looked.`);
    assert.match(
      modal.detail!,
      /^Now also on it:\n {2}\+49 30 12340100\n\nThe list has been refreshed\. Going on adds \+1 415-000-5550 and keeps every number the application has now\.$/,
    );
    assert.deepEqual(modal.actions, ['Assign']);
    assert.deepEqual(
      h.sinch.calls,
      [`list ${ORG}`, `read ${APP_A}`, `list ${ORG}`],
      'where the number is, the application, refreshed before asking; no write',
    );
    assert.equal(h.env.model.numbers!.find((n) => n.number === FREE_BOTH)!.applicationKey, APP_A);
    assert.equal(h.last, undefined, 'the user said no: nothing more to say');
  });

  it('the set changed: accepting writes a set that keeps what appeared', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.numbers.get(FREE_BOTH)!.applicationKey = APP_A;
    h.prompter.thenPick(APP_A).thenModal('Assign');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.deepEqual(h.sinch.of(APP_A), [FREE_VOICE, ON_APP_A, FREE_BOTH]);
    assert.equal(h.sinch.count('assign'), 1);
    assert.match(h.last!.text, /^Assigned \+1 415-000-5550 to .* It keeps its 2 other Voice numbers\.$/);
  });

  it('Undo takes off what was added and nothing else', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPick(APP_A).onToast(/^Assigned/, 'Undo');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    await h.commands.idle();
    assert.deepEqual(h.sinch.of(APP_A), [ON_APP_A]);
    assert.equal(h.last!.text, `${shortKey(APP_A)} has its previous Voice numbers again. Taken off: +1 415-000-5550.`);
    assert.deepEqual(h.record.progress, [
      `Assigning to ${shortKey(APP_A)}`,
      `Undoing the change to ${shortKey(APP_A)}`,
    ]);
    assert.deepEqual(
      h.prompter.shown.filter((m) => m.severity === 'error'),
      [],
      'no follow-up failed',
    );
  });

  it('Undo of a move puts the number back on its former application', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter
      .thenPick(APP_A)
      .thenPick('Voice')
      .thenModal('Move')
      .onToast(/^Moved/, 'Undo');
    await h.commands.assign('move', { nodes: [h.node(B_BOTH)] });
    await h.commands.idle();
    assert.deepEqual(h.sinch.of(APP_B), [B_BOTH, ...B_SMS]);
    assert.deepEqual(h.sinch.of(APP_A), [ON_APP_A]);
    assert.equal(
      h.last!.text,
      `${shortKey(APP_A)} has its previous Voice numbers again. +1 415-000-5552 is back on ${shortKey(APP_B)}.`,
    );
  });

  it('{ numbers } after a checkout: a number not yet in the list is read again, then assigned', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.numbers.set(14150005570, aNumber({ number: 14150005570 })); // just rented
    h.prompter.thenPick(APP_A);
    await h.commands.assign('assign', { values: [14150005570] });
    assert.deepEqual(h.sinch.of(APP_A), [ON_APP_A, 14150005570]);
    assert.equal(h.sinch.calls[0], `list ${ORG}`);
  });

  it('{ numbers } naming a number the organisation does not have: says so, sends nothing', async () => {
    const h = assignHarness();
    await h.loaded();
    await assert.rejects(
      h.commands.assign('assign', { values: [14150009999] }),
      (e: Error) =>
        e instanceof InputError && e.message === '+1 415-000-9999 is not among the numbers of Acme (8888123).',
    );
    assert.equal(h.sinch.count('assign'), 0);
  });

  it('drop on an application: those already there are left out, the rest assigned without a question', async () => {
    const h = assignHarness();
    await h.loaded();
    await h.commands.dropOnApplication([FREE_VOICE, ON_APP_A], { key: APP_A });
    assert.equal(h.prompter.asked.length, 0);
    assert.equal(h.modals.length, 0);
    assert.deepEqual(h.sinch.of(APP_A), [FREE_VOICE, ON_APP_A]);
    assert.match(h.last!.text, /^Assigned \+1 415-000-5550 to /);
  });
});
