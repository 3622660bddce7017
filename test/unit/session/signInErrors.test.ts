import assert from 'node:assert/strict';
import { SecretStorageError } from '../../../src/session/accountStore';
import { EndpointConfigError } from '../../../src/session/endpoints';
import { classifySignInFailure } from '../../../src/session/signInErrors';
import { SinchApiError, type SinchErrorKind } from '../../../src/sinch/errors';
import { UserCancelled } from '../../../src/platform/errors';

const apiError = (kind: SinchErrorKind, extra: Partial<{ errorCode: number; status: number; message: string }> = {}) =>
  new SinchApiError({
    kind,
    message: extra.message ?? `a ${kind} problem.`,
    method: 'POST',
    path: '/v1/x',
    status: extra.status,
    errorCode: extra.errorCode,
  });

describe('session: what a failed sign-in tells the user', () => {
  it('40100 on log in is "wrong email or password" (the boxes come back)', () => {
    assert.deepEqual(classifySignInFailure(apiError('auth', { errorCode: 40100, status: 401 }), 'login'), {
      kind: 'wrongCredentials',
    });
  });

  it('a rejected clock on log in is not a wrong password', () => {
    const f = classifySignInFailure(
      apiError('auth', { errorCode: 40101, status: 401, message: "this computer's clock seems to be off." }),
      'login',
    );
    assert.equal(f.kind, 'failed');
    assert.match((f as { text: string }).text, /clock/);
  });

  it('a 401 when creating the instance is not a wrong password either', () => {
    const f = classifySignInFailure(apiError('expired', { errorCode: 40100, status: 401 }), 'createInstance');
    assert.equal(f.kind, 'failed');
    assert.match((f as { text: string }).text, /accepted the password but did not open a session/);
  });

  it('cancellation is silent', () => {
    assert.deepEqual(classifySignInFailure(apiError('cancelled'), 'login'), { kind: 'cancelled' });
    assert.deepEqual(classifySignInFailure(new UserCancelled(), undefined), { kind: 'cancelled' });
  });

  it('both signature forms refused (40102) is the instance key or secret, with no Try Again: signing in again would not help', () => {
    const e = new SinchApiError({
      kind: 'auth',
      message: 'Sinch refused the instance key or secret (401, error 40102): both forms.',
      method: 'GET',
      path: '/v1/organisations',
      status: 401,
      errorCode: 40102,
      reference: 'ref-1',
    });
    const f = classifySignInFailure(e, 'getOrganisation');
    assert.equal(f.kind, 'failed');
    const failed = f as { text: string; actions: string[] };
    assert.match(failed.text, /instance key or secret .*\(Sinch error code 40102 · reference ref-1\)$/);
    assert.deepEqual(failed.actions, ['showLog', 'copyDetails']);
  });

  const table: Array<[string, unknown, RegExp, string[]]> = [
    [
      'network',
      apiError('network', { message: 'Could not connect to 127.0.0.1: the connection was refused.' }),
      /Could not reach Sinch to sign in\. Could not connect.*refused\. Check your network/,
      ['tryAgain', 'showLog'],
    ],
    [
      'timeout',
      apiError('timeout', { message: 'Sinch did not answer within 30 seconds.' }),
      /took too long: Sinch did not answer within 30 seconds/,
      ['tryAgain', 'showLog'],
    ],
    [
      'unavailable',
      apiError('unavailable', { status: 503, message: 'Sinch is unavailable right now (503). Try again later.' }),
      /cannot sign you in right now\. Sinch is unavailable/,
      ['tryAgain', 'showLog', 'copyDetails'],
    ],
    [
      'proxy',
      apiError('proxy', {
        status: 407,
        message: 'The proxy asked for credentials (407). Check the http.proxy setting.',
      }),
      /proxy/,
      ['openProxySettings', 'tryAgain', 'showLog'],
    ],
    [
      'endpoint config',
      new EndpointConfigError('The setting sinchNumbers.endpoints.api uses plain http to evil.example.com.'),
      /^Cannot sign in: The setting sinchNumbers\.endpoints\.api uses plain http/,
      ['openEndpointSettings'],
    ],
    [
      'secret storage',
      new SecretStorageError('save', new Error('keychain locked')),
      /could not be kept: VS Code could not save.*keychain locked/,
      ['tryAgain', 'showLog'],
    ],
    [
      'forbidden organisation',
      apiError('forbidden', { status: 403 }),
      /refused to show your organisation/,
      ['showLog', 'copyDetails'],
    ],
    [
      'protocol',
      apiError('protocol', { status: 200, message: 'Sinch answered 200 with a body that is not JSON.' }),
      /could not be used/,
      ['tryAgain', 'showLog', 'copyDetails'],
    ],
    ['anything else', new Error('boom'), /Could not sign in to Sinch: boom/, ['tryAgain', 'showLog']],
  ];
  for (const [name, error, text, actions] of table) {
    it(`${name} has its own message and ways forward`, () => {
      const f = classifySignInFailure(error, name === 'forbidden organisation' ? 'getOrganisation' : 'login');
      assert.equal(f.kind, 'failed');
      const failed = f as { text: string; actions: string[] };
      assert.match(failed.text, text);
      assert.deepEqual(failed.actions, actions);
    });
  }
});
