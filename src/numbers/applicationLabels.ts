// The names a user gives applications (setting sinchNumbers.applicationLabels), looked up by
// normalised key. Blank names count as none; a name is one line of plain text, as long as Label
// Application… allows, whatever a settings file holds.
import { normaliseKey } from './applicationKey';
import { plainText } from '../platform/safeText';

/** The longest name kept (Label Application… asks for names under this length too). */
export const MAX_LABEL = 80;

/** A lookup over the labels setting, built once per read of the setting. */
export function labelLookup(labels: Readonly<Record<string, string>>): (key: string) => string | undefined {
  const byKey = new Map<string, string>();
  for (const [key, label] of Object.entries(labels ?? {})) {
    const text = plainText(label, MAX_LABEL);
    if (text) byKey.set(normaliseKey(key), text);
  }
  return (key) => byKey.get(normaliseKey(key));
}

/** "Voice IVR (bb7b4e39-…)", or the bare key when it has no label. */
export function applicationName(key: string, labels: Readonly<Record<string, string>>): string {
  const label = labelLookup(labels)(key);
  return label ? `${label} (${key})` : key;
}
