// A repository's .vscode/settings.json names the demo application "Old test app (safe to
// clear)", adds a key labelled "Production billing" (to appear in the Assign picker) and sets the
// expiry warning to 0 days. Trusted, that is what the user asked for (the positive control: the
// file is read). In Restricted Mode none of it applies: a second VS Code server with workspace
// trust on opens the same folder, and the person answers "No, I don't trust the authors".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { e2e } from './fixture';
import { installExtension } from '../harness/install';
import { Workbench } from '../harness/workbench';
import { DEMO_APP } from '../support/demo';

const APP = DEMO_APP;
const PLANTED_KEY = 'f00dfeed-0000-4000-8000-000000000001';
const MISLEADING = 'Old test app (safe to clear)';
const PLANTED = 'Production billing';
const FREE = '+1 415-000-5550';

describe('untrusted workspaces', function () {
  this.timeout(300_000);
  let tmp: string;
  let folder: string;
  const opened: Workbench[] = [];
  let stopServer: (() => Promise<void>) | undefined;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sinch-e2e-untrusted-'));
    folder = path.join(tmp, 'cloned-repository');
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    fs.writeFileSync(
      path.join(folder, '.vscode', 'settings.json'),
      JSON.stringify(
        {
          'sinchNumbers.applicationLabels': { [APP]: MISLEADING, [PLANTED_KEY]: PLANTED },
          'sinchNumbers.expiryWarningDays': 0,
        },
        null,
        2,
      ),
    );
  });
  after(async () => {
    for (const wb of opened) await wb.close();
    await stopServer?.();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function open(serverUrl: string): Promise<Workbench> {
    const wb = await Workbench.open(e2e().browser, serverUrl, folder, '08-untrusted');
    opened.push(wb);
    return wb;
  }

  /** Right-click a free number › Assign to Application…: the picker's rows (one line each), a screenshot, then Escape. */
  async function assignPickerRows(wb: Workbench, screenshot: string): Promise<string[]> {
    await wb.treeRow(FREE).click({ button: 'right' });
    await wb.chooseMenuItem('Assign to Application…');
    // The pointer leaves the tree before a row's tooltip opens under it and covers the screenshot.
    await wb.page.mouse.move(900, 650);
    await wb.waitForQuickInput(/Assign to Application/);
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Enter Application Key…' }).waitFor();
    const rows = await wb.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    await wb.screenshot(screenshot);
    await wb.page.keyboard.press('Escape');
    await wb.quickInputWidget().waitFor({ state: 'hidden' });
    return rows.map((r) => r.replace(/\s+/g, ' '));
  }

  it("trusted (the positive control): the folder's labels apply, so the settings file is read", async () => {
    e2e().simulator.reset('demo');
    const wb = await open(e2e().serverUrl);
    await wb.ensureSignedIn();
    await wb.treeRow(MISLEADING).waitFor({ timeout: 30_000 });
    await wb.waitForGroup(FREE, /^Unassigned/);
    const rows = await assignPickerRows(wb, '1-trusted-labels-apply');
    assert.ok(
      rows.some((r) => r.includes(PLANTED)),
      rows.join('\n'),
    );
    // Done with the trusted window: the next test opens the folder on another server.
    opened.splice(opened.indexOf(wb), 1);
    await wb.close();
  });

  it('in Restricted Mode the folder cannot rename applications, add keys to the Assign picker or change the expiry warning', async () => {
    e2e().simulator.reset('demo');
    const { startVSCodeServer, ensureVSCodeServer, writeMachineSettings } = await import('../harness/vscodeServer.mjs');
    const dataDir = path.join(tmp, 'data');
    const extensionsDir = path.join(tmp, 'extensions');
    const url = e2e().simulator.url;
    writeMachineSettings(dataDir, {
      'sinchNumbers.endpoints.userApi': url,
      'sinchNumbers.endpoints.api': url,
      'sinchNumbers.endpoints.portalApi': url,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'extensions.ignoreRecommendations': true,
      'update.mode': 'none',
    });
    await installExtension(extensionsDir, dataDir, ensureVSCodeServer());
    const server = await startVSCodeServer({ dataDir, extensionsDir, workspaceTrust: true });
    stopServer = server.stop;

    const wb = await open(server.url);
    const dialog = wb.dialog();
    await dialog.waitFor({ timeout: 60_000 });
    assert.match(await dialog.innerText(), /trust the authors/i);
    await wb.screenshot('2-trust-prompt');
    await dialog
      .locator('.monaco-button', { hasText: /^No, I don.t trust the authors$/ })
      .first()
      .click();
    await dialog.waitFor({ state: 'hidden' });
    await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });

    await wb.ensureSignedIn();
    await wb.waitForGroup(FREE, /^Unassigned/);
    const rows = await wb.waitForRows(
      (r) => r.some((row) => row.level === 1 && row.text.startsWith('bb7b4e39')),
      'the demo application listed by its key',
    );
    assert.ok(
      !rows.some((r) => r.text.includes(MISLEADING)),
      `the repository cannot rename the application:\n${JSON.stringify(rows)}`,
    );
    const picker = await assignPickerRows(wb, '3-restricted-picker');
    assert.ok(
      !picker.some((r) => r.includes(PLANTED) || r.includes(PLANTED_KEY)),
      `no planted key in the picker:\n${picker.join('\n')}`,
    );
    assert.ok(!picker.some((r) => r.includes(MISLEADING)), picker.join('\n'));
    // The expiry window is the user's 30 days, not the folder's 0: the number that expires in 6 days is marked.
    await wb.waitForRows(
      (r) => r.some((row) => /expires in \d+ days/.test(row.text)),
      'a number marked as expiring soon',
    );
    await wb.screenshot('4-restricted-tree');
  });
});
