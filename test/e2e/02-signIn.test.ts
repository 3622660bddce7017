import * as assert from 'node:assert/strict';
import { e2e } from './fixture';
import { Workbench } from './workbench';

const DEMO = { email: 'demo@example.com', password: 'demo-password', orgName: 'Acme' };

describe('signing in', () => {
  let wb: Workbench;
  before(async () => { wb = await Workbench.open(e2e().browser, e2e().serverUrl, e2e().workspace, '02-signIn'); });
  after(async () => { await wb.close(); });

  it('a person clicks Sign In in the welcome view, types email and password, and sees the organisation', async () => {
    await wb.openContainer('Sinch Numbers');
    const welcome = wb.page.locator('.welcome-view-content', { hasText: 'Browse, rent and assign' });
    const button = wb.page.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign In' });
    await button.waitFor({ timeout: 30_000 });
    await button.click();

    await wb.waitForQuickInput(/email address or phone number/);
    await wb.quickInput().fill(DEMO.email);
    await wb.screenshot('1-identity');
    await wb.page.keyboard.press('Enter');

    await wb.waitForQuickInput(/password of demo@example\.com/);
    await wb.quickInput().fill(DEMO.password);
    assert.equal(await wb.quickInput().getAttribute('type'), 'password', 'the password box masks what is typed');
    await wb.screenshot('2-password');
    await wb.page.keyboard.press('Enter');

    const status = wb.page.locator('.statusbar-item', { hasText: DEMO.orgName }).first();
    await status.waitFor({ timeout: 30_000 });
    await welcome.waitFor({ state: 'hidden', timeout: 15_000 });
    await wb.screenshot('3-signed-in');
    assert.equal(await welcome.isVisible(), false, 'the welcome content is gone');
  });

  it('hovering the status bar item shows who is signed in and until when', async () => {
    const status = wb.page.locator('.statusbar-item', { hasText: DEMO.orgName }).first();
    await status.hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover', { hasText: 'Signed in as' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const text = await hover.innerText();
    assert.match(text, /8888123/);
    assert.match(text, /demo@example\.com/);
    assert.match(text, /Session valid until/);
    await wb.screenshot('4-status-tooltip');
    await wb.page.mouse.move(600, 400);
  });

  it('clicking the status bar item offers the accounts and "Sign in to another account…"', async () => {
    await wb.page.locator('.statusbar-item', { hasText: DEMO.orgName }).first().click();
    await wb.waitForQuickInput(/Switch Sinch Account/);
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    assert.ok(texts.some((t) => t.includes('Acme') && t.includes('active')), texts.join(' | '));
    assert.ok(texts.some((t) => t.includes('Sign in to another account')), texts.join(' | '));
    await wb.screenshot('5-switch-account');
    await wb.page.keyboard.press('Escape');
  });

  it('a wrong password brings the boxes back with the email kept and says why', async () => {
    await wb.runCommand('Sinch Numbers: Sign In');
    await wb.waitForQuickInput(/email address or phone number/);
    await wb.typeAndEnter(DEMO.email);
    await wb.waitForQuickInput(/password of/);
    await wb.typeAndEnter('not-the-password');
    await wb.waitForQuickInput(/Email or password is incorrect/);
    assert.equal(await wb.quickInput().inputValue(), DEMO.email);
    await wb.screenshot('6-wrong-password');
    await wb.page.keyboard.press('Escape');
    // Still signed in to the first account.
    await wb.page.locator('.statusbar-item', { hasText: DEMO.orgName }).first().waitFor();
  });

  it('the Accounts menu lists the account and can sign it out; the welcome view comes back', async () => {
    await wb.page.locator('.activitybar [aria-label="Accounts"]').first().click();
    const entry = wb.page.locator('.action-menu-item', { hasText: 'demo@example.com (Sinch)' }).first();
    await entry.waitFor({ timeout: 15_000 });
    await entry.hover();
    const signOut = wb.page.locator('.action-menu-item', { hasText: /^Sign Out$/ }).first();
    await signOut.waitFor({ timeout: 10_000 });
    await wb.screenshot('7-accounts-menu');
    await signOut.click();
    const dialog = wb.dialog();
    await dialog.waitFor({ timeout: 10_000 });
    await dialog.locator('.monaco-button', { hasText: 'Sign Out' }).first().click();
    await wb.page.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign In' }).waitFor({ timeout: 15_000 });
    await wb.page.locator('.statusbar-item', { hasText: DEMO.orgName }).first().waitFor({ state: 'hidden', timeout: 15_000 });
    await wb.screenshot('8-signed-out');
  });

  it('Cancel on the progress notification stops a sign-in that hangs, silently', async () => {
    await wb.openContainer('Sinch Numbers');
    await wb.runCommand('Notifications: Clear All Notifications'); // VS Code's own "Successfully signed out."
    e2e().simulator.faults.inject('login', { kind: 'hang' });
    await wb.runCommand('Sinch Numbers: Sign In');
    await wb.waitForQuickInput(/email address or phone number/);
    await wb.typeAndEnter(DEMO.email);
    await wb.waitForQuickInput(/password of/);
    await wb.typeAndEnter(DEMO.password);
    const progress = wb.notification(/Signing in to Sinch/);
    await progress.waitFor({ timeout: 15_000 });
    await wb.page.waitForTimeout(400); // let the toast finish sliding in
    await wb.screenshot('9-signing-in');
    await progress.hover();
    await progress.locator('.monaco-button, a.monaco-text-button', { hasText: 'Cancel' }).first().click();
    await progress.waitFor({ state: 'hidden', timeout: 5_000 });
    await wb.page.waitForTimeout(500);
    const toasts = await wb.page.locator('.notification-toast').allInnerTexts();
    await wb.screenshot('10-cancelled');
    assert.deepEqual(toasts, [], 'no error after a cancel');
    assert.ok(await wb.page.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign In' }).isVisible());
    e2e().simulator.faults.clear();
  });
});
