// The geometry of the overview's SVG charts, drawn by our own code (no chart library: two
// kinds of bar chart are a few dozen lines, and a library would be most of the script's bytes).
// Plain: the webview script and the unit tests both use it.

/** Bar lengths, in `width` units, the largest value filling it; a non-zero value is at least 2 units long. */
export function barLengths(values: readonly number[], width: number): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max <= 0 || v <= 0 ? 0 : Math.max(2, (v / max) * width)));
}

export interface ColumnBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Columns side by side in `width` × `height`, a gap between them, heights by value. */
export function columnBoxes(values: readonly number[], width: number, height: number, gap = 4): ColumnBox[] {
  const n = values.length;
  if (n === 0) return [];
  const w = (width - gap * (n - 1)) / n;
  const heights = barLengths(values, height);
  return heights.map((h, k) => ({ x: k * (w + gap), y: height - h, width: w, height: h }));
}

/** Fills `{0}`, `{1}`… of a translated template (the webview's strings come translated, with places). */
export function fill(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) =>
    Number(i) < args.length ? String(args[Number(i)]) : whole,
  );
}

/** A label cut to `max` characters with an ellipsis (SVG text does not wrap or clip itself). */
export function clipLabel(label: string, max = 30): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}
