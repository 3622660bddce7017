// A person signs in and rents against a server that speaks as Sinch's own sample code does
// (docs/api/dialects.md): it verifies signatures over the path with its leading slash and
// answers the organisation endpoint with a list of the login's organisations. The sign-in
// asks which organisation; the rent works for the one chosen; Test Connection says what the
// extension learned.
import * as assert from 'node:assert/strict';
import { demo } from '../simulator/datasets';
import { e2e } from './fixture';
import { DEMO_USER, waitUntil, Workbench } from '../harness/workbench';

const EUROPE = { ...DEMO_USER, orgName: 'Acme Europe' };
const NEW_NUMBER = 33140000101;

describe('a server in the leading-slash form with several organisations', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.main(e2e().browser, e2e().serverUrl, e2e().workspace, '10-dialects');
  });
  after(async () => {
    // Later tests expect the reference's server and a workbench not signed in to Acme Europe.
    e2e().simulator.setDialect({ signature: 'reference', organisations: 'object', assignScope: 'capability' });
    await wb.ensureSignedOut().catch(() => undefined);
    await wb.done();
  });

  const quickRow = (text: string | RegExp) =>
    wb.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();

  /** Signed out, the demo data, and the server speaking Sinch's sample code's dialect. */
  async function leadingSlashWithSeveral(): Promise<void> {
    await wb.ensureSignedOut();
    const sim = e2e().simulator;
    sim.setDialect({ signature: 'leading-slash', organisations: 'several', assignScope: 'capability' });
    sim.reset('demo');
    sim.resetCounters();
  }

  /** Through the palette to the organisation pick, which lists both of the login's organisations. */
  async function signInToThePick(): Promise<void> {
    await wb.enterCredentials(DEMO_USER);
    await quickRow('Acme Europe').waitFor({ timeout: 60_000 });
    assert.match(
      (await wb.quickInput().getAttribute('placeholder')) ?? '',
      /This login has 2 organisations: choose the one to work with/,
    );
  }

  it('signs in: the reference form is refused once, the leading-slash form works, and the organisation is chosen in a quick pick', async () => {
    await leadingSlashWithSeveral();
    await signInToThePick();
    const rows = await wb.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    assert.ok(
      rows.some((r) => r.includes('Acme') && r.includes(demo.orgId) && r.includes('US')),
      rows.join(' | '),
    );
    assert.ok(
      rows.some((r) => r.includes('Acme Europe') && r.includes(demo.europeOrgId) && r.includes('GB')),
      rows.join(' | '),
    );
    await wb.screenshot('1-organisation-pick');

    await wb.pickRow('Europe', 'Acme Europe');
    await wb.accountStatus(EUROPE.orgName).waitFor({ timeout: 60_000 });
    await wb.waitForRows(
      (r) => r.some((x) => x.level === 1 && x.text.startsWith('Unassigned')),
      "the chosen organisation's numbers in the tree",
    );
    assert.equal(
      e2e().simulator.counters().getOrganisation,
      2,
      'one refusal of the reference form, then the leading-slash form',
    );
    await wb.screenshot('2-signed-in-to-acme-europe');
  });

  it('rents one number in Paris for the chosen organisation', async () => {
    await leadingSlashWithSeveral();
    await signInToThePick();
    await wb.pickRow('Europe', 'Acme Europe');
    await wb.accountStatus(EUROPE.orgName).waitFor({ timeout: 60_000 });
    await wb.treeRow('Unassigned').waitFor({ timeout: 30_000 });

    await wb.treeRow('Unassigned').hover();
    await wb.page
      .locator('.part.sidebar .action-label[aria-label^="Rent Numbers"]')
      .filter({ visible: true })
      .first()
      .click();
    await wb.waitForQuickInput(/Rent Numbers/);
    await quickRow('Paris, France').waitFor({ timeout: 30_000 });
    await wb.pickRow('paris', 'Paris, France');
    await wb.waitForQuickInput(/How many numbers in Paris, France/);
    await wb.typeAndEnter('1');
    const dialog = wb.dialog();
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), new RegExp(`Organisation: Acme Europe \\(${demo.europeOrgId}\\)`));
    await wb.screenshot('3-confirm-for-acme-europe');
    await dialog.locator('.monaco-button', { hasText: /^Rent$/ }).click();

    const rented = await waitUntil(() => e2e().simulator.state.numbers.get(NEW_NUMBER), {
      what: 'the Paris number rented at the simulator',
    });
    assert.equal(rented?.orgId, demo.europeOrgId, 'rented for the organisation chosen at sign-in');
    await wb.treeRow('+33 1 40 00 01 01', { selected: true }).waitFor({ timeout: 30_000 });
    const { text: message } = await wb.expectNotification(/Rented .* for Acme Europe/);
    assert.match(message, new RegExp(`Rented \\+33 1 40 00 01 01 for Acme Europe \\(${demo.europeOrgId}\\)\\.`));
    const c = e2e().simulator.counters();
    assert.equal(c.reserve, 1, 'the form learned at sign-in is used at once: no refused reserve to repeat');
    assert.equal(c.checkout, 1);
    await wb.screenshot('4-rented-for-acme-europe');

    await wb.runCommand('Sinch Numbers: Test Connection');
    // The toast is short; its Show Report opens the whole report as a plain-text document. The
    // button is pressed in the notification center: the toast may be held back behind the
    // progress and Rented toasts, or hidden after its timeout.
    await wb.notificationAction(/Connected to Sinch as demo@example\.com: organisation Acme Europe/, 'Show Report');
    await wb.page.locator('.part.editor .tab', { hasText: /sinch-connection-.*\.txt/ }).waitFor({ timeout: 30_000 });
    await wb.page.locator('.part.editor .view-line', { hasText: 'Assign scope' }).waitFor({ timeout: 30_000 });
    const report = await wb.editorText();
    assert.match(report, /^Connected to Sinch as demo@example\.com: organisation Acme Europe/);
    assert.match(report, /Signature: the path with its leading slash/);
    assert.match(report, /Organisations: Sinch answers a list, of 2 for this login/);
    assert.match(report, /Assign scope: not seen yet/, 'no assign has shown the scope yet');
    await wb.screenshot('5-test-connection');
  });
});
