import assert from 'node:assert/strict';
import { fillTemplate, setTranslator } from '../../../src/platform/l10n';
import type { PickItem, PickOptions, InputOptions } from '../../../src/platform/prompter';
import { SinchApiError } from '../../../src/sinch/errors';
import { UNKNOWN_APP } from './fakeSinch';
import {
  APP_A,
  assignHarness,
  B_BOTH,
  B_SMS,
  FREE_BOTH,
  FREE_SMS,
  FREE_VOICE,
  ON_APP_A,
} from './fakeAssignEnvironment';

/** What is left of a text once every translated piece «…» (nested ones too) is taken out. */
function untranslated(text: string): string {
  for (let s = text; ;) {
    const next = s.replace(/«[^«»]*»/g, '');
    if (next === s) return s;
    s = next;
  }
}

/** Runs the flows with a pseudo-locale that marks every translated template, and records every string shown. */
function pseudoHarness() {
  const h = assignHarness();
  const strings: string[] = [];
  const { pick, pickMany, input } = h.prompter;
  const note = (o: PickOptions<PickItem> | InputOptions) =>
    strings.push(o.title, ...(o.placeholder ? [o.placeholder] : []), ...('prompt' in o && o.prompt ? [o.prompt] : []));
  h.prompter.pick = (async (o: PickOptions<PickItem>) => {
    note(o);
    return pick.call(h.prompter, o);
  }) as typeof pick;
  h.prompter.pickMany = (async (o: PickOptions<PickItem>) => {
    note(o);
    return pickMany.call(h.prompter, o);
  }) as typeof pickMany;
  h.prompter.input = async (o) => {
    note(o);
    return input.call(h.prompter, o);
  };
  const shown = () => [
    ...strings,
    ...h.record.progress,
    ...h.prompter.shown.flatMap((m) => [m.text, m.detail ?? '', ...m.actions]),
  ];
  return { h, shown };
}

describe('assign: every user-visible string goes through l10n.t', () => {
  let previous: Parameters<typeof setTranslator>[0];
  before(() => {
    previous = setTranslator((message, ...args) => fillTemplate(`«${message}»`, ...args));
  });
  after(() => {
    setTranslator(previous);
  });

  it('the questions, confirmations, outcomes, follow-ups and failures of assign, move and unassign', async () => {
    const { h, shown } = pseudoHarness();
    await h.loaded();
    // Palette assign with the capability step, then Undo.
    h.prompter
      .thenPickMany([/49 30 12340100/])
      .thenPick(APP_A)
      .thenPick(/Voice/)
      .onToast(/^«Assigned/, '«Undo»');
    await h.commands.assign('assign', {});
    // A move with a number lacking the capability, then Undo of the move.
    h.prompter
      .thenPick(APP_A)
      .thenPick(/Voice/)
      .thenModal('«Assign the Other 2»')
      .thenModal('«Move»')
      .onToast(/^«Moved/, '«Undo»');
    await h.commands.assign('move', { nodes: [h.node(B_BOTH), h.node(FREE_SMS), h.node(FREE_VOICE)] });
    await h.commands.idle();
    // The set changed behind the tree's back.
    h.sinch.numbers.get(FREE_BOTH)!.applicationKey = APP_A;
    h.prompter.thenPick(APP_A).thenModal('«Assign»');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    // 40400 and 50300.
    h.prompter.thenPick(/Enter Application Key/).thenInput(UNKNOWN_APP);
    await h.commands.assign('assign', { nodes: [h.node(FREE_SMS)] });
    h.sinch.failAssign = {
      applied: false,
      error: new SinchApiError({ kind: 'unavailable', message: 'down', method: 'PUT', path: '', status: 503 }),
    };
    h.prompter.thenPick(APP_A);
    await h.commands.assign('assign', { nodes: [h.node(FREE_SMS)] });
    // Unassign: a failure part-way, a number that disappeared, Restore.
    h.sinch.failUnassignAt = {
      call: 2,
      error: new SinchApiError({ kind: 'validation', message: 'bad', method: 'DELETE', path: '', errorCode: 40001 }),
    };
    h.prompter.thenModal('«Unassign»');
    await h.commands.unassign({ nodes: B_SMS.map((n) => h.node(n)) });
    h.sinch.dropOnUnassign = [ON_APP_A];
    h.prompter.thenModal('«Unassign»').onToast(/no longer has/, '«Restore»');
    await h.commands.unassign({ nodes: [h.node(FREE_BOTH)] });
    await h.commands.idle();

    const all = shown();
    assert.ok(all.length > 40, `the flows said enough to check (${all.length})`);
    // Left may be numbers as the tree writes them, and application keys (the key box's example).
    const bare = all.filter(
      (s) => !/^[\s\d+-]*$/.test(untranslated(s).replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, '')),
    );
    if (process.env.SHOW) console.log(all.join('\n'));
    assert.deepEqual(bare, [], `strings that skip l10n.t:\n${bare.join('\n')}`);
  });
});
