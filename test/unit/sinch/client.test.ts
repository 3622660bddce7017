import assert from 'node:assert/strict';
import { startSimulator, demo, type EndpointName, type Fault, type Simulator } from '../../simulator';
import { SinchClient, type InstanceApi, type SinchClientOptions } from '../../../src/sinch/client';
import { SinchApiError, type SinchErrorKind } from '../../../src/sinch/errors';
import { InputError } from '../../../src/platform/errors';
import type { RequestLogEntry } from '../../../src/sinch/requestLog';
import type { Instance } from '../../../src/sinch/types';

const VERSION = { os: 'linux', platform: 'vscode-test' };
const ORG = demo.orgId;
const APP = demo.voiceApp;

/** Asserts a SinchApiError with the given fields and returns it for more checks. */
async function rejectsWith(
  p: Promise<unknown>,
  expected: Partial<Pick<SinchApiError, 'kind' | 'status' | 'errorCode' | 'outcomeUnknown'>> & { kind: SinchErrorKind },
): Promise<SinchApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof SinchApiError, `expected a SinchApiError, got ${String(e)}`);
    for (const [k, v] of Object.entries(expected))
      assert.equal(e[k as keyof SinchApiError], v, `${k} of "${e.message}"`);
    assert.match(e.message, /^[A-Z].*[.!"]$/);
    return e;
  }
  assert.fail('expected the call to fail');
}

