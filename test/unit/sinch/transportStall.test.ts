import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SinchClient, type SinchClientOptions } from '../../../src/sinch/client';
import { SinchApiError } from '../../../src/sinch/errors';
import { STALL_MIN_BYTES } from '../../../src/sinch/transport';

/**
 * No request waits for ever (issue 24): a body that trickles or stalls mid-way ends with a
 * message that names it, and every request has a deadline over all its attempts and waits.
 * A real HTTP server on loopback; the tests wait on what the server sees (its response
 * closing), never on a fixed pause.
 */

const SECRET = Buffer.from('a test secret of sixteen+ bytes').toString('base64');
const CREDS = { id: 'instance-1', secret: SECRET };
const aNumber = (number: number) =>
  JSON.stringify({
    number,
    groupId: 13,
    capabilities: ['voice'],
    countryId: 'US',
    city: 'SF',
    country: 'US',
    areaCode: '415',
    cost: { amount: 0, currencyId: 'USD' },
  });

describe('Transport: stalled and trickling bodies, and the deadline', function () {
  this.timeout(20_000);
  let server: http.Server;
  let url: string;
  let reply: (res: http.ServerResponse) => void;
  /** Per request: the bytes the server wrote, and a promise that resolves when the client hung up. */
  let served: { bytes: number; closed: Promise<void> }[];

  const api = (extra: SinchClientOptions = {}) =>
    new SinchClient({
      endpoints: { userApi: url, api: url, portalApi: url },
      sleep: async () => {},
      ...extra,
    }).instance(CREDS);

  /** Writes `piece` every `everyMs` until the client hangs up. */
  const trickle = (head: string, piece: (n: number) => string, everyMs: number) => (res: http.ServerResponse) => {
    const entry = served[served.length - 1];
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write(head);
    entry.bytes += head.length;
    let n = 0;
    const timer = setInterval(() => {
      const text = piece(n++);
      entry.bytes += Buffer.byteLength(text);
      res.write(text);
    }, everyMs);
    res.on('close', () => clearInterval(timer));
  };

  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      served.push({ bytes: 0, closed: new Promise((resolve) => res.on('close', () => resolve())) });
      reply(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    served = [];
  });

  const failure = async (p: Promise<unknown>): Promise<SinchApiError> => {
    const e = await p.then(
      () => undefined,
      (x: unknown) => x,
    );
    assert.ok(e instanceof SinchApiError, `expected a SinchApiError, got ${String(e)}`);
    return e;
  };

  it('a list trickling one byte at a time, steadily, is stalled: the message names it, the connection closes', async () => {
    // One byte every 40 ms never leaves the old idle timer (200 ms) silent for long.
    reply = trickle('[', () => ' ', 40);
    const e = await failure(api({ timeoutMs: 200 }).listRentedNumbers('1'));
    assert.equal(e.kind, 'timeout');
    assert.equal(e.outcomeUnknown, true);
    assert.equal(e.message, "Sinch's answer stalled: less than 1 KiB arrived within 1 second.");
    await served[0].closed;
    assert.equal(served.length, 1, 'a stall is not retried');
    assert.ok(served[0].bytes < STALL_MIN_BYTES, `${served[0].bytes} bytes were written`);
  });

  it('a body that stops mid-way (no Content-Length) is stalled', async () => {
    reply = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(`[${aNumber(14150005550)},${aNumber(14150005551)}`);
    };
    const e = await failure(api({ timeoutMs: 200 }).listRentedNumbers('1'));
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /^Sinch's answer stalled/);
    await served[0].closed;
  });

  it('a whole (non-list) body that trickles is stalled too', async () => {
    reply = trickle('{"organisations":[', () => ' ', 30);
    const e = await failure(api({ timeoutMs: 200 }).getOrganisations());
    assert.match(e.message, /^Sinch's answer stalled/);
    await served[0].closed;
  });

  it('a checkout whose answer trickles ends as "outcome unknown", sent once', async () => {
    reply = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 40);
      res.on('close', () => clearInterval(timer));
    };
    const e = await failure(api({ timeoutMs: 200 }).checkout('8888123', ['ref-1']));
    assert.equal(e.kind, 'timeout');
    assert.equal(e.outcomeUnknown, true);
    assert.equal(e.method, 'POST');
    await served[0].closed;
    assert.equal(served.length, 1);
  });

  it('a list arriving faster than the minimum is read whole, however long it takes past the timeout', async () => {
    let sent = 0;
    reply = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('[');
      // 2 KiB every 20 ms, 40 times: about 800 ms, four times the timeout.
      const timer = setInterval(() => {
        const batch = Array.from({ length: 10 }, () => aNumber(14150100000 + sent++)).join(',');
        if (sent >= 400) {
          clearInterval(timer);
          res.end(`${batch}]`);
        } else res.write(`${batch},`);
      }, 20);
      res.on('close', () => clearInterval(timer));
    };
    const list = await api({ timeoutMs: 200 }).listRentedNumbers('1');
    assert.equal(list.length, 400);
  });

  it('a list that keeps arriving fast enough still ends at the deadline, which the message names', async () => {
    reply = trickle(
      '[',
      (n) =>
        Array.from({ length: 10 }, (_, i) => aNumber(14150100000 + n * 10 + i))
          .map((s) => `${s},`)
          .join(''),
      10,
    );
    const e = await failure(api({ timeoutMs: 200, deadlineMs: 1000 }).listRentedNumbers('1'));
    assert.equal(e.kind, 'timeout');
    assert.equal(e.outcomeUnknown, true);
    assert.equal(e.message, 'Sinch did not finish answering within 1 second.');
    await served[0].closed;
    assert.ok(served[0].bytes > 4 * STALL_MIN_BYTES, `${served[0].bytes} bytes arrived: not a stall`);
  });

  it('the deadline also ends a wait between attempts', async () => {
    reply = (res) =>
      res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"errorCode":50300,"message":"busy"}');
    // A backoff that never ends by itself.
    const e = await failure(
      api({ sleep: () => new Promise<void>(() => undefined), deadlineMs: 300 }).listRentedNumbers('1'),
    );
    assert.equal(e.kind, 'timeout');
    assert.equal(e.message, 'Sinch did not finish answering within 1 second.');
    assert.equal(e.outcomeUnknown, false, 'a 503 was a definite answer');
    assert.equal(served.length, 1);
  });

  it('a per-call deadline overrides the client default', async () => {
    reply = trickle('[', (n) => `${aNumber(14150100000 + n)},`.repeat(20), 10);
    const e = await failure(api({ timeoutMs: 500 }).listRentedNumbers('1', { deadlineMs: 300 }));
    assert.match(e.message, /^Sinch did not finish answering/);
  });

  it('cancelling while a trickling body arrives aborts at once, as a cancel', async () => {
    const abort = new AbortController();
    reply = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('[');
      abort.abort();
      const timer = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(timer));
    };
    const e = await failure(api({ timeoutMs: 10_000 }).listRentedNumbers('1', { signal: abort.signal }));
    assert.equal(e.kind, 'cancelled');
    await served[0].closed;
  });
});
