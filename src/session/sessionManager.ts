import type { InstanceApi, SinchClient } from '../sinch/client';
import { cancelledError, SinchApiError } from '../sinch/errors';
import type { Identity, InstanceVersion } from '../sinch/types';
import { Emitter } from '../platform/emitter';
import { NotSignedInError } from '../platform/errors';
import { l10n } from '../platform/l10n';
import { accountIdFor, sessionHealth, type StoredAccount } from './account';
import type { AccountStore } from './accountStore';
import { DialectMemory } from './dialectMemory';
import { chooseOrganisation, organisationSummaries, type OrganisationChooser } from './organisationChoice';
import { hostKey, type AssignScopeMemory, type LearnedDialect } from '../sinch/dialect';
import { assertSignedInHere } from './accountEndpoints';

/** The stages of a sign-in, for progress messages and for telling a wrong password from other failures. */
export type SignInStep = 'login' | 'createInstance' | 'getOrganisation' | 'chooseOrganisation' | 'store';

/** What a feature needs to talk to Sinch for the active account. */
export interface ActiveSession {
  account: StoredAccount;
  api: InstanceApi;
  organisationId: string;
  /** What an assign write on the numbers host was seen to overwrite (absent: the writer keeps its own). */
  assignScope?: AssignScopeMemory;
}

/**
 * Sign-in state: the accounts in SecretStorage, which one is active, and an InstanceApi for
 * it. Restoring reads SecretStorage only (no network), so activation stays instant.
 */
export class SessionManager {
  private accountsById = new Map<string, StoredAccount>();
  private activeAccountId: string | undefined;
  private readonly changed = new Emitter<void>();
  private readonly expired = new Emitter<StoredAccount>();
  /**
   * Accounts already reported expired (account id → the expired instance id), so twenty
   * failing requests prompt once; a new instance for the account (signed in again) clears it.
   */
  private readonly expiredReported = new Map<string, string>();
  /** Store reads and writes run one at a time, so a restore never sees half a sign-in. */
  private queue: Promise<unknown> = Promise.resolve();
  private restoreQueued: Promise<void> | undefined;

  /** Fires after sign-in, sign-out, switch, or a change made by another window. */
  readonly onDidChange = this.changed.event;
  /** Fires once per instance when it is found expired (a request said so, or its lifetime ran out). */
  readonly onDidExpire = this.expired.event;
  /** What was learned about the Sinch hosts: per host in memory, and with each account. */
  readonly dialect: DialectMemory;

  constructor(
    private readonly store: AccountStore,
    private readonly client: () => SinchClient,
    private readonly now: () => number = Date.now,
  ) {
    this.dialect = new DialectMemory((id, update) => this.keepDialect(id, update), now);
  }

  get accounts(): StoredAccount[] {
    return [...this.accountsById.values()];
  }

  get active(): StoredAccount | undefined {
    return this.activeAccountId ? this.accountsById.get(this.activeAccountId) : undefined;
  }

  get signedIn(): boolean {
    return this.active !== undefined;
  }

  /**
   * Loads accounts from SecretStorage (also after another window changed them). Fires
   * onDidChange only when something changed, so our own writes echoing back through
   * SecretStorage.onDidChange do not make every listener reload. Calls made while one is
   * waiting to run share it.
   */
  restore(): Promise<void> {
    this.restoreQueued ??= this.exclusive(async () => {
      this.restoreQueued = undefined;
      const accounts = await this.store.list();
      const activeId = await this.store.activeId();
      const before = this.fingerprint();
      this.accountsById = new Map(accounts.map((a) => [a.id, a]));
      this.dialect.seed(accounts);
      this.activeAccountId = activeId && this.accountsById.has(activeId) ? activeId : accounts[0]?.id;
      for (const [id, instanceId] of [...this.expiredReported]) {
        if (this.accountsById.get(id)?.instanceId !== instanceId) this.expiredReported.delete(id);
      }
      if (this.fingerprint() !== before) this.changed.fire();
    });
    return this.restoreQueued;
  }

  /**
   * Log in, create an instance, read the organisations (asking `choose` which one when the login
   * has several and the account has not chosen before); then store the account and make it
   * active. The password and the user token live only in this call's locals.
   */
  async signIn(
    identity: Identity,
    password: string,
    version: InstanceVersion,
    signal?: AbortSignal,
    onStep?: (step: SignInStep) => void,
    choose?: OrganisationChooser,
  ): Promise<StoredAccount> {
    const client = this.client();
    const before = this.accountsById.get(accountIdFor(identity));
    const learned: LearnedDialect = { ...before?.dialect };
    onStep?.('login');
    const login = await client.login(identity, password, { signal });
    onStep?.('createInstance');
    const instance = await client.createInstance(login.authorization, version, { signal });
    onStep?.('getOrganisation');
    const answer = await client
      .instance(instance, this.dialect.formsFor({ draft: learned }))
      .getOrganisations({ signal });
    this.dialect.noteOrganisations({ draft: learned }, answer, learned.organisations);
    if (answer.organisations.length > 1) onStep?.('chooseOrganisation');
    const organisation = await chooseOrganisation(answer.organisations, before?.organisationId, choose);
    onStep?.('store');
    // Cancel pressed while the last answer was on its way: the progress closed at Cancel, so
    // the user was told the sign-in stopped. Nothing is stored and the session stays as it was.
    if (signal?.aborted) {
      throw cancelledError({ message: l10n.t('The sign-in was cancelled.') });
    }
    const now = this.now();
    const profileName = login.user.profile?.name?.full?.trim();
    const account: StoredAccount = {
      id: accountIdFor(identity),
      identity,
      displayName: profileName || identity.endpoint,
      organisationId: organisation.id,
      organisationName: organisation.name,
      organisations: organisationSummaries(answer.organisations),
      dialect: learned,
      instanceId: instance.id,
      instanceSecret: instance.secret,
      expiresAt: instance.expiresIn !== undefined ? now + instance.expiresIn * 1000 : undefined,
      signedInAt: now,
      endpoints: client.endpoints,
    };
    await this.exclusive(async () => {
      await this.store.save(account);
      await this.store.setActive(account.id);
      this.accountsById.set(account.id, account);
      this.activeAccountId = account.id;
      this.expiredReported.delete(account.id);
    });
    this.changed.fire();
    return account;
  }

