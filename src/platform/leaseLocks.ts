// Locks shared by every VS Code window of this machine (one profile): a write to an application,
// or the checkout of a reservation, is done by one window at a time. Each lock is a lease: it
// ends by itself at `until`, so a window that dies (or hangs) cannot hold it for ever. The file
// implementation keeps one small file per lock in the extension's global storage folder;
// `open(…, 'wx')` makes taking a free lock atomic between processes.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface LeaseRecord {
  owner: string;
  /** When the lease ends by itself (ms since the epoch). */
  until: number;
  /** What the holder does with it (shown to other windows, e.g. 'checkingOut'). */
  note?: string;
  /** When the holder took it. */
  since: number;
}

export type TakeResult = { taken: true } | { taken: false; holder: LeaseRecord };

export interface LeaseLocks {
  /**
   * Takes `key` for `owner` until `until`, unless another owner's lease on it has not ended;
   * resolves with that holder then. Taking again a lock one holds renews it (and its note).
   */
  take(key: string, owner: string, until: number, note?: string): Promise<TakeResult>;
  /** Gives `key` back if `owner` holds it. */
  release(key: string, owner: string): Promise<void>;
  /** Who holds `key` now; undefined when nobody does (or the lease has ended). */
  holder(key: string): Promise<LeaseRecord | undefined>;
}

/** What a writer needs to hold locks across windows: the store, who it is, the lease, and a timer to wait with. */
export interface MachineLocking {
  locks: LeaseLocks;
  /** This window (vscode.env.sessionId). */
  owner: string;
  leaseMs: number;
  wait(ms: number): Promise<void>;
}

/** A write to an application takes seconds; a lease of a minute, renewed before each PUT, outlives it but not a dead window for long. */
export const WRITE_LEASE_MS = 60_000;

/** How a flow holds several locks: taken in one order (so two windows never wait on each other), given back together. */
export interface HeldLocks {
  /** Extends every lease by the lease time from now (before each request of a long write). */
  renew(): Promise<void>;
  release(): Promise<void>;
}

export interface HoldOptions {
  owner: string;
  leaseMs: number;
  now(): number;
  /** Waits before looking again (a timer; the simulation's virtual clock). */
  wait(ms: number): Promise<void>;
  signal?: AbortSignal;
  /** The error a cancelled wait ends with (the caller's kind of cancellation). */
  cancelled?(): Error;
  /** Called once when a lock is held by another window and this one waits for it. */
  onWait?(holder: LeaseRecord): void;
}

/** How often a waiting window looks again. */
export const LOCK_POLL_MS = 200;

/** Takes every key (sorted), waiting for each while another window holds it. */
export async function holdAll(locks: LeaseLocks, keys: readonly string[], o: HoldOptions): Promise<HeldLocks> {
  const sorted = [...new Set(keys)].sort();
  const held: string[] = [];
  const release = async () => {
    for (const k of held.splice(0)) await locks.release(k, o.owner).catch(() => undefined);
  };
  try {
    for (const key of sorted) {
      let told = false;
      for (;;) {
        if (o.signal?.aborted) throw o.cancelled?.() ?? new Error('cancelled');
        const r = await locks.take(key, o.owner, o.now() + o.leaseMs);
        if (r.taken) break;
        if (!told) o.onWait?.(r.holder);
        told = true;
        await o.wait(Math.min(LOCK_POLL_MS, Math.max(1, r.holder.until - o.now())));
      }
      held.push(key);
    }
  } catch (error) {
    await release();
    throw error;
  }
  return {
    renew: async () => {
      for (const k of held) await locks.take(k, o.owner, o.now() + o.leaseMs);
    },
    release,
  };
}

/** One file per lock in `folder`; its content is the LeaseRecord. */
export class FileLeaseLocks implements LeaseLocks {
  constructor(
    private readonly folder: string,
    private readonly now: () => number = Date.now,
  ) {}

  private file(key: string): string {
    return path.join(this.folder, `${key.replace(/[^A-Za-z0-9_-]/g, '_')}.lock`);
  }

  async take(key: string, owner: string, until: number, note?: string): Promise<TakeResult> {
    const file = this.file(key);
    const record: LeaseRecord = { owner, until, note, since: this.now() };
    await fs.mkdir(this.folder, { recursive: true });
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await fs.writeFile(file, JSON.stringify(record), { flag: 'wx' });
        return { taken: true };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const there = await this.read(file);
      if (there === 'gone') continue;
      if (there !== 'unreadable' && there.owner === owner) {
        // Ours: renew in place (a rename over it is atomic, so no other window sees it free).
        const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
        await fs.writeFile(tmp, JSON.stringify({ ...record, since: there.since }));
        await fs.rename(tmp, file);
        return { taken: true };
      }
      if (there !== 'unreadable' && there.until > this.now()) return { taken: false, holder: there };
      if (there === 'unreadable' && !(await this.olderThan(file, 10_000)))
        return { taken: false, holder: { owner: '?', until: this.now() + LOCK_POLL_MS, since: this.now() } };
      // The lease ended (its window is gone): move it aside; only one window's rename succeeds.
      const aside = `${file}.${randomBytes(4).toString('hex')}.stale`;
      try {
        await fs.rename(file, aside);
      } catch {
        continue;
      }
      const moved = await this.read(aside);
      if (moved !== 'gone' && moved !== 'unreadable' && moved.until > this.now() && moved.owner !== owner) {
        // Another window took it between our look and our rename: give it back (link fails if taken again).
        await fs.link(aside, file).catch(() => undefined);
      }
      await fs.unlink(aside).catch(() => undefined);
    }
    const there = await this.read(file);
    return {
      taken: false,
      holder:
        there === 'gone' || there === 'unreadable'
          ? { owner: '?', until: this.now() + LOCK_POLL_MS, since: this.now() }
          : there,
    };
  }

  async release(key: string, owner: string): Promise<void> {
    const file = this.file(key);
    const there = await this.read(file);
    if (there !== 'gone' && there !== 'unreadable' && there.owner === owner)
      await fs.unlink(file).catch(() => undefined);
  }

  async holder(key: string): Promise<LeaseRecord | undefined> {
    const there = await this.read(this.file(key));
    return there === 'gone' || there === 'unreadable' || there.until <= this.now() ? undefined : there;
  }

  private async read(file: string): Promise<LeaseRecord | 'gone' | 'unreadable'> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
      throw error;
    }
    try {
      const r = JSON.parse(text) as Partial<LeaseRecord>;
      if (typeof r.owner === 'string' && typeof r.until === 'number' && typeof r.since === 'number')
        return {
          owner: r.owner,
          until: r.until,
          since: r.since,
          note: typeof r.note === 'string' ? r.note : undefined,
        };
    } catch {
      // A write cut short: looked at again below.
    }
    return 'unreadable';
  }

  private async olderThan(file: string, ms: number): Promise<boolean> {
    const s = await fs.stat(file).catch(() => undefined);
    return s === undefined || Date.now() - s.mtimeMs > ms;
  }
}
