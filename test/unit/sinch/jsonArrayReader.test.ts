import assert from 'node:assert/strict';
import { JsonArrayError, JsonArrayReader, type JsonArrayProblem } from '../../../src/sinch/jsonArrayReader';

/** Feeds `text` in pieces of `size` bytes; returns every element, or the error's reason. */
function read(text: string | Buffer, size = Infinity): unknown[] | JsonArrayProblem {
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

  it('returns objects as soon as the comma after them arrives, and the last one with the closing bracket', () => {
    const reader = new JsonArrayReader();
    assert.deepEqual(reader.push(Buffer.from('[{"a":1},{"a"')), [{ a: 1 }]);
    assert.deepEqual(reader.push(Buffer.from(':2},')), [{ a: 2 }]);
    assert.deepEqual(reader.push(Buffer.from('{"a":3}')), []);
    assert.deepEqual(reader.push(Buffer.from(']\n')), [{ a: 3 }]);
    assert.deepEqual(reader.end(), []);
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

  it('refuses an element past the cap as soon as it passes, without reading on', () => {
    const reader = new JsonArrayReader(1024);
    assert.deepEqual(reader.push(Buffer.from(`[{"a":"${'x'.repeat(900)}"},`)), [{ a: 'x'.repeat(900) }]);
    assert.throws(
      () => reader.push(Buffer.from(`{"b":"${'y'.repeat(1100)}"}]`)),
      (e: unknown) => e instanceof JsonArrayError && e.reason === 'entryTooLarge' && e.limitBytes === 1024,
    );
    assert.equal(read(`[${JSON.stringify({ a: 'z'.repeat(70_000) })}]`), 'entryTooLarge', 'the default cap is 64 KiB');
  });

  describe('the work grows linearly with the bytes, wherever the chunks end', function () {
    this.timeout(120_000);
    const MiB = 1024 * 1024;

    it('64 MiB as one entry is refused after the cap, at every chunk size', () => {
      const body = Buffer.alloc(64 * MiB, 0x78);
      body.write('[{"blob":"', 0);
      for (const size of [1000, 16 * 1024, 64 * 1024, MiB]) {
        const reader = new JsonArrayReader();
        let fed = 0;
        assert.throws(() => {
          for (let at = 0; at < body.length; at += size) {
            fed += size;
            reader.push(body.subarray(at, at + size));
          }
        }, /larger than 65536 bytes/);
        assert.ok(reader.scanned <= 64 * 1024 + size, `scanned ${reader.scanned} bytes at chunk size ${size}`);
        assert.ok(fed <= 64 * 1024 + size, `read on to ${fed} bytes at chunk size ${size}`);
      }
    });

    it('64 MiB of entries with `},` inside their strings: each byte scanned once and parsed once', () => {
      const entry = JSON.stringify({ s: `${'},{"x":1},'.repeat(4000)}\\"}`, t: [{ u: '],' }] });
      const count = Math.ceil((64 * MiB) / (entry.length + 1));
      const body = Buffer.from(`[${Array.from({ length: count }, () => entry).join(',')}]`);
      for (const size of [1000, 16 * 1024, 64 * 1024, MiB]) {
        const reader = new JsonArrayReader();
        let items = 0;
        for (let at = 0; at < body.length; at += size) items += reader.push(body.subarray(at, at + size)).length;
        items += reader.end().length;
        assert.equal(items, count);
        assert.equal(reader.scanned, body.length, `scanned at chunk size ${size}`);
        assert.ok(reader.parsed <= body.length, `parsed ${reader.parsed} of ${body.length} at chunk size ${size}`);
      }
    });
  });

  it('fuzz: random arrays cut at random places read as JSON.parse reads them (seeded)', () => {
    const runs = Number(process.env.SINCH_FUZZ_RUNS) || 300;
    let seed = 24;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const strings = ['', '},', '],[', '\\"', '"', '\\\\', 'é東😀', '{"a":1},', ' , ', '\u2028'];
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 4 || r < 0.3) return pick([null, true, 1, -2.5e3, 2 ** 60, pick(strings), 'x'.repeat(random() * 40)]);
      if (r < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, (_, i) => [pick(strings) + i, value(depth + 1)]),
      );
    };
    for (let run = 0; run < runs; run++) {
      const list = Array.from({ length: Math.floor(random() * 8) }, () => value(0));
      const text = random() < 0.5 ? JSON.stringify(list) : JSON.stringify(list, null, 1);
      // Some runs break the text: a cut, a stray byte, a doubled comma.
      const broken =
        random() < 0.3 ? text.slice(0, Math.floor(random() * text.length)) : random() < 0.1 ? `${text}x` : text;
      let expected: unknown;
      try {
        const parsed = JSON.parse(broken) as unknown;
        expected = Array.isArray(parsed) ? parsed : 'notArray';
      } catch {
        expected = broken.trim() === '' || !broken.trim().startsWith('[') ? 'notArray' : 'malformed';
      }
      const bytes = Buffer.from(broken);
      const reader = new JsonArrayReader();
      const got: unknown[] = [];
      let result: unknown = got;
      try {
        for (let at = 0; at < bytes.length;) {
          const size = 1 + Math.floor(random() * 24);
          got.push(...reader.push(bytes.subarray(at, at + size)));
          at += size;
        }
        got.push(...reader.end());
      } catch (e) {
        result = (e as JsonArrayError).reason;
      }
      assert.deepEqual(result, expected, `run ${run}: ${broken.slice(0, 200)}`);
    }
  });
});
