// Mocha root hooks for the end-to-end layer: one Sinch simulator, one VS Code server with the
// built extension installed (as a user would have it), one headless Chromium. Around every
// test: no fault left injected, every open workbench tidied (no dialog, menu, quick input or
// notification left from before), and a Playwright trace kept for each failed test in
// .test-output/traces/ (`npx playwright-core show-trace <file>`), with a screenshot of the moment.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { startSimulator, type Simulator } from '../simulator';
import { installExtension } from '../harness/install';
import { screenshotDir, traceDir, workbenches } from '../harness/workbench';

interface E2eEnvironment {
  simulator: Simulator;
  serverUrl: string;
  workspace: string;
  browser: Browser;
}
let environment: E2eEnvironment | undefined;
let stopServer: (() => Promise<void>) | undefined;
let tmp: string | undefined;

/** The shared environment, available inside tests. */
export function e2e(): E2eEnvironment {
  if (!environment) throw new Error('The e2e environment is not running.');
  return environment;
}

/** A file name for a test: its title, lower case, words joined by dashes. */
function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(300_000);
    const { startVSCodeServer, ensureVSCodeServer, writeMachineSettings } = await import('../harness/vscodeServer.mjs');
    const { launchChromium } = await import('../harness/browser.mjs');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sinch-e2e-'));
    const simulator = await startSimulator({ port: 0 });
    const dataDir = path.join(tmp, 'data');
    const extensionsDir = path.join(tmp, 'extensions');
    const workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    writeMachineSettings(dataDir, {
      'sinchNumbers.endpoints.userApi': simulator.url,
      'sinchNumbers.endpoints.api': simulator.url,
      'sinchNumbers.endpoints.portalApi': simulator.url,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'extensions.ignoreRecommendations': true,
      'workbench.enableExperiments': false,
      'update.mode': 'none',
      'telemetry.telemetryLevel': 'off',
    });
    await installExtension(extensionsDir, dataDir, ensureVSCodeServer());
    const server = await startVSCodeServer({ dataDir, extensionsDir });
    stopServer = server.stop;
    const browser = await launchChromium();
    environment = { simulator, serverUrl: server.url, workspace, browser };
  },
  async beforeEach(this: Mocha.Context) {
    this.timeout(120_000);
    environment?.simulator.faults.clear();
    for (const wb of workbenches()) {
      await wb.startTestTrace(this.currentTest?.fullTitle() ?? '');
      // Never fails the hook: a test that finds the workbench in a bad state fails by itself.
      await wb
        .tidy()
        .catch((e) =>
          console.warn(`[${wb.prefix}] tidying before the test failed: ${e instanceof Error ? e.message : String(e)}`),
        );
    }
  },
  async afterEach(this: Mocha.Context) {
    this.timeout(60_000);
    const test = this.currentTest;
    const failed = test?.state === 'failed';
    for (const wb of workbenches()) {
      const name = `${wb.prefix}-${slug(test?.title ?? 'test')}`;
      if (failed) {
        wb.markFailed();
        fs.mkdirSync(screenshotDir, { recursive: true });
        await wb.page.screenshot({ path: path.join(screenshotDir, `FAILED-${name}.png`) }).catch(() => undefined);
      }
      await wb.endTestTrace(failed ? path.join(traceDir, `${name}.zip`) : undefined);
    }
    environment?.simulator.faults.clear();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    for (const wb of workbenches()) await wb.close().catch(() => undefined);
    await environment?.browser.close().catch(() => undefined);
    await stopServer?.();
    await environment?.simulator.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  },
};
