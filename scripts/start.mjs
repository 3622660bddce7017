// `npm start`: the embedded demo. Builds the extension, starts the Sinch simulator and the
// VS Code server (both on 127.0.0.1 only) with the extension installed and its endpoint
// settings pointing at the simulator, prints the URL to open, and stops everything on Ctrl+C.
// With --watch, esbuild rebuilds on every change and the new bundle is copied into the installed
// extension; "Developer: Reload Window" in the browser then runs it.
//   npm start [-- --port 8080] [-- --dataset scale] [-- --watch]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVSCodeServer, writeMachineSettings } from '../test/harness/vscodeServer.mjs';
import { simulatorSettings, startSimulatorProcess } from '../test/harness/simulatorProcess.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};

const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinch-numbers-demo-'));
const simulator = await startSimulatorProcess(['--dataset', arg('dataset', 'demo')]);
const extensionsDir = path.join(dir, 'extensions');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const target = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
for (const entry of ['package.json', 'package.nls.json', 'dist', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
  const from = path.join(root, entry);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(target, entry), { recursive: true });
}
const copyBundle = () => fs.cpSync(path.join(root, 'dist'), path.join(target, 'dist'), { recursive: true });
const watcher = process.argv.includes('--watch') ? watchBundle() : undefined;

/** esbuild in watch mode; each finished build is copied into the installed extension. */
function watchBundle() {
  const child = spawn(process.execPath, ['esbuild.mjs', '--watch'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let watching = false;
  let announce;
  child.stdout.on('data', (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.startsWith('[watch] watching for changes')) watching = true;
      if (!line.startsWith('[watch] build finished')) continue;
      copyBundle();
      // One change may rebuild both bundles: one line for them.
      clearTimeout(announce);
      if (watching) announce = setTimeout(() => console.log('Rebuilt: run "Developer: Reload Window" to use it.'), 300);
    }
  });
  return child;
}
// The demo's first view: the Sinch Numbers view and a config file that uses the demo's numbers.
fs.cpSync(
  path.join(root, 'scripts', 'demo', 'opener'),
  path.join(extensionsDir, `${pkg.publisher}.sinch-numbers-demo-opener-0.0.1`),
  { recursive: true },
);
const dataDir = path.join(dir, 'data');
writeMachineSettings(dataDir, {
  ...(await simulatorSettings(simulator.url)),
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
});
const workspace = path.join(dir, 'workspace');
fs.cpSync(path.join(root, 'scripts', 'demo', 'workspace'), workspace, { recursive: true });
const server = await startVSCodeServer({ dataDir, extensionsDir, port: Number(arg('port', '0')) });

console.log(`
Sinch Numbers demo is running.
  Open:        ${server.url}/?folder=${encodeURIComponent(workspace)}
               (sign in, then hover the numbers in sinch.env and open Problems)
  Simulator:   ${simulator.url}
  Sign in as:  demo@example.com / demo-password   (or +12055500000)
Press Ctrl+C to stop.${watcher ? '\n  Watching src/: after a change, "Developer: Reload Window" runs the new build.' : ''}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  watcher?.kill();
  await Promise.all([server.stop(), simulator.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
