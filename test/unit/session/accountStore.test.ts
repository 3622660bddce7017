import assert from 'node:assert/strict';
import { SecretKeys } from '../../../src/constants';
import { ACCOUNT_SLOTS, AccountStore, ownedSecretKeys, slotKey } from '../../../src/session/accountStore';
import type { StoredAccount } from '../../../src/session/account';
import { anAccount } from '../../support/builders';
import { FakeSecrets } from '../../support/fakeSecrets';

const other = () =>
  anAccount({
    id: 'email:other@example.com',
    identity: { type: 'email', endpoint: 'other@example.com' },
    organisationId: '9999001',
    organisationName: 'Other',
    instanceId: 'instance-2',
  });
const accountNamed = (n: number): StoredAccount =>
  anAccount({
    id: `email:user${n}@example.com`,
    identity: { type: 'email', endpoint: `user${n}@example.com` },
    instanceId: `instance-${n}`,
    signedInAt: n,
  });

/** A deterministic jitter (so an interleaving that fails can be replayed): 0–4 ms per call. */
function jitter(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x % 5;
  };
}

describe('session: AccountStore', () => {
  it('keeps one slot per account and the active id, all in SecretStorage', async () => {
    const secrets = new FakeSecrets();
    const store = new AccountStore(secrets);
    await store.save(anAccount());
    await store.save(other());
    await store.setActive('email:other@example.com');
    const keys = [...secrets.data.keys()];
    assert.equal(keys.length, 3);
    assert.ok(
      keys.every((k) => ownedSecretKeys().includes(k)),
      keys.join(', '),
    );
    assert.deepEqual(
      (await store.list()).map((a) => a.id),
      ['email:demo@example.com', 'email:other@example.com'],
    );
    assert.equal(await store.activeId(), 'email:other@example.com');
    // Saving again replaces the account in its slot.
    await store.save(anAccount({ instanceId: 'instance-9' }));
    assert.equal(secrets.data.size, 3);
    assert.equal((await store.get('email:demo@example.com'))?.instanceId, 'instance-9');
  });

  it('removing the last account leaves no key behind', async () => {
    const secrets = new FakeSecrets();
    const store = new AccountStore(secrets);
    await store.save(anAccount());
    await store.setActive('email:demo@example.com');
    await store.remove('email:demo@example.com');
    assert.deepEqual([...secrets.data.keys()], []);
  });

  it('removing one of two keeps the other and clears the active id only if it pointed there', async () => {
    const secrets = new FakeSecrets();
    const store = new AccountStore(secrets);
    await store.save(anAccount());
    await store.save(other());
    await store.setActive('email:other@example.com');
    await store.remove('email:demo@example.com');
    assert.deepEqual(
      (await store.list()).map((a) => a.id),
      ['email:other@example.com'],
    );
    assert.equal(await store.activeId(), 'email:other@example.com');
    await store.remove('email:other@example.com');
    assert.deepEqual([...secrets.data.keys()], []);
  });

  it("clear() removes every key the extension owns, damaged ones too, and nobody else's", async () => {
    const secrets = new FakeSecrets();
    secrets.data.set('someone.else', 'theirs');
    const store = new AccountStore(secrets);
    await store.save(anAccount());
    await store.save(other());
    await store.setActive('email:demo@example.com');
    secrets.data.set(slotKey(ACCOUNT_SLOTS - 1), '{damaged');
    await store.clear();
    assert.deepEqual([...secrets.data.keys()], ['someone.else']);
  });

  it('a full set of slots refuses one more account, and says what to do', async () => {
    const store = new AccountStore(new FakeSecrets());
    for (let n = 0; n < ACCOUNT_SLOTS; n++) await store.save(accountNamed(n));
    await assert.rejects(
      store.save(accountNamed(ACCOUNT_SLOTS)),
      /keeps at most 32 accounts signed in\. Sign out of one/,
    );
    await store.save(accountNamed(3)); // an account already in is updated in place
    assert.equal((await store.list()).length, ACCOUNT_SLOTS);
  });

  for (const op of ['get', 'store', 'delete'] as const) {
    it(`a SecretStorage failure on ${op} becomes SecretStorageError and nothing is written elsewhere`, async () => {
      const secrets = new FakeSecrets();
      const store = new AccountStore(secrets);
      await store.save(anAccount());
      const before = new Map(secrets.data);
      secrets.fail[op] = true;
      const action =
        op === 'get'
          ? () => store.list()
          : op === 'store'
            ? () => store.save(other())
            : () => store.remove('email:demo@example.com');
      await assert.rejects(action(), (e: Error) => {
        assert.equal(e.name, 'SecretStorageError');
        assert.match(e.message, /secret storage/);
        assert.match(e.message, /Nothing was saved elsewhere/);
        assert.doesNotMatch(e.message, /c2VjcmV0/, 'the message never quotes a secret');
        return true;
      });
      if (op !== 'delete') assert.deepEqual(secrets.data, before);
    });
  }

  it('treats malformed slots as absent', async () => {
    const secrets = new FakeSecrets();
    secrets.data.set(slotKey(0), '{not json');
    secrets.data.set(slotKey(1), JSON.stringify({ id: 'b' }));
    secrets.data.set(slotKey(2), JSON.stringify(anAccount({ id: 'c' })));
    assert.deepEqual(
      (await new AccountStore(secrets).list()).map((a) => a.id),
      ['c'],
    );
  });

  describe('the earlier layout (an index and one key per id)', () => {
    it('moves into the slots and leaves none of its keys', async () => {
      const secrets = new FakeSecrets();
      secrets.data.set(SecretKeys.accountIndex, JSON.stringify(['email:demo@example.com', 'lost', 7]));
      secrets.data.set(SecretKeys.accountPrefix + 'email:demo@example.com', JSON.stringify(anAccount()));
      secrets.data.set(SecretKeys.accountPrefix + 'lost', '{not json');
      const store = new AccountStore(secrets);
      assert.deepEqual(
        (await store.list()).map((a) => a.id),
        ['email:demo@example.com'],
      );
      const keys = [...secrets.data.keys()];
      assert.equal(keys.length, 1);
      assert.ok(keys[0].startsWith(SecretKeys.accountSlot), keys[0]);
    });

    it('signing out also removes a key an old index had lost, once its account is known again', async () => {
      const secrets = new FakeSecrets();
      secrets.data.set(SecretKeys.accountPrefix + 'email:other@example.com', JSON.stringify(other())); // orphaned by the old race
      const store = new AccountStore(secrets);
      await store.save(other());
      await store.clear();
      assert.deepEqual([...secrets.data.keys()], []);
    });
  });

  describe('two windows at once (two stores over one SecretStorage, interleaved)', () => {
    const demo = anAccount({ instanceId: 'a' });
    const otherAccount = { ...other(), instanceId: 'b' };
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      it(`signing in two accounts at the same moment keeps both, and signing out leaves nothing (interleaving ${seed})`, async () => {
        const secrets = new FakeSecrets();
        secrets.delayMs = jitter(seed);
        const windowA = new AccountStore(secrets, () => seed / 10);
        const windowB = new AccountStore(secrets, () => 0.9 - seed / 20);
        await Promise.all([
          windowA.save(demo).then(() => windowA.setActive(demo.id)),
          windowB.save(otherAccount).then(() => windowB.setActive(otherAccount.id)),
        ]);
        assert.deepEqual(
          (await windowA.list()).map((a) => a.id),
          [demo.id, otherAccount.id],
        );
        await windowB.clear();
        assert.deepEqual([...secrets.data.keys()], [], 'no secret left behind');
      });

      it(`even when both pick the same free slot, nothing is orphaned and what is listed is what is stored (interleaving ${seed})`, async () => {
        const secrets = new FakeSecrets();
        secrets.delayMs = jitter(seed);
        const windowA = new AccountStore(secrets, () => 0);
        const windowB = new AccountStore(secrets, () => 0);
        await Promise.all([windowA.save(demo), windowB.save(otherAccount)]);
        const listed = (await windowB.list()).map((a) => a.id);
        assert.ok(listed.length >= 1, 'at least one sign-in is kept');
        assert.equal(secrets.data.size, listed.length, 'every key holds a listed account');
        await windowA.clear();
        assert.deepEqual([...secrets.data.keys()], [], 'no secret left behind');
      });
    }

    it('a sign-out in one window racing a sign-in in the other never leaves a key that no sign-out finds', async () => {
      for (const seed of [11, 12, 13, 14]) {
        const secrets = new FakeSecrets();
        secrets.delayMs = jitter(seed);
        const windowA = new AccountStore(secrets);
        const windowB = new AccountStore(secrets);
        await windowA.save(anAccount());
        await Promise.all([windowA.clear(), windowB.save(other()), windowB.save(accountNamed(1))]);
        // Whatever survived is listed, so the next sign-out removes it.
        const listed = await windowA.list();
        assert.ok(listed.length <= 2);
        await windowA.clear();
        assert.deepEqual([...secrets.data.keys()], [], `interleaving ${seed}`);
      }
    });
  });
});
