// How numbers and applications are named in the assign flows' messages; counts, lists,
// capabilities and the organisation read as everywhere else (numbers/wording.ts).
import { formatPhoneNumber } from '../numbers/phoneFormat';

/** +1 415-000-5550, as the tree writes it. */
export function formatNumber(n: number): string {
  return formatPhoneNumber(n);
}

/** One number per line, for a modal's detail. */
export function numberLines(numbers: readonly number[], max = 12): string {
  const lines = numbers.slice(0, max).map((n) => `  ${formatNumber(n)}`);
  if (numbers.length > max) lines.push(`  … and ${numbers.length - max} more`);
  return lines.join('\n');
}

/** The label of an application key from the settings (keys compared without case). */
export function labelOf(key: string, labels: Readonly<Record<string, string>>): string | undefined {
  const k = key.trim().toLowerCase();
  for (const [candidate, label] of Object.entries(labels)) {
    if (candidate.trim().toLowerCase() === k && typeof label === 'string' && label.trim() !== '') return label.trim();
  }
  return undefined;
}

/** "Voice IVR (bb7b4e39-…)" or the bare key when it has no label. */
export function applicationName(key: string, labels: Readonly<Record<string, string>>): string {
  const label = labelOf(key, labels);
  return label ? `${label} (${key})` : key;
}
