// `npm run test:electron`: the same integration suite in desktop VS Code, through
// @vscode/test-electron, on machines that can download VS Code (this project's CI cannot;
// it uses the VS Code server instead: test/harness/integrationMain.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { startSimulatorProcess } from '../harness/simulatorProcess.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const simulator = await startSimulatorProcess();
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinch-electron-'));
// On the desktop, machine-scoped settings are read from the user settings.
fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(userDataDir, 'User', 'settings.json'),
  JSON.stringify(
    {
      'sinchNumbers.endpoints.userApi': simulator.url,
      'sinchNumbers.endpoints.api': simulator.url,
      'sinchNumbers.endpoints.portalApi': simulator.url,
    },
    null,
    2,
  ),
);
let code = 1;
try {
  code = await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: ['--user-data-dir', userDataDir, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { SINCH_SIMULATOR_URL: simulator.url },
  });
} catch (e) {
  console.error(`The desktop integration run failed: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await simulator.stop();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(code);
