import assert from 'node:assert/strict';
import { startSimulator } from '../../simulator';
import { waitUntil } from '../../support/waitUntil';
import { NUMBERS, SHOP, TestClient, useSimulator } from './helpers';

describe('simulator faults', () => {
  const ctx = useSimulator();
  const listNumbers = () => ctx.client.call('GET', NUMBERS);
  const reserve = () => ctx.client.call('PUT', SHOP, { groupId: 1, quantity: 1 });

  it('unavailable: 503 with the 50300 body', async () => {
    ctx.sim.faults.inject('listNumbers', { kind: 'unavailable' });
    const res = await listNumbers();
    assert.equal(res.status, 503);
    assert.equal(res.json.errorCode, 50300);
    assert.equal(res.json.message, 'Service is temporarily unavailable, please try again later.');
    assert.equal(typeof res.json.reference, 'string');
    assert.equal((await listNumbers()).status, 200, 'once by default');
  });

  it('status: any status, errorCode defaulting to status x 100', async () => {
    ctx.sim.faults.inject('listNumbers', { kind: 'status', status: 500 });
    ctx.sim.faults.inject('listNumbers', { kind: 'status', status: 403, errorCode: 40300, message: 'Nope' });
    let res = await listNumbers();
    assert.deepEqual([res.status, res.json.errorCode], [500, 50000]);
    res = await listNumbers();
    assert.deepEqual([res.status, res.json.errorCode, res.json.message], [403, 40300, 'Nope']);
  });

  it('rateLimit: 429 with Retry-After', async () => {
    ctx.sim.faults.inject('listShop', { kind: 'rateLimit', retryAfterSeconds: 7 });
    const res = await ctx.client.call('GET', SHOP);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '7');
  });

  it('html (502 by default or a given status), html200 and empty200', async () => {
    ctx.sim.faults.inject('listNumbers', { kind: 'html' });
    ctx.sim.faults.inject('listNumbers', { kind: 'html', status: 504 });
    ctx.sim.faults.inject('listNumbers', { kind: 'html200' });
    ctx.sim.faults.inject('listNumbers', { kind: 'empty200' });
    for (const status of [502, 504, 200]) {
      const res = await listNumbers();
      assert.equal(res.status, status);
      assert.match(res.headers.get('content-type')!, /^text\/html/);
      assert.match(res.text, /<html>/);
    }
    const empty = await listNumbers();
    assert.deepEqual([empty.status, empty.text], [200, '']);
  });

  it('wrongShape and oversized: 200 with valid JSON of the wrong shape / of ~10 MB', async () => {
    ctx.sim.faults.inject('listNumbers', { kind: 'wrongShape' });
    ctx.sim.faults.inject('listNumbers', { kind: 'oversized' });
    assert.deepEqual((await listNumbers()).json, { unexpected: true });
    const big = await listNumbers();
    assert.equal(big.status, 200);
    assert.ok(big.text.length >= 10 * 1024 * 1024 && big.text.length < 11 * 1024 * 1024, String(big.text.length));
    assert.ok(Array.isArray(big.json));
  });

  it('json: answers with the given body and status, as a server sending odd or hostile data would', async () => {
    const body = [
      {
        number: 14150005550,
        city: 'PARIS\n\n![x](https://evil.example/p.png)',
        cost: { amount: 1e308, currencyId: 'USD' },
      },
    ];
    ctx.sim.faults.inject('listNumbers', { kind: 'json', body });
    ctx.sim.faults.inject('listNumbers', { kind: 'json', status: 500, body: { errorCode: 50000 } });
    const res = await listNumbers();
    assert.deepEqual([res.status, res.json], [200, body]);
    assert.equal((await listNumbers()).status, 500);
    assert.throws(() => ctx.sim.faults.inject('*', { kind: 'json' } as never), /needs a body/);
  });

  it('truncated: the operation is applied and the real JSON arrives cut in half', async () => {
    ctx.sim.faults.inject('reserve', { kind: 'truncated' });
    const res = await reserve();
    assert.equal(res.status, 200);
    assert.equal(res.json, undefined, 'not parseable');
    const [reservation] = [...ctx.sim.state.reservations.values()];
    assert.ok(reservation);
    const full = JSON.stringify({ referenceId: reservation.referenceId });
    assert.equal(res.text, full.slice(0, Math.floor(full.length / 2)));
  });

  it('resetBefore: the socket is destroyed and nothing is applied', async () => {
    const id = (await reserve()).json.referenceId;
    ctx.sim.faults.inject('checkout', { kind: 'resetBefore' });
    await assert.rejects(ctx.client.call('POST', SHOP, { referenceIds: [id] }));
    assert.ok(ctx.sim.state.reservations.has(id));
    assert.equal(ctx.sim.state.credit.get('8888123'), 20);
  });

  it('resetAfter: the checkout is applied, then the socket is destroyed', async () => {
    const id = (await reserve()).json.referenceId;
    ctx.sim.faults.inject('checkout', { kind: 'resetAfter' });
    await assert.rejects(ctx.client.call('POST', SHOP, { referenceIds: [id] }));
    assert.equal(ctx.sim.state.reservations.has(id), false);
    assert.equal(ctx.sim.state.credit.get('8888123'), 18);
  });

  it('the same reservation ids sent again after a lost answer: 40400 when the first went through, the purchase when it never arrived; never twice', async () => {
    const numbers = () => ctx.sim.state.listNumbers('8888123').length;
    const had = numbers();
    const after = (await reserve()).json.referenceId;
    ctx.sim.faults.inject('checkout', { kind: 'resetAfter' });
    await assert.rejects(ctx.client.call('POST', SHOP, { referenceIds: [after] }));
    const again = await ctx.client.call('POST', SHOP, { referenceIds: [after] });
    assert.deepEqual([again.status, again.json.errorCode], [404, 40400]);
    assert.deepEqual([numbers(), ctx.sim.state.credit.get('8888123')], [had + 1, 18], 'bought once');

    const before = (await reserve()).json.referenceId;
    ctx.sim.faults.inject('checkout', { kind: 'resetBefore' });
    await assert.rejects(ctx.client.call('POST', SHOP, { referenceIds: [before] }));
    assert.equal((await ctx.client.call('POST', SHOP, { referenceIds: [before] })).status, 204);
    assert.equal((await ctx.client.call('POST', SHOP, { referenceIds: [before] })).json.errorCode, 40400);
    assert.deepEqual([numbers(), ctx.sim.state.credit.get('8888123')], [had + 2, 16], 'bought once');
  });

  it('resetBefore with afterMs: what happens meanwhile is there, the request itself is never handled', async () => {
    const id = (await reserve()).json.referenceId;
    ctx.sim.faults.inject('checkout', { kind: 'resetBefore', afterMs: 100 });
    const started = Date.now();
    await assert.rejects(ctx.client.call('POST', SHOP, { referenceIds: [id] }));
    assert.ok(Date.now() - started >= 90);
    assert.ok(ctx.sim.state.reservations.has(id));
    assert.throws(() => ctx.sim.faults.inject('checkout', { kind: 'resetBefore', afterMs: -1 }), /afterMs/);
  });

  it('hang never answers (nothing applied); hangAfter never answers after applying', async () => {
    ctx.sim.faults.inject('reserve', { kind: 'hang' });
    await assert.rejects(
      ctx.client.call('PUT', SHOP, { groupId: 1, quantity: 1 }, { signal: AbortSignal.timeout(150) }),
    );
    assert.equal(ctx.sim.state.reservations.size, 0);
    ctx.sim.faults.inject('reserve', { kind: 'hangAfter' });
    await assert.rejects(
      ctx.client.call('PUT', SHOP, { groupId: 1, quantity: 1 }, { signal: AbortSignal.timeout(150) }),
    );
    assert.equal(ctx.sim.state.reservations.size, 1);
  });

  it('delay answers normally after the delay', async () => {
    ctx.sim.faults.inject('listNumbers', { kind: 'delay', ms: 150 });
    const started = Date.now();
    const res = await listNumbers();
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 145);
  });

  it('slow paces the answer at the given rate, and the answer is whole', async () => {
    ctx.sim.reset('scale', { numbers: 600, applications: 3 });
    try {
      ctx.sim.faults.inject('listNumbers', { kind: 'slow', bytesPerSecond: 200_000 });
      const started = Date.now();
      const res = await listNumbers();
      const ms = Date.now() - started;
      assert.equal(res.status, 200);
      assert.equal(res.json.length, 600);
      // ~160 KB at 200 KB/s: most of a second, not the few milliseconds it takes unpaced.
      assert.ok(ms >= (res.text.length / 200_000) * 1000 * 0.8, `${res.text.length} bytes in ${ms} ms`);
      assert.throws(() => ctx.sim.faults.inject('listNumbers', { kind: 'slow', bytesPerSecond: 0 }), /bytesPerSecond/);
    } finally {
      ctx.sim.reset('demo');
    }
  });

  it('applies before auth checks, and counts the attempt', async () => {
    ctx.sim.faults.inject('listNumbers', { kind: 'unavailable' });
    const res = await ctx.client.call('GET', NUMBERS, undefined, { secret: Buffer.alloc(16).toString('base64') });
    assert.equal(res.status, 503);
    assert.equal(ctx.sim.counters().listNumbers, 1);
  });

  it('N times, then normal: three 503s and a 200 are four requests', async () => {
    ctx.sim.faults.inject('listNumbers', { kind: 'unavailable' }, 3);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await listNumbers()).status);
    assert.deepEqual(statuses, [503, 503, 503, 200]);
    assert.equal(ctx.sim.counters().listNumbers, 4);
  });

  it("'*' matches any endpoint; faults are consumed in injection order", async () => {
    ctx.sim.faults.inject('listNumbers', { kind: 'status', status: 500 });
    ctx.sim.faults.inject('*', { kind: 'unavailable' }, 2);
    assert.equal((await ctx.client.call('GET', '/v1/organisations')).status, 503);
    assert.equal((await listNumbers()).status, 500);
    assert.equal((await listNumbers()).status, 503);
    assert.equal((await listNumbers()).status, 200);
    assert.deepEqual(ctx.sim.faults.pending(), []);
  });

  it('clear() drops pending faults; bad faults are refused', () => {
    ctx.sim.faults.inject('*', { kind: 'hang' }, 5);
    ctx.sim.faults.clear();
    assert.deepEqual(ctx.sim.faults.pending(), []);
    assert.throws(() => ctx.sim.faults.inject('nope' as never, { kind: 'hang' }));
    assert.throws(() => ctx.sim.faults.inject('*', { kind: 'bogus' } as never));
    assert.throws(() => ctx.sim.faults.inject('*', { kind: 'hang' }, 0));
  });

  it('counters: every attempt per endpoint, including auth failures; resetCounters zeroes them', async () => {
    const c = new TestClient(ctx.sim.url);
    await c.login('demo@example.com', 'wrong');
    await ctx.client.call('GET', NUMBERS, undefined, { leadingSlash: true });
    await listNumbers();
    await fetch(`${ctx.sim.url}/v1/nothing`);
    await fetch(`${ctx.sim.url}/__simulator/counters`);
    const counters = ctx.sim.counters();
    // useSimulator's beforeEach signed in after resetting: one login and one createInstance.
    assert.deepEqual(counters, {
      login: 2,
      createInstance: 1,
      getOrganisation: 0,
      listShop: 0,
      reserve: 0,
      checkout: 0,
      listNumbers: 2,
      listAppNumbers: 0,
      assign: 0,
      unassign: 0,
    });
    ctx.sim.resetCounters();
    assert.equal(
      Object.values(ctx.sim.counters()).reduce((a, b) => a + b),
      0,
    );
  });

  it('latency delays Sinch responses but not control paths', async () => {
    ctx.sim.setLatency(120);
    let started = Date.now();
    await listNumbers();
    assert.ok(Date.now() - started >= 115);
    started = Date.now();
    await fetch(`${ctx.sim.url}/__simulator/counters`);
    assert.ok(Date.now() - started < 100);
  });
});

describe('simulator close()', () => {
  it('ends hung requests and resolves promptly', async () => {
    const sim = await startSimulator({ dataset: 'empty' });
    sim.faults.inject('*', { kind: 'hang' });
    const pending = fetch(`${sim.url}/v1/organisations`).then(
      () => 'answered',
      () => 'failed',
    );
    // The request has met its fault: it hangs at the server now.
    await waitUntil(() => sim.faults.pending().length === 0, { timeout: 5000, what: 'the request to hang' });
    const started = Date.now();
    await sim.close();
    assert.ok(Date.now() - started < 1000);
    assert.equal(await pending, 'failed');
    await sim.close(); // idempotent
  });

  it('ends requests waiting on latency', async () => {
    const sim = await startSimulator({ dataset: 'empty', latencyMs: 60_000 });
    const pending = fetch(`${sim.url}/v1/organisations`).then(
      () => 'answered',
      () => 'failed',
    );
    await waitUntil(() => sim.counters().getOrganisation === 1, { timeout: 5000, what: 'the request to arrive' });
    await sim.close();
    assert.equal(await pending, 'failed');
  });
});
