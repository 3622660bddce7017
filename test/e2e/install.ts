// Puts the built extension into the server's extensions folder the way an install would:
// a folder named <publisher>.<name>-<version> holding what the .vsix holds.
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export async function installExtension(extensionsDir: string): Promise<string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const target = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  fs.mkdirSync(target, { recursive: true });
  for (const entry of ['package.json', 'dist/extension.js', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE', 'package.nls.json']) {
    const from = path.join(root, entry);
    if (!fs.existsSync(from)) continue;
    fs.cpSync(from, path.join(target, entry), { recursive: true });
  }
  return target;
}
