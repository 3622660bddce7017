import assert from 'node:assert/strict';
import { SecretKeys } from '../../../src/constants';
import { AccountStore } from '../../../src/session/accountStore';
import { SessionManager, type SignInStep } from '../../../src/session/sessionManager';
import { SinchClient } from '../../../src/sinch/client';
import { startSimulator, type Simulator } from '../../simulator';
import { FakeSecrets } from '../../support/fakeSecrets';
import { waitUntil } from '../../support/waitUntil';

const VERSION = { os: 'Linux 6.1 (x64)', platform: 'VS Code 1.100.3' };
const demo = { type: 'email' as const, endpoint: 'demo@example.com' };
const other = { type: 'email' as const, endpoint: 'other@example.com' };
const settle = () => new Promise((r) => setTimeout(r, 10));

describe('session: SessionManager against the in-process simulator', () => {
  let sim: Simulator;
  let secrets: FakeSecrets;
  let client: SinchClient;
  let clock: number;
  const make = () =>
    new SessionManager(
      new AccountStore(secrets),
      () => client,
      () => clock,
    );

  before(async () => {
    sim = await startSimulator({ port: 0 });
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.reset('demo');
    sim.resetCounters();
    secrets = new FakeSecrets();
    client = new SinchClient({
      endpoints: { userApi: sim.url, api: sim.url, portalApi: sim.url },
      retry: { maxRetries: 0 },
    });
    clock = Date.now();
  });

  it('signs in: log in, create instance, get organisation; stores the account and nothing secret besides the instance', async () => {
    const session = make();
    const steps: SignInStep[] = [];
    let changes = 0;
    session.onDidChange(() => changes++);
    const account = await session.signIn(demo, 'demo-password', VERSION, undefined, (s) => steps.push(s));
    assert.deepEqual(steps, ['login', 'createInstance', 'getOrganisation', 'store']);
    assert.equal(account.organisationId, '8888123');
    assert.equal(account.organisationName, 'Acme');
    assert.equal(account.id, 'email:demo@example.com');
    assert.equal(account.expiresAt, clock + 172800 * 1000);
    assert.equal(session.active?.id, account.id);
    assert.equal(session.signedIn, true);
    assert.equal(changes, 1);
    const c = sim.counters();
    assert.deepEqual([c.login, c.createInstance, c.getOrganisation], [1, 1, 1]);
    const stored = [...secrets.data.values()].join('\n');
    assert.doesNotMatch(stored, /demo-password/);
    const slot = [...secrets.data.entries()].find(([k]) => k.startsWith(SecretKeys.accountSlot))!;
    assert.equal(JSON.parse(slot[1]).id, account.id);
    assert.ok(!Object.keys(JSON.parse(slot[1])).some((k) => /password|token|authorization/i.test(k)));
  });

  it("Cancel while the organisation's answer is on its way stops the sign-in: nothing stored, still signed out", async () => {
    // The progress notification closes at Cancel: the user was told it stopped, so it must stop,
    // even when the last request had already answered.
    const session = make();
    const cancel = new AbortController();
    let changes = 0;
    session.onDidChange(() => changes++);
    await assert.rejects(
      session.signIn(demo, 'demo-password', VERSION, cancel.signal, (s) => {
        if (s === 'store') cancel.abort();
      }),
      (e: { kind?: string }) => e.kind === 'cancelled',
    );
    assert.equal(session.signedIn, false, 'not signed in');
    assert.equal(secrets.data.size, 0, 'nothing stored');
    assert.equal(changes, 0, 'no change announced (the welcome view stays)');
  });

  it('a wrong password is kind auth at the login step and stores nothing', async () => {
    const session = make();
    let last: SignInStep | undefined;
    await assert.rejects(
      session.signIn(demo, 'wrong', VERSION, undefined, (s) => {
        last = s;
      }),
      (e: { kind: string; errorCode: number }) => e.kind === 'auth' && e.errorCode === 40100,
    );
    assert.equal(last, 'login');
    assert.equal(secrets.data.size, 0);
    assert.equal(session.signedIn, false);
  });

  it('signs in with a number identity', async () => {
    const account = await make().signIn({ type: 'number', endpoint: '+12055500000' }, 'demo-password', VERSION);
    assert.equal(account.organisationId, '8888123');
    assert.equal(account.id, 'number:+12055500000');
  });

  it('restores from SecretStorage without any request', async () => {
    const first = make();
    await first.signIn(demo, 'demo-password', VERSION);
    await first.signIn(other, 'other-password', VERSION);
    await first.switchTo('email:demo@example.com');
    sim.resetCounters();
    const second = make();
    let changes = 0;
    second.onDidChange(() => changes++);
    await second.restore();
    assert.deepEqual(second.accounts.map((a) => a.organisationId).sort(), ['8888123', '9999001']);
    assert.equal(second.active?.id, 'email:demo@example.com');
    assert.equal(changes, 1);
    assert.ok(
      Object.values(sim.counters()).every((n) => n === 0),
      JSON.stringify(sim.counters()),
    );
    // The restored instance works.
    const answer = await second.current().api.getOrganisations();
    assert.equal(answer.organisations[0].id, '8888123');
  });

  it('restore fires onDidChange only when something changed (our own writes echo back)', async () => {
    const session = make();
    secrets.onDidChange(() => void session.restore());
    let changes = 0;
    session.onDidChange(() => changes++);
    await session.signIn(demo, 'demo-password', VERSION);
    await settle();
    await session.restore();
    assert.equal(changes, 1, 'one change for the sign-in, none for its echoes');
  });

  it('a restore racing a sign-in never undoes it (reads and writes are serialised)', async () => {
    const session = make();
    await session.signIn(demo, 'demo-password', VERSION);
    // Every write of the second sign-in triggers a restore, as SecretStorage.onDidChange does,
    // and slow storage makes those restores overlap the writes.
    secrets.delayMs = 3;
    secrets.onDidChange(() => void session.restore());
    const seen: string[] = [];
    session.onDidChange(() => seen.push(`${session.active?.id} of ${session.accounts.length}`));
    await session.signIn(other, 'other-password', VERSION);
    for (let i = 0; i < 20; i++) await settle();
    await session.restore();
    assert.deepEqual(seen, ['email:other@example.com of 2']);
  });

  it('picks up another window signing in and out', async () => {
    const mine = make();
    const theirs = make();
    secrets.onDidChange(() => void mine.restore());
    await theirs.signIn(demo, 'demo-password', VERSION);
    await settle();
    await mine.restore();
    assert.equal(mine.active?.id, 'email:demo@example.com');
    await theirs.signOut();
    await settle();
    await mine.restore();
    assert.equal(mine.signedIn, false);
  });

  it('an expired instance is reported once, however many requests fail', async () => {
    const session = make();
    await session.signIn(demo, 'demo-password', VERSION);
    sim.expireInstances();
    const expired: string[] = [];
    session.onDidExpire((a) => expired.push(a.id));
    const { api, organisationId } = session.current();
    const results = await Promise.allSettled([
      api.getOrganisations(),
      api.listRentedNumbers(organisationId),
      api.listShopGroups(organisationId),
    ]);
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.equal((r as PromiseRejectedResult).reason.kind, 'expired');
      session.noteError((r as PromiseRejectedResult).reason);
    }
    assert.deepEqual(expired, ['email:demo@example.com']);
    assert.equal(session.isMarkedExpired(), true);
    // Other errors do not count.
    session.noteError(new Error('boom'));
    assert.equal(expired.length, 1);
    // Still marked after a restore (another window wrote something unrelated).
    await session.restore();
    assert.equal(session.isMarkedExpired(), true);
    // Signing in again gives a new instance: no longer expired, and a later expiry reports again.
    await session.signIn(demo, 'demo-password', VERSION);
    assert.equal(session.isMarkedExpired(), false);
    session.markExpired();
    assert.equal(expired.length, 2);
  });

  it('health follows the injected clock', async () => {
    const session = make();
    assert.equal(session.health(), 'signedOut');
    const a = await session.signIn(demo, 'demo-password', VERSION);
    assert.equal(session.health(), 'valid');
    clock = a.expiresAt! - 60_000;
    assert.equal(session.health(), 'expiring');
    clock = a.expiresAt!;
    assert.equal(session.health(), 'expired');
  });

  it('two accounts: switching and signing out one at a time', async () => {
    const session = make();
    await session.signIn(demo, 'demo-password', VERSION);
    await session.signIn(other, 'other-password', VERSION);
    assert.equal(session.current().organisationId, '9999001');
    await session.switchTo('email:demo@example.com');
    assert.equal(session.current().organisationId, '8888123');
    await assert.rejects(session.switchTo('email:nobody@example.com'), /no longer signed in/);
    await session.signOut();
    assert.equal(session.current().organisationId, '9999001', 'the other account becomes active');
    assert.equal(await new AccountStore(secrets).activeId(), 'email:other@example.com');
    await session.signOut('email:other@example.com');
    assert.equal(session.signedIn, false);
    assert.throws(
      () => session.current(),
      (e: Error) => e.name === 'NotSignedInError',
    );
    assert.deepEqual([...secrets.data.keys()], []);
  });

  it('two windows signing in at once, then one signs out of all: no secret is left (interleaved storage)', async () => {
    for (const seed of [1, 2, 3]) {
      secrets = new FakeSecrets();
      let x = seed;
      secrets.delayMs = () => {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        return x % 4;
      };
      const windowA = new SessionManager(
        new AccountStore(secrets, () => 0.2),
        () => client,
        () => clock,
      );
      const windowB = new SessionManager(
        new AccountStore(secrets, () => 0.7),
        () => client,
        () => clock,
      );
      secrets.onDidChange(() => {
        void windowA.restore();
        void windowB.restore();
      });
      await Promise.all([
        windowA.signIn(demo, 'demo-password', VERSION),
        windowB.signIn(other, 'other-password', VERSION),
      ]);
      await windowA.restore();
      assert.deepEqual(
        windowA.accounts.map((a) => a.id).sort(),
        ['email:demo@example.com', 'email:other@example.com'],
        `seed ${seed}`,
      );
      await windowA.signOutAll();
      for (let i = 0; i < 10; i++) await settle();
      await windowB.restore();
      assert.deepEqual([...secrets.data.keys()], [], `seed ${seed}: no secret left behind`);
      assert.equal(windowB.signedIn, false, 'the other window sees the sign-out');
    }
  });

  it('signOutAll removes every key', async () => {
    const session = make();
    await session.signIn(demo, 'demo-password', VERSION);
    await session.signIn(other, 'other-password', VERSION);
    await session.signOutAll();
    assert.deepEqual([...secrets.data.keys()], []);
    assert.equal(session.accounts.length, 0);
  });

  it('cancelling aborts the request in flight at once', async () => {
    const session = make();
    sim.faults.inject('login', { kind: 'hang' });
    const abort = new AbortController();
    const started = Date.now();
    const p = session.signIn(demo, 'demo-password', VERSION, abort.signal);
    await waitUntil(() => sim.counters().login === 1, { timeout: 5000, what: 'the sign-in to hang at the server' });
    abort.abort();
    await assert.rejects(p, (e: { kind: string }) => e.kind === 'cancelled');
    assert.ok(Date.now() - started < 1000, 'did not wait for the server');
    assert.equal(secrets.data.size, 0);
  });

  it('a SecretStorage failure on sign-in leaves the session signed out', async () => {
    const session = make();
    secrets.fail.store = true;
    await assert.rejects(session.signIn(demo, 'demo-password', VERSION), (e: Error) => e.name === 'SecretStorageError');
    assert.equal(session.signedIn, false);
  });
});
