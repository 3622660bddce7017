import assert from 'node:assert/strict';
import { shortKey } from '../../../src/numbers/treeNodes';
import { SinchApiError, type SinchErrorKind } from '../../../src/sinch/errors';
import { UNKNOWN_APP } from './fakeSinch';
import { APP_A, assignHarness, FREE_BOTH, FREE_VOICE, ON_APP_A } from './fakeAssignEnvironment';

function apiError(
  kind: SinchErrorKind,
  extra: {
    errorCode?: number;
    status?: number;
    serverMessage?: string;
    outcomeUnknown?: boolean;
    reference?: string;
  } = {},
): SinchApiError {
  return new SinchApiError({ kind, message: `Sinch said no (${kind}).`, method: 'PUT', path: '/fake', ...extra });
}

describe('assign failures: what the user is told, and the way forward', () => {
  it('40400: the unknown key is named, nothing written; Edit Key re-enters it and assigns', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter
      .thenPick('Enter Application Key')
      .thenInput(UNKNOWN_APP)
      .onToast(/was not found/, 'Edit Key')
      .thenInput(APP_A);
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });

    const error = h.prompter.shown.find((m) => /was not found/.test(m.text))!;
    assert.equal(error.severity, 'error');
    assert.equal(
      error.text,
      `Application ${shortKey(UNKNOWN_APP)} was not found in Acme (8888123). Check the application key. Nothing was changed. (Sinch error code 40400)`,
    );
    assert.deepEqual(error.actions, ['Edit Key', 'Show Log', 'Copy Error Details']);
    assert.equal(h.sinch.count('assign'), 0, 'nothing written before Edit Key');

    await h.commands.idle();
    const edit = h.prompter.asked.at(-1)!;
    assert.deepEqual(
      [edit.kind, edit.value, edit.title],
      ['input', UNKNOWN_APP, 'Assign to Application'],
      'the key is offered for editing',
    );
    assert.deepEqual(h.sinch.of(APP_A), [FREE_VOICE, ON_APP_A]);
    assert.match(h.last!.text, /^Assigned \+1 415-000-5550 to bb7b4e39/);
  });

  it('40001: Sinch refused the number for the capability, with what Sinch said; Show Log', async () => {
    const h = assignHarness();
    await h.loaded();
    const refused = apiError('validation', {
      status: 400,
      errorCode: 40001,
      serverMessage: 'Invalid number type: voice.',
      reference: 'ref-7f3a',
    });
    h.sinch.failAssign = { applied: false, error: refused };
    h.prompter.thenPick(APP_A).onToast(/refused/, 'Copy Error Details');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.equal(
      h.last!.text,
      'Sinch refused to assign +1 415-000-5550 for Voice. Sinch said: "Invalid number type: voice." Nothing was changed. (Sinch error code 40001 · reference ref-7f3a)',
    );
    assert.deepEqual(h.last!.actions, ['Show Log', 'Copy Error Details']);
    await h.commands.idle();
    assert.equal(h.record.copied.length, 1);
    assert.match(
      h.record.copied[0],
      /Code: 40001 \(HTTP \d+\)[\s\S]*Reference: ref-7f3a[\s\S]*Endpoint: /,
      'Copy Error Details copies the error itself (its code, message, reference, endpoint and time)',
    );
    assert.deepEqual(h.sinch.of(APP_A), [ON_APP_A]);
  });

  it('50300: unavailable after the retries; Retry assigns once Sinch is back', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.failAssign = { applied: false, error: apiError('unavailable', { status: 503, errorCode: 50300 }) };
    h.prompter.thenPick(APP_A).onToast(/unavailable/, 'Retry');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    const error = h.prompter.shown.find((m) => /unavailable/.test(m.text))!;
    assert.equal(
      error.text,
      'Sinch is unavailable right now and stayed so after several tries (503). Nothing was changed. Try again later. (Sinch error code 50300)',
    );
    assert.deepEqual(error.actions, ['Retry', 'Show Log', 'Copy Error Details']);
    await h.commands.idle();
    assert.deepEqual(h.sinch.of(APP_A), [FREE_VOICE, ON_APP_A]);
    assert.equal(h.sinch.count('assign'), 2);
  });

  it('an expired session offers Sign In', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.failAssign = { applied: false, error: apiError('expired', { status: 401 }) };
    h.prompter.thenPick(APP_A).onToast(/expired/, 'Sign In');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.equal(h.last!.text, 'Sinch said no (expired). Nothing was changed. (HTTP status 401)');
    assert.deepEqual(h.last!.actions, ['Sign In', 'Show Log', 'Copy Error Details']);
    await h.commands.idle();
    assert.equal(h.record.signIns, 1);
  });

  it('a write cancelled before it reached Sinch is silent', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.failAssign = { applied: false, error: apiError('cancelled') };
    h.prompter.thenPick(APP_A);
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.equal(h.last, undefined);
    assert.deepEqual(h.sinch.of(APP_A), [ON_APP_A]);
  });

  it('no answer to the write, twice, and a re-read that shows nothing changed: says so, with Retry', async () => {
    const h = assignHarness();
    await h.loaded();
    let failures = 0;
    // Re-read, re-merged and written once more after the first (see placement.test.ts); both lost.
    Object.defineProperty(h.sinch, 'failAssign', {
      get: () =>
        failures++ < 2 ? { applied: false, error: apiError('timeout', { outcomeUnknown: true }) } : undefined,
      set: () => undefined,
    });
    h.prompter.thenPick(APP_A);
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.equal(h.sinch.count('assign'), 2);
    assert.equal(h.last!.severity, 'error');
    assert.equal(
      h.last!.text,
      `Sinch did not confirm the change (Sinch said no (timeout)); re-reading ${shortKey(APP_A)} shows nothing was changed.`,
    );
    assert.deepEqual(h.last!.actions, ['Retry', 'Show Log']);
  });

  it('a write Sinch applied without answering is reported as done once the re-read confirms it', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.failAssign = { applied: true, error: apiError('timeout', { outcomeUnknown: true }) };
    h.prompter.thenPick(APP_A);
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.match(h.last!.text, /^Assigned \+1 415-000-5550 to /);
    assert.deepEqual(h.last!.actions, ['Undo']);
  });

  it('Sinch drops a number it should have kept: says what the application holds now, with Restore', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.dropOnAssign = [ON_APP_A];
    const answer = h.prompter.message.bind(h.prompter);
    h.prompter.message = async (severity, text, o, ...actions) => {
      h.sinch.dropOnAssign = []; // the server behaves again by the time the user clicks
      return answer(severity, text, o, ...actions);
    };
    h.prompter.thenPick(APP_A).onToast(/did not give the expected result/, 'Restore');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    const warning = h.prompter.shown.find((m) => /expected result/.test(m.text))!;
    assert.equal(
      warning.text,
      `Assigning to ${shortKey(APP_A)} did not give the expected result: +1 415-000-5551 is not on it. It now holds 1 Voice number.`,
    );
    assert.match(warning.detail!, /^Now on bb7b4e39…:\n {2}\+1 415-000-5550\n\nRestore takes off/);
    assert.deepEqual(warning.actions, ['Restore', 'Show Log']);
    await h.commands.idle();
    assert.deepEqual(h.sinch.of(APP_A), [ON_APP_A], 'what we added is off, what the write dropped is back');
    assert.equal(
      h.last!.text,
      `${shortKey(APP_A)} has its previous Voice numbers again. Taken off: +1 415-000-5550. Put back: +1 415-000-5551.`,
    );
  });

  it('when the set keeps changing through three accepted confirmations, says so instead of ending silently', async () => {
    const h = assignHarness();
    await h.loaded();
    h.sinch.numbers.get(FREE_BOTH)!.applicationKey = APP_A;
    const answer = h.prompter.message.bind(h.prompter);
    h.prompter.message = async (severity, text, o, ...actions) => {
      const both = h.sinch.numbers.get(FREE_BOTH)!;
      if (/changed since you looked/.test(text)) both.applicationKey = both.applicationKey ? undefined : APP_A;
      return answer(severity, text, o, ...actions);
    };
    h.prompter.thenPick(APP_A).thenModal('Assign').thenModal('Assign').thenModal('Assign');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.equal(h.modals.length, 3);
    assert.equal(
      h.last!.text,
      "The application's numbers kept changing while you confirmed; nothing was written. Try again.",
    );
    assert.deepEqual(h.last!.actions, ['Retry']);
    assert.equal(h.sinch.count('assign'), 0);
  });
});
