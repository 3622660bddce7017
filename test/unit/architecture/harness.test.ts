// The tooling imports one way: scripts/, bench/, test/e2e and test/integration use test/harness
// (the VS Code server, the simulator process, the browser, the workbench driver), which uses only
// test/support and test/simulator. Nothing imports a runner's folder (test/e2e, test/integration,
// bench/, scripts/) from outside it, so no two folders import each other.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(p);
    return /\.(ts|mts|mjs)$/.test(e.name) ? [p] : [];
  });
}

/** The repository folders (as `dir/` prefixes) that `file`'s relative imports reach. */
function importedFolders(file: string, text = fs.readFileSync(path.join(root, file), 'utf8')): string[] {
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((s) => path.relative(root, path.resolve(path.join(root, path.dirname(file)), s)));
}

/** Each folder, and the folders it may not import. */
const FORBIDDEN: Record<string, string[]> = {
  'test/harness': ['scripts', 'bench', 'test/e2e', 'test/integration', 'test/unit', 'src'],
  'test/support': ['scripts', 'bench', 'test/harness', 'test/e2e', 'test/integration'],
  'test/simulator': ['scripts', 'bench', 'test/harness', 'test/e2e', 'test/integration', 'test/support'],
  bench: ['scripts', 'test/e2e', 'test/integration', 'test/unit'],
  scripts: ['bench', 'test/support', 'test/e2e', 'test/integration', 'test/unit'],
};

describe('the tooling imports one way (test/harness is the one home of the harness)', () => {
  for (const [folder, forbidden] of Object.entries(FORBIDDEN)) {
    it(`${folder} imports none of ${forbidden.join(', ')}`, () => {
      const offences = files(folder).flatMap((file) =>
        importedFolders(file)
          .filter((target) => forbidden.some((f) => target === f || target.startsWith(`${f}/`)))
          .map((target) => `${file} imports ${target}`),
      );
      assert.deepEqual(offences, []);
    });
  }

  it('sees static and dynamic relative imports (a planted upward import is found)', () => {
    const planted = "import { x } from '../e2e/fixture';\nconst y = await import('../../scripts/start.mjs');\n";
    assert.deepEqual(importedFolders('test/harness/planted.mjs', planted), ['test/e2e/fixture', 'scripts/start.mjs']);
  });
});
