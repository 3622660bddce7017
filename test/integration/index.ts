// Entry point the extension host calls (extensionTestsPath): runs every *.test.js beside
// this file with mocha, inside the real VS Code, and settles with the verdict.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const reporter = process.env.SINCH_TEST_REPORTER;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    reporter: reporter && fs.existsSync(reporter) ? reporter : 'spec',
    grep: process.env.SINCH_TEST_GREP || undefined,
  });
  for (const file of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
