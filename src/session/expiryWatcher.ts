import { EXPIRY_WARNING_MS, type StoredAccount } from './account';

/** The part of SessionManager the watcher needs (a fake in unit tests). */
export interface WatchedSession {
  readonly active: StoredAccount | undefined;
  onDidChange(listener: () => void): { dispose(): unknown };
  onDidExpire(listener: (account: StoredAccount) => void): { dispose(): unknown };
  markExpired(account?: StoredAccount): void;
  isMarkedExpired(account?: StoredAccount): boolean;
}

/** Timers and time, injectable so tests can run a day in a millisecond. */
export interface WatchClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: WatchClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** What to tell the user: the session ends soon, or it has ended. */
export interface ExpiryNotice {
  kind: 'expiring' | 'expired';
  account: StoredAccount;
  /** For 'expiring': how long is left. */
  msLeft?: number;
}

// setTimeout fires at once for delays above 2^31-1 ms (about 24.8 days): wake up and re-arm instead.
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Tells the user ONCE per instance that the active session is ending or has ended: one timer
 * armed for `expiresAt - warnMs` (then `expiresAt`), no polling; a request that came back
 * expired (onDidExpire) tells the same, unless the warning already did. At `expiresAt` the
 * session is marked expired, so the views show their data as stale.
 */
export class ExpiryWatcher {
  private timer: unknown;
  private readonly notified = new Set<string>();
  private readonly subscriptions: { dispose(): unknown }[] = [];

  constructor(
    private readonly session: WatchedSession,
    private readonly notify: (notice: ExpiryNotice) => void,
    private readonly clock: WatchClock = realClock,
    private readonly warnMs = EXPIRY_WARNING_MS,
  ) {
    this.subscriptions.push(
      session.onDidChange(() => this.arm()),
      session.onDidExpire((account) => {
        this.notifyOnce({ kind: 'expired', account });
        this.arm();
      }),
    );
    this.arm();
  }

  /** Re-reads the active account and sets the one timer (also after sign-in, switch, restore). */
  arm(): void {
    this.disarm();
    const account = this.session.active;
    if (!account || account.expiresAt === undefined || this.session.isMarkedExpired(account)) return;
    const now = this.clock.now();
    if (now >= account.expiresAt) {
      this.session.markExpired(account); // fires onDidExpire → the 'expired' notice
      return;
    }
    const warnAt = account.expiresAt - this.warnMs;
    if (now >= warnAt) this.notifyOnce({ kind: 'expiring', account, msLeft: account.expiresAt - now });
    const next = now >= warnAt ? account.expiresAt : warnAt;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.arm();
      },
      Math.min(next - now, MAX_DELAY_MS),
    );
  }

  /** True while a timer is armed (for tests). */
  get armed(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    this.disarm();
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private notifyOnce(notice: ExpiryNotice): void {
    const key = `${notice.account.id}#${notice.account.instanceId}`;
    if (this.notified.has(key)) return;
    this.notified.add(key);
    this.notify(notice);
  }
}
