// Starts the Sinch simulator CLI as a child process and resolves with its URL.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess } from './vscodeServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function startSimulatorProcess(args = [], { log = () => {} } = {}) {
  const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, path.join(root, 'test', 'simulator', 'cli.ts'), '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The simulator did not start in 30 s:\n${output}`)), 30_000);
    child.stdout.on('data', (c) => {
      output += c.toString();
      log(c.toString());
      const m = /Sinch simulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], process: child, stop: () => stopProcess(child) });
      }
    });
    child.stderr.on('data', (c) => {
      output += c.toString();
      log(c.toString());
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The simulator exited (${code}):\n${output}`));
    });
  });
}

/**
 * The settings that point the extension at a running simulator, with the demo organisation's
 * application names as labels (Sinch has no call that lists them; a user names keys in this
 * setting). Used by npm start and by F5's simulator task.
 */
export async function simulatorSettings(url) {
  const state = await (await globalThis.fetch(`${url}/__simulator/state`)).json();
  const labels = Object.fromEntries(
    state.applications.filter((a) => a.orgId === '8888123').map((a) => [a.key, a.name]),
  );
  return {
    'sinchNumbers.endpoints.userApi': url,
    'sinchNumbers.endpoints.api': url,
    'sinchNumbers.endpoints.portalApi': url,
    'sinchNumbers.applicationLabels': labels,
  };
}
