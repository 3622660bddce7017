// The webview's own words (headings, buttons, text alternatives), translated here in the
// extension host: the webview has no l10n of its own and only ever sets them as text.
import { l10n } from '../platform/l10n';

export function overviewStrings() {
  return {
    title: l10n.t('Numbers Overview'),
    refresh: l10n.t('Refresh'),
    scan: l10n.t('Scan Workspace'),
    showActivity: l10n.t('Show Activity…'),
    cost: l10n.t('Monthly recurring cost'),
    costTotal: l10n.t('{0} a month for {1} numbers'),
    byApplication: l10n.t('By application'),
    byCountry: l10n.t('By country'),
    noCost: l10n.t('No number has a readable monthly price.'),
    expiry: l10n.t('Expiry timeline'),
    unused: l10n.t('Unused numbers'),
    noUnused: l10n.t('Every number is on an application.'),
    reveal: l10n.t('Reveal'),
    copy: l10n.t('Copy'),
    dashboard: l10n.t('Open Dashboard'),
    showInTree: l10n.t('Show all {0} in the Numbers view'),
    more: l10n.t('and {0} more'),
    noRelease: l10n.t(
      'The Sinch API has no way to release a number: release the ones you do not need in the Sinch Dashboard.',
    ),
    scanHint: l10n.t('Scan Workspace also leaves out the numbers that a file in this workspace mentions.'),
    activity: l10n.t('Recent activity'),
    noActivity: l10n.t('Nothing changed from this editor yet.'),
    table: l10n.t('Show as a table'),
    column: l10n.t('Name'),
    columnValue: l10n.t('Monthly cost and numbers'),
    columnWeek: l10n.t('Week'),
    columnCount: l10n.t('Numbers'),
    barHint: l10n.t('{0}: {1}. Press Enter to show them in the Numbers view.'),
    weekHint: l10n.t('{0}: {1} numbers. Press Enter to show them in the Numbers view.'),
    chartCost: l10n.t('Bar chart of the monthly cost {0}, {1} bars.'),
    chartExpiry: l10n.t('Column chart of the numbers expiring each week: {0}'),
    signedOut: l10n.t('Sign in to see the overview of your numbers.'),
    empty: l10n.t('This organisation rents no numbers.'),
    loading: l10n.t('Loading the numbers…'),
    revealNumber: l10n.t('Reveal {0} in the Numbers view'),
    copyNumber: l10n.t('Copy {0}'),
  };
}

export type OverviewStrings = ReturnType<typeof overviewStrings>;
