// What the Numbers view says about itself: its description ("Acme · 9 numbers · 16.00
// USD/month") and the message above the tree (why the list may be out of date, or what the
// filter hides). Plain data in, sentences out, so every wording is a unit test.
import { describeError } from '../sinch/errorText';
import type { ListProgress } from '../sinch/client';
import { formatBytes } from '../sinch/errors';
import { l10n } from '../platform/l10n';
import type { NumberFilter } from './filter';
import type { Inventory } from './inventory';
import { formatTotals } from './money';
import { count, numbersCount } from './wording';

export interface ViewState {
  account: { organisationId: string; organisationName?: string } | undefined;
  inventory: Inventory | undefined;
  filter: NumberFilter | undefined;
  /** Numbers the filter lets through. */
  shown: number;
  loadedAt: number | undefined;
  lastError: unknown;
  loading: boolean;
  /** While a load that has run for a while goes on: how much of the list has arrived. */
  received?: ListProgress;
  sessionExpired: boolean;
  /** How a time of day or a date reads for the user ("14:05", "28 Nov 2026, 14:05"). */
  timeText(t: number): string;
}

/** "Acme · 9 numbers · 16.00 USD/month", or with a filter "Acme · 1 of 9 numbers · filter: city:paris". */
export function viewDescription(v: ViewState): string | undefined {
  if (!v.account) return undefined;
  const parts = [v.account.organisationName || l10n.t('Organisation {0}', v.account.organisationId)];
  if (v.inventory) {
    const total = v.inventory.size;
    if (v.filter) {
      parts.push(l10n.t('{0} of {1}', count(v.shown), numbersCount(total)), l10n.t('filter: {0}', v.filter.text));
    } else {
      parts.push(numbersCount(total));
      if (v.inventory.totals.some((t) => t.amount !== 0))
        parts.push(formatTotals(v.inventory.totals, { perMonth: true }));
    }
  }
  return parts.join(' · ');
}

/** What the view says above the tree: why the list may be out of date (nothing when it is current). */
export function viewMessage(v: ViewState): string | undefined {
  if (!v.account) return undefined;
  const since = v.loadedAt !== undefined ? v.timeText(v.loadedAt) : undefined;
  if (v.sessionExpired) {
    return since
      ? l10n.t(
          'Your Sinch session has expired: these numbers are from {0} and may be out of date. Sign in again to refresh.',
          since,
        )
      : l10n.t('Your Sinch session has expired. Sign in again to see your numbers.');
  }
  if (v.loading && v.received) {
    return v.received.items === 0
      ? l10n.t('Loading the numbers: waiting for Sinch…')
      : l10n.t(
          'Loading the numbers: {0} received so far ({1})…',
          count(v.received.items),
          formatBytes(v.received.bytes),
        );
  }
  if (v.lastError !== undefined && !v.loading) {
    const reason = describeError(v.lastError).text;
    return since
      ? l10n.t("Couldn't refresh the numbers: {0} Showing the list from {1}, which may be out of date.", reason, since)
      : l10n.t("Couldn't load the numbers: {0}", reason);
  }
  // The description says it too, but VS Code hides it while the view is alone in its container.
  if (v.filter && v.inventory) {
    return v.shown === 0
      ? l10n.t('No numbers match "{0}". Clear the filter to see them all.', v.filter.text)
      : l10n.t(
          'Showing {0} of {1}: those matching "{2}".',
          count(v.shown),
          numbersCount(v.inventory.size),
          v.filter.text,
        );
  }
  return undefined;
}
