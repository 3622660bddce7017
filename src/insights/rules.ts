// The Problems rules: what is worth telling about the numbers in one document, as plain records
// (the vscode layer turns them into Diagnostics). Pure: candidates + index + options in, findings out.
import { applicationName } from '../assign/format';
import { describeExpiry } from '../numbers/inventory';
import { formatPhoneNumber } from '../numbers/phoneFormat';
import { orgLabel } from '../numbers/wording';
import { l10n } from '../platform/l10n';
import type { CodeIndex } from './codeIndex';
import type { Candidate } from './detector';

export type FindingSeverity = 'hint' | 'information' | 'warning';
/** The setting sinchNumbers.codeInsights.unrentedSeverity. */
export type UnrentedSeverity = FindingSeverity | 'off';

/**
 * `notRented`: an E.164 number the organisation does not rent; `expired`, `expiring`: a rented
 * number past or near its expiry; `otherApplication`: a rented number that is not on the one
 * application the same document names.
 */
export type Rule = 'notRented' | 'expired' | 'expiring' | 'otherApplication';

export interface Finding {
  readonly rule: Rule;
  readonly severity: FindingSeverity;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** The number (E.164 digits as a number). */
  readonly number: number;
  /** otherApplication: the document's application (normalised key), where the quick fix assigns it. */
  readonly target?: string;
}

export interface RuleOptions {
  unrented: UnrentedSeverity;
  /** Names for application keys (setting sinchNumbers.applicationLabels). */
  labels: Readonly<Record<string, string>>;
  now: number;
}

/** The one application of the organisation the document names, or undefined for none or several. */
export function documentApplication(candidates: readonly Candidate[], index: CodeIndex): string | undefined {
  let found: string | undefined;
  for (const c of candidates) {
    if (c.kind !== 'key' || c.value === found) continue;
    const app = index.application(c.value);
    if (!app) continue;
    if (found !== undefined && found !== app.key) return undefined;
    found = app.key;
  }
  return found;
}

/** Every finding in one document, in text order. */
export function analyse(candidates: readonly Candidate[], index: CodeIndex, options: RuleOptions): Finding[] {
  const out: Finding[] = [];
  const target = documentApplication(candidates, index);
  const org = orgLabel(index.organisation);
  for (const c of candidates) {
    if (c.kind === 'key') continue;
    const entry = index.number(c.value);
    const number = Number(c.value);
    const at = { start: c.start, end: c.end, number };
    if (!entry) {
      // Only `+` and digits is surely meant as a phone number; other forms count when rented.
      if (c.kind === 'e164' && options.unrented !== 'off') {
        out.push({ ...at, rule: 'notRented', severity: options.unrented, message: l10n.t('{0} is not a number {1} rents.', formatPhoneNumber(number), org) });
      }
      continue;
    }
    const shown = formatPhoneNumber(entry.number.number);
    if (entry.expiresAt !== undefined && entry.expiry === 'expired') {
      out.push({ ...at, rule: 'expired', severity: 'warning', message: l10n.t('{0} {1}.', shown, describeExpiry(entry.expiresAt, options.now)) });
    } else if (entry.expiresAt !== undefined && entry.expiry === 'expiring') {
      out.push({ ...at, rule: 'expiring', severity: 'information', message: l10n.t('{0} {1}.', shown, describeExpiry(entry.expiresAt, options.now)) });
    }
    if (target !== undefined && entry.applicationKey !== target) {
      const wanted = applicationName(target, options.labels);
      const message = entry.applicationKey
        ? l10n.t('{0} reaches {1}, not {2}, the application this file uses.', shown, applicationName(entry.applicationKey, options.labels), wanted)
        : l10n.t('{0} reaches no application; this file uses {1}.', shown, wanted);
      out.push({ ...at, rule: 'otherApplication', severity: 'warning', message, target });
    }
  }
  return out;
}
