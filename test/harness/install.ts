// Installs what users install: the packaged .vsix (`npm run package`), through the VS Code
// server's own `--install-extension`, so the end-to-end tests prove the shipped artefact.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export function vsixPath(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, `${pkg.name}-${pkg.version}.vsix`);
}

export async function installExtension(extensionsDir: string, dataDir: string, vscodeDir: string): Promise<string> {
  const vsix = vsixPath();
  if (!fs.existsSync(vsix))
    throw new Error(`${path.basename(vsix)} is missing: run \`npm run package\` first (npm test does).`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const result = spawnSync(
    process.execPath,
    [
      path.join(vscodeDir, 'out', 'server-main.js'),
      '--install-extension',
      vsix,
      '--extensions-dir',
      extensionsDir,
      '--server-data-dir',
      dataDir,
      '--user-data-dir',
      dataDir,
      '--accept-server-license-terms',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0 || !/successfully installed/.test(result.stdout)) {
    throw new Error(`Installing ${path.basename(vsix)} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return vsix;
}
