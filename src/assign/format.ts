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
