import assert from 'node:assert/strict';
describe('smoke', () => { it('runs TypeScript tests in plain Node', () => { assert.equal(1 + 1, 2); }); });
