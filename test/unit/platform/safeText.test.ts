// Server text is data: what plainText, markdownText and markdownCode make of hostile strings.
import assert from 'node:assert/strict';
import { markdownCode, markdownText, plainText } from '../../../src/platform/safeText';

describe('platform: safe text', () => {
  describe('plainText: one line, no controls, no bidi overrides, capped', () => {
    const cases: Array<[string, string]> = [
      ['San Francisco', 'San Francisco'],
      ['line1\n\nline2\r\n\tend', 'line1 line2 end'],
      ['\u0007bell\u001b[31mred\u009b', 'bell [31mred'],
      ['invoice\u202Egnp.exe', 'invoice gnp.exe'],
      ['\u2066isolated\u2069 \u200Fmark\u200E', 'isolated mark'],
      ['a\u2028b\u2029c', 'a b c'],
      ['\uFEFFbom', 'bom'],
      ['Ünïcödé Líne 📞 — 東京', 'Ünïcödé Líne 📞 — 東京'],
      ['family 👨\u200D👩\u200D👧', 'family 👨\u200D👩\u200D👧'],
      // The quick path for clean text must not skip what the full cleaning changes.
      [' leading', 'leading'],
      ['trailing ', 'trailing'],
      ['two  spaces', 'two spaces'],
      ['no\u00a0break', 'no break'],
      ['ideographic\u3000space', 'ideographic space'],
      ['thin\u2009space', 'thin space'],
      ['ogham\u1680mark', 'ogham mark'],
      ['', ''],
    ];
    for (const [input, expected] of cases)
      it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.equal(plainText(input), expected));

    it('caps the length with an ellipsis, never splitting a surrogate pair', () => {
      assert.equal(plainText('x'.repeat(1000), 10), `${'x'.repeat(9)}…`);
      const emoji = plainText(`${'x'.repeat(8)}📞📞`, 10);
      assert.ok(emoji.length <= 10);
      assert.doesNotMatch(emoji, /[\ud800-\udbff](?![\udc00-\udfff])/, 'no lone high surrogate');
    });

    it('anything but a string is empty', () => {
      for (const v of [undefined, null, 42, {}, ['a']]) assert.equal(plainText(v), '');
    });
  });

  describe('markdownText: no Markdown can start inside it', () => {
    const hostile = [
      'bb7b4e39\n\n![x](https://evil.example/pixel.png) [Sign in](https://evil.example/login)',
      '<img src=x onerror=alert(1)> &lt;b&gt;',
      'https://evil.example/a www.evil.example mail@evil.example',
      '$(alert) **bold** _it_ `code` ~~gone~~ # heading > quote | table |',
      '[x](command:sinchNumbers.copyNumber?%5B%7B%7D%5D)',
    ];
    for (const text of hostile) {
      it(`escapes every punctuation character of ${JSON.stringify(text.slice(0, 40))}`, () => {
        const md = markdownText(text);
        assert.doesNotMatch(md, /[\r\n]/, 'one line');
        // Every ASCII punctuation character is preceded by a backslash (which is itself escaped).
        assert.doesNotMatch(md.replace(/\\[!-/:-@[-`{-~]/g, ''), /[!-/:-@[-`{-~]/);
      });
    }
    it('reads the same once rendered: letters, digits and spaces are untouched', () => {
      assert.equal(markdownText('Acme, Inc. (test)').replace(/\\(.)/g, '$1'), 'Acme, Inc. (test)');
      assert.equal(markdownText('+1 415-000-5550'), '\\+1 415\\-000\\-5550');
    });
  });

  describe('markdownCode: a code span only for safe characters', () => {
    it('an application key or E.164 number is a code span', () => {
      assert.equal(markdownCode('bb7b4e39-4227-4913-8c81-2db4abb54fb3'), '`bb7b4e39-4227-4913-8c81-2db4abb54fb3`');
      assert.equal(markdownCode('+14150005550'), '`+14150005550`');
    });
    it('anything else is escaped text, so a blank line or a backtick cannot end the span', () => {
      const md = markdownCode('bb7b4e39`\n\n![x](https://evil.example/p.png)');
      assert.doesNotMatch(md, /(^|[^\\])`|\n/, 'no backtick left unescaped, no line break');
      assert.match(md, /^bb7b4e39\\`/);
    });
  });
});
