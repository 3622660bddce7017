// What a person is told when someone else acts at the same moment: a colleague rents in the same
// group while our checkout's connection drops (the colleague's number is never called ours, and
// the reservation's fate is said), and a colleague puts a number the tree still shows as
// unassigned on another application (Assign asks with the Move confirmation naming it).
import * as assert from 'node:assert/strict';
import { e2e } from './fixture';
import { waitUntil, Workbench } from '../harness/workbench';
import { DEMO, DEMO_APP, DEMO_SMS_APP } from '../support/demo';

const ORG = DEMO.orgId;
const APP = DEMO_APP;
const OTHER_APP = DEMO_SMS_APP;
const FREE = '+1 415-000-5550';

describe('others acting at the same time', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    e2e().simulator.faults.clear();
    e2e().simulator.reset('demo');
    wb = await Workbench.main(e2e().browser, e2e().serverUrl, e2e().workspace, '07-others');
  });
  after(async () => {
    e2e().simulator.faults.clear();
    await wb.done();
  });

  /** Signed in, the demo data, and the tree showing FREE unassigned (refreshed only if it shows otherwise). */
  async function start(): Promise<void> {
    e2e().simulator.reset('demo');
    await wb.ensureSignedIn();
    await wb.treeRow(FREE).waitFor({ timeout: 30_000 });
    await wb.showInGroup(FREE, /^Unassigned/);
  }

  it('a colleague rents in Paris while our checkout\'s connection drops, twice: the new number "may not be yours", and the reservation is still open', async () => {
    await start();
    const sim = e2e().simulator;
    sim.resetCounters();
    sim.faults.inject('checkout', { kind: 'resetBefore', afterMs: 1500 });
    const numbersBefore = sim.state.listNumbers(ORG).length;
    await wb.runCommand('Sinch Numbers: Rent Numbers…');
    await wb.waitForQuickInput(/Rent Numbers/);
    await wb.page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Paris, France' })
      .first()
      .waitFor({ timeout: 15_000 });
    await wb.quickInput().fill('paris');
    await wb.page.keyboard.press('Enter');
    await wb.waitForQuickInput(/How many numbers in Paris, France/);
    await wb.typeAndEnter('1');
    const dialog = wb.dialog();
    await dialog.waitFor({ timeout: 15_000 });
    await dialog.locator('.monaco-button', { hasText: /^Rent$/ }).click();

    // Our checkout has reached Sinch and is held: the colleague rents in the same group meanwhile.
    await waitUntil(() => sim.counters().checkout >= 1, { timeout: 30_000, what: 'our checkout at the simulator' });
    const { referenceId } = sim.state.reserve(ORG, { groupId: 1, quantity: 1 });
    sim.state.checkout(ORG, { referenceIds: [referenceId] });
    const theirs = sim.state.listNumbers(ORG).length === numbersBefore + 1;
    assert.ok(theirs, 'the colleague rented one number');
    sim.faults.inject('checkout', { kind: 'resetBefore' }); // our one re-send of the same reservation drops too

    await waitUntil(() => sim.counters().checkout >= 2, {
      timeout: 60_000,
      what: 'the one re-send of the same reservation',
    });
    const { text } = await wb.expectNotification(/may not be yours/, 60_000);
    assert.match(
      text,
      /Sinch did not answer the checkout \(the connection broke\), nor when it was sent once more with the same reservation\./,
    );
    assert.match(
      text,
      /New numbers appeared in Paris, France since just before the checkout: \+33 1 40 00 01 0\d\. They may not be yours/,
    );
    assert.match(text, /The reservation is either used or still open until /);
    assert.doesNotMatch(text, /Rented|went through/);
    await wb.screenshot('1-checkout-verdict-colleague');
    assert.equal(
      sim.snapshot().reservations.filter((r) => r.orgId === ORG).length,
      1,
      'our reservation was not bought',
    );
    assert.equal(
      sim.counters().checkout,
      2,
      'our checkout and its one re-send of the same reservation (the colleague rented on Sinch directly)',
    );
  });

  it('a colleague put a number the tree shows as unassigned on another application: Assign asks with the Move confirmation naming it', async () => {
    await start();
    const sim = e2e().simulator;
    sim.resetCounters();
    sim.state.numbers.get(14150005550)!.applicationKey = OTHER_APP; // behind the tree's back
    await wb.treeRow(FREE).click({ button: 'right' });
    await wb.menuItem('Assign to Application…').waitFor({ timeout: 15_000 });
    await wb.chooseMenuItem('Assign to Application…');
    await wb.waitForQuickInput(/Assign to Application/);
    await wb.quickInput().fill('bb7b4e39');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'bb7b4e39' }).first().waitFor();
    await wb.page.keyboard.press('Enter');

    const dialog = wb.dialog();
    await dialog.waitFor({ timeout: 30_000 });
    const text = await dialog.innerText();
    // The demo application may carry the label an earlier test gave it ("Voice IVR"); else its short key.
    assert.match(
      text,
      new RegExp(
        `Move \\+1 415-000-5550 from ${OTHER_APP.slice(0, 8)}… to (?:[^\\n]+|${APP.slice(0, 8)}…) in Acme \\(8888123\\)\\?`,
      ),
    );
    assert.match(
      text,
      new RegExp(`The Numbers view showed \\+1 415-000-5550 as unassigned; it is on ${OTHER_APP.slice(0, 8)}… now\\.`),
    );
    await wb.screenshot('2-stale-move-confirmation');
    await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    assert.equal(
      sim.state.numbers.get(14150005550)!.applicationKey,
      OTHER_APP,
      'declined: it stays where the colleague put it',
    );
    assert.equal(sim.counters().assign, 0);
    // The read that found it also refreshed the view: the number shows under that application now.
    const appRow = wb.treeRow('c3a1d2e4', { level: 1 });
    await appRow.waitFor({ timeout: 15_000 });
    await wb.page.mouse.move(900, 650);
    await wb.screenshot('3-stale-move-declined-tree');
  });
});
