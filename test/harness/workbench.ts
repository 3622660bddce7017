// A person at the workbench: opens VS Code in headless Chromium against the VS Code server,
// clicks, types, and keeps a screenshot of every step in .test-output/screenshots.
//
// Everything here waits on state (the DOM, the simulator), never on time: a loaded machine
// only makes the tests slower, not different. Every menu command is chosen exactly once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { waitUntil } from '../support/waitUntil';

export { waitUntil };

/** The simulator's demo user. */
export const DEMO_USER = { email: 'demo@example.com', password: 'demo-password', orgName: 'Acme' };
export type User = typeof DEMO_USER;

export const outputDir = path.resolve(__dirname, '..', '..', '.test-output');
export const screenshotDir = path.join(outputDir, 'screenshots');
export const traceDir = path.join(outputDir, 'traces');

/** The status bar item of the extension (statusBar.ts), by the id VS Code gives it. */
const ACCOUNT_STATUS = '[id="sinch-numbers-dev.sinch-numbers.sinchNumbers.account"]';

/** Text made safe to put in a RegExp. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The tree's rows in order, with their depth (aria-level). */
export interface TreeRow {
  level: number;
  text: string;
}

const openWorkbenches = new Set<Workbench>();

/** The workbenches open now (the fixture's hooks tidy and trace each around every test). */
export function workbenches(): Workbench[] {
  return [...openWorkbenches];
}

/** The window the feature files share (`Workbench.main`). */
let mainWindow: Workbench | undefined;

export class Workbench {
  /** The notification center was opened since the notifications were last cleared. */
  private centerShown = false;
  /** A test failed in this window: it is not handed to another file. */
  private failed = false;

