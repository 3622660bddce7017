// How numbers, applications and the organisation are named in the assign flows' messages.
import { formatPhoneNumber } from '../../numbers/phoneFormat';
import type { Capability } from '../../sinch/types';

/** +1 415-000-5550, as the tree writes it. */
export function formatNumber(n: number): string {
  return formatPhoneNumber(n);
}

/** "+1 415-000-5550, +1 415-000-5551 and 3 more". */
export function listNumbers(numbers: readonly number[], max = 6): string {
  const shown = numbers.slice(0, max).map(formatNumber);
  const rest = numbers.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** One number per line, for a modal's detail. */
export function numberLines(numbers: readonly number[], max = 12): string {
  const lines = numbers.slice(0, max).map((n) => `  ${formatNumber(n)}`);
  if (numbers.length > max) lines.push(`  … and ${numbers.length - max} more`);
  return lines.join('\n');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function capabilityLabel(c: Capability): string {
  return c === 'sms' ? 'SMS' : 'Voice';
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

/** "Acme (8888123)". */
export function organisationName(account: { organisationName?: string; organisationId: string }): string {
  return account.organisationName ? `${account.organisationName} (${account.organisationId})` : `organisation ${account.organisationId}`;
}
