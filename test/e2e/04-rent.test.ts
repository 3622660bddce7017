// A person signs in through the palette and rents one number in Paris: picks the group, types
// the quantity, reads the cost in the confirmation, clicks Rent, and finds the new number
// selected in the tree.
import * as assert from 'node:assert/strict';
import { e2e } from './fixture';
import { Workbench } from './workbench';

const NEW_NUMBER = '+33 1 40 00 01 01';

describe('renting a number', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    e2e().simulator.faults.clear();
    e2e().simulator.reset('demo');
    wb = await Workbench.open(e2e().browser, e2e().serverUrl, e2e().workspace, '04-rent');
  });
  after(async () => { await wb.close(); });

  const row = (text: string) => wb.page.locator('.pane-body .monaco-list-row', { hasText: text }).first();

  it('signs in through the command palette', async () => {
    await wb.signIn();
    await row('Unassigned').waitFor({ timeout: 30_000 });
  });

  it('Rent Numbers… in the view title opens the group pick: places by country, with availability, cost and capabilities', async () => {
    e2e().simulator.resetCounters();
    // View title actions show while the pointer is over the view.
    await row('Unassigned').hover();
    await wb.page.locator('.part.sidebar .action-label[aria-label^="Rent Numbers"]').filter({ visible: true }).first().click();
    await wb.waitForQuickInput(/Rent Numbers/);
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Paris, France' }).first().waitFor({ timeout: 15_000 });
    const rows = await wb.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    assert.ok(rows.some((r) => r.includes('7 available · 2.00 USD per month · Voice')), rows.join(' | '));
    assert.ok(!rows.some((r) => r.includes('Amsterdam')), 'a group with nothing available is left out');
    await wb.screenshot('1-group-pick');
    await wb.quickInput().fill('paris');
    await wb.page.keyboard.press('Enter');
  });

  it('asks how many, within the limits', async () => {
    await wb.waitForQuickInput(/How many numbers in Paris, France/);
    await wb.quickInput().fill('0');
    await wb.page.locator('.quick-input-message', { hasText: /at least 1/ }).waitFor({ timeout: 10_000 });
    await wb.screenshot('2-quantity-invalid');
    await wb.typeAndEnter('1');
  });

  it('the confirmation is a modal with quantity × group, unit cost, total and the organisation', async () => {
    const dialog = wb.dialog();
    await dialog.waitFor({ timeout: 15_000 });
    const text = await dialog.innerText();
    assert.match(text, /Rent 1 number in Paris, France for 2\.00 USD per month\?/);
    assert.match(text, /1 × Paris, France, area code 01/);
    assert.match(text, /Unit cost: 2\.00 USD per number per month/);
    assert.match(text, /Total: 2\.00 USD per month/);
    assert.match(text, /Organisation: Acme \(8888123\)/);
    assert.equal(e2e().simulator.counters().reserve, 0, 'nothing is reserved before the confirmation');
    await wb.screenshot('3-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Rent$/ }).click();
  });

  it('rents it: a notification names the number and offers to assign it; the tree selects it', async () => {
    const toast = wb.notification(/Rented .* for Acme \(8888123\)/);
    await toast.waitFor({ timeout: 30_000 });
    assert.match((await toast.innerText()).replace(/\u00a0/g, ' '), /Rented \+33 1 40 00 01 01 for Acme \(8888123\)\./);
    await wb.page.locator('.notification-toast .monaco-button', { hasText: 'Assign to Application…' }).first().waitFor();
    const selected = wb.page.locator('.pane-body .monaco-list-row[aria-selected="true"]', { hasText: NEW_NUMBER }).first();
    await selected.waitFor({ timeout: 15_000 });
    await wb.screenshot('4-rented-selected');
    const c = e2e().simulator.counters();
    assert.equal(c.reserve, 1);
    assert.equal(c.checkout, 1);
    assert.ok(e2e().simulator.snapshot().numbers.some((n) => n.number === 33140000101));
  });
});
