import assert from 'node:assert/strict';
import { resolveEndpoints, validateEndpoint } from '../../../src/session/endpoints';
import { assertEndpointUrl } from '../../../src/sinch/guards';

describe('session: endpoint settings', () => {
  const fallback = 'https://api.sinch.com';
  const accepted: Array<[string | undefined, string]> = [
    [undefined, 'https://api.sinch.com'],
    ['', 'https://api.sinch.com'],
    ['   ', 'https://api.sinch.com'],
    ['https://api.sinch.com/', 'https://api.sinch.com'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://localhost:4010/', 'http://localhost:4010'],
    ['http://127.8.9.10', 'http://127.8.9.10'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
    ['HTTPS://API.SINCH.COM', 'https://api.sinch.com'],
  ];
  for (const [value, expected] of accepted) {
    it(`accepts ${JSON.stringify(value)} as ${expected}`, () => {
      assert.equal(validateEndpoint('endpoints.api', value, fallback), expected);
    });
  }

  const refused: Array<[string, RegExp]> = [
    ['http://api.sinch.com', /plain http to api\.sinch\.com.*unencrypted.*https/],
    ['http://192.168.1.10:4010', /plain http to 192\.168\.1\.10/],
    ['http://localhost.evil.com', /plain http to localhost\.evil\.com/],
    ['http://127.0.0.1.nip.io', /plain http/],
    ['ftp://api.sinch.com', /must be an https URL, not ftp:/],
    ['file:///etc/passwd', /must be an https URL/],
    ['https://eu.api.example.com/base', /scheme and host only/],
    ['https://user:pw@api.sinch.com', /scheme and host only/],
    ['api.sinch.com', /not a URL/],
    ['not a url', /not a URL/],
  ];
  for (const [value, reason] of refused) {
    it(`refuses ${value} and says why`, () => {
      assert.throws(
        () => validateEndpoint('endpoints.api', value, fallback),
        (e: Error) => {
          assert.equal(e.name, 'EndpointConfigError');
          assert.match(e.message, /sinchNumbers\.endpoints\.api/);
          assert.match(e.message, reason);
          return true;
        },
      );
    });
  }

  it('accepts exactly what the client accepts: no setting passes here and then fails in the client', () => {
    for (const value of [
      'https://api.sinch.com',
      'http://[::1]:4010',
      'https://eu.api.example.com/base',
      'http://10.0.0.1',
      'https://api.sinch.com/?x=1',
    ]) {
      let here: string | undefined;
      let there: string | undefined;
      try {
        here = validateEndpoint('endpoints.api', value, fallback);
      } catch {
        here = undefined;
      }
      try {
        there = assertEndpointUrl(value);
      } catch {
        there = undefined;
      }
      assert.equal(here, there, value);
    }
  });

  it('resolveEndpoints names the one setting that is wrong', () => {
    const values: Record<string, string> = {
      userApi: 'https://userapi.sinch.com',
      api: 'http://evil.example.com',
      portalApi: 'https://portalapi.sinch.com',
    };
    assert.throws(
      () => resolveEndpoints((k) => values[k]),
      /sinchNumbers\.endpoints\.api cannot be used: .* uses plain http to evil\.example\.com/,
    );
  });

  it('resolveEndpoints falls back to the production hosts', () => {
    assert.deepEqual(
      resolveEndpoints(() => undefined),
      {
        userApi: 'https://userapi.sinch.com',
        api: 'https://api.sinch.com',
        portalApi: 'https://portalapi.sinch.com',
      },
    );
  });
});
