// A person assigns an unassigned number to the demo application from the tree's context menu,
// sees it move while the number already there stays, unassigns one, and drags one. Each test
// puts the number where it needs it through the simulator, refreshes the tree, and waits on
// the simulator's state and the tree's rows, not on a toast or the clock.
import * as assert from 'node:assert/strict';
import { e2e } from './fixture';
import { waitUntil, Workbench } from '../harness/workbench';

const APP = 'bb7b4e39-4227-4913-8c81-2db4abb54fb3';
const FREE = '+1 415-000-5550';
const FREE_VALUE = 14150005550;
const THERE = '+1 415-000-5551';

function onApp(key: string): number[] {
  return e2e()
    .simulator.snapshot()
    .numbers.filter((n) => n.applicationKey === key)
    .map((n) => n.number)
    .sort((a, b) => a - b);
}

describe('assign and unassign in the tree', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    e2e().simulator.reset('demo');
    wb = await Workbench.main(e2e().browser, e2e().serverUrl, e2e().workspace, '05-assign');
  });
  after(async () => {
    await wb.done();
  });

  /** The tree row of a number, inside the Numbers view. */

  /**
   * Signed in, the demo data with FREE unassigned (or, with `onTheApplication`, already on the
   * demo application), and the tree showing it so (refreshed only when it shows otherwise).
   */
  async function start(onTheApplication = false): Promise<void> {
    const sim = e2e().simulator;
    sim.reset('demo');
    if (onTheApplication) sim.state.numbers.get(FREE_VALUE)!.applicationKey = APP;
    const group = onTheApplication ? /^bb7b4e39/ : /^Unassigned/;
    await wb.ensureSignedIn();
    await wb.treeRow(THERE).waitFor({ timeout: 30_000 });
    await wb.showInGroup(FREE, group);
    await wb.waitForGroup(THERE, /^bb7b4e39/);
  }

  it('signs in through the command palette', async () => {
    e2e().simulator.reset('demo');
    await wb.ensureSignedOut();
    await wb.signIn();
    await wb.treeRow(FREE).waitFor({ timeout: 30_000 });
    await wb.screenshot('1-signed-in');
  });

  it('right-click an unassigned number → Assign to Application… → the demo application: it moves, the other stays', async () => {
    await start();
    await wb.treeRow(FREE).click({ button: 'right' });
    await wb.menuItem('Assign to Application…').waitFor({ timeout: 30_000 });
    const menu = await wb.page.locator('.context-view').first().innerText();
    assert.ok(!menu.includes('Unassign from Application'), `an unassigned number offers no Unassign:\n${menu}`);
    await wb.screenshot('2-context-menu');
    await wb.chooseMenuItem('Assign to Application…');

    await wb.waitForQuickInput(/Assign to Application/);
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Enter Application Key…' }).waitFor();
    await wb.screenshot('3-pick-application');
    await wb.pickRow('bb7b4e39', 'bb7b4e39');

    await waitUntil(() => onApp(APP).length === 2, { what: `${FREE} on the application at the simulator` });
    assert.deepEqual(onApp(APP), [14150005550, 14150005551]);
    // The tree shows both numbers under the application now.
    await wb.waitForGroup(FREE, /^bb7b4e39/);
    await wb.waitForGroup(THERE, /^bb7b4e39/); // it stays on the application
    const { text: message } = await wb.expectNotification(/Assigned \+1 415-000-5550/);
    assert.match(message, /Undo/, 'Undo is offered');
    // The tree selects the number where it went.
    await wb.treeRow(FREE, { selected: true }).waitFor({ timeout: 30_000 });
    await wb.screenshot('4-assigned');
  });

  it('right-click it → Unassign from Application → confirm the modal naming the organisation', async () => {
    await start(true);
    await wb.treeRow(FREE).click({ button: 'right' });
    await wb.menuItem('Unassign from Application…').waitFor({ timeout: 30_000 });
    await wb.screenshot('5-context-menu-assigned');
    await wb.chooseMenuItem('Unassign from Application…');

    const dialog = wb.dialog();
    await dialog.waitFor({ timeout: 30_000 });
    const text = await dialog.innerText();
    assert.match(text, /Unassign \+1 415-000-5550 from (?:bb7b4e39…|Voice IVR) in Acme \(8888123\)\?/);
    await wb.screenshot('6-confirm-unassign');
    await dialog.locator('.monaco-button', { hasText: /^Unassign$/ }).click();

    await waitUntil(() => onApp(APP).length === 1, { what: `${FREE} off the application at the simulator` });
    assert.deepEqual(onApp(APP), [14150005551]);
    await wb.waitForGroup(FREE, /^Unassigned/);
    await wb.expectNotification(/Unassigned \+1 415-000-5550/);
    await wb.screenshot('7-unassigned');
  });

  it('drags the number onto the application in the tree: the same assign, no modal for an unassigned number', async () => {
    await start();
    const source = wb.treeRow(FREE);
    const target = wb.treeRow('bb7b4e39', { level: 1 });
    await source.dragTo(target);
    await waitUntil(() => onApp(APP).length === 2, { what: `${FREE} on the application at the simulator` });
    assert.deepEqual(onApp(APP), [14150005550, 14150005551]);
    await wb.waitForGroup(FREE, /^bb7b4e39/);
    assert.equal(await wb.dialog().isVisible(), false, 'no modal for a plain assign');
    await wb.progressToasts().first().waitFor({ state: 'detached', timeout: 30_000 });
    await wb.restPointer();
    await wb.screenshot('8-dropped');
  });
});
