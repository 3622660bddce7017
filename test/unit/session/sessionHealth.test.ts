import assert from 'node:assert/strict';
import { EXPIRY_WARNING_MS, parseStoredAccount, sessionHealth } from '../../../src/session/account';
import { anAccount } from '../../support/builders';

describe('session: sessionHealth with a fake clock', () => {
  const expiresAt = 1_000_000_000;
  const table: Array<[string, number, 'valid' | 'expiring' | 'expired']> = [
    ['long before', expiresAt - 48 * 3600_000, 'valid'],
    ['one ms before the warning margin', expiresAt - EXPIRY_WARNING_MS - 1, 'valid'],
    ['at the warning margin', expiresAt - EXPIRY_WARNING_MS, 'expiring'],
    ['one ms before the end', expiresAt - 1, 'expiring'],
    ['at the end', expiresAt, 'expired'],
    ['long after', expiresAt + 3600_000, 'expired'],
  ];
  for (const [when, now, health] of table) {
    it(`${when} → ${health}`, () => assert.equal(sessionHealth({ expiresAt }, now), health));
  }
  it('without a stated lifetime a session stays valid', () => {
    assert.equal(sessionHealth({ expiresAt: undefined }, Number.MAX_SAFE_INTEGER), 'valid');
  });
  it('the margin is configurable', () => {
    assert.equal(sessionHealth({ expiresAt }, expiresAt - 5000, 1000), 'valid');
    assert.equal(sessionHealth({ expiresAt }, expiresAt - 500, 1000), 'expiring');
  });
  it('a stored account round-trips through parseStoredAccount', () => {
    const a = anAccount();
    assert.deepEqual(parseStoredAccount(JSON.stringify(a)), a);
    assert.equal(parseStoredAccount(JSON.stringify({ ...a, identity: { type: 'fax', endpoint: 'x' } })), undefined);
    assert.equal(parseStoredAccount(undefined), undefined);
  });
});
