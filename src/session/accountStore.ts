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
    const what = action === 'read'
      ? l10n.t('VS Code could not read the Sinch credentials in its secret storage ({0}).', why)
      : action === 'save'
        ? l10n.t('VS Code could not save the Sinch credentials in its secret storage ({0}).', why)
        : l10n.t('VS Code could not remove the Sinch credentials from its secret storage ({0}).', why);
    super(`${what} ${l10n.t('Nothing was saved elsewhere. Check that your system keychain is unlocked and available, then try again.')}`);
    this.name = 'SecretStorageError';
  }
}

/**
 * Accounts in SecretStorage: an index of ids, one entry per account, and the active id.
 * SecretStorage is the only place any of it is written.
 */
export class AccountStore {
  constructor(private readonly secrets: SecretBackend) {}

  async list(): Promise<StoredAccount[]> {
    const ids = await this.ids();
    const accounts = await Promise.all(ids.map((id) => this.get(id)));
    return accounts.filter((a): a is StoredAccount => a !== undefined);
  }

  async get(id: string): Promise<StoredAccount | undefined> {
    return parseStoredAccount(await this.read(SecretKeys.accountPrefix + id));
  }

  async save(account: StoredAccount): Promise<void> {
    await this.write(SecretKeys.accountPrefix + account.id, JSON.stringify(account));
    const ids = await this.ids();
    if (!ids.includes(account.id)) await this.write(SecretKeys.accountIndex, JSON.stringify([...ids, account.id]));
  }

  async remove(id: string): Promise<void> {
    const rest = (await this.ids()).filter((i) => i !== id);
    // The last account out leaves no key behind, not an empty index.
    if (rest.length) await this.write(SecretKeys.accountIndex, JSON.stringify(rest));
    else await this.erase(SecretKeys.accountIndex);
    await this.erase(SecretKeys.accountPrefix + id);
    if ((await this.activeId()) === id) await this.erase(SecretKeys.activeAccount);
  }

  /** Removes every key the extension owns. */
  async clear(): Promise<void> {
    for (const id of await this.ids()) await this.erase(SecretKeys.accountPrefix + id);
    await this.erase(SecretKeys.accountIndex);
    await this.erase(SecretKeys.activeAccount);
  }

  async activeId(): Promise<string | undefined> {
    return (await this.read(SecretKeys.activeAccount)) || undefined;
  }

  async setActive(id: string): Promise<void> {
    await this.write(SecretKeys.activeAccount, id);
  }

  private async ids(): Promise<string[]> {
    const raw = await this.read(SecretKeys.accountIndex);
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  private async read(key: string): Promise<string | undefined> {
    try { return await this.secrets.get(key); } catch (e) { throw new SecretStorageError('read', e); }
  }

  private async write(key: string, value: string): Promise<void> {
    try { await this.secrets.store(key, value); } catch (e) { throw new SecretStorageError('save', e); }
  }

  private async erase(key: string): Promise<void> {
    try { await this.secrets.delete(key); } catch (e) { throw new SecretStorageError('remove', e); }
  }
}
