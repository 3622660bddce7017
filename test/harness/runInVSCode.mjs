// Runs the integration suite inside the real extension host of the VS Code server, the way
// @vscode/test-electron does on the desktop: the workbench opens in headless Chromium with
// extensionDevelopmentPath/extensionTestsPath in its URL, and reports the verdict through
// codeAutomationExit.
import fs from 'node:fs';
import util from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVSCodeServer, writeMachineSettings } from './vscodeServer.mjs';
import { launchChromium } from './browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Workbench chatter that says nothing about the suite (sockets, the offline marketplace). */
const WORKBENCH_NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore|getaddrinfo ENOTFOUND|Ignoring the error while validating workspace folder|\[uncaught exception\]: Error: ENOTFOUND|Extension host \(Remote\))/;

export async function runIntegrationSuite({ settings = {}, env = {}, timeoutMs = 20 * 60_000, verbose = false }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sinch-it-'));
  const dataDir = path.join(tmp, 'data');
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  writeMachineSettings(dataDir, settings);
  const serverLog = [];
  const server = await startVSCodeServer({
    dataDir,
    extensionsDir: path.join(tmp, 'extensions'),
    env,
    log: (line) => {
      serverLog.push(line);
      if (verbose) process.stdout.write(line);
    },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(path.join(root, 'out', 'test', 'integration', 'index.js'))],
    ];
    const verdict = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The extension host's console (mocha's reporter) and the workbench's log arrive here.
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      if (text.trim() && (verbose || !WORKBENCH_NOISE.test(text))) process.stdout.write(`${text.replace(/\n$/, '')}\n`);
    });
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    const code = await Promise.race([verdict, timeout]);
    if (code === 'timeout')
      throw new Error(
        `The integration suite did not finish in ${timeoutMs / 1000} s.\n${serverLog.join('').slice(-3000)}`,
      );
    return code;
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
