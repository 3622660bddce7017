import assert from 'node:assert/strict';
import { EXPIRY_WARNING_MS, type StoredAccount } from '../../../src/session/account';
import {
  ExpiryWatcher,
  type ExpiryNotice,
  type WatchClock,
  type WatchedSession,
} from '../../../src/session/expiryWatcher';
import { Emitter } from '../../../src/platform/emitter';
import { anAccount } from '../../support/builders';

/** A clock whose timers run only when the test advances time. */
class FakeClock implements WatchClock {
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.timers.delete(h as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
}

/** The session surface the watcher uses, with SessionManager's once-per-instance expiry rule. */
class FakeSession implements WatchedSession {
  active: StoredAccount | undefined;
  private readonly changed = new Emitter<void>();
  private readonly expired = new Emitter<StoredAccount>();
  private readonly marked = new Map<string, string>();
  readonly onDidChange = this.changed.event;
  readonly onDidExpire = this.expired.event;
  set(a: StoredAccount | undefined): void {
    this.active = a;
    this.changed.fire();
  }
  markExpired(a = this.active): void {
    if (!a || this.marked.get(a.id) === a.instanceId) return;
    this.marked.set(a.id, a.instanceId);
    this.expired.fire(a);
  }
  isMarkedExpired(a = this.active): boolean {
    return !!a && this.marked.get(a.id) === a.instanceId;
  }
}

const HOUR = 3600_000;

describe('session: ExpiryWatcher (one timer, one notice per instance)', () => {
  let clock: FakeClock;
  let session: FakeSession;
  let notices: ExpiryNotice[];
  let watcher: ExpiryWatcher;
  const start = (a?: StoredAccount) => {
    session.active = a;
    watcher = new ExpiryWatcher(session, (n) => notices.push(n), clock);
  };
  beforeEach(() => {
    clock = new FakeClock(1_000_000_000_000);
    session = new FakeSession();
    notices = [];
  });
  afterEach(() => watcher?.dispose());

  it('arms one timer for expiresAt minus the margin, warns once, then marks expired at the end without a second notice', () => {
    const a = anAccount({ expiresAt: clock.now() + 48 * HOUR });
    start(a);
    assert.equal(clock.pending, 1);
    clock.advance(48 * HOUR - EXPIRY_WARNING_MS - 1);
    assert.equal(notices.length, 0);
    clock.advance(1);
    assert.equal(notices.length, 1);
    assert.equal(notices[0].kind, 'expiring');
    assert.equal(notices[0].msLeft, EXPIRY_WARNING_MS);
    assert.equal(clock.pending, 1, 'armed again for the end');
    clock.advance(EXPIRY_WARNING_MS);
    assert.equal(session.isMarkedExpired(a), true, 'marked expired at the end: views show stale data');
    assert.equal(notices.length, 1, 'the warning was the one notice for this instance');
    assert.equal(clock.pending, 0, 'no timer left: nothing polls');
  });

  it('a request that comes back expired notifies once, however many report it', () => {
    const a = anAccount({ expiresAt: clock.now() + 48 * HOUR });
    start(a);
    for (let i = 0; i < 5; i++) session.markExpired(a);
    assert.deepEqual(
      notices.map((n) => n.kind),
      ['expired'],
    );
    assert.equal(clock.pending, 0);
    clock.advance(49 * HOUR);
    assert.equal(notices.length, 1);
  });

  it('a session restored already expired is marked and notified at once', () => {
    const a = anAccount({ expiresAt: clock.now() - 1 });
    start(a);
    assert.deepEqual(
      notices.map((n) => n.kind),
      ['expired'],
    );
    assert.equal(session.isMarkedExpired(a), true);
  });

  it('a session restored inside the margin warns at once with the time left', () => {
    start(anAccount({ expiresAt: clock.now() + 3 * 60_000 }));
    assert.equal(notices[0].kind, 'expiring');
    assert.equal(notices[0].msLeft, 3 * 60_000);
  });

  it('signing in again (new instance) re-arms and can notify again later', () => {
    const a = anAccount({ expiresAt: clock.now() + HOUR });
    start(a);
    session.markExpired(a);
    assert.equal(notices.length, 1);
    session.set(anAccount({ instanceId: 'instance-2', expiresAt: clock.now() + 2 * HOUR }));
    assert.equal(clock.pending, 1);
    clock.advance(2 * HOUR);
    assert.deepEqual(
      notices.map((n) => n.kind),
      ['expired', 'expiring'],
    );
  });

  it('switching accounts moves the one timer; signing out removes it', () => {
    start(anAccount({ expiresAt: clock.now() + HOUR }));
    session.set(anAccount({ id: 'email:other@example.com', instanceId: 'x', expiresAt: clock.now() + 5 * HOUR }));
    assert.equal(clock.pending, 1);
    clock.advance(2 * HOUR);
    assert.equal(notices.length, 0, 'the first account is no longer watched');
    session.set(undefined);
    assert.equal(clock.pending, 0);
  });

  it('no stated lifetime: no timer', () => {
    start(anAccount({ expiresAt: undefined }));
    assert.equal(clock.pending, 0);
    assert.equal(watcher.armed, false);
  });

  it('lifetimes beyond setTimeout range wake up and re-arm instead of firing early', () => {
    start(anAccount({ expiresAt: clock.now() + 60 * 24 * HOUR }));
    clock.advance(30 * 24 * HOUR);
    assert.equal(notices.length, 0);
    assert.equal(clock.pending, 1);
    clock.advance(30 * 24 * HOUR);
    assert.deepEqual(
      notices.map((n) => n.kind),
      ['expiring'],
    );
  });

  it('dispose stops the timer and the listeners', () => {
    const a = anAccount({ expiresAt: clock.now() + HOUR });
    start(a);
    watcher.dispose();
    assert.equal(clock.pending, 0);
    session.markExpired(a);
    assert.equal(notices.length, 0);
  });
});