describe('SinchClient against the simulator', function () {
  this.timeout(10_000);
  let sim: Simulator;
  let instance: Instance;
  let log: RequestLogEntry[];
  let delays: number[];

  /** Fast retries: sleeps are recorded, not waited; jitter is maximal so delays are predictable. */
  const client = (extra: SinchClientOptions = {}) =>
    new SinchClient({
      endpoints: { userApi: sim.url, api: sim.url, portalApi: sim.url },
      sleep: async (ms) => void delays.push(ms),
      random: () => 1,
      onRequest: (e) => log.push(e),
      ...extra,
    });
  const api = (extra: SinchClientOptions = {}): InstanceApi => client(extra).instance(instance);
  const count = (e: EndpointName) => sim.counters()[e];
  const inject = (e: EndpointName, fault: Fault, times?: number) => sim.faults.inject(e, fault, times);

  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await sim?.close();
  });
  beforeEach(async () => {
    sim.faults.clear();
    sim.setClockOffset(0);
    sim.setReservationTtl(15 * 60 * 1000); // reset() keeps the TTL a test may have shortened
    sim.reset('demo');
    log = [];
    delays = [];
    const c = client();
    const { authorization } = await c.login({ type: 'email', endpoint: demo.user.email }, demo.user.password);
    instance = await c.createInstance(authorization, VERSION);
    sim.resetCounters();
    log = [];
  });

  describe('every endpoint succeeds', () => {
    it('log in by email returns the token and the user', async () => {
      const r = await client().login({ type: 'email', endpoint: ` ${demo.user.email} ` }, demo.user.password);
      assert.ok(r.authorization.length > 20);
      assert.equal(r.user.id, 123456789);
      assert.deepEqual(r.user.identities, [
        { type: 'email', endpoint: 'demo@example.com' },
        { type: 'number', endpoint: '+12055500000' },
      ]);
      assert.equal(r.user.profile?.name?.full, 'Jane Bloggs');
      assert.equal(count('login'), 1);
    });

    it('log in by number', async () => {
      const r = await client().login({ type: 'number', endpoint: '+12055500000' }, demo.user.password);
      assert.equal(r.user.id, 123456789);
    });

    it('create instance returns id, secret and lifetime', async () => {
      const { authorization } = await client().login({ type: 'email', endpoint: demo.user.email }, demo.user.password);
      const i = await client().createInstance(authorization, VERSION);
      assert.match(i.id, /\S/);
      assert.ok(Buffer.from(i.secret, 'base64').length > 0);
      assert.equal(i.expiresIn, 172800);
    });

    it('get organisation normalises the id to a string', async () => {
      const answer = await api().getOrganisations();
      assert.equal(answer.shape, 'object');
      assert.deepEqual(
        answer.organisations.map((org) => ({ id: org.id, name: org.name })),
        [{ id: ORG, name: 'Acme' }],
      );
    });

    it('lists the shop, optionally filtered by type', async () => {
      const all = await api().listShopGroups(ORG);
      for (const id of [1, 2, 75])
        assert.ok(
          all.some((g) => g.groupId === id),
          `group ${id}`,
        );
      const paris = all.find((g) => g.groupId === 1)!;
      assert.deepEqual(paris.cost, { amount: 2, currencyId: 'USD' });
      const sms = await api().listShopGroups(ORG, { type: 'sms' });
      assert.ok(sms.length > 0 && sms.every((g) => g.capabilities.includes('sms')));
      assert.ok(sms.length < all.length);
      assert.equal(log.at(-1)!.path, `/v1/organisations/id/${ORG}/numbers/shop?type=sms`);
    });

    it('reserves and checks out, renting the numbers', async () => {
      const a = api();
      const before = await a.listRentedNumbers(ORG);
      const { referenceId } = await a.reserve(ORG, { groupId: 13, quantity: 2, capabilities: ['voice', 'sms'] });
      assert.match(referenceId, /\S/);
      assert.equal(await a.checkout(ORG, [referenceId]), undefined);
      const after = await a.listRentedNumbers(ORG);
      assert.equal(after.length, before.length + 2);
    });

    it('lists rented numbers with and without an application', async () => {
      const numbers = await api().listRentedNumbers(ORG);
      const free = numbers.find((n) => n.number === 14150005550)!;
      const used = numbers.find((n) => n.number === 14150005551)!;
      assert.equal(free.applicationKey, undefined);
      assert.equal(used.applicationKey, APP);
      assert.equal(typeof used.cost.amount, 'number');
    });

    it("lists an application's numbers", async () => {
      const numbers = await api().listApplicationNumbers(APP);
      assert.deepEqual(
        numbers.map((n) => n.number),
        [14150005551],
      );
    });

    it('assigns (overwrite) and unassigns, idempotently', async () => {
      const a = api();
      const result = await a.assignNumbers(APP, 'voice', [14150005551, 14150005550]);
      assert.deepEqual(result.map((n) => n.number).sort(), [14150005550, 14150005551]);
      await a.unassignNumber(APP, 14150005550);
      await a.unassignNumber(APP, 14150005550);
      assert.deepEqual(
        (await a.listApplicationNumbers(APP)).map((n) => n.number),
        [14150005551],
      );
      assert.equal(count('unassign'), 2);
    });
  });

  describe('documented errors', () => {
    it('a wrong password is auth 40100, not retried', async () => {
      await rejectsWith(client().login({ type: 'email', endpoint: demo.user.email }, 'wrong'), {
        kind: 'auth',
        status: 401,
        errorCode: 40100,
      });
      await rejectsWith(client().login({ type: 'email', endpoint: 'nobody@example.com' }, 'x'), {
        kind: 'auth',
        errorCode: 40100,
      });
      assert.equal(count('login'), 2);
    });

    it('an expired instance is "expired", not retried', async () => {
      sim.expireInstances();
      const e = await rejectsWith(api().getOrganisations(), { kind: 'expired', status: 401, errorCode: 40100 });
      assert.match(e.serverMessage!, /expired/);
      assert.equal(count('getOrganisation'), 1);
    });

    it('a wrong secret is a bad signature (40102): signed once in each form, then the key or secret is said to be refused', async () => {
      const wrong = client().instance({ id: instance.id, secret: Buffer.from('not the secret').toString('base64') });
      const e = await rejectsWith(wrong.getOrganisations(), { kind: 'auth', errorCode: 40102 });
      assert.match(e.message, /refused the instance key or secret .*both forms/);
      assert.doesNotMatch(e.message, /[Ss]ign in again/);
      assert.equal(count('getOrganisation'), 2);
    });

    it("another organisation's numbers are forbidden (40300)", async () => {
      const e = await rejectsWith(api().listRentedNumbers(demo.otherOrgId), {
        kind: 'forbidden',
        status: 403,
        errorCode: 40300,
      });
      assert.match(e.message, /not the owner/);
      await rejectsWith(api().reserve(demo.otherOrgId, { groupId: 13, quantity: 1, capabilities: [] }), {
        kind: 'forbidden',
        errorCode: 40300,
      });
    });

    it('an unknown application is notFound (40400)', async () => {
      await rejectsWith(api().listApplicationNumbers('00000000-0000-4000-8000-000000000000'), {
        kind: 'notFound',
        status: 404,
        errorCode: 40400,
      });
      await rejectsWith(api().assignNumbers(demo.otherApp, 'voice', []), { kind: 'notFound', errorCode: 40400 });
      assert.equal(count('listAppNumbers'), 1);
    });

    it('an invalid number group or quantity is validation (40003)', async () => {
      await rejectsWith(api().reserve(ORG, { groupId: 4242, quantity: 1, capabilities: [] }), {
        kind: 'validation',
        status: 400,
        errorCode: 40003,
      });
      await rejectsWith(api().reserve(ORG, { groupId: 1, quantity: 99, capabilities: [] }), {
        kind: 'validation',
        errorCode: 40003,
      });
      await rejectsWith(api().reserve(ORG, { groupId: 75, quantity: 1, capabilities: ['voice'] }), {
        kind: 'validation',
        errorCode: 40001,
      });
    });

    it('an unknown or expired reservation is notFound (40400)', async () => {
      await rejectsWith(api().checkout(ORG, ['c8b27491-3379-44f3-af31-fbbfbb2ba510']), {
        kind: 'notFound',
        errorCode: 40400,
      });
      const { referenceId } = await api().reserve(ORG, { groupId: 13, quantity: 1, capabilities: [] });
      sim.setReservationTtl(0);
      await rejectsWith(api().checkout(ORG, [referenceId]), { kind: 'notFound', errorCode: 40400 });
    });

    it('short credit is credit (40200) and rents nothing', async () => {
      const a = api();
      const before = (await a.listRentedNumbers(ORG)).length;
      sim.setCredit(ORG, 0.5);
      const { referenceId } = await a.reserve(ORG, { groupId: 13, quantity: 1, capabilities: [] });
      const e = await rejectsWith(a.checkout(ORG, [referenceId]), { kind: 'credit', status: 402, errorCode: 40200 });
      assert.match(e.message, /credit/);
      assert.equal((await a.listRentedNumbers(ORG)).length, before);
      assert.equal(count('checkout'), 1);
    });

    it('missing accounting is accounting (42200)', async () => {
      const c = client();
      const { authorization } = await c.login(
        { type: 'email', endpoint: demo.accounting.email },
        demo.accounting.password,
      );
      const a = c.instance(await c.createInstance(authorization, VERSION));
      const { referenceId } = await a.reserve(demo.accountingOrgId, { groupId: 13, quantity: 1, capabilities: [] });
      await rejectsWith(a.checkout(demo.accountingOrgId, [referenceId]), {
        kind: 'accounting',
        status: 422,
        errorCode: 42200,
      });
    });

    const neverRetried: [number, number | undefined, SinchErrorKind][] = [
      [400, 40001, 'validation'],
      [401, 40102, 'auth'],
      [401, 40100, 'expired'],
      [403, 40300, 'forbidden'],
      [403, 40301, 'forbidden'],
      [404, 40400, 'notFound'],
      [422, 42200, 'accounting'],
      [402, 40200, 'credit'],
      [501, undefined, 'unavailable'],
    ];
    for (const [status, errorCode, kind] of neverRetried) {
      // A 40102 is signed once more in the other form (signatureForm.ts), then reported.
      const sends = errorCode === 40102 ? 2 : 1;
      it(`${status}/${errorCode ?? '-'} is ${kind} and sent exactly ${sends === 1 ? 'once' : 'twice, once in each signature form'}`, async () => {
        inject('listNumbers', { kind: 'status', status, ...(errorCode && { errorCode }) }, 5);
        await rejectsWith(api().listRentedNumbers(ORG), { kind, status });
        assert.equal(count('listNumbers'), sends);
        assert.deepEqual(
          log.map((e) => e.outcome),
          sends === 1 ? ['error'] : ['retry', 'error'],
        );
      });
    }

    it('errorCode may arrive as a string', async () => {
      // The simulator sends numbers; a string code is covered in errors.test.ts and clientWire.test.ts.
      inject('getOrganisation', {
        kind: 'status',
        status: 403,
        errorCode: 40301,
        message: "The authorization scheme 'instance' is required.",
      });
      const e = await rejectsWith(api().getOrganisations(), { kind: 'forbidden', errorCode: 40301 });
      assert.ok(e.reference);
    });
  });

  describe('retries', () => {
    it('a GET meeting 503 three times then 200 succeeds after exactly four requests, with growing backoff', async () => {
      inject('listAppNumbers', { kind: 'unavailable' }, 3);
      const numbers = await api().listApplicationNumbers(APP);
      assert.equal(numbers.length, 1);
      assert.equal(count('listAppNumbers'), 4);
      assert.deepEqual(delays, [500, 1000, 2000]);
      assert.deepEqual(
        log.map((e) => [e.attempt, e.outcome, e.status]),
        [
          [1, 'retry', 503],
          [2, 'retry', 503],
          [3, 'retry', 503],
          [4, 'ok', 200],
        ],
      );
    });

    it("five 503s fail after exactly four requests with the service's message", async () => {
      inject('listNumbers', { kind: 'unavailable' }, 5);
      const e = await rejectsWith(api().listRentedNumbers(ORG), { kind: 'unavailable', status: 503, errorCode: 50300 });
      assert.match(e.message, /Service is temporarily unavailable, please try again later\./);
      assert.equal(count('listNumbers'), 4);
    });

    it('backoff is full jitter, capped by maxDelayMs', async () => {
      inject('getOrganisation', { kind: 'unavailable' }, 3);
      await api({ random: () => 0.5, retry: { baseDelayMs: 1000, maxDelayMs: 3000 } }).getOrganisations();
      assert.deepEqual(delays, [500, 1000, 1500]);
    });

    it('429 with Retry-After: 7 waits at least 7 s', async () => {
      inject('listShop', { kind: 'rateLimit', retryAfterSeconds: 7 });
      await api({ random: () => 0 }).listShopGroups(ORG);
      assert.deepEqual(delays, [7000]);
      assert.equal(count('listShop'), 2);
    });

    it('a Retry-After beyond the cap fails fast, naming the wait', async () => {
      inject('listShop', { kind: 'rateLimit', retryAfterSeconds: 120 });
      const e = await rejectsWith(api().listShopGroups(ORG), { kind: 'rateLimited', status: 429 });
      assert.equal(e.retryAfterMs, 120_000);
      assert.match(e.message, /120 seconds/);
      assert.equal(count('listShop'), 1);
      assert.deepEqual(delays, []);
    });

    it('assign and unassign are retried on 503; log in and create instance are not (retryPolicy.test.ts)', async () => {
      for (const e of ['login', 'createInstance', 'assign', 'unassign'] as const) inject(e, { kind: 'unavailable' });
      const c = client();
      await rejectsWith(c.login({ type: 'email', endpoint: demo.user.email }, demo.user.password), {
        kind: 'unavailable',
      });
      await rejectsWith(c.createInstance('token', VERSION), { kind: 'unavailable' });
      await api().assignNumbers(APP, 'voice', [14150005551]);
      await api().unassignNumber(APP, 14150005551);
      assert.deepEqual([count('login'), count('createInstance'), count('assign'), count('unassign')], [1, 1, 2, 2]);
    });

    it('reserve and checkout are never retried after a 503 or 429', async () => {
      inject('reserve', { kind: 'unavailable' });
      await rejectsWith(api().reserve(ORG, { groupId: 13, quantity: 1, capabilities: [] }), { kind: 'unavailable' });
      inject('checkout', { kind: 'rateLimit', retryAfterSeconds: 1 });
      await rejectsWith(api().checkout(ORG, ['c8b27491-3379-44f3-af31-fbbfbb2ba510']), { kind: 'rateLimited' });
      assert.deepEqual([count('reserve'), count('checkout')], [1, 1]);
    });

    it('a reset GET is retried', async () => {
      inject('listNumbers', { kind: 'resetBefore' });
      inject('listNumbers', { kind: 'resetAfter' });
      assert.ok((await api().listRentedNumbers(ORG)).length > 0);
      assert.equal(count('listNumbers'), 3);
    });

    it('an assign (an overwrite merged from an earlier read) is never resent after an unknown outcome: the caller re-reads', async () => {
      for (const [fault, kind] of [
        ['resetBefore', 'network'],
        ['resetAfter', 'network'],
        ['html', 'unavailable'],
      ] as const) {
        inject('assign', { kind: fault });
        await rejectsWith(api().assignNumbers(APP, 'voice', [14150005551, 14150005550]), {
          kind,
          outcomeUnknown: true,
        });
      }
      assert.equal(count('assign'), 3, 'one request each');
    });

    it('reserve after a reset is not retried and its outcome is unknown', async () => {
      inject('reserve', { kind: 'resetBefore' });
      await rejectsWith(api().reserve(ORG, { groupId: 13, quantity: 1, capabilities: [] }), {
        kind: 'network',
        outcomeUnknown: true,
      });
      inject('reserve', { kind: 'resetAfter' });
      await rejectsWith(api().reserve(ORG, { groupId: 13, quantity: 1, capabilities: [] }), {
        kind: 'network',
        outcomeUnknown: true,
      });
      assert.equal(count('reserve'), 2);
    });

    it('checkout after a reset is not retried, its outcome is unknown, and it did happen', async () => {
      const a = api();
      const before = (await a.listRentedNumbers(ORG)).length;
      const { referenceId } = await a.reserve(ORG, { groupId: 13, quantity: 1, capabilities: [] });
      inject('checkout', { kind: 'resetAfter' });
      await rejectsWith(a.checkout(ORG, [referenceId]), { kind: 'network', outcomeUnknown: true });
      assert.equal(count('checkout'), 1);
      assert.equal((await a.listRentedNumbers(ORG)).length, before + 1);
    });
  });

  describe('timeouts and cancellation', () => {
    it('a server that never answers fails after the timeout, once', async () => {
      inject('getOrganisation', { kind: 'hang' });
      const started = Date.now();
      // Long enough for the request to reach the simulator on a busy machine: the count below needs it.
      const e = await rejectsWith(api({ timeoutMs: 2000 }).getOrganisations(), {
        kind: 'timeout',
        outcomeUnknown: true,
      });
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 1990 && elapsed < 10_000, `${elapsed} ms`);
      assert.match(e.message, /did not answer within 2 seconds/);
      assert.equal(count('getOrganisation'), 1);
    });

    it('the per-call timeout overrides the client default', async () => {
      inject('listShop', { kind: 'hang' });
      await rejectsWith(api({ timeoutMs: 60_000 }).listShopGroups(ORG, { timeoutMs: 100 }), { kind: 'timeout' });
    });

    it('a checkout that hangs after doing its work times out with an unknown outcome and is not retried', async () => {
      const a = api({ timeoutMs: 2000 });
      const before = (await a.listRentedNumbers(ORG)).length;
      const { referenceId } = await a.reserve(ORG, { groupId: 13, quantity: 1, capabilities: [] });
      inject('checkout', { kind: 'hangAfter' });
      await rejectsWith(a.checkout(ORG, [referenceId]), { kind: 'timeout', outcomeUnknown: true });
      assert.equal(count('checkout'), 1);
      assert.equal((await a.listRentedNumbers(ORG)).length, before + 1);
    });

    it('a reserve that hangs is not retried either', async () => {
      inject('reserve', { kind: 'hangAfter' });
      await rejectsWith(api({ timeoutMs: 2000 }).reserve(ORG, { groupId: 13, quantity: 1, capabilities: [] }), {
        kind: 'timeout',
        outcomeUnknown: true,
      });
      assert.equal(count('reserve'), 1);
    });

    it('cancelling aborts a request in flight at once', async () => {
      inject('listNumbers', { kind: 'hang' });
      const ac = new AbortController();
      const started = Date.now();
      const p = api({ timeoutMs: 5000 }).listRentedNumbers(ORG, { signal: ac.signal });
      setTimeout(() => ac.abort(), 50);
      await rejectsWith(p, { kind: 'cancelled' });
      assert.ok(Date.now() - started < 1000);
      assert.deepEqual(
        log.map((e) => [e.outcome, e.errorKind]),
        [['error', 'cancelled']],
      );
    });

    it('an already-aborted signal sends nothing', async () => {
      const ac = new AbortController();
      ac.abort();
      await rejectsWith(api().getOrganisations({ signal: ac.signal }), { kind: 'cancelled', outcomeUnknown: false });
      assert.equal(count('getOrganisation'), 0);
    });

    it('cancelling mid-backoff ends the wait at once', async () => {
      inject('listNumbers', { kind: 'unavailable' }, 5);
      const ac = new AbortController();
      // The real sleep, with a backoff far longer than the test.
      const a = client({ sleep: undefined, retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } }).instance(instance);
      const started = Date.now();
      const p = a.listRentedNumbers(ORG, { signal: ac.signal });
      setTimeout(() => ac.abort(), 100);
      await rejectsWith(p, { kind: 'cancelled', outcomeUnknown: false });
      assert.ok(Date.now() - started < 1000);
      assert.equal(count('listNumbers'), 1);
    });

    it('cancelling mid-backoff works even when the injected sleep ignores the signal', async () => {
      inject('listNumbers', { kind: 'unavailable' }, 5);
      const ac = new AbortController();
      const a = api({ sleep: () => new Promise<void>((resolve) => setTimeout(resolve, 2000)) });
      const p = a.listRentedNumbers(ORG, { signal: ac.signal });
      setTimeout(() => ac.abort(), 50);
      const started = Date.now();
      await rejectsWith(p, { kind: 'cancelled' });
      assert.ok(Date.now() - started < 1000);
    });
  });

  describe('clock skew', () => {
    const TWENTY_MINUTES = 20 * 60 * 1000;

    it('re-signs once with the server clock and remembers the offset', async () => {
      sim.setClockOffset(TWENTY_MINUTES);
      const c = client();
      const a = c.instance(instance);
      assert.equal((await a.getOrganisations()).organisations[0].id, ORG);
      assert.equal(count('getOrganisation'), 2);
      assert.ok(Math.abs(c.clockOffsetMs - TWENTY_MINUTES) < 5000, String(c.clockOffsetMs));
      assert.deepEqual(
        log.map((e) => [e.attempt, e.outcome, e.errorCode]),
        [
          [1, 'retry', 40101],
          [2, 'ok', undefined],
        ],
      );
      await a.listRentedNumbers(ORG);
      assert.equal(count('listNumbers'), 1);
      assert.ok(Math.abs(c.lastServerDateSkewMs! - TWENTY_MINUTES) < 5000);
    });

    it('five parallel requests all recover, none with a third attempt', async () => {
      sim.setClockOffset(-TWENTY_MINUTES);
      const a = api();
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => a.listRentedNumbers(ORG)));
      assert.equal(results.length, 5);
      assert.ok(count('listNumbers') <= 10);
      assert.ok(log.every((e) => e.attempt <= 2));
      assert.equal(log.filter((e) => e.outcome === 'ok').length, 5);
    });

    it('log in and checkout also recover (a 40101 means nothing was done)', async () => {
      sim.setClockOffset(TWENTY_MINUTES);
      const r = await client().login({ type: 'email', endpoint: demo.user.email }, demo.user.password);
      assert.ok(r.authorization);
      const a = api();
      const { referenceId } = await a.reserve(ORG, { groupId: 13, quantity: 1, capabilities: [] });
      await a.checkout(ORG, [referenceId]);
      assert.equal(count('checkout'), 1);
    });

    it('an offset up to a day is applied', async () => {
      sim.setClockOffset(-23 * 3_600_000);
      const c = client();
      assert.equal((await c.instance(instance).getOrganisations()).organisations[0].id, ORG);
      assert.ok(Math.abs(c.clockOffsetMs + 23 * 3_600_000) < 5000, String(c.clockOffsetMs));
    });

    for (const [name, offset] of [
      ['a Date of 2100', Date.UTC(2100, 0, 1) - Date.now()],
      ['25 hours behind', -25 * 3_600_000],
    ] as const) {
      it(`${name} is not applied: one of the two clocks is wrong, and the message says so`, async () => {
        sim.setClockOffset(offset);
        const c = client();
        const e = await rejectsWith(c.instance(instance).getOrganisations(), {
          kind: 'auth',
          status: 401,
          errorCode: 40101,
        });
        assert.match(
          e.message,
          /Sinch's clock reads .* UTC and this computer's .* UTC, \d+ (years|days|hours) apart\. One of the two clocks is wrong/,
        );
        assert.equal(c.clockOffsetMs, 0, 'the offset is not learned');
        assert.equal(count('getOrganisation'), 1, 'not re-signed');
        assert.deepEqual(
          log.map((x) => [x.attempt, x.outcome, x.errorCode]),
          [[1, 'error', 40101]],
        );
      });
    }

    it('a 40101 that survives the re-sign is an auth error about the clock; never a third attempt', async () => {
      inject(
        'getOrganisation',
        { kind: 'status', status: 401, errorCode: 40101, message: 'The x-timestamp is more than 15 minutes off.' },
        5,
      );
      const e = await rejectsWith(api().getOrganisations(), { kind: 'auth', errorCode: 40101 });
      assert.match(e.message, /clock/);
      assert.equal(count('getOrganisation'), 2);
    });
  });

  describe('odd responses are protocol errors naming the status', () => {
    it('a 502 HTML page is "unavailable" (retried for reads) and says it was not JSON', async () => {
      inject('listNumbers', { kind: 'html', status: 502 }, 5);
      const e = await rejectsWith(api().listRentedNumbers(ORG), { kind: 'unavailable', status: 502 });
      assert.match(e.message, /502/);
      assert.match(e.message, /not JSON/);
      assert.doesNotMatch(e.message, /<|nginx/);
      assert.equal(count('listNumbers'), 4);
    });

    const cases: [Fault, RegExp][] = [
      [{ kind: 'html200' }, /^Sinch answered 200 with a body that is not JSON\.$/],
      [{ kind: 'empty200' }, /^Sinch answered 200 with an empty body\.$/],
      [{ kind: 'truncated' }, /^Sinch answered 200 with JSON that is cut off or malformed\.$/],
      [{ kind: 'oversized' }, /^Sinch answered 200 with a body larger than 8 MiB\.$/],
      [{ kind: 'wrongShape' }, /^Sinch answered 200 with JSON that is not a list of numbers\.$/],
    ];
    for (const [fault, message] of cases) {
      it(`${fault.kind} on a list`, async () => {
        inject('listNumbers', fault);
        // The limit is a setting now (256 MiB by default): the ~10 MB body meets an 8 MiB one.
        const e = await rejectsWith(api({ maxResponseBytes: 8 * 2 ** 20 }).listRentedNumbers(ORG), {
          kind: 'protocol',
          status: 200,
        });
        assert.match(e.message, message);
        assert.equal(count('listNumbers'), 1);
      });
    }

    it('wrong shapes on the other endpoints', async () => {
      const a = api();
      inject('getOrganisation', { kind: 'wrongShape' });
      await rejectsWith(a.getOrganisations(), { kind: 'protocol' });
      inject('listShop', { kind: 'wrongShape' });
      await rejectsWith(a.listShopGroups(ORG), { kind: 'protocol' });
      inject('reserve', { kind: 'wrongShape' });
      await rejectsWith(a.reserve(ORG, { groupId: 13, quantity: 1, capabilities: [] }), { kind: 'protocol' });
      inject('login', { kind: 'wrongShape' });
      await rejectsWith(client().login({ type: 'email', endpoint: demo.user.email }, demo.user.password), {
        kind: 'protocol',
      });
      inject('createInstance', { kind: 'html200' });
      await rejectsWith(client().createInstance('token', VERSION), { kind: 'protocol' });
    });

    it('a body over a smaller maxResponseBytes is refused', async () => {
      await rejectsWith(api({ maxResponseBytes: 200 }).listRentedNumbers(ORG), { kind: 'protocol', status: 200 });
    });

    it('the ~10 MB body passes the default limit (256 MiB) and is read in full', async () => {
      inject('listNumbers', { kind: 'oversized' });
      const list = await api().listRentedNumbers(ORG);
      assert.ok(list.length > 30_000, String(list.length));
    });

    it('a body over the limit names the setting that raises it, and the status', async () => {
      inject('listNumbers', { kind: 'oversized' });
      const e = await rejectsWith(
        api({ maxResponseBytes: 8 * 2 ** 20, maxResponseSetting: 'sinchNumbers.maxResponseMiB' }).listRentedNumbers(
          ORG,
        ),
        { kind: 'protocol', status: 200 },
      );
      assert.equal(
        e.message,
        'Sinch answered 200 with a body larger than 8 MiB. To accept larger answers, raise the setting sinchNumbers.maxResponseMiB.',
      );
      assert.equal(count('listNumbers'), 1, 'not retried: the same answer would come back');
    });

    it('a truncated 204 endpoint still succeeds (the status carries the result)', async () => {
      inject('unassign', { kind: 'truncated' });
      await api().unassignNumber(APP, 14150005551);
      assert.deepEqual(await api().listApplicationNumbers(APP), []);
    });
  });

  describe('input checks before any request', () => {
    it('refuses unsafe path segments and numbers it must not send', async () => {
      const a = api();
      await assert.rejects(a.listApplicationNumbers('../../v1/organisations'), InputError);
      await assert.rejects(a.listRentedNumbers('8888123/../9999001'), InputError);
      await assert.rejects(a.unassignNumber(APP, 2 ** 53 + 2), InputError);
      await assert.rejects(a.assignNumbers(APP, 'voice', [14150005551, 1234567890123456]), InputError);
      await assert.rejects(a.assignNumbers(APP, 'fax' as 'voice', [14150005551]), InputError);
      await assert.rejects(a.reserve(ORG, { groupId: 13, quantity: 0, capabilities: [] }), InputError);
      await assert.rejects(a.reserve(ORG, { groupId: 13, quantity: 1.5, capabilities: [] }), InputError);
      await assert.rejects(a.checkout(ORG, []), InputError);
      await assert.rejects(client().login({ type: 'number', endpoint: '+1 abc' }, 'x'), InputError);
      await assert.rejects(client().login({ type: 'email', endpoint: demo.user.email }, ''), InputError);
      assert.deepEqual(
        Object.values(sim.counters()).reduce((a, b) => a + b, 0),
        0,
      );
    });
  });

  describe('request log', () => {
    it('masks the log-in identity and never carries bodies or secrets', async () => {
      const c = client();
      const { authorization } = await c.login({ type: 'email', endpoint: demo.user.email }, demo.user.password);
      const i = await c.createInstance(authorization, VERSION);
      await c.instance(i).getOrganisations();
      assert.deepEqual(
        log.map((e) => [e.method, e.path, e.status, e.outcome, e.attempt]),
        [
          ['POST', '/v1/users/email/d***@example.com/authentication', 200, 'ok', 1],
          ['POST', '/v1/instance', 200, 'ok', 1],
          ['GET', '/v1/organisations', 200, 'ok', 1],
        ],
      );
      const text = JSON.stringify(log);
      for (const secret of [demo.user.password, authorization, i.secret, i.id, 'demo@example.com'])
        assert.ok(!text.includes(secret), secret);
      assert.ok(log.every((e) => typeof e.durationMs === 'number' && e.durationMs >= 0));
    });

    it('records the error kind and code of a failed attempt', async () => {
      await assert.rejects(client().login({ type: 'number', endpoint: '+12055500000' }, 'wrong'));
      assert.deepEqual(log, [
        {
          method: 'POST',
          path: '/v1/users/number/+1205****000/authentication',
          status: 401,
          durationMs: log[0].durationMs,
          attempt: 1,
          outcome: 'error',
          errorKind: 'auth',
          errorCode: 40100,
        },
      ]);
    });
  });
});
