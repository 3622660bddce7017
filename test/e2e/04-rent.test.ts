// A person signs in through the palette and rents one number in Paris: picks the group, types
// the quantity, reads the cost in the confirmation, clicks Rent, and finds the new number
// selected in the tree. Each test walks the wizard from its start to the step it checks, so
// none depends on where an earlier test left it.
import * as assert from 'node:assert/strict';
import { e2e } from './fixture';
import { waitUntil, Workbench } from '../harness/workbench';

const NEW_NUMBER = '+33 1 40 00 01 01';

describe('renting a number', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    e2e().simulator.reset('demo');
    wb = await Workbench.main(e2e().browser, e2e().serverUrl, e2e().workspace, '04-rent');
  });
  after(async () => {
    await wb.done();
  });

  const groupRow = (text: string) => wb.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();

  /** Signed in with the demo data, nothing reserved or rented yet. */
  async function demo(): Promise<void> {
    e2e().simulator.reset('demo');
    e2e().simulator.resetCounters();
    await wb.ensureSignedIn();
    await wb.treeRow('Unassigned').waitFor({ timeout: 30_000 });
  }

  /** Rent Numbers… in the view title (its actions show while the pointer is over the view): the group pick. */
  async function openRent(): Promise<void> {
    await wb.treeRow('Unassigned').hover();
    await wb.page
      .locator('.part.sidebar .action-label[aria-label^="Rent Numbers"]')
      .filter({ visible: true })
      .first()
      .click();
    await wb.waitForQuickInput(/Rent Numbers/);
    await groupRow('Paris, France').waitFor({ timeout: 30_000 });
  }

  /** From the group pick to the quantity box. */
  async function chooseParis(): Promise<void> {
    await wb.pickRow('paris', 'Paris, France');
    await wb.waitForQuickInput(/How many numbers in Paris, France/);
  }

  /** From the quantity box to the confirmation. */
  async function oneNumber(): Promise<void> {
    await wb.typeAndEnter('1');
    await wb.dialog().waitFor({ timeout: 30_000 });
  }

  it('signs in through the command palette', async () => {
    e2e().simulator.reset('demo');
    await wb.ensureSignedOut();
    await wb.signIn();
    await wb.treeRow('Unassigned').waitFor({ timeout: 30_000 });
  });

  it('Rent Numbers… in the view title opens the group pick: places by country, with availability, cost and capabilities', async () => {
    await demo();
    await openRent();
    const rows = await wb.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    // One truth per group: the capabilities the numbers get, in the description; no type beside them.
    assert.ok(
      rows.some((r) => r.includes('area code 01 · Voice') && r.includes('7 available · 2.00 USD per month')),
      rows.join(' | '),
    );
    assert.ok(
      rows.some((r) => r.includes('area code 415 · Voice + SMS')),
      rows.join(' | '),
    );
    assert.ok(!rows.some((r) => r.includes('Amsterdam')), 'a group with nothing available is left out');
    await wb.screenshot('1-group-pick');
    await wb.page.keyboard.press('Escape');
    await wb.quickInputWidget().waitFor({ state: 'hidden' });
    assert.equal(e2e().simulator.counters().reserve, 0, 'nothing is reserved');
  });

  it('asks how many, within the limits', async () => {
    await demo();
    await openRent();
    await chooseParis();
    await wb.quickInput().fill('0');
    await wb.page.locator('.quick-input-message', { hasText: /at least 1/ }).waitFor({ timeout: 30_000 });
    await wb.screenshot('2-quantity-invalid');
    await wb.page.keyboard.press('Escape');
    await wb.quickInputWidget().waitFor({ state: 'hidden' });
  });

  it('the confirmation is a modal with quantity × group, unit cost, total and the organisation', async () => {
    await demo();
    await openRent();
    await chooseParis();
    await oneNumber();
    const dialog = wb.dialog();
    const text = await dialog.innerText();
    assert.match(text, /Rent 1 number in Paris, France for 2\.00 USD per month\?/);
    assert.match(text, /1 × Paris, France, area code 01/);
    assert.match(text, /Unit cost: 2\.00 USD per number per month/);
    assert.match(text, /Total: 2\.00 USD per month/);
    assert.match(text, /Organisation: Acme \(8888123\)/);
    assert.equal(e2e().simulator.counters().reserve, 0, 'nothing is reserved before the confirmation');
    // The default (focused) button spends nothing: Enter goes back to the quantity, never rents.
    const focused = dialog.locator('.monaco-button:focus');
    await focused.waitFor({ timeout: 30_000 });
    assert.equal((await focused.innerText()).trim(), 'Change Quantity…');
    await wb.screenshot('3-confirm');
    await wb.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await wb.waitForQuickInput(/How many numbers in Paris, France/);
    assert.equal(await wb.quickInput().inputValue(), '1', 'the quantity typed before is kept');
    assert.equal(e2e().simulator.counters().reserve, 0, 'Enter on the confirmation reserves nothing');
    await oneNumber();
    await wb
      .dialog()
      .locator('.monaco-button', { hasText: /^Cancel$/ })
      .click();
    await wb.dialog().waitFor({ state: 'hidden' });
    assert.equal(e2e().simulator.counters().reserve, 0, 'Cancel reserves nothing');
  });

  it('rents it: a notification names the number and offers to assign it; the tree selects it', async () => {
    await demo();
    await openRent();
    await chooseParis();
    await oneNumber();
    await wb
      .dialog()
      .locator('.monaco-button', { hasText: /^Rent$/ })
      .click();

    await waitUntil(
      () =>
        e2e()
          .simulator.snapshot()
          .numbers.some((n) => n.number === 33140000101),
      { what: `${NEW_NUMBER} rented at the simulator` },
    );
    const selected = wb.treeRow(NEW_NUMBER, { selected: true });
    await selected.waitFor({ timeout: 30_000 });
    const { text: message } = await wb.expectNotification(/Rented .* for Acme \(8888123\)/);
    assert.match(message, /Rented \+33 1 40 00 01 01 for Acme \(8888123\)\./);
    assert.match(message, /Assign to Application…/, 'the notification offers to assign it');
    await wb.screenshot('4-rented-selected');
    const c = e2e().simulator.counters();
    assert.equal(c.reserve, 1);
    assert.equal(c.checkout, 1);
  });
});
