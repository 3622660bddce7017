import type { LearnedForm, LearnedOrganisations, LearnedScope } from '../sinch/dialect';
import type { Endpoints, Organisation } from '../sinch/types';
import { l10n } from '../platform/l10n';
import { clockDistance, isPlausibleClockOffset } from '../sinch/clockOffset';
import { plainText } from '../platform/safeText';

/** Sinch refuses a request whose x-timestamp is more than 15 minutes off its clock. */
const MAX_SKEW_MS = 15 * 60_000;

export interface ConnectionFacts {
  identity: string;
  organisation: Organisation;
  roundTripMs: number;
  /** Server Date minus local clock, from the last answer; undefined when it sent no Date. */
  skewMs: number | undefined;
  endpoints: Endpoints;
  /** What the extension has learned about the hosts (see describeLearned). */
  learned?: LearnedFacts;
  /** Formats a learned time for people; default the machine's locale. */
  formatTime?: (ms: number) => string;
}

/** The dialect facts Test Connection reports: the API host's signature form (and the numbers host's when it is another host), the organisation answer, the assign scope. */
export interface LearnedFacts {
  form?: LearnedForm;
  portalForm?: LearnedForm;
  organisations?: LearnedOrganisations;
  scope?: LearnedScope;
}

/** What Test Connection tells: a short toast, and the full report as plain text, one fact per line. */
export interface ConnectionReport {
  severity: 'info' | 'warning';
  /** The toast: who is connected to which organisation, and what is wrong when something is. */
  summary: string;
  /** The report document: the summary's facts first, then round trip, clock, endpoints and what was learned. */
  report: string;
}

/**
 * Test Connection's message and report; a warning when the clock is far enough off to matter or
 * when Sinch no longer lists the account's organisation (`listed: false`). Server text (the
 * organisation's name) is made one line of plain text, so it cannot add lines to the report.
 */
export function describeConnection(f: ConnectionFacts & { listed?: boolean }): ConnectionReport {
  const name = plainText(f.organisation.name);
  const org = name ? `${name} (${plainText(f.organisation.id)})` : plainText(f.organisation.id);
  const connected = l10n.t('Connected to Sinch as {0}: organisation {1}.', plainText(f.identity), org);
  const unlisted =
    f.listed === false
      ? l10n.t(
          'Sinch no longer lists organisation {0} for this login: sign in again to choose another.',
          plainText(f.organisation.id),
        )
      : undefined;
  const skew = describeSkew(f.skewMs);
  const far = f.skewMs !== undefined && Math.abs(f.skewMs) >= MAX_SKEW_MS / 2;
  const lines = [
    connected,
    ...(unlisted ? [unlisted] : []),
    l10n.t('Round trip {0} ms.', Math.round(f.roundTripMs)),
    skew,
    l10n.t('Endpoints: {0}.', describeEndpoints(f.endpoints)),
    ...(f.learned ? describeLearned(f.learned, f.formatTime) : []),
  ];
  // The toast names what is wrong first-hand; the rest waits behind Show Report.
  const problems = [...(unlisted ? [unlisted] : []), ...(far ? [skew] : [])];
  return {
    severity: far || unlisted ? 'warning' : 'info',
    summary: [connected, ...problems].join(' '),
    report: `${lines.join('\n')}\n`,
  };
}

/** The Date header has whole seconds, so under two seconds is "in sync" as far as we can tell. */
export function describeSkew(skewMs: number | undefined): string {
  if (skewMs === undefined) return l10n.t('Clock offset unknown (Sinch sent no Date header).');
  const abs = Math.abs(skewMs);
  if (abs < 2000) return l10n.t('Clock in sync with Sinch (within a second).');
  if (!isPlausibleClockOffset(skewMs)) {
    return l10n.t(
      "Sinch's clock and this computer's are {0} apart: one of them is wrong. Check this computer's date and time.",
      clockDistance(skewMs),
    );
  }
  const amount = abs < 120_000 ? l10n.t('{0} s', Math.round(abs / 1000)) : l10n.t('{0} min', Math.round(abs / 60_000));
  const sentence =
    skewMs > 0
      ? l10n.t("Clock offset: Sinch's clock is {0} ahead of this computer's.", amount)
      : l10n.t("Clock offset: Sinch's clock is {0} behind this computer's.", amount);
  if (abs >= MAX_SKEW_MS / 2)
    return l10n.t("{0} Sinch refuses requests more than 15 minutes off: correct this computer's clock.", sentence);
  return sentence;
}

export function describeEndpoints(e: Endpoints): string {
  if (e.userApi === e.api && e.api === e.portalApi) return l10n.t('{0} (all three APIs)', e.api);
  return l10n.t('user API {0}, API {1}, portal API {2}', e.userApi, e.api, e.portalApi);
}

/** One sentence each: the signature form, the organisation answer and the assign scope, with when each was learned. */
export function describeLearned(
  l: LearnedFacts,
  formatTime: (ms: number) => string = (ms) => new Date(ms).toLocaleString(),
): string[] {
  const out = [describeForm(l.form, formatTime, false)];
  if (l.portalForm) out.push(describeForm(l.portalForm, formatTime, true));
  const o = l.organisations;
  if (!o) out.push(l10n.t('Organisations: not read yet.'));
  else if (o.shape === 'object')
    out.push(
      l10n.t(
        'Organisations: Sinch answers one organisation object, as the reference says (seen {0}).',
        formatTime(o.learnedAt),
      ),
    );
  else
    out.push(
      l10n.t(
        'Organisations: Sinch answers a list, of {0} for this login (seen {1}).',
        o.count,
        formatTime(o.learnedAt),
      ),
    );
  const s = l.scope;
  if (!s)
    out.push(
      l10n.t(
        'Assign scope: not seen yet; every assign is checked, and put right at once if it removes numbers of the other capability.',
      ),
    );
  else if (s.scope === 'capability')
    out.push(l10n.t('Assign scope: per capability, as the reference says (seen {0}).', formatTime(s.learnedAt)));
  else
    out.push(
      l10n.t(
        "Assign scope: whole set, an assign replaces all of an application's numbers (learned {0}); every assign sends the application's whole set.",
        formatTime(s.learnedAt),
      ),
    );
  return out;
}

function describeForm(f: LearnedForm | undefined, formatTime: (ms: number) => string, portal: boolean): string {
  if (!f) return portal ? l10n.t('Numbers host signature: not known yet.') : l10n.t('Signature: not known yet.');
  const when = formatTime(f.learnedAt);
  if (f.form === 'reference') {
    return portal
      ? l10n.t('Numbers host signature: the path without its leading slash, as the reference (seen {0}).', when)
      : l10n.t('Signature: the path without its leading slash, as the reference (seen {0}).', when);
  }
  const how = f.afterRefusal
    ? l10n.t('learned {0}, after Sinch refused the reference form', when)
    : l10n.t('seen {0}', when);
  return portal
    ? l10n.t("Numbers host signature: the path with its leading slash, as Sinch's signing library ({0}).", how)
    : l10n.t("Signature: the path with its leading slash, as Sinch's signing library ({0}).", how);
}