  /**
   * Makes an account active; with `organisationId`, one of its login's other organisations too.
   * The instance belongs to the login, so it reads that organisation as well: no new password.
   */
  async switchTo(accountId: string, organisationId?: string): Promise<void> {
    await this.exclusive(async () => {
      const account = this.accountsById.get(accountId);
      if (!account) throw new Error('That account is no longer signed in.');
      const other =
        organisationId === undefined || organisationId === account.organisationId
          ? undefined
          : account.organisations?.find((o) => o.id === organisationId);
      if (organisationId !== undefined && organisationId !== account.organisationId && !other)
        throw new Error("That organisation is not one of this login's.");
      if (other) {
        const next: StoredAccount = { ...account, organisationId: other.id, organisationName: other.name };
        await this.store.save(next);
        this.accountsById.set(accountId, next);
      }
      await this.store.setActive(accountId);
      this.activeAccountId = accountId;
    });
    this.changed.fire();
  }

  /** Signs one account out (the active one by default); another signed-in account becomes active. */
  async signOut(accountId = this.activeAccountId): Promise<void> {
    if (!accountId) return;
    await this.exclusive(async () => {
      await this.store.remove(accountId);
      this.accountsById.delete(accountId);
      this.expiredReported.delete(accountId);
      if (this.activeAccountId === accountId) {
        this.activeAccountId = this.accountsById.keys().next().value;
        if (this.activeAccountId) await this.store.setActive(this.activeAccountId);
      }
      if (this.accountsById.size === 0) this.dialect.clear();
    });
    this.changed.fire();
  }

  /** Removes every key the extension owns. */
  async signOutAll(): Promise<void> {
    await this.exclusive(async () => {
      await this.store.clear();
      this.accountsById.clear();
      this.activeAccountId = undefined;
      this.expiredReported.clear();
      this.dialect.clear();
    });
    this.changed.fire();
  }

  /**
   * The active account and an API bound to its instance; throws when signed out, and when the
   * endpoint settings name other hosts than the account signed in at (nothing is sent then).
   */
  current(): ActiveSession {
    const account = this.active;
    if (!account) throw new NotSignedInError();
    const client = this.client();
    assertSignedInHere(account, client.endpoints);
    const owner = { accountId: account.id };
    return {
      account,
      organisationId: account.organisationId,
      api: client.instance({ id: account.instanceId, secret: account.instanceSecret }, this.dialect.formsFor(owner)),
      assignScope: this.dialect.scopeFor(owner, hostKey(client.endpoints.portalApi)),
    };
  }

  /** The active account's session health, by the local clock. */
  health(account = this.active): 'valid' | 'expiring' | 'expired' | 'signedOut' {
    return account ? sessionHealth(account, this.now()) : 'signedOut';
  }

  /**
   * Features call this with any error from a request: an `expired` error is reported once
   * per account (the UI prompts to sign in again), and the error goes back to the caller.
   */
  noteError(error: unknown, account = this.active): void {
    if (error instanceof SinchApiError && error.kind === 'expired') this.markExpired(account);
  }

  /**
   * Records that the account's instance no longer works (a request said so, or its
   * lifetime ran out by the local clock); onDidExpire fires once per instance.
   */
  markExpired(account = this.active): void {
    if (!account || this.expiredReported.get(account.id) === account.instanceId) return;
    this.expiredReported.set(account.id, account.instanceId);
    this.expired.fire(account);
  }

  /** True once the active account was found expired (until it signs in again). */
  isMarkedExpired(account = this.active): boolean {
    return !!account && this.expiredReported.get(account.id) === account.instanceId;
  }

  dispose(): void {
    this.changed.dispose();
    this.expired.dispose();
    this.dialect.dispose();
  }

  /** Keeps a change of what was learned with the account (no change event: nothing a view shows). */
  private keepDialect(accountId: string, update: (d: LearnedDialect) => LearnedDialect): Promise<void> {
    return this.exclusive(async () => {
      const account = this.accountsById.get(accountId);
      if (!account) return;
      const next: StoredAccount = { ...account, dialect: update(account.dialect ?? {}) };
      await this.store.save(next);
      this.accountsById.set(accountId, next);
    });
  }

  /** What listeners care about: which accounts (and instances) exist and which is active. */
  private fingerprint(): string {
    const accounts = [...this.accountsById.values()].map(
      (a) => `${a.id}=${a.instanceId}:${a.organisationId}:${a.organisationName ?? ''}:${a.displayName}`,
    );
    return `${this.activeAccountId ?? ''}|${accounts.sort().join(',')}`;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
