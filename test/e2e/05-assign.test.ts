// A person assigns an unassigned number to the demo application from the tree's context menu,
// sees it move while the number already there stays, then unassigns it again.
import * as assert from 'node:assert/strict';
import { e2e } from './fixture';
import { Workbench } from './workbench';

const APP = 'bb7b4e39-4227-4913-8c81-2db4abb54fb3';
const FREE = '+1 415-000-5550';
const THERE = '+1 415-000-5551';

function onApp(key: string): number[] {
  return e2e().simulator.snapshot().numbers.filter((n) => n.applicationKey === key).map((n) => n.number).sort((a, b) => a - b);
}

describe('assign and unassign in the tree', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    e2e().simulator.reset('demo');
    wb = await Workbench.open(e2e().browser, e2e().serverUrl, e2e().workspace, '05-assign');
  });
  after(async () => { await wb.close(); });

  /** The tree row of a number, inside the Numbers view. */
  const row = (text: string) => wb.page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  /** Rows from the first application node to the next root: which numbers the tree shows under it. */
  async function groupOf(number: string): Promise<string> {
    const rows = wb.page.locator('.pane-body .monaco-list-row');
    const texts = await rows.allInnerTexts();
    const levels = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('aria-level') ?? '0')));
    let group = '';
    for (let i = 0; i < texts.length; i++) {
      if (levels[i] === 1) group = texts[i].split('\n')[0];
      if (texts[i].includes(number)) return group;
    }
    return '';
  }

  it('signs in through the command palette', async () => {
    await wb.signIn();
    await row(FREE).waitFor({ timeout: 30_000 });
    await wb.screenshot('1-signed-in');
  });

  it('right-click an unassigned number → Assign to Application… → the demo application: it moves, the other stays', async () => {
    await row(FREE).click({ button: 'right' });
    await wb.menuItem('Assign to Application…').waitFor({ timeout: 15_000 });
    const menu = await wb.page.locator('.context-view').first().innerText();
    assert.ok(!menu.includes('Unassign from Application'), `an unassigned number offers no Unassign:\n${menu}`);
    await wb.screenshot('2-context-menu');
    await wb.chooseMenuItem('Assign to Application…');

    await wb.waitForQuickInput(/Assign to Application/);
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Enter Application Key…' }).waitFor();
    await wb.screenshot('3-pick-application');
    await wb.quickInput().fill('bb7b4e39');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'bb7b4e39' }).first().waitFor();
    await wb.page.keyboard.press('Enter');

    await wb.notification(/Assigned \+1 415-000-5550/).waitFor({ timeout: 30_000 });
    assert.deepEqual(onApp(APP), [14150005550, 14150005551]);
    // The tree shows both numbers under the application now.
    await wb.page.waitForFunction(() => true);
    const deadline = Date.now() + 15_000;
    let group = '';
    while (Date.now() < deadline && !(group = await groupOf(FREE)).startsWith('bb7b4e39')) await wb.page.waitForTimeout(200);
    assert.match(group, /^bb7b4e39/, `${FREE} is under the application`);
    assert.match(await groupOf(THERE), /^bb7b4e39/, `${THERE} stays on the application`);
    assert.ok(await wb.notification(/Assigned/).locator('a.monaco-button, .monaco-button', { hasText: 'Undo' }).first().isVisible(), 'Undo is offered');
    await wb.screenshot('4-assigned');
  });

  it('right-click it → Unassign from Application → confirm the modal naming the organisation', async () => {
    await row(FREE).click({ button: 'right' });
    await wb.menuItem('Unassign from Application').waitFor({ timeout: 15_000 });
    await wb.screenshot('5-context-menu-assigned');
    await wb.chooseMenuItem('Unassign from Application');

    const dialog = wb.dialog();
    await dialog.waitFor({ timeout: 15_000 });
    const text = await dialog.innerText();
    assert.match(text, /Unassign \+1 415-000-5550 from bb7b4e39-4227-4913-8c81-2db4abb54fb3 in Acme \(8888123\)\?/);
    await wb.screenshot('6-confirm-unassign');
    await dialog.locator('.monaco-button', { hasText: /^Unassign$/ }).click();

    await wb.notification(/Unassigned \+1 415-000-5550/).waitFor({ timeout: 30_000 });
    assert.deepEqual(onApp(APP), [14150005551]);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await groupOf(FREE)).startsWith('bb7b4e39')) await wb.page.waitForTimeout(200);
    assert.match(await groupOf(FREE), /^Unassigned/);
    await wb.screenshot('7-unassigned');
  });

  it('drags the number onto the application in the tree: the same assign, no modal for an unassigned number', async () => {
    const source = row(FREE);
    const target = wb.page.locator('.pane-body .monaco-list-row[aria-level="1"]', { hasText: 'bb7b4e39' }).first();
    await source.dragTo(target);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !(await groupOf(FREE)).startsWith('bb7b4e39')) await wb.page.waitForTimeout(200);
    assert.deepEqual(onApp(APP), [14150005550, 14150005551]);
    assert.match(await groupOf(FREE), /^bb7b4e39/, 'the tree shows where it was dropped');
    assert.equal(await wb.dialog().isVisible(), false, 'no modal for a plain assign');
    await wb.page.locator('.notification-toast', { hasText: /Checking the result|Writing/ }).first().waitFor({ state: 'hidden', timeout: 15_000 });
    await wb.screenshot('8-dropped');
  });
});
