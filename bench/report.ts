// One benchmark result row, and the table `npm run bench` prints. Plain data, no Node or
// VS Code imports: the measurements taken inside the extension host build rows too.

export type Unit = 'ms' | 'KB' | 'MB' | 'bytes' | 'requests' | 'x';

export interface Row {
  section: string;
  measure: string;
  value: number;
  unit: Unit;
  /** The runs `value` is the median of. */
  samples?: number[];
  /** What exactly was measured, or a per-endpoint breakdown. */
  detail?: string;
  /** The budget in words; `ok` says whether the value meets it. */
  budget?: string;
  ok?: boolean;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A timing row: the median of `samples`, with an optional ceiling in ms. */
export function timing(section: string, measure: string, samples: number[], maxMs?: number, detail?: string): Row {
  const value = median(samples);
  return {
    section,
    measure,
    value,
    unit: 'ms',
    samples,
    detail,
    ...(maxMs === undefined ? {} : { budget: `< ${maxMs} ms`, ok: value < maxMs }),
  };
}

/** Requests per endpoint, as the simulator counted them, minus the endpoints never hit. */
export type Counts = Record<string, number>;

export function countsDelta(before: Counts, after: Counts): Counts {
  const out: Counts = {};
  for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  return out;
}

export function total(c: Counts): number {
  return Object.values(c).reduce((a, b) => a + b, 0);
}

export function describeCounts(c: Counts): string {
  return (
    Object.entries(c)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none'
  );
}

/**
 * A request-count row: ok when every endpoint named in `expected` was hit exactly that many
 * times and no other endpoint was hit, except those in `allowed` (at most that many).
 */
export function requests(
  section: string,
  measure: string,
  counts: Counts,
  budget: string,
  expected: Counts,
  allowed: Counts = {},
): Row {
  const ok =
    Object.entries(expected).every(([k, v]) => (counts[k] ?? 0) === v) &&
    Object.entries(counts).every(([k, v]) => k in expected || v <= (allowed[k] ?? 0));
  return { section, measure, value: total(counts), unit: 'requests', detail: describeCounts(counts), budget, ok };
}

function formatValue(r: Row): string {
  const n =
    r.unit === 'requests'
      ? String(r.value)
      : r.value >= 100
        ? Math.round(r.value).toLocaleString('en-US')
        : r.value >= 10
          ? r.value.toFixed(1)
          : r.value.toFixed(2);
  return r.unit === 'x' ? `${n}×` : r.unit === 'requests' ? n : `${n} ${r.unit}`;
}

/** A Markdown table (it reads well in a terminal too), with the failed budgets marked FAIL. */
export function table(rows: readonly Row[]): string {
  const lines = ['| Section | Measure | Value | Budget | Detail |', '|---|---|---:|---|---|'];
  for (const r of rows) {
    const budget = r.budget === undefined ? '' : `${r.ok ? 'ok' : '**FAIL**'} (${r.budget})`;
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    lines.push(
      `| ${cell(r.section)} | ${cell(r.measure)} | ${formatValue(r)} | ${cell(budget)} | ${cell(r.detail ?? '')} |`,
    );
  }
  return lines.join('\n');
}
