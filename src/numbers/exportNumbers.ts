import type { InventoryEntry } from './inventory';
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

const COLUMNS: readonly (keyof ExportRow)[] = [
  'number', 'valid', 'countryId', 'country', 'city', 'areaCode', 'capabilities',
  'applicationKey', 'applicationLabel', 'groupId', 'monthlyCost', 'currency', 'expires',
];

/** One exported number. */
export function exportRow(e: InventoryEntry, labelOf: (key: string) => string | undefined): ExportRow {
  const n = e.number;
  return {
    number: toE164(n.number) ?? digitsOf(n.number),
    valid: e.valid,
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

export function exportRows(entries: Iterable<InventoryEntry>, labelOf: (key: string) => string | undefined): ExportRow[] {
  return Array.from(entries, (e) => exportRow(e, labelOf));
}

/** Rows per piece of a streamed export: enough to amortise the joins, small enough to stay small. */
const ROWS_PER_PIECE = 1000;

/**
 * The export as a stream of text pieces, made from `entries` as they come: no list of rows,
 * no list of lines, only one piece of rows at a time. Joined, the pieces are `toCsv`/`toJson`.
 */
export function* exportPieces(format: ExportFormat, entries: Iterable<InventoryEntry>, labelOf: (key: string) => string | undefined): Generator<string> {
  const rows = batches(entries, (e) => (format === 'csv' ? csvLine : jsonItem)(exportRow(e, labelOf)));
  if (format === 'csv') {
    yield `${COLUMNS.join(',')}\r\n`;
    for (const lines of rows) yield `${lines.join('\r\n')}\r\n`;
    return;
  }
  let any = false;
  for (const items of rows) {
    yield `${any ? ',\n' : '[\n'}${items.join(',\n')}`;
    any = true;
  }
  yield any ? '\n]\n' : '[]\n';
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

export function exportNumbers(format: ExportFormat, rows: readonly ExportRow[]): string {
  return format === 'csv' ? toCsv(rows) : toJson(rows);
}

/** Pretty JSON array with a trailing newline. */
export function toJson(rows: readonly ExportRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** RFC 4180 CSV (CRLF, quoted where needed) with a header row; capabilities joined by spaces. */
export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [COLUMNS.join(',')];
  for (const row of rows) lines.push(csvLine(row));
  return `${lines.join('\r\n')}\r\n`;
}

function csvLine(row: ExportRow): string {
  return COLUMNS.map((c) => csvCell(row[c])).join(',');
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
