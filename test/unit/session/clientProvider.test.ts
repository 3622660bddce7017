// The one SinchClient the extension shares: rebuilt from the settings, with the retry policy a
// caller replaced (the integration fault matrix shortens the backoff) kept across rebuilds.
import * as assert from 'node:assert/strict';
import { ClientProvider } from '../../../src/session/clientProvider';
import { DEFAULT_RETRY_POLICY } from '../../../src/sinch/client';

const settings = () => ({
  endpoints: { userApi: 'http://127.0.0.1:1', api: 'http://127.0.0.1:1', portalApi: 'http://127.0.0.1:1' },
  timeoutMs: 2000,
});

describe('session: ClientProvider', () => {
  it('builds one client and keeps it until invalidated', () => {
    const provider = new ClientProvider(settings, () => undefined);
    const first = provider.get();
    assert.equal(provider.get(), first);
    provider.invalidate();
    assert.notEqual(provider.get(), first);
  });

  it('a replaced retry policy applies to the next client and survives rebuilds; undefined restores the default', () => {
    const provider = new ClientProvider(settings, () => undefined);
    assert.deepEqual(provider.get().retry, DEFAULT_RETRY_POLICY);
    const before = provider.get();
    provider.setRetryPolicy({ baseDelayMs: 50 });
    assert.notEqual(provider.get(), before, 'a new client carries the new policy');
    assert.deepEqual(provider.get().retry, { ...DEFAULT_RETRY_POLICY, baseDelayMs: 50 });
    provider.invalidate();
    assert.equal(provider.get().retry.baseDelayMs, 50, 'kept when the settings rebuild the client');
    provider.setRetryPolicy(undefined);
    assert.deepEqual(provider.get().retry, DEFAULT_RETRY_POLICY);
  });
});
