import { assertApplicationKey } from '../sinch/guards';
import { Emitter } from '../platform/emitter';
import { normaliseKey } from './applicationKey';
import type { KeyValueStorage } from '../platform/keyValueStorage';

/**
 * Applications the user added by key before they hold any number (Sinch has no "list
 * applications" call), per organisation, in globalState: keys are not secret.
 */
export class AddedApplications {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
  ) {}

  /** Normalised keys added for the organisation, in the order they were added. */
  list(organisationId: string | undefined): string[] {
    if (!organisationId) return [];
    const keys = this.all()[organisationId];
    return Array.isArray(keys) ? keys.filter((k) => typeof k === 'string') : [];
  }

  /** Validates and stores the key; returns the normalised key. */
  async add(organisationId: string, applicationKey: string): Promise<string> {
    const key = normaliseKey(assertApplicationKey(applicationKey));
    const current = this.list(organisationId);
    if (!current.includes(key)) {
      await this.storage.update(this.key, { ...this.all(), [organisationId]: [...current, key] });
      this.changed.fire();
    }
    return key;
  }

  /** Keys stored for organisations other than this one. */
  otherOrganisations(organisationId: string): Set<string> {
    const keys = new Set<string>();
    for (const [org, list] of Object.entries(this.all()))
      if (org !== organisationId && Array.isArray(list)) for (const k of list) if (typeof k === 'string') keys.add(k);
    return keys;
  }

  async remove(organisationId: string, applicationKey: string): Promise<void> {
    const key = normaliseKey(applicationKey);
    const current = this.list(organisationId);
    if (!current.includes(key)) return;
    await this.storage.update(this.key, { ...this.all(), [organisationId]: current.filter((k) => k !== key) });
    this.changed.fire();
  }

  private all(): Record<string, string[]> {
    const raw = this.storage.get<Record<string, string[]>>(this.key);
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  }

  dispose(): void {
    this.changed.dispose();
  }
}
