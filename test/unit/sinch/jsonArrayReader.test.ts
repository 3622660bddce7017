import assert from 'node:assert/strict';
import { JsonArrayError, JsonArrayReader } from '../../../src/sinch/jsonArrayReader';

/** Feeds `text` in pieces of `size` bytes; returns every element, or the error's reason. */
function read(text: string | Buffer, size = Infinity): unknown[] | 'notArray' | 'malformed' {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const reader = new JsonArrayReader();
  const out: unknown[] = [];
  try {
    for (let at = 0; at < bytes.length; at += size) out.push(...reader.push(bytes.subarray(at, Math.min(bytes.length, at + size))));
    reader.end();
  } catch (e) {
    assert.ok(e instanceof JsonArrayError, String(e));
    return e.reason;
  }
  return out;
}

/** Every split of `text` into two pieces, and one byte at a time, gives `expected`. */
function everySplit(text: string, expected: unknown): void {
  const bytes = Buffer.from(text, 'utf8');
  assert.deepEqual(read(bytes), expected, 'whole');
  assert.deepEqual(read(bytes, 1), expected, 'one byte at a time');
  for (let cut = 1; cut < bytes.length; cut++) {
    const reader = new JsonArrayReader();
    const got: unknown[] = [];
    let result: unknown = got;
    try {
      got.push(...reader.push(bytes.subarray(0, cut)), ...reader.push(bytes.subarray(cut)));
      reader.end();
    } catch (e) {
      result = (e as JsonArrayError).reason;
    }
    assert.deepEqual(result, expected, `cut at ${cut}`);
  }
}

describe('JsonArrayReader', () => {
  it('reads elements wherever the chunks end: strings with brackets, commas, quotes and escapes; nesting', () => {
    const value = [
      { number: 14150005550, city: 'a, "b" [c] {d}', caps: ['sms', 'voice'], cost: { amount: 1.5, currencyId: 'USD' } },
      'x\\",]',
      [1, [2, [3]], {}],
      null, true, -0.5e3,
      { nested: { deeper: [{ '}': '{' }] } },
    ];
    everySplit(JSON.stringify(value), value);
    everySplit(JSON.stringify(value, null, 2), value);
  });

  it('multi-byte characters split across chunks come out whole', () => {
    const value = [{ city: 'Zürich ☎ 東京 😀' }, 'ё'];
    everySplit(JSON.stringify(value), value);
  });

  it('an empty array, whitespace around it, and a byte-order mark', () => {
    everySplit('[]', []);
    everySplit(' \n[ \t]\r\n ', []);
    everySplit('\uFEFF[1,2]', [1, 2]);
  });

  it('returns elements as soon as their JSON is complete', () => {
    const reader = new JsonArrayReader();
    assert.deepEqual(reader.push(Buffer.from('[{"a":1},{"a"')), [{ a: 1 }]);
    assert.deepEqual(reader.push(Buffer.from(':2},')), [{ a: 2 }]);
    assert.deepEqual(reader.push(Buffer.from('3]')), [3]);
    reader.end();
  });

  it('refuses broken arrays: empty elements, trailing text, a missing end, bad syntax inside', () => {
    for (const text of ['[1,]', '[,1]', '[1,,2]', '[1 2]', '[1]x', '[1][2]', '[1', '[{"a":1}', '[{"a":}]', '["unterminated]', '[1,\n', '[nul]']) {
      assert.equal(read(text), 'malformed', text);
      assert.equal(read(text, 1), 'malformed', `${text}, one byte at a time`);
    }
  });

  it('says when the body is some other JSON value, or none', () => {
    for (const text of ['{"numbers":[]}', '<!DOCTYPE html><html></html>', '42', '"[1]"', '', '   ', 'null']) {
      assert.equal(read(text), 'notArray', JSON.stringify(text));
      assert.equal(read(text, 1), 'notArray', `${JSON.stringify(text)}, one byte at a time`);
    }
  });
});
