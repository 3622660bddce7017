// The activity journal inside the real extension host, against the simulator: a rental, an
// assign, its Undo and a checkout whose answer was lost are each one entry, read back from the
// file in the global storage folder with what was verified, and the file holds no secret.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ActivityEntry } from '../../src/numbers/activity';
import type { ExtensionApi } from '../../src/extension';
import {
  DEMO,
  DEMO_APP,
  freshStart,
  numberNode,
  scriptedUser,
  showNumbersView,
  signInDemo,
  simulator,
} from './support';

const RENT = 'sinchNumbers.rentNumbers';
const ASSIGN = 'sinchNumbers.assignNumbers';
const PARIS = { groupId: 1, quantity: 1 };

/** The entries written since `since` (the journal is shared with every earlier test of this run). */
async function entriesSince(api: ExtensionApi, since: number): Promise<ActivityEntry[]> {
  await api.activity.journal.flushed();
  return (await api.activity.journal.read()).filter((e) => e.time >= since);
}

describe('overview: the activity journal', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  beforeEach(async () => {
    api = await freshStart();
    await signInDemo();
    await showNumbersView(api);
    await simulator.resetCounters();
  });

  afterEach(async () => {
    await simulator.faults.clear();
    await api.cart.remove(api.cart.items(DEMO.orgId).map((i) => i.referenceId));
  });

  it('rent, assign and Undo: one verified entry each, priced for the rental, with the message the user saw', async () => {
    const since = api.services.now();
    const user = await scriptedUser();
    user.thenModal('Rent');
    await vscode.commands.executeCommand(RENT, PARIS);
    const rented = user.shown.at(-1)!;
    const [checkout] = await entriesSince(api, since);
    assert.ok(checkout, user.transcript());
    assert.equal(checkout.operation, 'checkout');
    assert.equal(checkout.verdict, 'verified');
    assert.equal(checkout.numbers.length, 1);
    assert.deepEqual(checkout.unitCost, { amount: 2, currencyId: 'USD' });
    assert.deepEqual(checkout.totalCost, [{ amount: 2, currencyId: 'USD' }]);
    assert.equal(checkout.organisationId, DEMO.orgId);
    assert.equal(checkout.account, DEMO.email);
    assert.equal(checkout.message, rented.text);
    const number = checkout.numbers[0];

    user.thenPick(DEMO_APP).onToast(/^Assigned/, 'Undo');
    const node = numberNode(api, number);
    await vscode.commands.executeCommand(ASSIGN, node, [node]);
    await api.assign.idle();
    const [, assign, undo] = await entriesSince(api, since);
    assert.ok(undo, user.transcript());
    assert.deepEqual(
      [assign.operation, assign.verdict, assign.numbers, assign.applications],
      ['assign', 'verified', [number], [DEMO_APP]],
    );
    assert.match(assign.message, /^Assigned /);
    assert.deepEqual([undo.operation, undo.verdict, undo.applications], ['undo', 'verified', [DEMO_APP]]);
    assert.equal(undo.message, user.shown.at(-1)!.text);
  });

  it('a checkout whose answer was lost: the same reservation once more, one entry saying what the re-read showed', async () => {
    const since = api.services.now();
    await simulator.faults.inject('checkout', { kind: 'resetAfter' });
    const user = await scriptedUser();
    user.thenModal('Rent');
    await vscode.commands.executeCommand(RENT, PARIS);
    const c = await simulator.counters();
    assert.equal(c.checkout, 2, user.transcript());
    const entries = await entriesSince(api, since);
    assert.equal(entries.length, 1, JSON.stringify(entries));
    const [e] = entries;
    assert.equal(e.operation, 'checkout');
    assert.equal(e.verdict, 'verified', e.message);
    assert.equal(e.numbers.length, 1);
    assert.match(e.message, /Sinch did not (confirm|answer) the checkout/);
    assert.equal(e.message, user.shown.at(-1)!.text);
  });

  it('the journal file holds no secret: neither the instance secret nor the password', async () => {
    const user = await scriptedUser();
    user.thenModal('Rent');
    await vscode.commands.executeCommand(RENT, PARIS);
    await api.activity.journal.flushed();
    const text = fs.readFileSync(api.activity.journal.file, 'utf8');
    assert.ok(text.length > 0, 'the journal was written');
    const account = api.services.session.current().account;
    for (const secret of [account.instanceSecret, DEMO.password])
      assert.ok(!text.includes(secret), 'a secret is in the journal');
  });
});
