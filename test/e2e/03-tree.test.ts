// A person signs in and reads the Numbers tree: the demo organisation's numbers under their
// applications and under Unassigned, a number's tooltip, and what the view says when a
// refresh fails. Each test starts from the state it needs: signed in, the demo data, and the
// application label or filter it expects (set or cleared here if an earlier test left it otherwise).
import * as assert from 'node:assert/strict';
import { e2e } from './fixture';
import { type TreeRow as Row, Workbench } from '../harness/workbench';

describe('the numbers tree', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    e2e().simulator.reset('demo');
    wb = await Workbench.main(e2e().browser, e2e().serverUrl, e2e().workspace, '03-tree');
  });
  after(async () => {
    await wb.done();
  });

  const filterMessage = () =>
    wb.page
      .locator('.tree-explorer-viewlet-tree-view .message', { hasText: /Showing \d+ of \d+ numbers|No numbers match/ })
      .first();

  /** Signed in, the demo data in the tree, no filter. */
  async function demoTree(): Promise<void> {
    e2e().simulator.reset('demo');
    await wb.ensureSignedIn();
    await wb.treeRow('Unassigned').waitFor({ timeout: 30_000 });
    if (await filterMessage().isVisible()) {
      await wb.runCommand('Sinch Numbers: Clear Filter');
      await filterMessage().waitFor({ state: 'hidden', timeout: 30_000 });
    }
    await wb.waitForRows((l) => l.filter((r) => r.level === 2).length === 9, 'the nine demo numbers');
  }

  /** Drags the sash between the sidebar and the editor, as a person widening the view would. */
  async function widenSidebar(width: number): Promise<void> {
    const box = await wb.page.locator('.part.sidebar').boundingBox();
    assert.ok(box, 'the sidebar is open');
    const y = box.y + box.height / 2;
    await wb.page.mouse.move(box.x + box.width + 1, y);
    await wb.page.mouse.down();
    await wb.page.mouse.move(box.x + width, y, { steps: 8 });
    await wb.page.mouse.up();
  }

  /** Right-click › Label Application…, then types the name (empty clears it). */
  async function labelApplication(rowText: string, name: string): Promise<void> {
    await wb.treeRow(rowText).click({ button: 'right' });
    await wb.chooseMenuItem('Label Application…');
    await wb.waitForQuickInput(/A name for application/);
    await wb.typeAndEnter(name);
    await wb.quickInputWidget().waitFor({ state: 'hidden' });
  }

  /** The nearest row above `index` one level up: the group a number is listed under. */
  function parentOf(list: Row[], index: number): Row | undefined {
    for (let i = index - 1; i >= 0; i--) if (list[i].level < list[index].level) return list[i];
    return undefined;
  }

  it('after signing in, the demo numbers show under their application and under Unassigned', async () => {
    e2e().simulator.reset('demo');
    await wb.ensureSignedOut();
    await wb.signIn();

    const list = await wb.waitForRows((l) => l.filter((r) => r.level === 2).length === 9, 'the nine demo numbers');
    const at = (text: string) => list.findIndex((r) => r.text.includes(text));
    assert.match(parentOf(list, at('+1 415-000-5551'))?.text ?? '', /^bb7b4e39…\s*1 number/, JSON.stringify(list));
    assert.match(parentOf(list, at('+1 415-000-5550'))?.text ?? '', /^Unassigned\s*3 numbers/, JSON.stringify(list));
    assert.match(parentOf(list, at('+44 20 7946 0100'))?.text ?? '', /^d4e5f6a7…/);
    assert.ok(
      list.some((r) => /expired 3 days ago · London · Voice/.test(r.text)),
      JSON.stringify(list),
    );
    assert.equal(list.filter((r) => r.level === 2).length, 9, 'all nine numbers are listed');

    // The view's description (VS Code shows it once the view shares its container; the DOM has it now).
    const header = await wb.page
      .locator('.pane-header', { hasText: /Numbers/i })
      .first()
      .textContent();
    assert.match(header ?? '', /Acme · 9 numbers · 16\.00 USD\/month/);
    await wb.restPointer();
    await wb.screenshot('1-demo');
  });

  it('naming an application from its context menu; a wider sidebar shows the whole rows', async () => {
    await demoTree();
    if (await wb.treeRow('Support Line').isVisible()) {
      await labelApplication('Support Line', '');
      await wb.treeRow('d4e5f6a7…').waitFor({ timeout: 30_000 });
    }
    const width = (await wb.page.locator('.part.sidebar').boundingBox())?.width;
    await widenSidebar(560);
    await labelApplication('d4e5f6a7…', 'Support Line');
    const list = await wb.waitForRows((l) => /^Support Line/.test(l[0]?.text ?? ''), 'the named application first');
    assert.match(list[0].text, /^Support Line\s*2 numbers/, 'named applications come first');
    await wb.restPointer();
    await wb.screenshot('2-named-wide');
    // The window is shared with the files after this one: the sidebar goes back to its width.
    if (width) await widenSidebar(width);
  });

  it('hovering a number shows every field in its tooltip', async () => {
    await demoTree();
    await wb.treeRow('+1 415-000-5551').locator('.label-name').hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover', { hasText: 'Area code' }).first();
    await hover.waitFor({ timeout: 30_000 });
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    for (const expected of [
      '+1 415-000-5551',
      'United States (US)',
      'San Francisco',
      'Area code: 415',
      'Monthly cost: 0.00 USD',
      'expires in 214 days',
      'Group: 13',
      'bb7b4e39-4227-4913-8c81-2db4abb54fb3',
    ]) {
      assert.ok(text.includes(expected), `tooltip has "${expected}": ${text}`);
    }
    await wb.screenshot('3-tooltip');
    await wb.restPointer();
  });

  it('Filter… narrows the tree and says so above it; Clear Filter brings everything back', async () => {
    await demoTree();
    await wb.runCommand('Sinch Numbers: Filter…');
    await wb.waitForQuickInput(/Filter Numbers/);
    await wb.typeAndEnter('cap:sms');
    const message = wb.page
      .locator('.tree-explorer-viewlet-tree-view .message', { hasText: 'Showing 5 of 9 numbers' })
      .first();
    await message.waitFor({ timeout: 30_000 });
    const list = await wb.waitForRows((l) => l.filter((r) => r.level === 2).length === 5, 'the five SMS numbers');
    assert.ok(
      list.every((r) => r.level === 1 || /SMS/.test(r.text)),
      JSON.stringify(list),
    );
    await wb.restPointer();
    await wb.screenshot('4-filtered');
    await wb.runCommand('Sinch Numbers: Clear Filter');
    await message.waitFor({ state: 'hidden', timeout: 30_000 });
    await wb.waitForRows((l) => l.filter((r) => r.level === 2).length === 9, 'all nine numbers again');
  });

  it('a failed refresh keeps the numbers, says why at the top of the view, and offers Retry', async () => {
    await demoTree();
    e2e().simulator.faults.inject('listNumbers', { kind: 'html' }, 4);
    await wb.treeRow('Unassigned').hover();
    await wb.page
      .locator('.part.sidebar .action-label[aria-label^="Refresh"]')
      .filter({ visible: true })
      .first()
      .click();
    const message = wb.page
      .locator('.tree-explorer-viewlet-tree-view .message', { hasText: "Couldn't refresh the numbers" })
      .first();
    await message.waitFor({ timeout: 60_000 });
    await wb.treeRow('Retry').waitFor({ timeout: 30_000 });
    assert.ok(await wb.treeRow('+1 415-000-5550').isVisible(), 'the last list is still shown');
    assert.equal(await wb.page.locator('.notification-toast').count(), 0, 'no notification');
    await wb.restPointer();
    await wb.screenshot('5-refresh-failed');

    e2e().simulator.faults.clear();
    await wb.treeRow('Retry').click();
    await message.waitFor({ state: 'hidden', timeout: 30_000 });
    await wb.treeRow('Retry').waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('an empty name removes the label again', async () => {
    await demoTree();
    if (!(await wb.treeRow('Support Line').isVisible())) {
      await labelApplication('d4e5f6a7…', 'Support Line');
      await wb.treeRow('Support Line').waitFor({ timeout: 30_000 });
    }
    await labelApplication('Support Line', '');
    await wb.treeRow('d4e5f6a7…').waitFor({ timeout: 30_000 });
    await wb.treeRow('Support Line').waitFor({ state: 'detached', timeout: 30_000 });
  });
});
