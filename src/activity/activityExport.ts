// Show Activity's exports: CSV (RFC 4180, formulas defused as the numbers export does) or JSON.
import type { ActivityEntry } from '../numbers/activity';
import { csvCell } from '../numbers/exportNumbers';
import { toE164 } from '../numbers/phoneFormat';

export const ACTIVITY_COLUMNS = [
  'time',
  'account',
  'organisationId',
  'organisationName',
  'operation',
  'numbers',
  'applications',
  'unitCost',
  'unitCurrency',
  'totalCost',
  'verdict',
  'message',
] as const;

/** One line per entry, oldest first, CRLF line ends, a header row. */
export function activityCsv(entries: readonly ActivityEntry[]): string {
  const lines = [ACTIVITY_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [
        new Date(e.time).toISOString(),
        e.account,
        e.organisationId,
        e.organisationName ?? '',
        e.operation,
        e.numbers.map((n) => toE164(n) ?? String(n)),
        e.applications,
        e.unitCost?.amount ?? '',
        e.unitCost?.currencyId ?? '',
        (e.totalCost ?? []).map((m) => `${m.amount} ${m.currencyId}`),
        e.verdict,
        e.message,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A pretty JSON array; times as ISO 8601 text. */
export function activityJson(entries: readonly ActivityEntry[]): string {
  return `${JSON.stringify(
    entries.map((e) => ({ ...e, time: new Date(e.time).toISOString() })),
    null,
    2,
  )}\n`;
}
