// The layer rule (eslint.config.mjs), proven on planted imports: each folder of src/ may import
// only the layers below it (platform → sinch → session → numbers → features → extension.ts), and
// a feature never imports another feature. Each upward import planted here must fail lint.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..');

async function layerErrors(file: string, specifier: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const code = `import { x } from '${specifier}';\nexport const y = x;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** The file a planted import sits in, and a relative path from it to `target` (a folder of src/). */
function planted(folder: string, target: string, depth: number): { file: string; specifier: string } {
  const dirs = ['vscode', 'commands', 'deeper'].slice(0, depth - 1);
  return {
    file: ['src', folder, ...dirs, 'planted.ts'].join('/'),
    specifier: `${'../'.repeat(depth)}${target}/thing`,
  };
}

const upward: [string, string][] = [
  ['platform', 'sinch'],
  ['platform', 'session'],
  ['platform', 'numbers'],
  ['platform', 'rent'],
  ['sinch', 'session'],
  ['sinch', 'numbers'],
  ['sinch', 'assign'],
  ['session', 'numbers'],
  ['session', 'insights'],
  ['numbers', 'rent'],
  ['numbers', 'assign'],
  ['numbers', 'insights'],
  ['rent', 'assign'],
  ['assign', 'insights'],
  ['insights', 'rent'],
];

const downward: [string, string][] = [
  ['sinch', 'platform'],
  ['session', 'sinch'],
  ['numbers', 'session'],
  ['rent', 'numbers'],
  ['assign', 'platform'],
  ['insights', 'sinch'],
];

describe('the layers (lint rule)', function () {
  this.timeout(60_000);

  for (const [from, to] of upward) {
    for (const depth of [1, 2, 3]) {
      const { file, specifier } = planted(from, to, depth);
      it(`fails on ${file} importing ${specifier}`, async () => {
        const errors = await layerErrors(file, specifier);
        assert.equal(errors.length, 1, errors.join('\n'));
        assert.match(errors[0], /may not import this: imports run platform → sinch/);
      });
    }
  }

  for (const [from, to] of downward) {
    for (const depth of [1, 2]) {
      const { file, specifier } = planted(from, to, depth);
      it(`allows ${file} importing ${specifier}`, async () => {
        assert.deepEqual(await layerErrors(file, specifier), []);
      });
    }
  }

  it('keeps services.ts (session types) out of platform and sinch', async () => {
    assert.equal((await layerErrors('src/platform/vscode/planted.ts', '../../services')).length, 1);
    // In a core module the vscode boundary refuses it too: two messages, one import.
    assert.ok((await layerErrors('src/sinch/planted.ts', '../services')).some((m) => /sinch\/ may not import/.test(m)));
  });

  it('lets the composition root import every layer and feature', async () => {
    for (const to of ['platform', 'sinch', 'session', 'numbers', 'rent', 'assign', 'insights'])
      assert.deepEqual(await layerErrors('src/extension.ts', `./${to}/thing`), []);
  });
});
