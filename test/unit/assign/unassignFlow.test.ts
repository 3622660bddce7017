import assert from 'node:assert/strict';
import { shortKey } from '../../../src/numbers/treeNodes';
import { SinchApiError } from '../../../src/sinch/errors';
import { APP_A, APP_B, assignHarness, B_BOTH, B_SMS, FREE_VOICE, ON_APP_A, ORG } from './fakeAssignEnvironment';

const invalidNumber = () =>
  new SinchApiError({
    kind: 'validation',
    message: 'bad number',
    method: 'DELETE',
    path: '',
    status: 400,
    errorCode: 40003,
    serverMessage: "The 'number' specified is not a valid number.",
  });

describe('unassign flow (plain Node, in-memory Sinch)', () => {
  it('asks in a modal naming number, application and organisation; one DELETE and one re-read; the number stays rented', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenModal('Unassign');
    await h.commands.unassign({ nodes: [h.node(B_SMS[0])] });

    const [modal] = h.modals;
    assert.equal(modal.text, `Unassign +1 504-555-0100 from ${shortKey(APP_B)} in Acme (8888123)?`);
    assert.equal(
      modal.detail,
      'It will stay rented to Acme (8888123), but calls and messages to it no longer reach the application. No other number is touched.',
    );
    assert.deepEqual(modal.actions, ['Unassign']);
    assert.deepEqual(h.sinch.calls, [`unassign ${APP_B} ${B_SMS[0]}`, `read ${APP_B}`, `list ${ORG}`]);
    assert.ok(h.sinch.numbers.has(B_SMS[0]), 'still rented');
    assert.deepEqual(h.sinch.of(APP_B), [B_BOTH, B_SMS[1]]);
    assert.equal(h.last!.severity, 'info');
    assert.equal(
      h.last!.text,
      `Unassigned +1 504-555-0100 from ${shortKey(APP_B)}. It is still rented to Acme (8888123).`,
    );
    assert.deepEqual(h.last!.actions, ['Undo']);
  });

  it('the modal names the open documents that use the number', async () => {
    const h = assignHarness();
    await h.loaded();
    h.record.openDocuments.push(
      { name: 'config/sinch.env', numbers: [B_SMS[0]] },
      { name: 'README.md', numbers: [FREE_VOICE] },
    );
    h.prompter.thenModal(undefined);
    await assert.rejects(h.commands.unassign({ nodes: [h.node(B_SMS[0])] }), (e: Error) => e.name === 'UserCancelled');
    assert.match(h.modals[0].detail!, /No other number is touched\.\n\nUsed in open documents: config\/sinch\.env\.$/);
  });

  it('Cancel at the modal sends nothing', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenModal(undefined);
    await assert.rejects(h.commands.unassign({ nodes: [h.node(ON_APP_A)] }), (e: Error) => e.name === 'UserCancelled');
    assert.deepEqual(h.sinch.calls, []);
  });

  it('several numbers: the modal lists them; when the third fails, says which were unassigned and which failed, with Retry and Undo', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.failUnassignAt = { call: 3, error: invalidNumber() };
    h.prompter
      .thenModal('Unassign')
      .onToast(/^Unassigned 2 of 3/, 'Retry')
      .thenModal('Unassign');
    await h.commands.unassign({ nodes: [B_BOTH, ...B_SMS].map((n) => h.node(n)) });

    assert.equal(
      h.modals[0].text,
      `Unassign +1 415-000-5552, +1 504-555-0100 and +1 504-555-0101 from ${shortKey(APP_B)} in Acme (8888123)?`,
    );
    assert.match(
      h.modals[0].detail!,
      /^They will stay rented to Acme \(8888123\), but calls and messages to them no longer reach the application\./,
    );
    const failure = h.prompter.shown.find((m) => /^Unassigned 2 of 3/.test(m.text))!;
    assert.equal(failure.severity, 'error');
    assert.equal(
      failure.text,
      'Unassigned 2 of 3 numbers: +1 415-000-5552 and +1 504-555-0100. +1 504-555-0101 failed: ' +
        'Sinch says a number is not valid for this application (+1 504-555-0101). Sinch said: "The \'number\' specified is not a valid number." (Sinch error code 40003)',
    );
    assert.deepEqual(failure.actions, ['Retry', 'Undo', 'Show Log']);
    assert.deepEqual(h.sinch.of(APP_B), [B_SMS[1]], 'the two before the failure are unassigned');

    await h.commands.idle(); // Retry: the one left, after its own modal
    assert.equal(h.modals[1].text, `Unassign +1 504-555-0101 from ${shortKey(APP_B)} in Acme (8888123)?`);
    assert.deepEqual(h.sinch.of(APP_B), []);
    assert.equal(
      h.last!.text,
      `Unassigned +1 504-555-0101 from ${shortKey(APP_B)}. It is still rented to Acme (8888123).`,
    );
  });

  it('a number that disappeared from the application meanwhile is named, and Restore puts it back', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.dropOnUnassign = [B_SMS[1]]; // someone else's change, during ours
    h.prompter.thenModal('Unassign').onToast(/also no longer has/, 'Restore');
    await h.commands.unassign({ nodes: [h.node(B_SMS[0])] });

    const warning = h.prompter.shown.find((m) => /also no longer has/.test(m.text))!;
    assert.equal(warning.severity, 'warning');
    assert.equal(
      warning.text,
      `Unassigned +1 504-555-0100 from ${shortKey(APP_B)}. It is still rented to Acme (8888123). ` +
        `Warning: ${shortKey(APP_B)} also no longer has +1 504-555-0101, which was not unassigned here.`,
    );
    assert.deepEqual(warning.actions, ['Restore', 'Undo', 'Show Log']);
    await h.commands.idle();
    assert.deepEqual(h.sinch.of(APP_B), [B_BOTH, B_SMS[1]], 'restored; the unassigned one stays off');
    assert.equal(h.last!.text, `+1 504-555-0101 is back on ${shortKey(APP_B)}.`);
  });

  it('Restore of a number that is no longer rented says it cannot be restored', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.dropOnUnassign = [B_SMS[1]];
    const answer = h.prompter.message.bind(h.prompter);
    h.prompter.message = async (severity, text, o, ...actions) => {
      if (/also no longer has/.test(text)) h.sinch.numbers.delete(B_SMS[1]); // released before the user clicks
      return answer(severity, text, o, ...actions);
    };
    h.prompter.thenModal('Unassign').onToast(/also no longer has/, 'Restore');
    await h.commands.unassign({ nodes: [h.node(B_SMS[0])] });
    await h.commands.idle();
    assert.equal(h.last!.severity, 'warning');
    assert.equal(h.last!.text, '+1 504-555-0101 is no longer rented by Acme (8888123) and cannot be restored.');
    assert.equal(h.sinch.count('assign'), 0);
  });

  it('Undo of an unassign puts the number back, keeping what the application has now', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenModal('Unassign').onToast(/^Unassigned/, 'Undo');
    await h.commands.unassign({ nodes: [h.node(B_SMS[0])] });
    await h.commands.idle();
    assert.deepEqual(h.sinch.of(APP_B), [B_BOTH, ...B_SMS]);
    assert.equal(h.last!.text, `+1 504-555-0100 is back on ${shortKey(APP_B)}.`);
    assert.deepEqual(h.record.progress, ['Unassigning', 'Undoing the unassign']);
  });

  it('Undo of an unassign leaves a number that went to another application meanwhile, naming both and the organisation', async () => {
    const h = assignHarness();
    await h.loaded();
    const answer = h.prompter.message.bind(h.prompter);
    h.prompter.message = async (severity, text, o, ...actions) => {
      if (/^Unassigned/.test(text)) h.sinch.numbers.get(ON_APP_A)!.applicationKey = APP_B;
      return answer(severity, text, o, ...actions);
    };
    h.prompter.thenModal('Unassign').onToast(/^Unassigned/, 'Undo');
    await h.commands.unassign({ nodes: [h.node(ON_APP_A)] });
    await h.commands.idle();
    assert.equal(h.sinch.numbers.get(ON_APP_A)!.applicationKey, APP_B, 'not taken from the other application');
    assert.equal(h.last!.severity, 'warning');
    assert.equal(
      h.last!.text,
      `+1 415-000-5551 was not put back on ${shortKey(APP_A)}: it is now on ${shortKey(APP_B)} in Acme (8888123), and is left there. ` +
        `Move it yourself if it should go back.`,
    );
  });

  it('from an application node: asks which of its numbers; none there says so', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPickMany(['+1 415-000-5551']).thenModal('Unassign');
    await h.commands.unassign({ application: { key: APP_A } });
    assert.deepEqual(h.prompter.asked[0].items, ['+1 415-000-5551']);
    assert.equal(h.prompter.asked[0].title, 'Unassign from Application');
    assert.deepEqual(h.sinch.of(APP_A), []);

    await h.commands.unassign({ application: { key: APP_A } });
    assert.equal(h.last!.text, `${shortKey(APP_A)} has no numbers to unassign.`);
  });

  it('drop on Unassigned: only numbers on an application are unassigned, after the modal', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenModal('Unassign');
    await h.commands.dropOnUnassigned([FREE_VOICE, ON_APP_A]);
    assert.equal(h.modals[0].text, `Unassign +1 415-000-5551 from ${shortKey(APP_A)} in Acme (8888123)?`);
    assert.deepEqual(
      h.sinch.calls.filter((c) => c.startsWith('unassign')),
      [`unassign ${APP_A} ${ON_APP_A}`],
    );

    await h.commands.dropOnUnassigned([FREE_VOICE]);
    assert.equal(h.modals.length, 1, 'unassigned numbers dropped on Unassigned: nothing to do');
  });
});
