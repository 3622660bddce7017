// Installs, on demand, the VS Code server that ships inside the `code-server` npm package,
// into an ignored cache folder, and starts it. The integration tests, the end-to-end tests,
// the benchmark and `npm start` all run the extension in this real VS Code.
// (`@vscode/test-electron` needs to download VS Code, which these machines cannot do.)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3'; // VS Code 1.100.3
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = path.join(root, '.cache', `code-server-${CODE_SERVER_VERSION}`);
export const vscodeDir = path.join(cacheDir, 'node_modules', 'code-server', 'lib', 'vscode');
const readyMarker = path.join(cacheDir, '.ready');

function run(cmd, args, cwd, env = {}) {
  const result = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed in ${cwd} (exit ${result.status}):\n${(result.stdout ?? '').slice(-3000)}\n${(result.stderr ?? '').slice(-3000)}`,
    );
  }
}

function which(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).stdout.trim();
}

/** Installs the server once; later calls return at once. */
export function ensureVSCodeServer(log = (m) => console.log(m)) {
  if (fs.existsSync(readyMarker)) return vscodeDir;
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep is missing: install the Debian package `ripgrep` (apt-get install ripgrep).');
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !fs.existsSync('/usr/include/gssapi.h')) {
    throw new Error(
      'Kerberos headers are missing: install the Debian package `libkrb5-dev` (apt-get install libkrb5-dev).',
    );
  }
  const started = Date.now();
  log(
    `Installing the VS Code server (code-server ${CODE_SERVER_VERSION}) into ${path.relative(root, cacheDir)}, once; it takes one to two minutes.`,
  );
  const step = (n, what) => log(`  ${n}/4 ${what} (${Math.round((Date.now() - started) / 1000)} s so far)`);
  step(1, `downloading code-server ${CODE_SERVER_VERSION}`);
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(path.join(cacheDir, 'package.json'), JSON.stringify({ name: 'vscode-server-cache', private: true }));
  run(
    'npm',
    ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`],
    cacheDir,
  );
  step(2, "installing the server's dependencies");
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], vscodeDir);
  const rgBin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBin, { recursive: true });
  fs.rmSync(path.join(rgBin, 'rg'), { force: true });
  fs.symlinkSync(rg, path.join(rgBin, 'rg'));
  step(3, 'building its native modules');
  run('npm', ['rebuild'], vscodeDir);
  const asar = path.join(vscodeDir, 'node_modules.asar');
  fs.rmSync(asar, { force: true, recursive: true });
  fs.symlinkSync('node_modules', asar);
  step(4, 'installing the built-in extensions');
  run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], path.join(vscodeDir, 'extensions'));
  fs.writeFileSync(readyMarker, new Date().toISOString());
  log(`VS Code server installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return vscodeDir;
}

/**
 * Starts the server on 127.0.0.1 and resolves once it listens.
 * `dirs` holds the server-data, user-data and extensions folders; `env` reaches the extension host.
 * Workspace trust is off (every folder trusted) unless `workspaceTrust` is true.
 */
export function startVSCodeServer({
  dataDir,
  extensionsDir,
  env = {},
  port = 0,
  log = () => {},
  workspaceTrust = false,
}) {
  const serverMain = path.join(ensureVSCodeServer(), 'out', 'server-main.js');
  for (const d of [dataDir, extensionsDir]) fs.mkdirSync(d, { recursive: true });
  const args = [
    serverMain,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--server-data-dir',
    dataDir,
    '--user-data-dir',
    dataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`VS Code server did not start in 60 s:\n${output.slice(-2000)}`)),
      60_000,
    );
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      log(text);
      const m = /Extension host agent listening on (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.on('data', (c) => log(c.toString()));
        resolve({
          port: Number(m[1]),
          url: `http://127.0.0.1:${m[1]}`,
          process: child,
          stop: () => stopProcess(child),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => {
      output += c.toString();
      log(c.toString());
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`VS Code server exited (${code}) before listening:\n${output.slice(-2000)}`));
    });
  });
}

/** Writes machine-scoped settings (the VS Code server reads <user-data-dir>/Machine/settings.json). */
export function writeMachineSettings(dataDir, settings) {
  const dir = path.join(dataDir, 'Machine');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

export function stopProcess(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureVSCodeServer();
}
