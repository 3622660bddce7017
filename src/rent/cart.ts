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
  /** Set while a window checks it out, and after (see CheckoutMark). */
  checkout?: CheckoutMark;
}

/**
 * Two windows share one globalState, hence one cart. A window marks what it is checking out
 * (`checkingOut`), and what it checked out (`checkedOut`, kept until the reservation would have
 * lapsed), so another window neither checks it out again nor reads Sinch's 40400 as "expired".
 */
export interface CheckoutMark {
  state: 'checkingOut' | 'checkedOut';
  /** The window's id (vscode.env.sessionId). */
  window: string;
  at: number;
}

/** How long a `checkingOut` mark holds: longer than any checkout with its retries and look-ups; after that its window is taken to be gone. */
export const CHECKOUT_MARK_MS = 5 * 60_000;

/** What a window may do with a reservation of the cart. */
export type CartHold =
  | { by: 'here' }
  /** Another window is checking it out, or has checked it out, since `at`. */
  | { by: 'elsewhere'; state: CheckoutMark['state']; at: number }
  /** No longer in the cart (checked out here, discarded, or lapsed). */
  | { by: 'none' };

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

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    private readonly now: () => number = Date.now,
  ) {
    this.scheduleExpiry();
  }

  /** The organisation's live reservations, oldest first: not the ones checked out already. */
  items(organisationId: string | undefined): CartItem[] {
    if (!organisationId) return [];
    const t = this.now();
    return this.all().filter(
      (i) => i.organisationId === organisationId && i.expiresAt > t && i.checkout?.state !== 'checkedOut',
    );
  }

  /** Who holds a reservation, as `window` sees the cart now. */
  holder(referenceId: string, window: string): CartHold {
    const t = this.now();
    const item = this.all().find((i) => i.referenceId === referenceId && i.expiresAt > t);
    if (!item) return { by: 'none' };
    const mark = item.checkout;
    if (!mark || mark.window === window) return mark?.state === 'checkedOut' ? { by: 'none' } : { by: 'here' };
    if (mark.state === 'checkingOut' && t - mark.at >= CHECKOUT_MARK_MS) return { by: 'here' }; // its window went away
    return { by: 'elsewhere', state: mark.state, at: mark.at };
  }

  /**
   * Marks the reservations as being checked out by `window`, unless another window holds one;
   * then nothing is marked and the ids held elsewhere are returned. Read and write happen
   * without a pause in between, so two flows of one extension host cannot both claim.
   */
  async claim(referenceIds: readonly string[], window: string): Promise<{ claimed: boolean; elsewhere: string[] }> {
    const elsewhere = referenceIds.filter((id) => this.holder(id, window).by === 'elsewhere');
    if (elsewhere.length > 0) return { claimed: false, elsewhere };
    await this.mark(referenceIds, { state: 'checkingOut', window, at: this.now() });
    return { claimed: true, elsewhere: [] };
  }

  /** After the checkout: `used` keeps a `checkedOut` mark (so another window can tell), `gone` forgets, `open` releases. */
  async settle(referenceIds: readonly string[], window: string, fate: 'used' | 'gone' | 'open'): Promise<void> {
    if (fate === 'gone') return this.remove(referenceIds);
    await this.mark(
      referenceIds,
      fate === 'used' ? { state: 'checkedOut', window, at: this.now() } : undefined,
      window,
    );
  }

  /** Drops this window's `checkingOut` marks that are still there (a flow that ended without a verdict). */
  async release(referenceIds: readonly string[], window: string): Promise<void> {
    const ids = new Set(referenceIds);
    if (
      !this.all().some(
        (i) => ids.has(i.referenceId) && i.checkout?.state === 'checkingOut' && i.checkout.window === window,
      )
    )
      return;
    await this.mark(referenceIds, undefined, window);
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

  /** Sets (or clears) the mark of these items; with `onlyOf`, only items this window marks or nobody does. */
  private async mark(referenceIds: readonly string[], mark: CheckoutMark | undefined, onlyOf?: string): Promise<void> {
    const ids = new Set(referenceIds);
    await this.save(
      this.all().map((i) => {
        if (
          !ids.has(i.referenceId) ||
          (onlyOf !== undefined && i.checkout !== undefined && i.checkout.window !== onlyOf)
        )
          return i;
        const { checkout: _old, ...rest } = i;
        return mark ? { ...rest, checkout: mark } : rest;
      }),
    );
  }

  private all(): CartItem[] {
    const raw = this.storage.get<unknown>(this.key);
    // globalState outlives versions of this code: keep only entries of the shape we read.
    return Array.isArray(raw) ? raw.filter(isCartItem) : [];
  }

  private async save(items: CartItem[]): Promise<void> {
    const t = this.now();
    await this.storage.update(
      this.key,
      items.filter((i) => i.expiresAt > t),
    );
    this.changed.fire();
    this.scheduleExpiry();
  }

  private scheduleExpiry(): void {
    if (this.expiryTimer !== undefined) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const t = this.now();
    const next = Math.min(
      ...this.all()
        .map((i) => i.expiresAt)
        .filter((e) => e > t),
    );
    if (!Number.isFinite(next)) return;
    this.expiryTimer = setTimeout(
      () => {
        this.expiryTimer = undefined;
        this.changed.fire();
        this.scheduleExpiry();
      },
      Math.min(next - t + 50, 2 ** 31 - 1),
    );
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
  return (
    typeof i === 'object' &&
    i !== null &&
    typeof i.referenceId === 'string' &&
    typeof i.organisationId === 'string' &&
    typeof i.quantity === 'number' &&
    Array.isArray(i.capabilities) &&
    typeof i.reservedAt === 'number' &&
    typeof i.expiresAt === 'number' &&
    typeof i.group === 'object' &&
    i.group !== null &&
    typeof i.group.groupId === 'number' &&
    typeof i.group.cost === 'object' &&
    i.group.cost !== null &&
    typeof i.group.cost.amount === 'number' &&
    (i.checkout === undefined || isCheckoutMark(i.checkout))
  );
}

function isCheckoutMark(v: unknown): v is CheckoutMark {
  const m = v as Partial<CheckoutMark> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    (m.state === 'checkingOut' || m.state === 'checkedOut') &&
    typeof m.window === 'string' &&
    typeof m.at === 'number'
  );
}
