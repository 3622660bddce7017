import { isValidPhoneNumber } from '../sinch/guards';
import type { RentedNumber } from '../sinch/types';
import { countryName, digitsOf, toE164 } from './phoneFormat';

/** One exported number: every field the view shows, in plain values. */
export interface ExportRow {
  /** E.164 with `+`; for a value that is not a phone number, its digits as received. */
  number: string;
  valid: boolean;
  countryId: string;
  country: string;
  city: string;
  areaCode: string;
  capabilities: string[];
  applicationKey: string;
  applicationLabel: string;
  groupId: number;
  monthlyCost: number;
  currency: string;
  expires: string;
}

export type ExportFormat = 'csv' | 'json';

/** The CSV header, in this order. */
export const COLUMNS: readonly (keyof ExportRow)[] = [
  'number',
  'valid',
  'countryId',
  'country',
  'city',
  'areaCode',
  'capabilities',
  'applicationKey',
  'applicationLabel',
  'groupId',
  'monthlyCost',
  'currency',
  'expires',
];

/** One exported number. */
export function exportRow(n: RentedNumber, labelOf: (key: string) => string | undefined): ExportRow {
  return {
    number: toE164(n.number) ?? digitsOf(n.number),
    valid: isValidPhoneNumber(n.number),
    countryId: n.countryId,
    country: countryName(n.countryId, n.country),
    city: n.city,
    areaCode: n.areaCode,
    capabilities: [...n.capabilities],
    applicationKey: n.applicationKey ?? '',
    applicationLabel: (n.applicationKey && labelOf(n.applicationKey)) || '',
    groupId: n.groupId,
    monthlyCost: n.cost.amount,
    currency: n.cost.currencyId,
    expires: n.expires ?? '',
  };
}

/**
 * True for text that begins as an export of this extension: the CSV header row (its exact
 * column list, with or without a BOM), or a JSON array whose first object opens with the export's
 * first keys in their order. The mark is the content itself, so it survives Save As, reopening,
 * renaming and copying the file to another machine; a list of the URIs we wrote would not (an
 * untitled export gets a new URI when saved, and none of it outlives the window's storage).
 * `head` is the document's first few hundred characters.
 */
export function isExportText(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '');
  const firstLine = /^[^\r\n]*/.exec(text)![0];
  if (firstLine === CSV_HEADER) return true;
  return JSON_START.test(text);
}

const CSV_HEADER = COLUMNS.join(',');
/** `[ { "number": "…", "valid": true, "countryId": …`: the start of a JSON export, whatever its spacing. */
const JSON_START = /^\s*\[\s*\{\s*"number"\s*:\s*"[^"\r\n]*"\s*,\s*"valid"\s*:\s*(true|false)\s*,\s*"countryId"\s*:/;
/** How much of a document isExportText needs to see. */
export const EXPORT_MARK_CHARS = 400;

/** Rows per piece of a streamed export: enough to amortise the joins, small enough to stay small. */
const ROWS_PER_PIECE = 1000;

/**
 * The export as a stream of text pieces, made from `numbers` as they come: no list of rows,
 * no list of lines, only one piece of rows at a time. Joined, the pieces are RFC 4180 CSV (CRLF,
 * a header row, capabilities joined by spaces) or a pretty JSON array of `ExportRow`s.
 */
export function* exportPieces(
  format: ExportFormat,
  numbers: Iterable<RentedNumber>,
  labelOf: (key: string) => string | undefined,
): Generator<string> {
  if (format === 'csv') {
    const line = csvLines(labelOf);
    yield `${COLUMNS.join(',')}\r\n`;
    for (const lines of batches(numbers, line)) yield `${lines.join('\r\n')}\r\n`;
    return;
  }
  let any = false;
  for (const items of batches(numbers, (n) => jsonItem(exportRow(n, labelOf)))) {
    yield `${any ? ',\n' : '[\n'}${items.join(',\n')}`;
    any = true;
  }
  yield any ? '\n]\n' : '[]\n';
}

/**
 * CSV lines, each cell as `csvCell` writes it. The cells numbers share (place, capabilities,
 * application, price) are written once per distinct value: most of a line is looked up.
 */
function csvLines(labelOf: (key: string) => string | undefined): (n: RentedNumber) => string {
  const cells = new Map<unknown, string>();
  const cell = (value: unknown, make: () => unknown = () => value) => {
    let text = cells.get(value);
    if (text === undefined) cells.set(value, (text = csvCell(make())));
    return text;
  };
  // A primitive key's cell is csvCell(key) in any column; the derived columns have maps of their own.
  const labels = new Map<string, string>();
  const countries = new Map<string, Map<string, string>>();
  return (n) => {
    const key = n.applicationKey ?? '';
    let label = labels.get(key);
    if (label === undefined) labels.set(key, (label = csvCell((key && labelOf(key)) || '')));
    let byName = countries.get(n.countryId);
    if (byName === undefined) countries.set(n.countryId, (byName = new Map()));
    let country = byName.get(n.country);
    if (country === undefined) byName.set(n.country, (country = csvCell(countryName(n.countryId, n.country))));
    // Our own text for the number: `+` and digits (never a formula), or the digits of an invalid value.
    const valid = isValidPhoneNumber(n.number);
    return [
      valid ? `+${n.number}` : digitsOf(n.number),
      valid ? 'true' : 'false',
      cell(n.countryId),
      country,
      cell(n.city),
      cell(n.areaCode),
      cell(n.capabilities),
      cell(key),
      label,
      cell(n.groupId),
      cell(n.cost, () => n.cost.amount),
      cell(n.cost.currencyId),
      csvCell(n.expires ?? ''),
    ].join(',');
  };
}

function* batches<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U[]> {
  let batch: U[] = [];
  for (const item of items) {
    batch.push(map(item));
    if (batch.length === ROWS_PER_PIECE) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** A row as `JSON.stringify(rows, null, 2)` writes it inside the array. */
function jsonItem(row: ExportRow): string {
  return `  ${JSON.stringify(row, null, 2).replace(/\n/g, '\n  ')}`;
}

/**
 * One CSV field. Text a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
 * start) gets a leading apostrophe, unless it is a plain number such as `+14150005550`.
 */
export function csvCell(value: unknown): string {
  let text = Array.isArray(value) ? value.join(' ') : value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
