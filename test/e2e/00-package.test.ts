import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { vsixPath } from '../harness/install';

describe('the packaged extension', () => {
  it('is a .vsix under 500 KB, installed into the VS Code server for these tests', () => {
    const size = fs.statSync(vsixPath()).size;
    assert.ok(size < 500 * 1024, `${(size / 1024).toFixed(1)} KB`);
  });
});
