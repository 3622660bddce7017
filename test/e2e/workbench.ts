// A person at the workbench: opens VS Code in headless Chromium against the VS Code server,
// clicks, types, and keeps a screenshot of every step in .test-output/screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** The simulator's demo user. */
export const DEMO_USER = { email: 'demo@example.com', password: 'demo-password', orgName: 'Acme' };

export const screenshotDir = path.resolve(__dirname, '..', '..', '.test-output', 'screenshots');

export class Workbench {
  private constructor(readonly context: BrowserContext, readonly page: Page, private readonly prefix: string) {}

  static async open(browser: Browser, serverUrl: string, workspace: string, prefix: string): Promise<Workbench> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar').waitFor({ timeout: 60_000 });
    return new Workbench(context, page, prefix);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Saves a screenshot named `<prefix>-<name>.png` and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${this.prefix}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Clicks the activity-bar entry of a view container by its title. */
  async openContainer(title: string): Promise<void> {
    const item = this.page.locator(`.activitybar [aria-label^="${title}"]`).first();
    await item.waitFor({ timeout: 30_000 });
    const checked = await item.getAttribute('aria-expanded').catch(() => null);
    if (checked !== 'true') await item.click();
  }

  /** Runs a command from the palette by its full title, e.g. "Sinch Numbers: Sign In". */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput();
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 15_000 });
    await this.page.keyboard.press('Enter');
  }

  /**
   * Signs in as a person would: F1 → "Sinch Numbers: Sign In", identity, password; waits
   * until the organisation shows in the status bar.
   */
  async signIn(user = DEMO_USER): Promise<void> {
    await this.openContainer('Sinch Numbers');
    await this.runCommand('Sinch Numbers: Sign In');
    await this.waitForQuickInput(/email address or phone number/);
    await this.typeAndEnter(user.email);
    await this.waitForQuickInput(/password/);
    await this.typeAndEnter(user.password);
    await this.page.locator('.statusbar-item', { hasText: user.orgName }).first().waitFor({ timeout: 30_000 });
  }

  /** The entry of the open context menu whose label contains `text`. */
  menuItem(text: string): Locator {
    return this.page.locator('.context-view .action-item', { hasText: text }).first();
  }

  /**
   * Chooses an entry of the open context menu. A click that lands while the menu is still
   * settling can leave it open with the entry highlighted; then Enter chooses it, as a
   * person would press it.
   */
  async chooseMenuItem(text: string): Promise<void> {
    const item = this.menuItem(text);
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    await item.hover();
    await item.click();
    const menu = this.page.locator('.context-view .monaco-menu');
    try {
      await menu.waitFor({ state: 'hidden', timeout: 2_000 });
    } catch {
      await item.hover();
      await this.page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden', timeout: 5_000 });
    }
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget input.input');
  }

  /** Waits for the quick input to show (its prompt/placeholder may match `text`). */
  async waitForQuickInput(text?: string | RegExp): Promise<void> {
    await this.page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    if (text) await this.page.locator('.quick-input-widget', { hasText: text }).waitFor({ timeout: 15_000 });
  }

  async typeAndEnter(value: string): Promise<void> {
    const input = this.quickInput();
    await input.waitFor();
    await input.fill(value);
    await this.page.keyboard.press('Enter');
  }

  treeRow(text: string | RegExp): Locator {
    return this.page.locator('.monaco-list-row', { hasText: text }).first();
  }

  notification(text: string | RegExp): Locator {
    return this.page.locator('.notification-toast', { hasText: text }).first();
  }

  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }
}
