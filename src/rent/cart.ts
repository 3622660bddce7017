import type { Capability, NumberGroup } from '../sinch/types';
import { Emitter } from '../platform/emitter';
import type { KeyValueStorage } from '../platform/keyValueStorage';

/** A reservation kept for a later checkout. Reference ids are not secret; nothing here is. */
export interface CartItem {
  referenceId: string;
  organisationId: string;
  group: NumberGroup;
  quantity: number;
  capabilities: Capability[];
  reservedAt: number;
  /** When the server forgets the reservation (it expires there; we stop showing it). */
  expiresAt: number;
}


/** Reservations live 15 minutes on Sinch; the cart forgets them when they lapse. */
export const RESERVATION_LIFETIME_MS = 15 * 60_000;

/** When a reservation made at `reservedAt` lapses on Sinch. */
export function reservationExpiry(reservedAt: number): number {
  return reservedAt + RESERVATION_LIFETIME_MS;
}

/**
 * Reservations made with "Add to Cart", per organisation, kept in globalState so they
 * survive a window reload for their lifetime.
 */
export class Cart {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  /** The one timer that tracks lapses: fires a change when the next reservation lapses, so the tree drops it without a click. */
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly storage: KeyValueStorage, private readonly key: string, private readonly now: () => number = Date.now) {
    this.scheduleExpiry();
  }

  /** The organisation's live reservations, oldest first. */
  items(organisationId: string | undefined): CartItem[] {
    if (!organisationId) return [];
    const t = this.now();
    return this.all().filter((i) => i.organisationId === organisationId && i.expiresAt > t);
  }

  /** Adds a reservation; adding the same reference id again replaces it. */
  async add(item: CartItem): Promise<void> {
    await this.save([...this.all().filter((i) => i.referenceId !== item.referenceId), item]);
  }

  /** Forgets reservations (after checkout, or Discard). */
  async remove(referenceIds: readonly string[]): Promise<void> {
    const drop = new Set(referenceIds);
    await this.save(this.all().filter((i) => !drop.has(i.referenceId)));
  }

  private all(): CartItem[] {
    const raw = this.storage.get<unknown>(this.key);
    // globalState outlives versions of this code: keep only entries of the shape we read.
    return Array.isArray(raw) ? raw.filter(isCartItem) : [];
  }

  private async save(items: CartItem[]): Promise<void> {
    const t = this.now();
    await this.storage.update(this.key, items.filter((i) => i.expiresAt > t));
    this.changed.fire();
    this.scheduleExpiry();
  }

  private scheduleExpiry(): void {
    if (this.expiryTimer !== undefined) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const t = this.now();
    const next = Math.min(...this.all().map((i) => i.expiresAt).filter((e) => e > t));
    if (!Number.isFinite(next)) return;
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = undefined;
      this.changed.fire();
      this.scheduleExpiry();
    }, Math.min(next - t + 50, 2 ** 31 - 1));
    // Never keeps a process (a unit test, the extension host at shutdown) alive.
    (this.expiryTimer as { unref?: () => void }).unref?.();
  }

  dispose(): void {
    if (this.expiryTimer !== undefined) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    this.changed.dispose();
  }
}

function isCartItem(v: unknown): v is CartItem {
  const i = v as Partial<CartItem> | null;
  return typeof i === 'object' && i !== null
    && typeof i.referenceId === 'string' && typeof i.organisationId === 'string'
    && typeof i.quantity === 'number' && Array.isArray(i.capabilities)
    && typeof i.reservedAt === 'number' && typeof i.expiresAt === 'number'
    && typeof i.group === 'object' && i.group !== null && typeof i.group.groupId === 'number'
    && typeof i.group.cost === 'object' && i.group.cost !== null && typeof i.group.cost.amount === 'number';
}