  /** `prefix` names the screenshots: the file that is using the window now. */
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    public prefix: string,
  ) {}

  /**
   * The window the feature files share, opened on the first call, as a person keeps one window
   * open. A new window costs seconds (the workbench loads, a new extension host starts, the user
   * signs in again); each test still sets up what it needs (signed in or out, the simulator's
   * data). A window in which a test failed is closed, and the next file gets a fresh one, so a
   * failure does not carry over into another file.
   */
  static async main(browser: Browser, serverUrl: string, workspace: string, prefix: string): Promise<Workbench> {
    if (mainWindow?.failed) {
      await mainWindow.close();
      mainWindow = undefined;
    }
    mainWindow ??= await Workbench.open(browser, serverUrl, workspace, prefix);
    mainWindow.prefix = prefix;
    return mainWindow;
  }

  /** The fixture marks every open window when a test fails. */
  markFailed(): void {
    this.failed = true;
  }

  /**
   * A file is done with the window: the shared one is left as a new window shows (no editor, no
   * panel, nothing open) for the next file; any other is closed.
   */
  async done(): Promise<void> {
    if (this !== mainWindow || this.failed) return this.close();
    await this.tidy();
    const tabs = this.page.locator('.part.editor .tabs-container .tab');
    if ((await tabs.count()) > 0) {
      await this.runCommand('View: Close All Editors');
      // An editor with unsaved changes asks first; what a test typed is not kept.
      const ask = this.dialog().filter({ hasText: 'Do you want to save' });
      await waitUntil(
        async () => {
          if (await ask.isVisible()) await ask.locator('.monaco-button', { hasText: /^Don.t Save$/ }).click();
          return (await tabs.count()) === 0;
        },
        { what: 'every editor closed' },
      );
    }
    if (await this.page.locator('.part.panel').isVisible()) {
      await this.runCommand('View: Hide Panel');
      await this.page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 30_000 });
    }
  }

  /**
   * A new browser context (so a new extension host, signed out, with empty user settings) on
   * the workbench. Tracing runs from the start; the fixture keeps one trace per failed test.
   * A DOM snapshot around every action costs about an eighth of the layer's time on VS Code's
   * large DOM, so traces hold screenshots unless SINCH_TEST_TRACE_DOM=1 asks for snapshots too.
   */
  static async open(browser: Browser, serverUrl: string, workspace: string, prefix: string): Promise<Workbench> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.tracing.start({
      screenshots: true,
      snapshots: process.env.SINCH_TEST_TRACE_DOM === '1',
      title: prefix,
    });
    const page = await context.newPage();
    const wb = new Workbench(context, page, prefix);
    openWorkbenches.add(wb);
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    await page.locator('.activitybar').waitFor({ timeout: 120_000 });
    return wb;
  }

  async close(): Promise<void> {
    openWorkbenches.delete(this);
    if (mainWindow === this) mainWindow = undefined;
    await this.context.tracing.stop().catch(() => undefined);
    await this.context.close();
  }

  // ---- traces, screenshots, and a clean slate between tests ------------------------------

  /** Starts recording the trace of one test (what was recorded since the last test is dropped). */
  async startTestTrace(title: string): Promise<void> {
    await this.context.tracing.stopChunk().catch(() => undefined);
    await this.context.tracing.startChunk({ title }).catch(() => undefined);
  }

  /** Ends the test's trace: saved to `file` (a failed test), or dropped; recording goes on. */
  async endTestTrace(file?: string): Promise<void> {
    if (file) fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.context.tracing.stopChunk(file ? { path: file } : undefined).catch(() => undefined);
    await this.context.tracing.startChunk().catch(() => undefined);
  }

  /** Saves a screenshot named `<prefix>-<name>.png` and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${this.prefix}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * What is open on the page, read in one call (each Playwright call is a traced action with DOM
   * snapshots, which on VS Code's large DOM costs a noticeable fraction of a second).
   */
  private async probe(): Promise<
    Record<
      | 'dialog'
      | 'menu'
      | 'quickInput'
      | 'hover'
      | 'toast'
      | 'unread'
      | 'progress'
      | 'numbersShown'
      | 'signedIn'
      | 'signedOut',
      boolean
    >
  > {
    // A string, not a function: the test runner's transpiler adds helpers the page does not have.
    return this.page.evaluate(`(() => {
      const visible = (selector, text) => [...document.querySelectorAll(selector)]
        .some((el) => el.checkVisibility() && (!text || text.test(el.textContent)));
      return {
        dialog: visible('.monaco-dialog-box'),
        menu: visible('.context-view .monaco-menu'),
        quickInput: visible('.quick-input-widget'),
        hover: visible('.monaco-hover, .workbench-hover'),
        toast: visible('.notification-toast'),
        unread: document.querySelector('[id="status.notifications"] .codicon-bell-dot') !== null,
        progress: document.querySelector('.notification-toast .monaco-progress-container.active') !== null,
        numbersShown: visible('.part.sidebar .composite.title', /Sinch Numbers/i),
        signedIn: visible('.statusbar-item${ACCOUNT_STATUS}'),
        signedOut: visible('.welcome-view-content a.monaco-button', /Sign In/),
      };
    })()`);
  }

  /**
   * What a person does before starting something new: closes a modal dialog, a menu or a quick
   * input left open (Escape, so a flow waiting on it is cancelled, not left hanging), moves the
   * pointer out of the way, and clears the notifications. Progress notifications cannot be
   * cleared: it waits for them to end. When nothing is open it costs one call.
   */
  async tidy(): Promise<void> {
    let open = await this.probe();
    for (let i = 0; i < 8 && (open.dialog || open.menu || open.quickInput); i++) {
      // One layer per Escape: a dialog, a submenu, its menu, a quick input.
      await this.page.keyboard.press('Escape');
      open = await this.probe();
    }
    if (open.hover) await this.restPointer();
    // Any toast, an unread one (the bell's dot), or ones this test read in the notification center.
    if (this.centerShown || open.toast || open.unread) {
      await this.runCommand('Notifications: Clear All Notifications');
      await this.quickInputWidget().waitFor({ state: 'hidden' });
      this.centerShown = false;
    }
    if (open.progress) {
      await this.progressToasts()
        .first()
        .waitFor({ state: 'detached', timeout: 30_000 })
        .catch(() => {
          console.warn(`[${this.prefix}] a progress notification is still open after 30 s`);
        });
    }
  }

  /**
   * Points at `target` until the hover holding `text` shows, as a person moves the pointer off
   * and back when no tooltip comes: a row redrawn under a resting pointer gets no new hover.
   */
  async hoverFor(target: Locator, text: string | RegExp): Promise<Locator> {
    const hover = this.page.locator('.monaco-hover, .workbench-hover', { hasText: text }).first();
    for (let attempt = 1; ; attempt++) {
      await this.restPointer();
      await target.hover();
      try {
        await hover.waitFor({ timeout: 5_000 });
        return hover;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
  }

  /** Moves the pointer to an empty editor area and waits for hovers to close, so screenshots show the view. */
  async restPointer(): Promise<void> {
    await this.page.mouse.move(900, 650);
    const hovers = this.page.locator('.monaco-hover:visible, .workbench-hover:visible');
    if ((await hovers.count()) > 0) {
      await this.page.keyboard.press('Escape');
      await hovers.first().waitFor({ state: 'detached', timeout: 10_000 });
    }
  }

  // ---- views, commands, menus -----------------------------------------------------------

  /**
   * Shows a view container by its title. Clicking the activity bar entry of the container
   * already shown would hide the sidebar, so it clicks only when the sidebar shows another.
   */
  async openContainer(title: string): Promise<void> {
    const shown = this.page.locator('.part.sidebar .composite.title', {
      hasText: new RegExp(escapeRegExp(title), 'i'),
    });
    if (await shown.isVisible()) return;
    // The entry's label is on its <a>; the <li>'s aria-label changes with its state.
    const item = this.page.locator(`.activitybar .action-item:has(> a.action-label[aria-label^="${title}"])`).first();
    await item.waitFor({ timeout: 60_000 });
    await item.click();
    await shown.waitFor({ timeout: 30_000 });
  }

  /**
   * Runs a command from the palette by its full title, e.g. "Sinch Numbers: Sign In". Enter
   * is pressed once the entry is the active row, so the command run is always that one.
   */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput();
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: title })
      .first()
      .waitFor({ timeout: 30_000 });
    await this.page.keyboard.press('Enter');
  }

  /** The entry of the open context menu (or submenu) whose label is `text` (and, say, `.focused`). */
  menuItem(text: string | RegExp, state = ''): Locator {
    const label = typeof text === 'string' ? new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) : text;
    return this.page
      .locator(`.context-view .action-item${state}`)
      .filter({ has: this.page.locator(':scope > a.action-menu-item > span.action-label', { hasText: label }) })
      .first();
  }

  /**
   * Gives the keyboard focus of the open context menu to an entry: the pointer rests on it
   * (which focuses it, also in a submenu), then the test waits until it is the focused, enabled
   * entry. `path` names submenus on the way.
   */
  async focusMenuItem(...path: string[]): Promise<Locator> {
    await this.page.locator('.context-view .monaco-menu').first().waitFor({ state: 'visible', timeout: 30_000 });
    let item: Locator | undefined;
    for (const text of path) {
      item = this.menuItem(text);
      await this.menuItem(text, ':not(.disabled)').waitFor({ state: 'visible', timeout: 30_000 });
      await item.hover();
      await this.menuItem(text, '.focused').waitFor({ state: 'visible', timeout: 30_000 });
    }
    if (!item) throw new Error('focusMenuItem: which entry?');
    return item;
  }

  /**
   * Chooses an entry of the open context menu, exactly once: focuses it (focusMenuItem), presses
   * Enter, and waits for the menu to close. A click is not used: VS Code ignores the mouse-up on
   * a menu entry for its first 100 ms and runs a click from a timer, so on a loaded machine a
   * click could seem lost, and trying again could run the command twice.
   */
  async chooseMenuItem(...path: string[]): Promise<void> {
    await this.focusMenuItem(...path);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.context-view .monaco-menu').first().waitFor({ state: 'hidden', timeout: 30_000 });
  }

  quickInputWidget(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget input.input');
  }

  /** Waits for the quick input to show (its prompt/placeholder may match `text`). */
  async waitForQuickInput(text?: string | RegExp): Promise<void> {
    await this.quickInputWidget().waitFor({ state: 'visible', timeout: 30_000 });
    if (text) await this.page.locator('.quick-input-widget', { hasText: text }).waitFor({ timeout: 30_000 });
  }

  async typeAndEnter(value: string): Promise<void> {
    const input = this.quickInput();
    await input.waitFor();
    await input.fill(value);
    await this.page.keyboard.press('Enter');
  }

  /** Types `filter` into the open quick pick and accepts the row matching `row` once it is the active one. */
  async pickRow(filter: string, row: string | RegExp): Promise<void> {
    await this.quickInput().fill(filter);
    await this.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: row })
      .first()
      .waitFor({ timeout: 30_000 });
    await this.page.keyboard.press('Enter');
  }

  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  // ---- signing in ------------------------------------------------------------------------

  /** The welcome view's Sign In button (shown while signed out). */
  signInButton(): Locator {
    return this.page.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign In' });
  }

  /** The extension's status bar item (shown while signed in), optionally with the organisation's name. */
  accountStatus(orgName?: string): Locator {
    return this.page.locator(`.statusbar-item${ACCOUNT_STATUS}`, orgName ? { hasText: orgName } : {}).first();
  }

  /** Signed in or not, once the view has settled into one of the two. */
  async signedIn(): Promise<boolean> {
    const now = await this.probe();
    if (now.numbersShown && (now.signedIn || now.signedOut)) return now.signedIn;
    await this.openContainer('Sinch Numbers');
    await this.accountStatus().or(this.signInButton()).first().waitFor({ timeout: 60_000 });
    return this.accountStatus().isVisible();
  }

  /**
   * Signs in as a person would: F1 → "Sinch Numbers: Sign In", identity, password; waits
   * until the organisation shows in the status bar.
   */
  async signIn(user: User = DEMO_USER): Promise<void> {
    await this.enterCredentials(user);
    await this.accountStatus(user.orgName).waitFor({ timeout: 60_000 });
  }

  /** "Sinch Numbers: Sign In" from the palette, the identity and the password typed; no wait after. */
  async enterCredentials(user: User = DEMO_USER): Promise<void> {
    await this.openContainer('Sinch Numbers');
    await this.runCommand('Sinch Numbers: Sign In');
    await this.waitForQuickInput(/email address or phone number/);
    await this.typeAndEnter(user.email);
    await this.waitForQuickInput(/password/);
    await this.typeAndEnter(user.password);
  }

  /** Signed in as `user`, whatever happened before: signs in only when needed. */
  async ensureSignedIn(user: User = DEMO_USER): Promise<void> {
    if (await this.signedIn()) {
      if (await this.accountStatus(user.orgName).isVisible()) return;
      await this.signOut();
    }
    await this.signIn(user);
  }

  /** Signed out, whatever happened before. */
  async ensureSignedOut(): Promise<void> {
    if (await this.signedIn()) await this.signOut();
  }

  /**
   * "Sinch Numbers: Sign Out" (every account); waits for the welcome view. With several accounts
   * the pick's "All accounts" is the confirmation; with one, a modal names it first.
   */
  async signOut(): Promise<void> {
    await this.runCommand('Sinch Numbers: Sign Out');
    const all = this.page.locator('.quick-input-list .monaco-list-row', { hasText: 'All accounts' }).first();
    const confirm = this.dialog().filter({ hasText: 'Sign out of ' });
    await this.signInButton().or(all).or(confirm).first().waitFor({ timeout: 30_000 });
    if (await all.isVisible()) await this.pickRow('All accounts', 'All accounts');
    else if (await confirm.isVisible()) await confirm.locator('.monaco-button', { hasText: /^Sign Out$/ }).click();
    await this.signInButton().waitFor({ timeout: 30_000 });
    await this.accountStatus().waitFor({ state: 'hidden', timeout: 30_000 });
  }

  // ---- the Numbers tree ------------------------------------------------------------------

  /**
   * The first tree row showing `text`; `level` narrows it to a depth (1: an application or
   * Unassigned), `selected` to the selected row.
   */
  treeRow(text: string | RegExp, only: { level?: number; selected?: boolean } = {}): Locator {
    const level = only.level === undefined ? '' : `[aria-level="${only.level}"]`;
    const selected = only.selected ? '[aria-selected="true"]' : '';
    return this.page.locator(`.pane-body .monaco-list-row${level}${selected}`, { hasText: text }).first();
  }

  /** The tree's rows in order, with their depth (aria-level). */
  async treeRows(): Promise<TreeRow[]> {
    return this.page.locator('.pane-body .monaco-list-row').evaluateAll((els) =>
      els.map((el) => ({
        level: Number(el.getAttribute('aria-level')),
        text: (el as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim(),
      })),
    );
  }

  /**
   * Waits until the tree's rows pass `check` and returns them. The tree fills in steps (the
   * groups, then each group's numbers), so a test reads it only once it has reached the state.
   */
  async waitForRows(check: (rows: TreeRow[]) => boolean, what: string, timeout = 30_000): Promise<TreeRow[]> {
    let last: TreeRow[] = [];
    try {
      await waitUntil(async () => check((last = await this.treeRows())), { timeout, what, interval: 250 });
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.message : String(e)}; the tree shows ${JSON.stringify(last)}`);
    }
    return last;
  }

  /** The first line of the group (application or Unassigned) the tree lists `number` under; '' when it is not listed. */
  async groupOf(number: string): Promise<string> {
    let group = '';
    for (const row of await this.treeRows()) {
      if (row.level === 1) group = row.text;
      else if (row.text.includes(number)) return group;
    }
    return '';
  }

  /** Waits until the tree lists `number` under the group whose row starts with `group` (polled in the page). */
  async waitForGroup(number: string, group: RegExp, timeout = 30_000): Promise<void> {
    try {
      await this.page.waitForFunction(
        ({ number, source, flags }) => {
          const doc = (globalThis as any).document;
          const wanted = new RegExp(source, flags);
          let current = '';
          for (const el of doc.querySelectorAll('.pane-body .monaco-list-row')) {
            const text = String(el.innerText).replace(/\s+/g, ' ').trim();
            if (el.getAttribute('aria-level') === '1') current = text;
            else if (text.includes(number)) return wanted.test(current);
          }
          return false;
        },
        { number, source: group.source, flags: group.flags },
        { timeout, polling: 250 },
      );
    } catch (e) {
      throw new Error(
        `${number} is not under ${group} in the tree (it is under "${await this.groupOf(number)}"): ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  /**
   * The tree lists `number` under `group`: refreshed only when it shows otherwise (the window may
   * still show what an earlier test left), then waited on, so no refresh ends under the test's
   * own clicks and redraws the rows beneath the pointer.
   */
  async showInGroup(number: string, group: RegExp): Promise<void> {
    if (group.test(await this.groupOf(number))) return;
    await this.refreshTree();
    await this.waitForGroup(number, group);
  }

  /** "Sinch Numbers: Refresh": the tree reads the simulator's current state. */
  async refreshTree(): Promise<void> {
    await this.runCommand('Sinch Numbers: Refresh');
  }

  // ---- notifications ---------------------------------------------------------------------

  notification(text: string | RegExp): Locator {
    return this.page.locator('.notification-toast', { hasText: text }).first();
  }

  /** Toasts with a running progress bar. */
  progressToasts(): Locator {
    return this.page.locator('.notification-toast:has(.monaco-progress-container.active)');
  }

  /**
   * The notification matching `text`: its text, and its toast when a toast shows it. A toast may
   * be collapsed, held back behind three others or hidden after its timeout; the notification
   * center lists them all, so that is where it looks when no toast shows it, and then `toast` is
   * undefined: the notification was found, not seen on screen. Call it once the state says the
   * operation has finished. To press a notification's button, use `notificationAction`.
   */
  async expectNotification(text: RegExp, timeout = 15_000): Promise<{ text: string; toast?: Locator }> {
    const toast = this.notification(text);
    try {
      await toast.waitFor({ state: 'visible', timeout });
      return { text: (await toast.innerText()).replace(/\u00a0/g, ' '), toast };
    } catch {
      const messages = await this.notificationCenter();
      const found = messages.find((m) => text.test(m));
      if (!found)
        throw new Error(
          `No notification matches ${text}. The notification center holds:\n${messages.join('\n') || '(nothing)'}`,
        );
      return { text: found };
    }
  }

  /**
   * Presses `button` on the notification matching `text`, in the notification center, which
   * lists every notification whether or not a toast shows it (a toast may be held back behind
   * three others, or hide after its timeout between finding it and clicking it). Waits for the
   * notification to come, and for the button to close it; the center is closed again afterwards.
   */
  async notificationAction(text: RegExp, button: string, timeout = 30_000): Promise<void> {
    this.centerShown = true;
    await this.runCommand('Notifications: Show Notifications');
    const center = this.page.locator('.notifications-center');
    await center.waitFor({ state: 'visible' });
    const row = center.locator('.monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout });
    const action = row.locator('.monaco-button', { hasText: button }).first();
    // A collapsed notification hides its buttons; its toggle expands it.
    if (!(await action.isVisible())) await row.locator('.codicon-notifications-expand').first().click();
    await action.click();
    // The button closes its notification; what it opens (an editor, say) may take the focus, so
    // the center is closed by its own Hide button, not by a command typed into the palette.
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    if (await center.isVisible()) {
      await center.locator('.notifications-center-header .codicon-notifications-hide').first().click();
      await center.waitFor({ state: 'hidden' });
    }
  }

  /** The text of the active editor's lines on screen (a short document shows whole). */
  async editorText(): Promise<string> {
    const lines = await this.page.locator('.part.editor .editor-instance .view-lines .view-line').evaluateAll((els) =>
      els
        .map((el) => ({
          top: parseFloat((el as unknown as { style: { top: string } }).style.top) || 0,
          text: String((el as unknown as { textContent: string }).textContent),
        }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
    return lines.join('\n').replace(/\u00a0/g, ' ');
  }

  /** Every notification's text and buttons, from the notification center (opened and closed again). */
  async notificationCenter(): Promise<string[]> {
    this.centerShown = true;
    await this.runCommand('Notifications: Show Notifications');
    const center = this.page.locator('.notifications-center');
    await center.waitFor({ state: 'visible' });
    const texts = await center.locator('.monaco-list-row').allInnerTexts();
    await this.runCommand('Notifications: Hide Notifications');
    await center.waitFor({ state: 'hidden' });
    return texts.map((t) =>
      t
        .replace(/\u00a0/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
}
