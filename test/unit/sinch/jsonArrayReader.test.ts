import assert from 'node:assert/strict';
import { JsonArrayError, JsonArrayReader } from '../../../src/sinch/jsonArrayReader';

/** Feeds `text` in pieces of `size` bytes; returns every element, or the error's reason. */
function read(text: string | Buffer, size = Infinity): unknown[] | 'notArray' | 'malformed' {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const reader = new JsonArrayReader();
  const out: unknown[] = [];
  try {
    for (let at = 0; at < bytes.length; at += size)
      out.push(...reader.push(bytes.subarray(at, Math.min(bytes.length, at + size))));
    out.push(...reader.end());
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
      got.push(...reader.end());
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
      null,
      true,
      -0.5e3,
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

  it('returns objects as soon as the comma after them arrives, and the last ones at the end', () => {
    const reader = new JsonArrayReader();
    assert.deepEqual(reader.push(Buffer.from('[{"a":1},{"a"')), [{ a: 1 }]);
    assert.deepEqual(reader.push(Buffer.from(':2},')), [{ a: 2 }]);
    assert.deepEqual(reader.push(Buffer.from('{"a":3}]')), []);
    assert.deepEqual(reader.end(), [{ a: 3 }]);
  });

  it('a `},` inside a string or a nested value is not taken for the end of an element', () => {
    const value = [{ city: 'x},{"y":1},', tags: [{ a: 1 }, { b: 2 }] }, { city: '},' }];
    everySplit(JSON.stringify(value), value);
    const reader = new JsonArrayReader();
    assert.deepEqual(reader.push(Buffer.from('[{"s":"a},b"},{"s":"c},')), [{ s: 'a},b' }]);
    assert.deepEqual([...reader.push(Buffer.from('d"}]')), ...reader.end()], [{ s: 'c},d' }]);
  });

  it('an array of plain values is read too, in runs once enough has arrived', () => {
    const values = Array.from({ length: 60_000 }, (_, i) => i);
    const bytes = Buffer.from(JSON.stringify(values));
    const reader = new JsonArrayReader();
    const runs: number[] = [];
    for (let at = 0; at < bytes.length; at += 64 * 1024)
      runs.push(reader.push(bytes.subarray(at, at + 64 * 1024)).length);
    const last = reader.end();
    assert.equal(runs.reduce((a, b) => a + b, 0) + last.length, values.length);
    assert.ok(
      runs.some((n) => n > 0),
      'some arrived before the end',
    );
  });

  it('refuses broken arrays: empty elements, trailing text, a missing end, bad syntax inside', () => {
    for (const text of [
      '[1,]',
      '[,1]',
      '[1,,2]',
      '[1 2]',
      '[1]x',
      '[1][2]',
      '[1',
      '[{"a":1}',
      '[{"a":}]',
      '["unterminated]',
      '[1,\n',
      '[nul]',
      '[{"a":1},]',
      '[{"a":1},,{"b":2}]',
      '[{"a":1},{"b":2}]x',
      '[{"a":1}][{"b":2}]',
      '[{"a":1},{"b":2',
      '[',
      '[{"a":1} ,]',
    ]) {
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
