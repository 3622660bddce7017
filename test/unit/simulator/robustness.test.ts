import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { ADMINISTRATION_KEY, startSimulator } from '../../simulator';
import { StreamedArray } from '../../simulator/bodyWriter';
import { wireNumber } from '../../simulator/state';
import { waitUntil } from '../../support/waitUntil';
import { NUMBERS, SHOP, TestClient, toRes, useSimulator } from './helpers';

describe('simulator robustness', () => {
  const ctx = useSimulator();

  it('unknown paths are 404 40400, a known path with another method 405; neither is counted', async () => {
    for (const path of [
      '/',
      '/v1',
      '/v1/organisations/',
      '/v2/organisations',
      '/v1//organisations',
      '/v1/applications/key/%E0%A4%A/numbers',
    ]) {
      const res = await toRes(await fetch(`${ctx.sim.url}${path}`));
      assert.equal(res.status, 404, path);
      assert.equal(res.json.errorCode, 40400);
    }
    const res = await toRes(await fetch(`${ctx.sim.url}/v1/organisations`, { method: 'DELETE' }));
    assert.equal(res.status, 405);
    assert.equal(ctx.sim.counters().getOrganisation, 0);
  });

  it('lists are streamed: chunked, no Content-Length, several parts, and exactly the list', async () => {
    ctx.sim.reset('scale', { numbers: 3000, applications: 10 });
    try {
      const res = await ctx.client.call('GET', NUMBERS);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-length'), null);
      assert.equal(res.headers.get('transfer-encoding'), 'chunked');
      assert.deepEqual(res.json, ctx.sim.state.listNumbers('8888123'));
      // The 3,000 numbers go out 500 at a time.
      const pieces = [...new StreamedArray(ctx.sim.state.numbersOfOrganisation('8888123'), wireNumber).pieces()];
      assert.equal(pieces.length, 6);
      assert.equal(pieces.join(''), res.text);
      assert.deepEqual([...new StreamedArray([]).pieces()], ['[]']);
    } finally {
      ctx.sim.reset('demo');
    }
  });

  it('invalid JSON is 400 40001 with a message (after auth)', async () => {
    const res = await ctx.client.call('PUT', SHOP, '{"groupId":');
    assert.equal(res.status, 400);
    assert.equal(res.json.errorCode, 40001);
    assert.match(res.json.message, /not valid JSON/);
    assert.equal((await ctx.client.call('PUT', SHOP, '')).json.errorCode, 40001);
    assert.equal((await ctx.client.call('PUT', SHOP, 'null')).json.errorCode, 40001);
  });

  it('bodies over 1 MB are 413, declared or streamed, and the server carries on', async () => {
    const big = JSON.stringify({ password: 'x'.repeat(1024 * 1024) });
    const declared = await toRes(
      await fetch(`${ctx.sim.url}/v1/users/email/demo%40example.com/authentication`, { method: 'POST', body: big }),
    );
    assert.equal(declared.status, 413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${ctx.sim.url}${SHOP}`, { method: 'PUT' }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write(Buffer.alloc(100 * 1024, 0x20));
      req.end();
    });
    assert.equal(streamed, 413);
    assert.equal((await ctx.client.call('GET', '/v1/organisations')).status, 200);
  });

  it('odd log-in input never crashes: bad identity type, body not an object, no password', async () => {
    const login = async (path: string, body: string) =>
      toRes(
        await fetch(`${ctx.sim.url}${path}`, {
          method: 'POST',
          headers: { Authorization: `Application ${ADMINISTRATION_KEY}`, 'x-timestamp': new Date().toISOString() },
          body,
        }),
      );
    assert.equal(
      (await login('/v1/users/fax/demo%40example.com/authentication', '{"password":"demo-password"}')).json.errorCode,
      40001,
    );
    assert.equal(
      (await login('/v1/users/email/demo%40example.com/authentication', '"demo-password"')).json.errorCode,
      40001,
    );
    assert.equal((await login('/v1/users/email/demo%40example.com/authentication', '{}')).json.errorCode, 40001);
    assert.equal(
      (await login('/v1/users/email/demo%40example.com/authentication', '{"password":42}')).json.errorCode,
      40001,
    );
    assert.equal(
      (await login('/v1/users/email/demo@example.com/authentication', '{"password":"demo-password"}')).status,
      200,
    );
  });

  it('a malformed HTTP request gets 400 and the server keeps serving', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(ctx.sim.url).port), '127.0.0.1', () => socket.write('GARBAGE\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => {
        data += d.toString();
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 400/);
    assert.equal((await ctx.client.call('GET', '/v1/organisations')).status, 200);
  });

  it('a client that disconnects mid-latency does not disturb the server', async () => {
    // A simulator of its own, whose request log says when the abandoned request was answered.
    const lines: string[] = [];
    const sim = await startSimulator({ log: (line) => lines.push(line) });
    try {
      const client = await new TestClient(sim.url).signIn();
      const answered = () => lines.filter((l) => l.startsWith('GET /v1/organisations ')).length;
      const before = answered();
      sim.setLatency(100);
      await assert.rejects(client.call('GET', '/v1/organisations', undefined, { signal: AbortSignal.timeout(20) }));
      // The server wakes after its latency and answers into the closed connection.
      await waitUntil(() => answered() > before, { timeout: 5000, what: 'the abandoned request to be answered' });
      sim.setLatency(0);
      assert.equal((await client.call('GET', '/v1/organisations')).status, 200);
    } finally {
      await sim.close();
    }
  });
});
