// Which spans of code could be numbers or application keys, in the forms and languages people
// write them, and what must never be taken for one (dates, versions, long ids, decimals).
import assert from 'node:assert/strict';
import { candidateAt, detect, type CandidateKind } from '../../../src/numbers/numberCandidates';

const KEY = 'bb7b4e39-4227-4913-8c81-2db4abb54fb3';

/** `[kind, matched text, value]` for every candidate in `text`. */
function found(text: string): [CandidateKind, string, string][] {
  return detect(text).map((c) => [c.kind, text.slice(c.start, c.end), c.value]);
}

describe('insights: detection', () => {
  describe('numbers and keys in the forms code writes them', () => {
    const cases: [string, string, [CandidateKind, string, string][]][] = [
      ['.env', 'SINCH_CALLER_ID=+14150005550', [['e164', '+14150005550', '14150005550']]],
      ['.env, bare digits', 'SINCH_CALLER_ID=14150005550', [['digits', '14150005550', '14150005550']]],
      ['.env, spaces around =', 'FROM = 14150005550 # main line', [['digits', '14150005550', '14150005550']]],
      [
        'JSON',
        '{ "from": "+442079460100", "key": "BB7B4E39-4227-4913-8C81-2DB4ABB54FB3" }',
        [
          ['e164', '+442079460100', '442079460100'],
          ['key', 'BB7B4E39-4227-4913-8C81-2DB4ABB54FB3', KEY],
        ],
      ],
      ['JSON, digits in a string', '{"number": "14150005551"}', [['digits', '14150005551', '14150005551']]],
      ['JSON, a bare number value', '{"number": 14150005551}', [['digits', '14150005551', '14150005551']]],
      [
        'YAML',
        'caller_id: "+33140000100"\nsms_from: 4685550100',
        [
          ['e164', '+33140000100', '33140000100'],
          ['digits', '4685550100', '4685550100'],
        ],
      ],
      ['TypeScript', "const from = '+15045550100';", [['e164', '+15045550100', '15045550100']]],
      ['Python', 'client.send(to="+14150005552", body=msg)', [['e164', '+14150005552', '14150005552']]],
      ['Java', 'String FROM = "+493012340100";', [['e164', '+493012340100', '493012340100']]],
      ['Go, backquotes', 'var from = `14150005550`', [['digits', '14150005550', '14150005550']]],
      ['a tel: link', '<a href="tel:+14150005550">call</a>', [['e164', '+14150005550', '14150005550']]],
      [
        'a key in a URL path',
        'GET /v1/applications/key/bb7b4e39-4227-4913-8c81-2db4abb54fb3/numbers',
        [['key', KEY, KEY]],
      ],
      ['formatted, NANP', 'Call +1 (415) 000-5550 today', [['formatted', '+1 (415) 000-5550', '14150005550']]],
      ['formatted, dashes', '+1-415-000-5550', [['formatted', '+1-415-000-5550', '14150005550']]],
      ['formatted, dots', '+1.415.000.5550', [['formatted', '+1.415.000.5550', '14150005550']]],
      ['formatted, UK with (0)', 'Tel. +44 (0)20 7946 0100.', [['formatted', '+44 (0)20 7946 0100', '442079460100']]],
      ['formatted, France', '+33 1 40 00 01 00', [['formatted', '+33 1 40 00 01 00', '33140000100']]],
      ['formatted, as the tree writes it', '"+1 415-000-5551"', [['formatted', '+1 415-000-5551', '14150005551']]],
      [
        'a comma-separated list',
        'ALLOWED=14150005550,14150005551',
        [
          ['digits', '14150005550', '14150005550'],
          ['digits', '14150005551', '14150005551'],
        ],
      ],
      [
        'two in a list',
        '["+14150005550", "+14150005551"]',
        [
          ['e164', '+14150005550', '14150005550'],
          ['e164', '+14150005551', '14150005551'],
        ],
      ],
      ['at the very start and end', '+14150005550', [['e164', '+14150005550', '14150005550']]],
      ['after a sentence', 'Our line is +14150005550.', [['e164', '+14150005550', '14150005550']]],
      [
        '8 and 15 digits',
        '+12345678 +123456789012345',
        [
          ['e164', '+12345678', '12345678'],
          ['e164', '+123456789012345', '123456789012345'],
        ],
      ],
    ];
    for (const [what, text, expected] of cases) {
      it(what, () => assert.deepEqual(found(text), expected));
    }
  });

  describe('never a number or a key', () => {
    const none: [string, string][] = [
      ['dates', 'released: 2024-01-15, at 2024-01-15T10:30:00Z; "20240115T103000"'],
      ['version strings', 'version: "1.2.3"; "v14.15.0005"; engines: ^1.100.0'],
      ['long ids (16+ digits)', 'id: "1234567890123456789"; "+1234567890123456"'],
      ['digits inside a longer word', 'tx_14150005550 = "abc14150005550" token=x14150005550y'],
      ['digits with no string or = around them', 'return 14150005550 * 2; // 14150005550'],
      ['decimals', 'amount: 14150005550.25; ratio=0.14150005550'],
      ['too short', '+1234567 "1234567" =1234567'],
      ['a leading zero', '"0123456789" FROM=04150005550 +0123456789'],
      ['a plus inside an expression', 'x = a+14150005550; 1+14150005550'],
      [
        'hex that is not a UUID',
        'sha: bb7b4e3942274913 "bb7b4e39-4227-4913-8c81-2db4abb54fb3a" g7b4e39-4227-4913-8c81-2db4abb54fb3',
      ],
      ['a UUID inside a longer dashed id', 'id-bb7b4e39-4227-4913-8c81-2db4abb54fb3'],
      ['an IP address and a port', 'host: 192.168.100.200:8080'],
    ];
    for (const [what, text] of none) {
      it(what, () => assert.deepEqual(found(text), []));
    }
  });

  it('finds UUID-shaped keys whatever their organisation (the index decides)', () => {
    assert.deepEqual(
      found('00000000-0000-4000-8000-000000000000').map((c) => c[0]),
      ['key'],
    );
  });

  it('candidateAt finds the span under an offset, edges included', () => {
    const text = 'A=+14150005550 B="14150005551"';
    const candidates = detect(text);
    assert.equal(candidateAt(candidates, text.indexOf('+'))?.value, '14150005550');
    assert.equal(
      candidateAt(candidates, text.indexOf(' B'))?.value,
      '14150005550',
      'the end is part of the span (a cursor after it)',
    );
    assert.equal(candidateAt(candidates, text.indexOf('"1') + 5)?.value, '14150005551');
    assert.equal(candidateAt(candidates, 0), undefined);
  });

  it('is one pass: a 10,000-line document takes milliseconds', () => {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++)
      lines.push(
        i % 10 === 0
          ? `FROM_${i}=+1415${String(i).padStart(7, '0')} # ${KEY}`
          : `const value${i} = compute(${i}, "text ${i}");`,
      );
    const text = lines.join('\n');
    const started = performance.now();
    const candidates = detect(text);
    const ms = performance.now() - started;
    assert.equal(candidates.length, 2000);
    assert.ok(
      ms < 500,
      `${ms.toFixed(1)} ms (the budget is checked by npm run bench; this only catches a runaway expression)`,
    );
  });
});
