/**
 * Where a Sinch host may behave otherwise than the reference (docs/api/dialects.md), and what
 * the extension has learned about it, with when. The client and the features record what they
 * see here; the session keeps it with the account; Test Connection shows it.
 */
import type { SignatureForm } from './signing';

export type { SignatureForm } from './signing';

/** How `GET /v1/organisations` answered: one Organisation object (the reference) or a list (Sinch's sample code). */
export type OrganisationShape = 'object' | 'list';

/**
 * What `PUT …/applications/key/{key}/numbers/{capability}` overwrites: that capability's numbers
 * of the application (the project's reading of the reference), or all of its numbers.
 */
export type AssignScope = 'capability' | 'wholeSet';

/** The signature form a host accepts, and when that was learned (ms since epoch). */
export interface LearnedForm {
  form: SignatureForm;
  learnedAt: number;
  /** The other form was refused (40102) first: the host differs from what was tried. */
  afterRefusal: boolean;
}

/** How the organisation endpoint answered at the last sign-in or Test Connection. */
export interface LearnedOrganisations {
  shape: OrganisationShape;
  /** How many organisations the answer held. */
  count: number;
  learnedAt: number;
}

/** What an assign on a host was seen to overwrite, and the write that showed it. */
export interface LearnedScope {
  scope: AssignScope;
  learnedAt: number;
  /** The write that showed it: the application, the capability written, and the numbers of the other capability it removed. */
  evidence?: { appKey: string; capability: string; removed: number[] };
}

/** Everything learned; signature forms and assign scopes per host (`host[:port]`). */
export interface LearnedDialect {
  signatureForms?: Record<string, LearnedForm>;
  organisations?: LearnedOrganisations;
  assignScopes?: Record<string, LearnedScope>;
}

/** `host[:port]` of a base URL, the key of per-host facts. */
export function hostKey(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Where one host's assign scope is kept: the session keeps it with the account, a writer alone in memory. */
export interface AssignScopeMemory {
  get(): LearnedScope | undefined;
  learn(learned: LearnedScope): void;
}
