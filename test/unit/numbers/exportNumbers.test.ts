import assert from 'node:assert/strict';
import {
  COLUMNS,
  csvCell,
  EXPORT_MARK_CHARS,
  exportPieces,
  exportRow,
  isExportText,
  type ExportRow,
} from '../../../src/numbers/exportNumbers';
import type { RentedNumber } from '../../../src/sinch/types';
import { buildInventory } from '../../../src/numbers/inventory';
import { APP_A, NOW, aNumber, INVALID, manyNumbers } from '../../support/builders';

// The plain reference the streamed pieces must equal: every row built, then joined.
const exportRows = (numbers: Iterable<RentedNumber>, labelOf: (key: string) => string | undefined): ExportRow[] =>
  Array.from(numbers, (n) => exportRow(n, labelOf));
const toJson = (rows: readonly ExportRow[]): string => `${JSON.stringify(rows, null, 2)}\n`;
const toCsv = (rows: readonly ExportRow[]): string =>
  `${[COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(','))].join('\r\n')}\r\n`;

describe('exportNumbers', () => {
  const inv = buildInventory(
    [
      aNumber({
        number: 14150005551,
        applicationKey: APP_A,
        city: 'SAN FRANCISCO, CA',
        capabilities: ['sms', 'voice'],
      }),
      aNumber({ number: INVALID, city: 'He said "hi"\nthen left', expires: undefined }),
      aNumber({
        number: 33140000100,
        city: '=HYPERLINK("http://evil")',
        countryId: 'FR',
        country: 'France',
        cost: { amount: 2.5, currencyId: 'EUR' },
      }),
    ],
    { now: NOW, expiryWarningDays: 30 },
  );
  const labelOf = (k: string) => (k === APP_A ? 'Voice, IVR' : undefined);
  const rows = exportRows(inv.numbers, labelOf);

  it('writes E.164 with + for valid numbers and the raw digits for invalid ones', () => {
    // 12345678901234567 is beyond 2^53: JavaScript holds it as ...568, and that is what is shown.
    assert.deepEqual(
      rows.map((r) => [r.number, r.valid]),
      [
        ['+14150005551', true],
        ['12345678901234568', false],
        ['+33140000100', true],
      ],
    );
    assert.equal(rows[0].applicationLabel, 'Voice, IVR');
    assert.equal(rows[0].country, 'United States');
  });

  it('CSV: header, CRLF, quotes where needed, doubled quotes, formula guard', () => {
    const csv = toCsv(rows);
    const lines = csv.split('\r\n');
    assert.equal(
      lines[0],
      'number,valid,countryId,country,city,areaCode,capabilities,applicationKey,applicationLabel,groupId,monthlyCost,currency,expires',
    );
    assert.ok(
      lines[1].startsWith(
        '+14150005551,true,US,United States,"SAN FRANCISCO, CA",415,sms voice,bb7b4e39-4227-4913-8c81-2db4abb54fb3,"Voice, IVR",13,1,USD,',
      ),
    );
    assert.ok(csv.includes('"He said ""hi""\nthen left"'));
    assert.ok(csv.includes(`,"'=HYPERLINK(""http://evil"")",`));
    assert.ok(csv.endsWith('\r\n'));
    assert.equal(csvCell('-5'), '-5');
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell(' padded'), '" padded"');
    assert.equal(csvCell(undefined), '');
  });

  it('JSON: an array of rows that parses back to the same values', () => {
    const parsed = JSON.parse(toJson(rows));
    assert.deepEqual(parsed, rows);
    assert.deepEqual(parsed[0].capabilities, ['sms', 'voice']);
    assert.equal(parsed[2].monthlyCost, 2.5);
  });

  it('streamed, piece by piece, it is the same text as written whole, for both formats and any size', () => {
    for (const size of [0, 1, 3, 999, 1000, 1001, 2500]) {
      const many = buildInventory(manyNumbers(size, 7).numbers, { now: NOW, expiryWarningDays: 30 });
      const list = many.numbers;
      let pulled = 0;
      const counted = (function* () {
        for (const e of list) {
          pulled++;
          yield e;
        }
      })();
      const pieces = exportPieces('csv', counted, labelOf);
      const first = [pieces.next().value, pieces.next().value].join('');
      assert.ok(pulled <= 1000, `the first pieces read ${pulled} numbers, not all ${size}`);
      assert.equal(first + [...pieces].join(''), toCsv(exportRows(list, labelOf)), `csv, ${size} numbers`);
      assert.equal(
        [...exportPieces('json', list, labelOf)].join(''),
        toJson(exportRows(list, labelOf)),
        `json, ${size} numbers`,
      );
    }
  });

  it('recognises its own exports from their first characters (code insights leave them alone), and nothing else', () => {
    const head = (format: 'csv' | 'json') =>
      [...exportPieces(format, inv.numbers, labelOf)].join('').slice(0, EXPORT_MARK_CHARS);
    assert.ok(isExportText(head('csv')), 'CSV');
    assert.ok(isExportText(head('json')), 'JSON');
    // Saved and reopened elsewhere: a BOM, LF line ends, another formatter's JSON spacing.
    assert.ok(isExportText(`\uFEFF${head('csv')}`), 'CSV with a BOM');
    assert.ok(isExportText(head('csv').replace(/\r\n/g, '\n')), 'CSV with LF');
    assert.ok(isExportText(JSON.stringify(exportRows(inv.numbers, labelOf))), 'JSON on one line');
    assert.ok(isExportText(`${COLUMNS.join(',')}\r\n`), 'an export of no rows: the header alone');
    for (const text of [
      '',
      'SINCH_CALLER_ID=+14150005551\n',
      'number,valid,countryId\r\n+14150005551,true,US\r\n', // a hand-made CSV with some of the columns
      `# notes\n${COLUMNS.join(',')}\r\n`, // the header, but not first
      '[{"number": "+14150005551", "label": "caller id"}]',
      '[]\n',
    ])
      assert.equal(isExportText(text), false, JSON.stringify(text));
  });
});
