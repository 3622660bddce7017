// What the .vsix holds is what users get: the bundle, media, translations, manifest and documents only.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

describe('package contents (vsce ls)', () => {
  it('lists dist/extension.js, media, the l10n bundle, the manifest and the documents, and nothing else', function () {
    this.timeout(60_000);
    const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const allowed = (f: string) =>
      [
        'package.json',
        'package.nls.json',
        'README.md',
        'CHANGELOG.md',
        'LICENSE',
        'dist/extension.js',
        'dist/overview.js',
      ].includes(f) ||
      f.startsWith('media/') ||
      f.startsWith('l10n/');
    assert.deepEqual(
      files.filter((f) => !allowed(f)),
      [],
      'no sources, tests, maps or fixtures',
    );
    for (const f of [
      'dist/extension.js',
      'dist/overview.js',
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'media/icon.png',
      'l10n/bundle.l10n.json',
    ]) {
      assert.ok(files.includes(f), `${f} is packaged`);
    }
  });
});
