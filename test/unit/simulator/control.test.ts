import assert from 'node:assert/strict';
import { demo } from '../../simulator';
import { NUMBERS, SHOP, toRes, useSimulator } from './helpers';

describe('simulator control paths over HTTP', () => {
  const ctx = useSimulator();
  const control = async (method: string, path: string, body?: unknown) =>
    toRes(
      await fetch(`${ctx.sim.url}/__simulator/${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );

  it('POST/GET/DELETE faults', async () => {
    assert.equal(
      (await control('POST', 'faults', { endpoint: 'listNumbers', fault: { kind: 'unavailable' }, times: 2 })).status,
      200,
    );
    assert.deepEqual((await control('GET', 'faults')).json, [
      { endpoint: 'listNumbers', fault: { kind: 'unavailable' }, remaining: 2 },
    ]);
    assert.equal((await ctx.client.call('GET', NUMBERS)).status, 503);
    assert.equal((await control('DELETE', 'faults')).status, 200);
    assert.equal((await ctx.client.call('GET', NUMBERS)).status, 200);
    const bad = await control('POST', 'faults', { endpoint: 'listNumbers', fault: { kind: 'nope' } });
    assert.equal(bad.status, 400);
    assert.match(bad.json.message, /Unknown fault kind 'nope'/);
  });

  it('GET counters and POST counters/reset; control requests are not counted', async () => {
    await ctx.client.call('GET', NUMBERS);
    const counters = (await control('GET', 'counters')).json;
    assert.equal(counters.listNumbers, 1);
    assert.equal(counters.login, 1);
    await control('POST', 'counters/reset');
    assert.deepEqual(Object.values((await control('GET', 'counters')).json), new Array(10).fill(0));
  });

  it('POST reset restores the dataset, or loads another one', async () => {
    await ctx.client.call('DELETE', `/v1/applications/key/${demo.voiceApp}/numbers/14150005551`);
    assert.equal(ctx.sim.state.numbers.get(14150005551)!.applicationKey, undefined);
    await control('POST', 'reset', {});
    assert.equal(ctx.sim.state.numbers.get(14150005551)!.applicationKey, demo.voiceApp);
    await control('POST', 'reset', { dataset: 'scale', scale: { numbers: 300, applications: 7 } });
    const state = (await control('GET', 'state')).json;
    assert.equal(state.numbers.filter((n: { orgId: string }) => n.orgId === '8888123').length, 300);
    assert.equal(state.applications.filter((a: { orgId: string }) => a.orgId === '8888123').length, 7);
    assert.equal((await control('POST', 'reset', { dataset: 'huge' })).status, 400);
    await control('POST', 'reset', { dataset: 'demo' });
  });

  it('POST clock shifts the server clock seen in Date and by the x-timestamp check', async () => {
    await control('POST', 'clock', { offsetMs: -30 * 60 * 1000 });
    const res = await ctx.client.call('GET', NUMBERS);
    assert.equal(res.json.errorCode, 40101);
    assert.ok(Math.abs(Date.parse(res.headers.get('date')!) - (Date.now() - 30 * 60 * 1000)) < 2000);
    await control('POST', 'clock', { offsetMs: 0 });
    assert.equal((await ctx.client.call('GET', NUMBERS)).status, 200);
  });

  it('POST expire-instances', async () => {
    await control('POST', 'expire-instances');
    const res = await ctx.client.call('GET', NUMBERS);
    assert.equal(res.json.errorCode, 40100);
    assert.match(res.json.message, /expired/);
  });

  it('POST credit', async () => {
    await control('POST', 'credit', { orgId: '8888123', amount: 1 });
    const id = (await ctx.client.call('PUT', SHOP, { groupId: 1, quantity: 1 })).json.referenceId;
    assert.equal((await ctx.client.call('POST', SHOP, { referenceIds: [id] })).json.errorCode, 40200);
    assert.equal((await control('POST', 'credit', { orgId: 8888123 })).status, 400);
  });

  it('POST latency', async () => {
    await control('POST', 'latency', { ms: 100 });
    const started = Date.now();
    await ctx.client.call('GET', NUMBERS);
    assert.ok(Date.now() - started >= 95);
    assert.equal((await control('POST', 'latency', { ms: -1 })).status, 400);
  });

  it('POST reservation-ttl', async () => {
    await control('POST', 'reservation-ttl', { ms: 0 });
    const id = (await ctx.client.call('PUT', SHOP, { groupId: 1, quantity: 1 })).json.referenceId;
    assert.equal((await ctx.client.call('POST', SHOP, { referenceIds: [id] })).json.errorCode, 40400);
  });

  it('GET state: numbers with applicationKey, applications, reservations, credit, instances', async () => {
    const id = (await ctx.client.call('PUT', SHOP, { groupId: 1, quantity: 2 })).json.referenceId;
    const state = (await control('GET', 'state')).json;
    assert.equal(state.numbers.find((n: { number: number }) => n.number === 14150005551).applicationKey, demo.voiceApp);
    assert.ok(state.applications.some((a: { key: string }) => a.key === demo.emptyApp));
    assert.deepEqual(
      state.reservations.map((r: { referenceId: string; quantity: number }) => [r.referenceId, r.quantity]),
      [[id, 2]],
    );
    assert.equal(state.credit['8888123'], 20);
    assert.ok(state.instances >= 1 && state.activeInstances >= 1);
    assert.equal(state.groups.find((g: { groupId: number }) => g.groupId === 1).availability, 5);
  });

  it('unknown control paths are 404; invalid JSON is 400', async () => {
    assert.equal((await control('GET', 'nothing')).status, 404);
    const res = await toRes(await fetch(`${ctx.sim.url}/__simulator/clock`, { method: 'POST', body: '{' }));
    assert.equal(res.status, 400);
  });
});
