// When a failed request may be sent again: the policy alone, then the client against the
// simulator's faults and a fetch that refuses connections.
import assert from 'node:assert/strict';
import { mayResend } from '../../../src/sinch/retryPolicy';
import { SinchApiError } from '../../../src/sinch/errors';
import { SinchClient, type FetchLike } from '../../../src/sinch/client';
import { startSimulator, demo, type EndpointName, type Fault, type Simulator } from '../../simulator';

const VERSION = { os: 'linux', platform: 'vscode-test' };
const err = (init: Partial<ConstructorParameters<typeof SinchApiError>[0]>) =>
  new SinchApiError({ kind: 'network', message: 'x', method: 'POST', path: '/p', ...init });
const refused = err({ systemCode: 'ECONNREFUSED', outcomeUnknown: false });
const reset = err({ systemCode: 'ECONNRESET', outcomeUnknown: true });
const unavailable = err({ kind: 'unavailable', status: 503 });
const limited = err({ kind: 'rateLimited', status: 429, retryAfterMs: 1000 });

describe('sinch: the resend policy', () => {
  it('idempotent requests repeat after transient failures, up to the retry budget', () => {
    for (const e of [refused, reset, unavailable, limited])
      assert.equal(mayResend(e, { idempotent: true }, 0, 3), true, e.systemCode ?? e.kind);
    assert.equal(mayResend(reset, { idempotent: true }, 3, 3), false);
  });

  it('money requests repeat only what never left', () => {
    assert.equal(mayResend(refused, { idempotent: false }, 2, 3), true);
    for (const e of [reset, unavailable, limited])
      assert.equal(mayResend(e, { idempotent: false }, 0, 3), false, e.systemCode ?? e.kind);
  });

  it('send-once requests (password, new instance) repeat only what never left, and once', () => {
    const once = { idempotent: true, sendOnce: true };
    assert.equal(mayResend(refused, once, 0, 3), true);
    assert.equal(mayResend(refused, once, 1, 3), false);
    for (const e of [reset, unavailable, limited, err({ kind: 'timeout', status: 408 })])
      assert.equal(mayResend(e, once, 0, 3), false, e.systemCode ?? e.kind);
  });
});

describe('sinch: log in and create instance are sent once', function () {
  this.timeout(10_000);
  let sim: Simulator;
  const count = (e: EndpointName) => sim.counters()[e];
  const inject = (e: EndpointName, fault: Fault, times?: number) => sim.faults.inject(e, fault, times);
  /** A client whose first `refusals` connections are refused before anything is sent. */
  const client = (refusals = 0) => {
    const attempts: string[] = [];
    const fetch: FetchLike = (async (url: string, init: unknown) => {
      attempts.push(url);
      if (attempts.length <= refusals)
        throw Object.assign(new Error(`connect ECONNREFUSED ${url}`), { code: 'ECONNREFUSED' });
      const real = (await import('node-fetch')).default;
      return real(url, init as never);
    }) as FetchLike;
    const c = new SinchClient({
      endpoints: { userApi: sim.url, api: sim.url, portalApi: sim.url },
      fetch,
      sleep: async () => undefined,
      random: () => 1,
    });
    return { c, attempts };
  };
  const login = (c: SinchClient) => c.login({ type: 'email', endpoint: demo.user.email }, demo.user.password);

  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await sim?.close();
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.setClockOffset(0);
    sim.reset('demo');
    sim.resetCounters();
  });

  const sent: Array<[string, Fault]> = [
    ['a reset after the server read it', { kind: 'resetAfter' }],
    ['a reset before it answered', { kind: 'resetBefore' }],
    ['503', { kind: 'unavailable' }],
    ['429 with Retry-After 1', { kind: 'rateLimit', retryAfterSeconds: 1 }],
    ['a 502 page', { kind: 'html' }],
  ];
  for (const [name, fault] of sent) {
    it(`the password is sent once after ${name}`, async () => {
      inject('login', fault, 4);
      await assert.rejects(login(client().c), SinchApiError);
      assert.equal(count('login'), 1);
    });
    it(`create instance is sent once after ${name}: no second live instance`, async () => {
      const { authorization } = await login(client().c);
      inject('createInstance', fault, 4);
      const before = sim.snapshot().instances;
      await assert.rejects(client().c.createInstance(authorization, VERSION), SinchApiError);
      assert.equal(count('createInstance'), 1);
      assert.ok(sim.snapshot().instances - before <= 1, 'at most the one instance the request may have created');
    });
  }

  it('a refused connection (nothing sent) is tried once more, then reported', async () => {
    const once = client(1);
    assert.ok((await login(once.c)).authorization, 'the second try signs in');
    assert.equal(once.attempts.length, 2);
    const twice = client(5);
    await assert.rejects(
      login(twice.c),
      (e: SinchApiError) => e.systemCode === 'ECONNREFUSED' && /refused/.test(e.message),
    );
    assert.equal(twice.attempts.length, 2, 'never a third');
    assert.equal(count('login'), 1, 'the server saw only the one that got through');
  });

  it('reads keep their three retries', async () => {
    const { c } = client();
    const api = c.instance(await c.createInstance((await login(c)).authorization, VERSION));
    inject('listNumbers', { kind: 'resetAfter' }, 3);
    assert.ok((await api.listRentedNumbers(demo.orgId)).length > 0);
    assert.equal(count('listNumbers'), 4);
  });
});
