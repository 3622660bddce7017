// Issue 22, item 4: Undo Last Change undoes what the toast's Undo would, once, or says why not.
import assert from 'node:assert/strict';
import { anAccount } from '../../support/builders';
import { APP_A, APP_B, assignHarness, B_SMS, FREE_VOICE, ON_APP_A } from './fakeAssignEnvironment';

describe('Undo Last Change', () => {
  it('nothing done yet: says there is nothing to undo, and the context key stays off', async () => {
    const h = assignHarness();
    const keys: boolean[] = [];
    h.env.canUndoChanged = (v) => keys.push(v);
    await h.commands.undoLastChange();
    assert.equal(h.last!.text, 'There is no change to undo.');
    assert.deepEqual(keys, []);
  });

  it('after an assign: undoes it through the same undo as the toast, then there is nothing to undo', async () => {
    const h = assignHarness({ labels: { [APP_A]: 'Voice IVR' } });
    const keys: boolean[] = [];
    h.env.canUndoChanged = (v) => keys.push(v);
    await h.loaded();
    h.prompter.thenPick('Voice IVR');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    assert.deepEqual(h.sinch.of(APP_A), [FREE_VOICE, ON_APP_A]);
    await h.commands.undoLastChange();
    assert.deepEqual(h.sinch.of(APP_A), [ON_APP_A]);
    assert.equal(h.last!.text, 'Voice IVR has its previous Voice numbers again. Taken off: +1 415-000-5550.');
    await h.commands.undoLastChange();
    assert.equal(h.last!.text, 'There is no change to undo.');
    assert.deepEqual(keys, [true, false]);
  });

  it("the toast's Undo takes the change out: the command then has nothing to undo", async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenModal('Unassign').onToast(/^Unassigned/, 'Undo');
    await h.commands.unassign({ nodes: [h.node(B_SMS[0])] });
    await h.commands.idle();
    assert.ok(h.sinch.of(APP_B).includes(B_SMS[0]), 'the toast undid it');
    await h.commands.undoLastChange();
    assert.equal(h.last!.text, 'There is no change to undo.');
  });

  it('the numbers changed since, outside this window: says which and where, changes nothing', async () => {
    const h = assignHarness({ labels: { [APP_B]: 'SMS Bot' } });
    await h.loaded();
    h.prompter.thenPick(APP_A);
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    h.sinch.numbers.get(FREE_VOICE)!.applicationKey = APP_B;
    const calls = h.sinch.calls.length;
    await h.commands.undoLastChange();
    assert.equal(
      h.last!.text,
      'The last change cannot be undone: the numbers changed since, outside this window (+1 415-000-5550 is on SMS Bot now). Nothing was changed.',
    );
    assert.equal(h.sinch.calls.slice(calls).filter((c) => !c.startsWith('list')).length, 0, 'no write');
  });

  it('signed in to another organisation: says where the change was made', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter.thenPick(APP_A);
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    const current = h.env.session.current;
    h.env.session.current = () => ({
      ...current(),
      organisationId: '7777',
      account: anAccount({ organisationId: '7777', organisationName: 'Globex' }),
    });
    await h.commands.undoLastChange();
    assert.match(h.last!.text, /^The last change was made in .*8888123.*, and you are signed in to Globex \(7777\)\./);
    assert.deepEqual(h.sinch.of(APP_A), [FREE_VOICE, ON_APP_A], 'nothing undone');
  });
});
