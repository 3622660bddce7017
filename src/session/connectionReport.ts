import type { Endpoints, Organisation } from '../sinch/types';

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
    `Connected to Sinch as ${f.identity}: organisation ${org}.`,
    `Round trip ${Math.round(f.roundTripMs)} ms.`,
    describeSkew(f.skewMs),
    `Endpoints: ${describeEndpoints(f.endpoints)}.`,
  ];
  const far = f.skewMs !== undefined && Math.abs(f.skewMs) >= MAX_SKEW_MS / 2;
  return { severity: far ? 'warning' : 'info', text: parts.join(' ') };
}

/** The Date header has whole seconds, so under two seconds is "in sync" as far as we can tell. */
export function describeSkew(skewMs: number | undefined): string {
  if (skewMs === undefined) return 'Clock offset unknown (Sinch sent no Date header).';
  const abs = Math.abs(skewMs);
  if (abs < 2000) return 'Clock in sync with Sinch (within a second).';
  const amount = abs < 120_000 ? `${Math.round(abs / 1000)} s` : `${Math.round(abs / 60_000)} min`;
  const sentence = `Clock offset: Sinch's clock is ${amount} ${skewMs > 0 ? 'ahead of' : 'behind'} this computer's.`;
  if (abs >= MAX_SKEW_MS / 2) return `${sentence} Sinch refuses requests more than 15 minutes off: correct this computer's clock.`;
  return sentence;
}

export function describeEndpoints(e: Endpoints): string {
  if (e.userApi === e.api && e.api === e.portalApi) return `${e.api} (all three APIs)`;
  return `user API ${e.userApi}, API ${e.api}, portal API ${e.portalApi}`;
}
