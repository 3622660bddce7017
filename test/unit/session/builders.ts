// Fixture builders for the session unit tests.
import type { StoredAccount } from '../../../src/session/account';

/** A stored account (demo user in Acme) with any field overridden. */
export function anAccount(over: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id: 'email:demo@example.com',
    identity: { type: 'email', endpoint: 'demo@example.com' },
    displayName: 'Demo User',
    organisationId: '8888123',
    organisationName: 'Acme',
    instanceId: 'instance-1',
    instanceSecret: 'c2VjcmV0LXNlY3JldA==',
    expiresAt: Date.parse('2030-01-01T00:00:00Z'),
    signedInAt: Date.parse('2029-12-30T00:00:00Z'),
    ...over,
  };
}
