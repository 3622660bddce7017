import { SecretKeys } from '../constants';
import { parseStoredAccount, type StoredAccount } from './account';
import { l10n } from '../platform/l10n';

/** The part of vscode.SecretStorage this store needs (so it runs in plain Node tests too). */
export interface SecretBackend {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** Raised when SecretStorage itself fails: nothing is written anywhere else instead. */
export class SecretStorageError extends Error {
  constructor(action: 'read' | 'save' | 'remove', cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const what =
      action === 'read'
        ? l10n.t('VS Code could not read the Sinch credentials in its secret storage ({0}).', why)
        : action === 'save'
          ? l10n.t('VS Code could not save the Sinch credentials in its secret storage ({0}).', why)
          : l10n.t('VS Code could not remove the Sinch credentials from its secret storage ({0}).', why);
    super(
      `${what} ${l10n.t('Nothing was saved elsewhere. Check that your system keychain is unlocked and available, then try again.')}`,
    );
    this.name = 'SecretStorageError';
  }
}

/** How many accounts can be signed in at once; each lives in one of this many fixed keys. */
export const ACCOUNT_SLOTS = 32;

/** The SecretStorage key of slot `i`. */
export function slotKey(i: number): string {
  return `${SecretKeys.accountSlot}${i}`;
}

/**
 * Every key the extension may have written: the slots, the active id, and the keys of the
 * earlier layout (an index plus one key per account id) for the ids given.
 */
export function ownedSecretKeys(legacyIds: readonly string[] = []): string[] {
  return [
    ...Array.from({ length: ACCOUNT_SLOTS }, (_, i) => slotKey(i)),
    SecretKeys.activeAccount,
    SecretKeys.accountIndex,
    ...legacyIds.map((id) => SecretKeys.accountPrefix + id),
  ];
}

/**
 * Accounts in SecretStorage, the only place any of it is written. SecretStorage has no list
 * of keys and no transactions, and two windows write to it at once, so there is no shared
 * index to corrupt: each account lives in one of ACCOUNT_SLOTS fixed keys, listing reads every
 * slot, and signing out sweeps every slot. Whatever two windows do, no account can sit where a
 * sign-out does not look. (Two windows signing in different accounts into the same free slot
 * at the same instant can still lose one of the two sign-ins: the slots are tried from a
 * random one so that no pair of accounts always meets, and the loser's window sees it.)
 */
export class AccountStore {
  constructor(
    private readonly secrets: SecretBackend,
    private readonly random: () => number = Math.random,
  ) {}

  async list(): Promise<StoredAccount[]> {
    await this.migrateLegacy();
    const newest = new Map<string, StoredAccount>();
    for (const { account } of await this.readSlots()) {
      const seen = account && newest.get(account.id);
      if (account && (!seen || account.signedInAt > seen.signedInAt)) newest.set(account.id, account);
    }
    return [...newest.values()].sort((a, b) => a.signedInAt - b.signedInAt || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<StoredAccount | undefined> {
    return (await this.list()).find((a) => a.id === id);
  }

  /**
   * Writes the account into its slot (the one it already has, else a free one), removes
   * older copies, and reads the slot back: when another window took the same free slot at the
   * same moment, the account is placed again.
   */
  async save(account: StoredAccount): Promise<void> {
    for (let round = 0; round < 3; round++) {
      const slots = await this.readSlots();
      const order = slotOrder(this.random());
      const own = order.filter((i) => slots[i].account?.id === account.id);
      const target = own[0] ?? order.find((i) => slots[i].raw === undefined);
      if (target === undefined)
        throw new Error(
          l10n.t(
            'Sinch Numbers keeps at most {0} accounts signed in. Sign out of one, then sign in again.',
            ACCOUNT_SLOTS,
          ),
        );
      // A free slot may have been taken since it was read: look again right before writing.
      if (own[0] === undefined && (await this.read(slotKey(target))) !== undefined) continue;
      await this.write(slotKey(target), JSON.stringify(account));
      for (const i of own.slice(1)) await this.erase(slotKey(i));
      if (parseStoredAccount(await this.read(slotKey(target)))?.id === account.id) return;
    }
    throw new Error(
      l10n.t('Another VS Code window kept changing the Sinch accounts at the same moment. Sign in again.'),
    );
  }

  /** Removes every copy of the account (an earlier layout's key too), and the active id if it pointed there. */
  async remove(id: string): Promise<void> {
    for (const { i, account } of await this.readSlots()) if (account?.id === id) await this.erase(slotKey(i));
    await this.erase(SecretKeys.accountPrefix + id);
    if ((await this.activeId()) === id) await this.erase(SecretKeys.activeAccount);
  }

  /**
   * Removes every key the extension owns: every slot that holds anything (parseable or not),
   * the active id, and the earlier layout's key of every account found, in case an old index
   * had lost it.
   */
  async clear(): Promise<void> {
    await this.migrateLegacy();
    for (const { i, raw, account } of await this.readSlots()) {
      if (raw === undefined) continue;
      await this.erase(slotKey(i));
      if (account) await this.erase(SecretKeys.accountPrefix + account.id);
    }
    await this.erase(SecretKeys.activeAccount);
  }

  async activeId(): Promise<string | undefined> {
    return (await this.read(SecretKeys.activeAccount)) || undefined;
  }

  async setActive(id: string): Promise<void> {
    await this.write(SecretKeys.activeAccount, id);
  }

  private async readSlots(): Promise<
    Array<{ i: number; raw: string | undefined; account: StoredAccount | undefined }>
  > {
    const raws = await Promise.all(Array.from({ length: ACCOUNT_SLOTS }, (_, i) => this.read(slotKey(i))));
    return raws.map((raw, i) => ({ i, raw: raw || undefined, account: parseStoredAccount(raw) }));
  }

  /** The earlier layout (an index of ids, one key per id) moves into the slots and is removed. */
  private async migrateLegacy(): Promise<void> {
    const raw = await this.read(SecretKeys.accountIndex);
    if (raw === undefined) return;
    let ids: string[] = [];
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) ids = parsed.filter((x): x is string => typeof x === 'string');
    } catch {
      // A damaged index: nothing to move, but it is still removed.
    }
    for (const id of ids) {
      const account = parseStoredAccount(await this.read(SecretKeys.accountPrefix + id));
      if (account) await this.save(account);
      await this.erase(SecretKeys.accountPrefix + id);
    }
    await this.erase(SecretKeys.accountIndex);
  }

  private async read(key: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(key);
    } catch (e) {
      throw new SecretStorageError('read', e);
    }
  }

  private async write(key: string, value: string): Promise<void> {
    try {
      await this.secrets.store(key, value);
    } catch (e) {
      throw new SecretStorageError('save', e);
    }
  }

  private async erase(key: string): Promise<void> {
    try {
      await this.secrets.delete(key);
    } catch (e) {
      throw new SecretStorageError('remove', e);
    }
  }
}

/** Every slot once, starting from the one `random` (0 ≤ random < 1) points at. */
export function slotOrder(random: number): number[] {
  const first = Math.min(ACCOUNT_SLOTS - 1, Math.max(0, Math.floor(random * ACCOUNT_SLOTS)));
  return Array.from({ length: ACCOUNT_SLOTS }, (_, k) => (first + k) % ACCOUNT_SLOTS);
}
