import assert from 'node:assert/strict';
import { redactPath } from '../../../src/sinch/redact';

describe('redact.redactPath', () => {
  const cases: [string, string][] = [
    ['/v1/users/email/demo%40example.com/authentication', '/v1/users/email/d***@example.com/authentication'],
    ['/v1/users/email/demo@example.com/authentication', '/v1/users/email/d***@example.com/authentication'],
    ['/v1/users/number/%2B12055500000/authentication', '/v1/users/number/+1205****000/authentication'],
    ['/v1/users/number/+12055500000/authentication', '/v1/users/number/+1205****000/authentication'],
    ['/v1/users/number/%2B1234567/authentication', '/v1/users/number/+1****7/authentication'],
    ['/v1/users/email/not-an-email/authentication', '/v1/users/email/***/authentication'],
    ['/v1/users/email/%E0%A4%A/authentication', '/v1/users/email/***/authentication'],
    ['/v1/organisations', '/v1/organisations'],
    ['/v1/organisations/id/8888123/numbers/shop?type=sms', '/v1/organisations/id/8888123/numbers/shop?type=sms'],
    [
      '/v1/applications/key/bb7b4e39-4227-4913-8c81-2db4abb54fb3/numbers/14150005551',
      '/v1/applications/key/bb7b4e39-4227-4913-8c81-2db4abb54fb3/numbers/14150005551',
    ],
  ];
  for (const [path, expected] of cases) {
    it(`${path} → ${expected}`, () => assert.equal(redactPath(path), expected));
  }

  it('never leaves the local part of an email or the middle of a number', () => {
    assert.doesNotMatch(redactPath('/v1/users/email/jane.bloggs%40example.com/authentication'), /jane|bloggs/);
    assert.doesNotMatch(redactPath('/v1/users/number/%2B12055500000/authentication'), /5500/);
  });
});
