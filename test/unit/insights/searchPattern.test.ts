// Find in Workspace's regex: every common way of writing the number, and not its neighbours.
import assert from 'node:assert/strict';
import { searchPattern } from '../../../src/insights/searchPattern';

function matches(digits: string, text: string): string[] {
  return [...text.matchAll(new RegExp(searchPattern(digits), 'g'))].map((m) => m[0]);
}

describe('insights: Find in Workspace pattern', () => {
  const forms: [string, string[]][] = [
    [
      '14150005550',
      [
        '+14150005550',
        '14150005550',
        '+1 415-000-5550',
        '+1 (415) 000-5550',
        '1-415-000-5550',
        '(415) 000-5550',
        '415.000.5550',
        '415 000 5550',
        '+1.415.000.5550',
      ],
    ],
    [
      '442079460100',
      [
        '+442079460100',
        '442079460100',
        '+44 20 7946 0100',
        '+44 (0)20 7946 0100',
        '020 7946 0100',
        '(020) 7946-0100',
        '02079460100',
      ],
    ],
    ['33140000100', ['+33140000100', '+33 1 40 00 01 00', '01 40 00 01 00', '01.40.00.01.00']],
    ['4685550100', ['+4685550100', '+46 8 555 01 00', '08-555 01 00']],
  ];
  for (const [digits, written] of forms) {
    for (const w of written) {
      it(`${digits} matches "${w}"`, () => {
        const found = matches(digits, `x = "${w}";`);
        assert.equal(found.length, 1, `${searchPattern(digits)} in ${w}`);
        assert.equal(found[0].replace(/\D/g, '').slice(-6), digits.slice(-6));
      });
    }
  }

  it('does not match other numbers, longer runs, or the number inside a longer one', () => {
    for (const text of ['+14150005551', '141500055501', '9914150005550', '+1 415-000-5551', 'id14150005550x']) {
      assert.deepEqual(matches('14150005550', text), [], text);
    }
  });

  it('falls back to E.164 with and without + for an unknown country calling code', () => {
    assert.deepEqual(matches('999123456789', 'a +999123456789 b 999123456789 c 9991234567890'), [
      '+999123456789',
      '999123456789',
    ]);
  });

  it('uses only syntax ripgrep reads too: no lookaround, no backreferences', () => {
    for (const digits of ['14150005550', '442079460100', '999123456789'])
      assert.doesNotMatch(searchPattern(digits), /\(\?[=!<]|\\[1-9]/);
  });
});
