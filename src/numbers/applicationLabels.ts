// The names a user gives applications (setting sinchNumbers.applicationLabels), looked up by
// normalised key. Blank names count as none.
import { normaliseKey } from './applicationKey';

/** A lookup over the labels setting, built once per read of the setting. */
export function labelLookup(labels: Readonly<Record<string, string>>): (key: string) => string | undefined {
  const byKey = new Map<string, string>();
  for (const [key, label] of Object.entries(labels ?? {})) {
    if (typeof label === 'string' && label.trim()) byKey.set(normaliseKey(key), label.trim());
  }
  return (key) => byKey.get(normaliseKey(key));
}

/** "Voice IVR (bb7b4e39-…)", or the bare key when it has no label. */
export function applicationName(key: string, labels: Readonly<Record<string, string>>): string {
  const label = labelLookup(labels)(key);
  return label ? `${label} (${key})` : key;
}
