// Signing in and out as a person does: the welcome view's button, the status bar item, a wrong
// password, the Accounts menu, and Cancel on a sign-in that hangs. Each test starts from the
// state it needs (signed in or out), so one failure does not decide the next test's outcome.
import * as assert from 'node:assert/strict';
import { e2e } from './fixture';
import { DEMO_USER as DEMO, waitUntil, Workbench } from '../harness/workbench';

describe('signing in', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.main(e2e().browser, e2e().serverUrl, e2e().workspace, '02-signIn');
  });
  after(async () => {
    await wb.done();
  });

  const welcome = () => wb.page.locator('.welcome-view-content', { hasText: 'Browse, rent and assign' });

  it('a person clicks Sign In in the welcome view, types email and password, and sees the organisation', async () => {
    await wb.ensureSignedOut();
    await wb.signInButton().click();

    await wb.waitForQuickInput(/email address or phone number/);
    await wb.quickInput().fill(DEMO.email);
    await wb.screenshot('1-identity');
    await wb.page.keyboard.press('Enter');

    await wb.waitForQuickInput(/password of demo@example\.com/);
    await wb.quickInput().fill(DEMO.password);
    assert.equal(await wb.quickInput().getAttribute('type'), 'password', 'the password box masks what is typed');
    await wb.screenshot('2-password');
    await wb.page.keyboard.press('Enter');

    await wb.accountStatus(DEMO.orgName).waitFor({ timeout: 60_000 });
    await welcome().waitFor({ state: 'hidden', timeout: 30_000 });
    await wb.treeRow('Unassigned').waitFor({ timeout: 30_000 });
    await wb.screenshot('3-signed-in');
  });

  it('hovering the status bar item shows who is signed in, until when, and what the numbers cost a month', async () => {
    await wb.ensureSignedIn();
    await wb.treeRow('Unassigned').waitFor({ timeout: 30_000 }); // the list has arrived
    await wb.accountStatus(DEMO.orgName).hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover', { hasText: 'Signed in as' }).first();
    await hover.waitFor({ timeout: 30_000 });
    const text = await hover.innerText();
    assert.match(text, /8888123/);
    assert.match(text, /demo@example\.com/);
    assert.match(text, /Session valid until/);
    assert.match(text, /\d+ numbers, costing \d+\.\d\d USD\/month/);
    await wb.screenshot('4-status-tooltip');
    await wb.restPointer();
  });

  it('clicking the status bar item offers the accounts and "Sign in to another account…"', async () => {
    await wb.ensureSignedIn();
    await wb.accountStatus(DEMO.orgName).click();
    await wb.waitForQuickInput(/Switch Sinch Account/);
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Sign in to another account' }).first().waitFor();
    const texts = await rows.allInnerTexts();
    assert.ok(
      texts.some((t) => t.includes('Acme') && t.includes('active')),
      texts.join(' | '),
    );
    await wb.screenshot('5-switch-account');
    await wb.page.keyboard.press('Escape');
    await wb.quickInputWidget().waitFor({ state: 'hidden' });
  });

  it('a wrong password brings the boxes back with the email kept and says why', async () => {
    await wb.ensureSignedIn();
    await wb.runCommand('Sinch Numbers: Sign In');
    await wb.waitForQuickInput(/email address or phone number/);
    await wb.typeAndEnter(DEMO.email);
    await wb.waitForQuickInput(/password of/);
    await wb.typeAndEnter('not-the-password');
    await wb.waitForQuickInput(/Email or password is incorrect/);
    assert.equal(await wb.quickInput().inputValue(), DEMO.email);
    await wb.screenshot('6-wrong-password');
    await wb.page.keyboard.press('Escape');
    await wb.quickInputWidget().waitFor({ state: 'hidden' });
    // Still signed in to the first account.
    assert.ok(await wb.accountStatus(DEMO.orgName).isVisible(), 'still signed in');
  });

  it('the Accounts menu lists the account and can sign it out; the welcome view comes back', async () => {
    await wb.ensureSignedIn();
    await wb.page.locator('.activitybar .action-item[aria-label="Accounts"]').first().click();
    await wb.focusMenuItem('demo@example.com (Sinch)', 'Sign Out');
    await wb.screenshot('7-accounts-menu');
    await wb.page.keyboard.press('Enter');
    const dialog = wb.dialog();
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.locator('.monaco-button', { hasText: 'Sign Out' }).first().click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await wb.signInButton().waitFor({ timeout: 30_000 });
    await wb.accountStatus().waitFor({ state: 'hidden', timeout: 30_000 });
    await wb.screenshot('8-signed-out');
  });

  it('Cancel on the progress notification stops a sign-in that hangs, silently', async () => {
    await wb.ensureSignedOut();
    const sim = e2e().simulator;
    sim.resetCounters();
    sim.faults.inject('login', { kind: 'hang' });
    await wb.runCommand('Sinch Numbers: Sign In');
    await wb.waitForQuickInput(/email address or phone number/);
    await wb.typeAndEnter(DEMO.email);
    await wb.waitForQuickInput(/password of/);
    await wb.typeAndEnter(DEMO.password);
    const progress = wb.notification(/Signing in to Sinch/);
    await progress.waitFor({ timeout: 30_000 });
    // The login request is at the simulator and hangs there.
    await waitUntil(() => sim.counters().login === 1, { what: 'the login request' });
    await wb.page
      .locator('.notification-toast.notification-fade-in-done', { hasText: /Signing in to Sinch/ })
      .waitFor();
    await wb.screenshot('9-signing-in');
    await progress.hover();
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
    await progress.waitFor({ state: 'hidden', timeout: 30_000 });
    // Signed out as before: the welcome view and its button, no status bar item, no session made.
    await wb.signInButton().waitFor({ timeout: 30_000 });
    await wb.restPointer();
    await wb.screenshot('10-cancelled');
    const toasts = await wb.page.locator('.notification-toast').allInnerTexts();
    assert.deepEqual(toasts, [], 'no error after a cancel');
    assert.equal(await wb.accountStatus().isVisible(), false, 'not signed in');
    assert.equal(sim.counters().createInstance, 0, 'no session was created');
  });
});
