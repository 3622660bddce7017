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

export function exportRows(entries: Iterable<InventoryEntry>, labelOf: (key: string) => string | undefined): ExportRow[] {
  const rows: ExportRow[] = [];
  for (const e of entries) {
    const n = e.number;
    rows.push({
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
    });
  }
  return rows;
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
  for (const row of rows) {
    lines.push(COLUMNS.map((c) => csvCell(row[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
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
