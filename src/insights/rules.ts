// The Problems rules: what is worth telling about the numbers in one document, as plain records
// (the vscode layer turns them into Diagnostics). Pure: candidates + index + options in, findings out.
import { applicationName } from '../numbers/applicationLabels';
import { describeExpiry, type InventoryEntry } from '../numbers/inventory';
import { formatPhoneNumber } from '../numbers/phoneFormat';
import { orgLabel } from '../numbers/wording';
import { l10n } from '../platform/l10n';
import type { CodeIndex } from './codeIndex';
import type { Candidate } from '../numbers/numberCandidates';

export type FindingSeverity = 'hint' | 'information' | 'warning';
/** The setting sinchNumbers.codeInsights.unrentedSeverity. */
export type UnrentedSeverity = FindingSeverity | 'off';

/**
 * `notRented`: an E.164 number the organisation does not rent; `expired`, `expiring`: a rented
 * number past or near its expiry; `otherApplication`: a rented number that is not on the one
 * application the same document names; `emptyApplication`: the document's application holds no
 * numbers (its last one was moved or unassigned, or it was added or labelled without any).
 */
export type Rule = 'notRented' | 'expired' | 'expiring' | 'otherApplication' | 'emptyApplication';

export interface Finding {
  readonly rule: Rule;
  readonly severity: FindingSeverity;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** The number (E.164 digits as a number); 0 on a finding about an application key. */
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
  const say = messages(index, options, target);
  const empty = target === undefined ? undefined : index.application(target);
  for (const c of candidates) {
    if (c.kind === 'key') {
      // The caller id or sender this file configures reaches nothing once its application is empty.
      if (empty && !empty.group?.size && c.value === target)
        out.push({
          rule: 'emptyApplication',
          severity: 'warning',
          start: c.start,
          end: c.end,
          number: 0,
          message: say.emptyApplication(empty.source === 'seen'),
        });
      continue;
    }
    const entry = index.number(c.value);
    if (!entry) {
      // Only `+` and digits is surely meant as a phone number; other forms count when rented.
      if (c.kind === 'e164' && options.unrented !== 'off') {
        const number = Number(c.value);
        out.push({
          rule: 'notRented',
          severity: options.unrented,
          start: c.start,
          end: c.end,
          number,
          message: say.notRented(number),
        });
      }
      continue;
    }
    const number = entry.number.number;
    if (entry.expiresAt !== undefined && (entry.expiry === 'expired' || entry.expiry === 'expiring')) {
      const expired = entry.expiry === 'expired';
      out.push({
        rule: entry.expiry,
        severity: expired ? 'warning' : 'information',
        start: c.start,
        end: c.end,
        number,
        message: say.expiry(entry),
      });
    }
    if (target !== undefined && entry.applicationKey !== target) {
      out.push({
        rule: 'otherApplication',
        severity: 'warning',
        start: c.start,
        end: c.end,
        number,
        message: say.otherApplication(entry),
        target,
      });
    }
  }
  return out;
}

/** The sentences, with what every finding of one document shares worked out once. */
function messages(index: CodeIndex, options: RuleOptions, target: string | undefined) {
  const org = orgLabel(index.organisation);
  const wanted = target === undefined ? '' : applicationName(target, options.labels);
  const names = new Map<string, string>();
  const nameOf = (key: string) => names.get(key) ?? names.set(key, applicationName(key, options.labels)).get(key)!;
  return {
    notRented: (n: number) => l10n.t('{0} is not a number {1} rents.', formatPhoneNumber(n), org),
    expiry: (e: InventoryEntry) =>
      l10n.t('{0} {1}.', formatPhoneNumber(e.number.number), describeExpiry(e.expiresAt!, options.now)),
    otherApplication: (e: InventoryEntry) =>
      e.applicationKey
        ? l10n.t(
            '{0} reaches {1}, not {2}, the application this file uses.',
            formatPhoneNumber(e.number.number),
            nameOf(e.applicationKey),
            wanted,
          )
        : l10n.t('{0} reaches no application; this file uses {1}.', formatPhoneNumber(e.number.number), wanted),
    emptyApplication: (hadNumbers: boolean) =>
      hadNumbers
        ? l10n.t('{0} now has no numbers: nothing this file sends or receives through it reaches a phone.', wanted)
        : l10n.t('{0} has no numbers yet: nothing this file sends or receives through it reaches a phone.', wanted),
  };
}
