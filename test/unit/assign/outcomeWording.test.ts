// Issue 22, item 3: outcome messages name an application by its label, a bare key only when it has
// none (and then shortened); full keys live in a modal's detail; nothing says "0 other numbers".
import assert from 'node:assert/strict';
import { shortKey } from '../../../src/numbers/treeNodes';
import { APP_A, APP_B, assignHarness, B_BOTH, B_SMS, FREE_VOICE, ON_APP_A } from './fakeAssignEnvironment';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const LABELS = { [APP_A]: 'Voice IVR', [APP_B]: 'SMS Bot' };

type Harness = ReturnType<typeof assignHarness>;

/** Every toast and every modal headline shown: none may carry a full key or say "0 other". */
function assertShort(h: Harness): void {
  assert.ok(h.prompter.shown.length > 0, 'something was shown');
  for (const m of h.prompter.shown) {
    assert.doesNotMatch(m.text, UUID, `a full key in: ${m.text}`);
    assert.doesNotMatch(m.text, /\b0 other\b/, `"0 other" in: ${m.text}`);
  }
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('outcome wording: labels, short keys, no "0 other"', () => {
  it('assign and its Undo, with labels: no full key anywhere in a message', async () => {
    const h = assignHarness({ labels: LABELS });
    await h.loaded();
    h.prompter.thenPick('Voice IVR').onToast(/^Assigned/, 'Undo');
    await h.commands.assign('assign', { nodes: [h.node(FREE_VOICE)] });
    await h.commands.idle();
    assertShort(h);
    const texts = h.prompter.shown.map((m) => m.text);
    assert.equal(texts[0], 'Assigned +1 415-000-5550 to Voice IVR (Voice). It keeps its 1 other Voice number.');
    assert.equal(texts.at(-1), 'Voice IVR has its previous Voice numbers again. Taken off: +1 415-000-5550.');
  });

  it('a move that empties the former application says it now has no numbers; the headline has no key, the detail has both', async () => {
    const h = assignHarness({ labels: LABELS });
    await h.loaded();
    h.prompter
      .thenPick('SMS Bot')
      .thenModal('Move')
      .onToast(/^Moved/, 'Undo');
    await h.commands.assign('move', { nodes: [h.node(ON_APP_A)] });
    await h.commands.idle();
    assertShort(h);
    const [modal] = h.modals;
    assert.equal(modal.text, 'Move +1 415-000-5551 from Voice IVR to SMS Bot in Acme (8888123)?');
    assert.match(modal.detail!, new RegExp(`Voice IVR: ${APP_A}\nSMS Bot: ${APP_B}$`));
    const moved = h.prompter.shown.find((m) => /^Moved/.test(m.text))!;
    assert.equal(
      moved.text,
      'Moved +1 415-000-5551 from Voice IVR to SMS Bot (Voice). It keeps its 1 other Voice number. Voice IVR now has no numbers.',
    );
    assert.deepEqual(h.sinch.of(APP_A), [ON_APP_A], 'Undo put it back');
  });

  it('unassign and its Undo, with labels: no full key', async () => {
    const h = assignHarness({ labels: LABELS });
    await h.loaded();
    h.prompter.thenModal('Unassign').onToast(/^Unassigned/, 'Undo');
    await h.commands.unassign({ nodes: [h.node(B_SMS[0])] });
    await h.commands.idle();
    assertShort(h);
    assert.equal(h.last!.text, '+1 504-555-0100 is back on SMS Bot.');
    assert.deepEqual(h.sinch.of(APP_B), [B_BOTH, ...B_SMS]);
  });

  it('without labels a key is shortened, and Undo of a move names each key once', async () => {
    const h = assignHarness();
    await h.loaded();
    h.prompter
      .thenPick(APP_A)
      .thenPick('Voice')
      .thenModal('Move')
      .onToast(/^Moved/, 'Undo');
    await h.commands.assign('move', { nodes: [h.node(B_BOTH)] });
    await h.commands.idle();
    assertShort(h);
    const undone = h.last!.text;
    assert.equal(occurrences(undone, shortKey(APP_A)), 1, undone);
    assert.equal(occurrences(undone, shortKey(APP_B)), 1, undone);
  });
});
