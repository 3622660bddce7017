import assert from 'node:assert/strict';
import {
  errorFromNetwork,
  errorFromResponse,
  parseErrorCode,
  protocolError,
  SinchApiError,
  type SignedBy,
  type SinchErrorKind,
} from '../../../src/sinch/errors';
import { isRetryable } from '../../../src/sinch/retryPolicy';

const ctx = (signedBy: SignedBy = 'instance') => ({ method: 'GET', path: '/v1/organisations', signedBy });
const body = (errorCode: number | string, message = 'server says so', reference: string | null = 'ref-1') => ({
  errorCode,
  message,
  ...(reference !== null && { reference }),
});

describe('errors', () => {
  describe('errorFromResponse maps status and errorCode to a kind', () => {
    const table: [number, unknown, SignedBy, SinchErrorKind][] = [
      [401, body(40100), 'application', 'auth'],
      [401, body(40100), 'instance', 'expired'],
      [401, body(40100), 'user', 'expired'],
      [401, undefined, 'instance', 'expired'],
      [401, body(40102), 'instance', 'auth'],
      [401, body(40101), 'instance', 'auth'],
      [403, body(40300), 'instance', 'forbidden'],
      [403, body(40301), 'instance', 'forbidden'],
      [404, body(40400), 'instance', 'notFound'],
      [404, undefined, 'instance', 'notFound'],
      [400, body(40001), 'instance', 'validation'],
      [400, body(40002), 'instance', 'validation'],
      [400, body('40003'), 'instance', 'validation'],
      [402, body(40200), 'instance', 'credit'],
      [422, body(42200), 'instance', 'accounting'],
      [429, body(42900), 'instance', 'rateLimited'],
      [429, undefined, 'instance', 'rateLimited'],
      [503, body(50300), 'instance', 'unavailable'],
      [500, undefined, 'instance', 'unavailable'],
      [502, undefined, 'instance', 'unavailable'],
      [501, body(50100), 'instance', 'unavailable'],
      [407, undefined, 'instance', 'proxy'],
      [408, undefined, 'instance', 'timeout'],
      [409, undefined, 'instance', 'validation'],
      [302, undefined, 'instance', 'protocol'],
    ];
    for (const [status, b, signedBy, kind] of table) {
      it(`${status} ${JSON.stringify(b && (b as { errorCode: unknown }).errorCode)} (${signedBy}) → ${kind}`, () => {
        const e = errorFromResponse(status, b, ctx(signedBy));
        assert.ok(e instanceof SinchApiError && e instanceof Error);
        assert.equal(e.kind, kind);
        assert.equal(e.status, status);
        assert.match(e.message, /^[A-Z].*[.!"]$/, 'a sentence');
        // A gateway error may come after Sinch did the work; Sinch's own errors say it did not.
        assert.equal(e.outcomeUnknown, status === 502 || status === 504);
      });
    }
  });

  it('keeps errorCode (number or string), reference and the server message', () => {
    const e = errorFromResponse(
      400,
      body('40001', 'Invalid number type: fax.  Type must be one of: sms, voice.'),
      ctx(),
    );
    assert.equal(e.errorCode, 40001);
    assert.equal(e.reference, 'ref-1');
    assert.equal(e.serverMessage, 'Invalid number type: fax. Type must be one of: sms, voice.');
    assert.match(e.message, /Invalid number type: fax/);
    assert.equal(e.method, 'GET');
    assert.equal(e.path, '/v1/organisations');
  });

  it('copes with a missing reference, odd errorCodes and a non-object body', () => {
    assert.equal(errorFromResponse(400, body(40001, 'x', null), ctx()).reference, undefined);
    for (const odd of [null, 'oops', [1, 2], { errorCode: 'abc' }, { errorCode: -5 }, { errorCode: 1.5 }]) {
      const e = errorFromResponse(503, odd, ctx());
      assert.equal(e.kind, 'unavailable');
      assert.equal(e.errorCode, undefined);
    }
    assert.equal(parseErrorCode(' 40300 '), 40300);
    assert.equal(parseErrorCode(40300), 40300);
    assert.equal(parseErrorCode('4e4'), undefined);
  });

  it('lets the errorCode decide when it disagrees with the status', () => {
    assert.equal(errorFromResponse(400, body(40300), ctx()).kind, 'forbidden');
  });

  it('names the clock for a 40101 and the wait for a Retry-After', () => {
    assert.match(errorFromResponse(401, body(40101), ctx()).message, /clock/);
    const limited = errorFromResponse(429, body(42900), { ...ctx(), retryAfterMs: 120_000 });
    assert.equal(limited.retryAfterMs, 120_000);
    assert.match(limited.message, /120 seconds/);
    assert.match(errorFromResponse(503, undefined, { ...ctx(), retryAfterMs: 7000 }).message, /7 seconds/);
  });

  it('says an HTML error page is not from the API, and names the status', () => {
    const e = errorFromResponse(502, undefined, { ...ctx(), nonJson: true });
    assert.equal(e.kind, 'unavailable');
    assert.match(e.message, /502/);
    assert.match(e.message, /not JSON/);
  });

  it('cleans control characters from the server message and caps its length', () => {
    const e = errorFromResponse(400, body(40001, `line1\n\u0007line2 ${'x'.repeat(1000)}`), ctx());
    assert.ok(e.serverMessage!.startsWith('line1 line2 '));
    assert.ok(e.serverMessage!.length <= 301);
  });

  it('protocol errors name the HTTP status', () => {
    const e = protocolError(200, 'a body that is not JSON', { method: 'GET', path: '/p' });
    assert.equal(e.kind, 'protocol');
    assert.equal(e.message, 'Sinch answered 200 with a body that is not JSON.');
  });

  describe('errorFromNetwork', () => {
    const net = (err: unknown, phase: 'timeout' | 'cancelled' | 'failed' = 'failed') =>
      errorFromNetwork(err, { method: 'PUT', path: '/p', host: 'portalapi.sinch.com', phase, timeoutMs: 30_000 });
    const sys = (code: string, message = `connect ${code}`) => Object.assign(new Error(message), { code });

    it('connection refused and DNS failures are network errors with a known outcome', () => {
      for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']) {
        const e = net(sys(code));
        assert.equal(e.kind, 'network');
        assert.equal(e.outcomeUnknown, false);
        assert.equal(e.systemCode, code);
        assert.match(e.message, /portalapi\.sinch\.com/);
      }
    });
    it('resets and hang-ups leave the outcome unknown', () => {
      for (const err of [sys('ECONNRESET', 'read ECONNRESET'), new Error('socket hang up'), sys('EPIPE')]) {
        const e = net(err);
        assert.equal(e.kind, 'network');
        assert.equal(e.outcomeUnknown, true);
      }
    });
    it('timeouts and cancellations', () => {
      const t = net(new Error('aborted'), 'timeout');
      assert.equal(t.kind, 'timeout');
      assert.equal(t.outcomeUnknown, true);
      assert.match(t.message, /30 seconds/);
      assert.equal(net(new Error('aborted'), 'cancelled').kind, 'cancelled');
    });
    it('proxy failures', () => {
      assert.equal(
        net(new Error('tunneling socket could not be established, cause=connect ECONNREFUSED')).kind,
        'proxy',
      );
      assert.match(net(new Error('proxy connect failed')).message, /http\.proxy/);
    });
    it('TLS failures are network errors that are not retried', () => {
      const e = net(sys('CERT_HAS_EXPIRED'));
      assert.equal(e.kind, 'network');
      assert.equal(isRetryable(e, { idempotent: true }), false);
    });
  });

  describe('isRetryable', () => {
    const r = (e: SinchApiError) => [isRetryable(e, { idempotent: true }), isRetryable(e, { idempotent: false })];
    const resp = (status: number, code?: number) =>
      errorFromResponse(status, code === undefined ? undefined : body(code), ctx());
    const sys = (code: string) =>
      errorFromNetwork(Object.assign(new Error(code), { code }), {
        method: 'GET',
        path: '/',
        host: 'h',
        phase: 'failed',
      });

    it('retries connection refused for everything, resets only for idempotent calls', () => {
      assert.deepEqual(r(sys('ECONNREFUSED')), [true, true]);
      assert.deepEqual(r(sys('ENOTFOUND')), [true, true]);
      assert.deepEqual(r(sys('ECONNRESET')), [true, false]);
    });
    it('retries 408, 429 and 5xx (not 501) only for idempotent calls', () => {
      for (const [status, code] of [
        [503, 50300],
        [500, undefined],
        [502, undefined],
        [504, undefined],
        [429, 42900],
        [408, undefined],
      ] as const) {
        assert.deepEqual(r(resp(status, code)), [true, false], String(status));
      }
    });
    it('never retries 400, 401, 403, 404, 422, 501, timeouts, cancellations or protocol errors', () => {
      for (const [status, code] of [
        [400, 40001],
        [401, 40102],
        [401, 40100],
        [403, 40300],
        [404, 40400],
        [402, 40200],
        [422, 42200],
        [501, undefined],
      ] as const) {
        assert.deepEqual(r(resp(status, code)), [false, false], String(status));
      }
      const ctxNet = { method: 'GET', path: '/', host: 'h' } as const;
      assert.deepEqual(r(errorFromNetwork(new Error('x'), { ...ctxNet, phase: 'timeout' })), [false, false]);
      assert.deepEqual(r(errorFromNetwork(new Error('x'), { ...ctxNet, phase: 'cancelled' })), [false, false]);
      assert.deepEqual(r(protocolError(200, 'x', ctxNet)), [false, false]);
      assert.equal(isRetryable(new Error('plain'), { idempotent: true }), false);
    });
  });
});

describe('errorFromNetwork keeps a redacted cause', () => {
  it('masks the email of the log-in URL that node-fetch quotes', () => {
    const raw = Object.assign(
      new Error(
        'request to http://127.0.0.1:1/v1/users/email/jane.doe@example.com/authentication failed, reason: connect ECONNREFUSED',
      ),
      { code: 'ECONNREFUSED' },
    );
    const e = errorFromNetwork(raw, {
      method: 'POST',
      path: 'v1/users/email/j***@example.com/authentication',
      host: '127.0.0.1',
      phase: 'failed',
    });
    const cause = (e as Error & { cause?: Error }).cause;
    assert.ok(cause);
    assert.doesNotMatch(String(cause.message), /jane\.doe/);
    assert.match(String(cause.message), /j\*\*\*@example\.com/);
    assert.equal(e.kind, 'network');
  });
});
