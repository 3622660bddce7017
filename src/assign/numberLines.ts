// A modal's list of numbers, one per line, as the tree writes them.
import { l10n } from '../platform/l10n';
import { formatPhoneNumber } from '../numbers/phoneFormat';

/** One number per line, the first `max` of them, then how many more. */
export function numberLines(numbers: readonly number[], max = 12): string {
  const lines = numbers.slice(0, max).map((n) => `  ${formatPhoneNumber(n)}`);
  if (numbers.length > max) lines.push(`  ${l10n.t('… and {0} more', numbers.length - max)}`);
  return lines.join('\n');
}
