import assert from 'node:assert/strict';
import { sinchErrorDetail, errorDetails, describeError } from '../../../src/sinch/errorText';
import { errorFromResponse, SinchApiError } from '../../../src/sinch/errors';

const ctx = { method: 'GET', path: '/v1/organisations', host: 'api.sinch.com', signedBy: 'instance' as const };

describe('platform: errors a person can act on', () => {
  it('40301 has its own sentence: the request did not use the instance scheme; no Sign In', () => {
    const e = errorFromResponse(
      403,
      { errorCode: 40301, message: "The authorization scheme 'instance' is required.", reference: 'ref-9' },
      ctx,
    );
    assert.match(e.message, /did not use the instance scheme this endpoint requires/);
    const d = describeError(e);
    assert.deepEqual(d.followUps, ['showLog', 'copyDetails']);
    assert.equal(d.detail, 'Sinch error code 40301 · reference ref-9');
  });

  it('40102 on an instance request says the key or secret was refused, and offers no Sign In', () => {
    const e = errorFromResponse(401, { errorCode: 40102, message: 'Invalid signature.' }, ctx);
    assert.match(e.message, /refused the instance key or secret/);
    assert.doesNotMatch(e.message, /[Ss]ign in again/);
    assert.deepEqual(describeError(e).followUps, ['showLog', 'copyDetails']);
    const expired = errorFromResponse(401, { errorCode: 40100, message: 'The instance has expired.' }, ctx);
    assert.deepEqual(
      describeError(expired).followUps,
      ['signIn', 'showLog', 'copyDetails'],
      'a stale instance is cured by signing in',
    );
  });

  it('Copy Error Details: code, message, reference, endpoint and time, nothing else', () => {
    const e = errorFromResponse(401, { errorCode: 40102, message: 'Invalid signature.', reference: '7d0c-11' }, ctx);
    const at = new Date(e.at).toISOString();
    assert.equal(
      errorDetails(e),
      [
        'Sinch Numbers for VS Code: error details',
        'Code: 40102 (HTTP 401)',
        'Message: Invalid signature.',
        'Reference: 7d0c-11',
        'Endpoint: GET api.sinch.com/v1/organisations',
        `Time: ${at}`,
        `Shown: ${e.message}`,
      ].join('\n'),
    );
    const network = new SinchApiError({ kind: 'network', message: 'Could not connect.', method: 'GET', path: '/x' });
    assert.equal(sinchErrorDetail(network), undefined);
    assert.deepEqual(describeError(network).followUps, ['retry', 'showLog'], 'no answer from Sinch: nothing to quote');
  });
});
