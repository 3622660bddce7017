// The applications a person knows of in an organisation, whether or not they hold numbers now:
// those the user added by key, those a list showed with numbers since the user signed in
// ("seen"), and those the labels setting names (unless another organisation is known to have
// them). Sinch has no "list applications" call, so this memory is what keeps an application in
// the tree, and known to code insights, after its last number leaves.
import { Emitter } from '../platform/emitter';
import type { AddedApplications } from './addedApplications';
import { normaliseKey } from './applicationKey';
import type { Inventory } from './inventory';
import type { ApplicationSource } from './treeNodes';

export type KnownSource = Exclude<ApplicationSource, 'numbers'>;

export class KnownApplications {
  private readonly changed = new Emitter<void>();
  /** The list may differ: a key was added or seen, or the labels changed. */
  readonly onDidChange = this.changed.event;
  /** Seen with numbers, per organisation, since the session last changed (kept in memory only). */
  private readonly seen = new Map<string, Set<string>>();
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly added: AddedApplications,
    private readonly labels: () => Readonly<Record<string, string>>,
  ) {
    this.subscriptions = [added.onDidChange(() => this.changed.fire())];
  }

  /** Keys known to the organisation besides those holding numbers now, each with why; added first. */
  list(organisationId: string | undefined): [key: string, source: KnownSource][] {
    if (!organisationId) return [];
    const out = new Map<string, KnownSource>();
    for (const k of this.added.list(organisationId)) out.set(k, 'added');
    for (const k of this.seen.get(organisationId) ?? []) if (!out.has(k)) out.set(k, 'seen');
    const elsewhere = this.added.otherOrganisations(organisationId);
    for (const [org, keys] of this.seen) if (org !== organisationId) for (const k of keys) elsewhere.add(k);
    for (const [key, label] of Object.entries(this.labels() ?? {})) {
      const k = normaliseKey(key);
      if (typeof label === 'string' && label.trim() && !out.has(k) && !elsewhere.has(k)) out.set(k, 'labelled');
    }
    return [...out];
  }

  /** Remembers the applications a new list shows with numbers; fires only when one is new. */
  remember(organisationId: string, inventory: Inventory): void {
    let keys = this.seen.get(organisationId);
    if (!keys) this.seen.set(organisationId, (keys = new Set()));
    const before = keys.size;
    for (const k of inventory.applications.keys()) keys.add(k);
    if (keys.size !== before) this.changed.fire();
  }

  /** Signed in, out or to another account: what was seen belongs to the session before. */
  forgetSeen(): void {
    if (this.seen.size === 0) return;
    this.seen.clear();
    this.changed.fire();
  }

  /** The labels setting changed. */
  labelsChanged(): void {
    this.changed.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
