// What the extension has learned about the Sinch hosts (docs/api/dialects.md): per host in
// memory, so every account's requests benefit at once, and with the account that learned it,
// so it survives a restart. Test Connection reads it back; the log says when something is learned.
import { Emitter } from '../platform/emitter';
import type { OrganisationsAnswer } from '../sinch/client';
import type {
  AssignScopeMemory,
  LearnedDialect,
  LearnedForm,
  LearnedOrganisations,
  LearnedScope,
} from '../sinch/dialect';
import type { SignatureFormMemory } from '../sinch/signatureForm';
import type { StoredAccount } from './account';

/** Something newly learned, for the log. */
export type DialectNews =
  | { kind: 'signatureForm'; host: string; learned: LearnedForm }
  | { kind: 'organisations'; learned: LearnedOrganisations }
  | { kind: 'assignScope'; host: string; learned: LearnedScope };

/** Writes a change of an account's learned dialect with the account (SecretStorage). */
export type KeepDialect = (accountId: string, update: (dialect: LearnedDialect) => LearnedDialect) => Promise<void>;

/**
 * Where learned facts go: an account's record, or (during sign-in, before the account exists)
 * a draft that becomes part of the new account.
 */
export type DialectOwner = { accountId: string } | { draft: LearnedDialect };

export class DialectMemory {
  private readonly forms = new Map<string, LearnedForm>();
  private readonly scopes = new Map<string, LearnedScope>();
  private readonly news = new Emitter<DialectNews>();
  /** Fires when something is learned that was not known (the vscode side logs it). */
  readonly onDidLearn = this.news.event;

  constructor(
    private readonly keep: KeepDialect,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes in what the stored accounts remember; per host, the latest learned wins. */
  seed(accounts: readonly StoredAccount[]): void {
    for (const a of accounts) {
      for (const [host, learned] of Object.entries(a.dialect?.signatureForms ?? {})) latest(this.forms, host, learned);
      for (const [host, learned] of Object.entries(a.dialect?.assignScopes ?? {})) latest(this.scopes, host, learned);
    }
  }

  /** The signature forms the client signs with; what it learns is kept with `owner`. */
  formsFor(owner: DialectOwner): SignatureFormMemory {
    return {
      get: (host) => this.forms.get(host),
      learn: (host, learned) => {
        this.forms.set(host, learned);
        this.record(owner, (d) => ({ ...d, signatureForms: { ...d.signatureForms, [host]: learned } }));
        this.news.fire({ kind: 'signatureForm', host, learned });
      },
    };
  }

  /** One host's assign scope, kept with `owner`. */
  scopeFor(owner: DialectOwner, host: string): AssignScopeMemory {
    return {
      get: () => this.scopes.get(host),
      learn: (learned) => {
        this.scopes.set(host, learned);
        this.record(owner, (d) => ({ ...d, assignScopes: { ...d.assignScopes, [host]: learned } }));
        this.news.fire({ kind: 'assignScope', host, learned });
      },
    };
  }

  /** How the organisation endpoint answered; said in the log when the shape or count changed. */
  noteOrganisations(
    owner: DialectOwner,
    answer: OrganisationsAnswer,
    before: LearnedOrganisations | undefined,
  ): LearnedOrganisations {
    const count = answer.organisations.length;
    if (before && before.shape === answer.shape && before.count === count) return before;
    const learned: LearnedOrganisations = { shape: answer.shape, count, learnedAt: this.now() };
    this.record(owner, (d) => ({ ...d, organisations: learned }));
    this.news.fire({ kind: 'organisations', learned });
    return learned;
  }

  /** What is known of these hosts now (Test Connection). */
  snapshot(hosts: { api: string; portalApi: string }): {
    form?: LearnedForm;
    portalForm?: LearnedForm;
    scope?: LearnedScope;
  } {
    return {
      form: this.forms.get(hosts.api),
      portalForm: hosts.portalApi === hosts.api ? undefined : this.forms.get(hosts.portalApi),
      scope: this.scopes.get(hosts.portalApi),
    };
  }

  /** Forgets every host: what was learned belongs to the accounts, and none is left. */
  clear(): void {
    this.forms.clear();
    this.scopes.clear();
  }

  dispose(): void {
    this.news.dispose();
  }

  private record(owner: DialectOwner, update: (d: LearnedDialect) => LearnedDialect): void {
    if ('draft' in owner) {
      Object.assign(owner.draft, update(owner.draft));
      return;
    }
    // Memory already holds it; a failed write is made good by the next thing learned or the next sign-in.
    void this.keep(owner.accountId, update).catch(() => undefined);
  }
}

function latest<T extends { learnedAt: number }>(map: Map<string, T>, host: string, learned: T): void {
  const known = map.get(host);
  if (!known || known.learnedAt < learned.learnedAt) map.set(host, learned);
}
