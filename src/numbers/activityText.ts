// How an activity entry reads in Show Activity, the overview and the exports (shared by both features).
import type { ActivityEntry, ActivityOperation, ActivityVerdict } from './activity';
import { formatTotals } from './money';
import { listNumbers, numbersCount } from './wording';
import { l10n } from '../platform/l10n';

export function operationLabel(op: ActivityOperation): string {
  switch (op) {
    case 'reserve':
      return l10n.t('Reserve');
    case 'checkout':
      return l10n.t('Checkout');
    case 'assign':
      return l10n.t('Assign');
    case 'move':
      return l10n.t('Move');
    case 'unassign':
      return l10n.t('Unassign');
    case 'undo':
      return l10n.t('Undo');
    case 'restore':
      return l10n.t('Restore');
    case 'scopeRepair':
      return l10n.t('Assign-scope repair');
  }
}

export function verdictLabel(v: ActivityVerdict): string {
  switch (v) {
    case 'verified':
      return l10n.t('done and verified');
    case 'unknown':
      return l10n.t('outcome unknown');
    case 'failed':
      return l10n.t('failed');
    case 'partial':
      return l10n.t('partly done');
  }
}

/** "Checkout: 2 numbers, 4.00 USD/month (done and verified)". */
export function entrySummary(e: ActivityEntry): string {
  const cost = e.totalCost && e.totalCost.length > 0 ? `, ${formatTotals(e.totalCost, { perMonth: true })}` : '';
  return l10n.t(
    '{0}: {1}{2} ({3})',
    operationLabel(e.operation),
    numbersCount(e.numbers.length),
    cost,
    verdictLabel(e.verdict),
  );
}

/** The numbers of an entry, shortened: "+1 415-000-5550 and 3 more". */
export function entryNumbers(e: ActivityEntry): string {
  return listNumbers(e.numbers, 3);
}

/** "2026-12-07 21:14" in UTC, the same in every window and export. */
export function entryTime(time: number): string {
  return new Date(time).toISOString().slice(0, 16).replace('T', ' ');
}
