import type { Endpoints, Organisation } from '../sinch/types';
import { l10n } from '../platform/l10n';
import { clockDistance, isPlausibleClockOffset } from '../sinch/clockOffset';

/** Sinch refuses a request whose x-timestamp is more than 15 minutes off its clock. */
const MAX_SKEW_MS = 15 * 60_000;

export interface ConnectionFacts {
  identity: string;
  organisation: Organisation;
  roundTripMs: number;
  /** Server Date minus local clock, from the last answer; undefined when it sent no Date. */
  skewMs: number | undefined;
  endpoints: Endpoints;
}

/** The one-message summary of Test Connection; a warning when the clock is far enough off to matter. */
export function describeConnection(f: ConnectionFacts): { severity: 'info' | 'warning'; text: string } {
  const org = f.organisation.name ? `${f.organisation.name} (${f.organisation.id})` : f.organisation.id;
  const parts = [
    l10n.t('Connected to Sinch as {0}: organisation {1}.', f.identity, org),
    l10n.t('Round trip {0} ms.', Math.round(f.roundTripMs)),
    describeSkew(f.skewMs),
    l10n.t('Endpoints: {0}.', describeEndpoints(f.endpoints)),
  ];
  const far = f.skewMs !== undefined && Math.abs(f.skewMs) >= MAX_SKEW_MS / 2;
  return { severity: far ? 'warning' : 'info', text: parts.join(' ') };
}

/** The Date header has whole seconds, so under two seconds is "in sync" as far as we can tell. */
export function describeSkew(skewMs: number | undefined): string {
  if (skewMs === undefined) return l10n.t('Clock offset unknown (Sinch sent no Date header).');
  const abs = Math.abs(skewMs);
  if (abs < 2000) return l10n.t('Clock in sync with Sinch (within a second).');
  if (!isPlausibleClockOffset(skewMs)) {
    return l10n.t("Sinch's clock and this computer's are {0} apart: one of them is wrong. Check this computer's date and time.", clockDistance(skewMs));
  }
  const amount = abs < 120_000 ? l10n.t('{0} s', Math.round(abs / 1000)) : l10n.t('{0} min', Math.round(abs / 60_000));
  const sentence = skewMs > 0
    ? l10n.t('Clock offset: Sinch\'s clock is {0} ahead of this computer\'s.', amount)
    : l10n.t('Clock offset: Sinch\'s clock is {0} behind this computer\'s.', amount);
  if (abs >= MAX_SKEW_MS / 2) return l10n.t('{0} Sinch refuses requests more than 15 minutes off: correct this computer\'s clock.', sentence);
  return sentence;
}

export function describeEndpoints(e: Endpoints): string {
  if (e.userApi === e.api && e.api === e.portalApi) return l10n.t('{0} (all three APIs)', e.api);
  return l10n.t('user API {0}, API {1}, portal API {2}', e.userApi, e.api, e.portalApi);
}
