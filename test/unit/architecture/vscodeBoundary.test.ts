// The lint rule that keeps `vscode` out of the core (eslint.config.mjs), proven on planted
// imports: it must fail where the house forbids them and stay quiet where it allows them.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..');
const RULE = 'no-restricted-imports';

async function ruleErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('the vscode boundary (lint rule)', function () {
  this.timeout(30_000);

  const runtime = "import * as vscode from 'vscode';\nexport const x = vscode.version;\n";
  const typeOnly = "import type * as vscode from 'vscode';\nexport type X = vscode.Disposable;\n";

  for (const file of ['src/rent/planted.ts', 'src/sinch/planted.ts', 'src/platform/planted.ts', 'src/planted.ts']) {
    it(`fails on a runtime import of vscode in ${file}`, async () => {
      assert.equal((await ruleErrors(file, runtime)).length, 1);
    });
  }

  it('fails on a type-only import of vscode in a core module', async () => {
    assert.equal((await ruleErrors('src/assign/planted.ts', typeOnly)).length, 1);
  });

  it('fails when a core module imports from a vscode/ folder or services.ts', async () => {
    const errors = await ruleErrors(
      'src/rent/planted.ts',
      "import { Log } from '../platform/vscode/log';\nimport type { Services } from '../services';\nexport { Log };\nexport type S = Services;\n",
    );
    assert.equal(errors.length, 2, errors.join('\n'));
  });

  for (const file of ['src/extension.ts', 'src/rent/vscode/planted.ts', 'src/platform/vscode/planted.ts']) {
    it(`allows vscode in ${file}`, async () => {
      assert.deepEqual(await ruleErrors(file, runtime), []);
    });
  }
});
