import assert from 'node:assert/strict';
import { SecretKeys } from '../../../src/constants';
import { AccountStore } from '../../../src/session/accountStore';
import { anAccount } from '../../support/builders';
import { FakeSecrets } from '../../support/fakeSecrets';

const other = () => anAccount({ id: 'email:other@example.com', identity: { type: 'email', endpoint: 'other@example.com' }, organisationId: '9999001', organisationName: 'Other', instanceId: 'instance-2' });

describe('session: AccountStore', () => {
  it('keeps one entry per account, an index and the active id, all in SecretStorage', async () => {
    const secrets = new FakeSecrets();
    const store = new AccountStore(secrets);
    await store.save(anAccount());
    await store.save(other());
    await store.setActive('email:other@example.com');
    assert.deepEqual([...secrets.data.keys()].sort(), [
      SecretKeys.accountPrefix + 'email:demo@example.com',
      SecretKeys.accountPrefix + 'email:other@example.com',
      SecretKeys.accountIndex,
      SecretKeys.activeAccount,
    ].sort());
    assert.deepEqual((await store.list()).map((a) => a.id), ['email:demo@example.com', 'email:other@example.com']);
    assert.equal(await store.activeId(), 'email:other@example.com');
    // Saving again replaces the entry and does not duplicate the index.
    await store.save(anAccount({ instanceId: 'instance-9' }));
    assert.deepEqual(JSON.parse(secrets.data.get(SecretKeys.accountIndex)!), ['email:demo@example.com', 'email:other@example.com']);
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
    assert.deepEqual((await store.list()).map((a) => a.id), ['email:other@example.com']);
    assert.equal(await store.activeId(), 'email:other@example.com');
    await store.remove('email:other@example.com');
    assert.deepEqual([...secrets.data.keys()], []);
  });

  it('clear() removes every key the extension owns', async () => {
    const secrets = new FakeSecrets();
    secrets.data.set('someone.else', 'theirs');
    const store = new AccountStore(secrets);
    await store.save(anAccount());
    await store.save(other());
    await store.setActive('email:demo@example.com');
    await store.clear();
    assert.deepEqual([...secrets.data.keys()], ['someone.else']);
  });

  for (const op of ['get', 'store', 'delete'] as const) {
    it(`a SecretStorage failure on ${op} becomes SecretStorageError and nothing is written elsewhere`, async () => {
      const secrets = new FakeSecrets();
      const store = new AccountStore(secrets);
      await store.save(anAccount());
      const before = new Map(secrets.data);
      secrets.fail[op] = true;
      const action = op === 'get' ? () => store.list() : op === 'store' ? () => store.save(other()) : () => store.remove('email:demo@example.com');
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

  it('treats malformed entries as absent', async () => {
    const secrets = new FakeSecrets();
    secrets.data.set(SecretKeys.accountIndex, JSON.stringify(['a', 'b', 'c', 7]));
    secrets.data.set(SecretKeys.accountPrefix + 'a', '{not json');
    secrets.data.set(SecretKeys.accountPrefix + 'b', JSON.stringify({ id: 'b' }));
    secrets.data.set(SecretKeys.accountPrefix + 'c', JSON.stringify(anAccount({ id: 'c' })));
    assert.deepEqual((await new AccountStore(secrets).list()).map((a) => a.id), ['c']);
    secrets.data.set(SecretKeys.accountIndex, 'garbage');
    assert.deepEqual(await new AccountStore(secrets).list(), []);
  });
});
