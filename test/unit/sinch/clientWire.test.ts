import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SinchClient, type SinchClientOptions } from '../../../src/sinch/client';
import { SinchApiError } from '../../../src/sinch/errors';
import type { RequestLogEntry } from '../../../src/sinch/requestLog';

/**
 * The client against a bare HTTP server that records exactly what arrives and answers
 * whatever a test scripts, for the byte-level promises the simulator cannot show.
 */

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
type Reply = (req: Received, res: http.ServerResponse) => void;

const SECRET = Buffer.from('a test secret of sixteen+ bytes').toString('base64');
const CREDS = { id: 'instance-1', secret: SECRET };
const APP = 'bb7b4e39-4227-4913-8c81-2db4abb54fb3';
const aNumber = (number: number) => ({
  number,
  groupId: 13,
  capabilities: ['voice'],
  countryId: 'US',
  city: 'SF',
  country: 'US',
  areaCode: '415',
  cost: { amount: 0, currencyId: 'USD' },
});
const json =
  (status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}): Reply =>
  (_req, res) => {
    const body = Buffer.from(JSON.stringify(value));
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length, ...headers });
    res.end(body);
  };

/** Recomputed here from the decisions document, independently of src/sinch/signing.ts. */
function expectedAuthorization(r: Received): string {
  const md5 = r.body.length === 0 ? '' : createHash('md5').update(r.body).digest('base64');
  const path = r.url.split('?')[0].slice(1);
  const toSign = `${r.method}\n${md5}\n${String(r.headers['content-type'])}\nx-timestamp:${String(r.headers['x-timestamp'])}\n${path}`;
  return `Instance ${CREDS.id}:${createHmac('sha256', Buffer.from(SECRET, 'base64')).update(toSign, 'utf8').digest('base64')}`;
}

describe('SinchClient on the wire', function () {
  this.timeout(10_000);
  let server: http.Server;
  let url: string;
  let received: Received[];
  let replies: Reply[];
  let log: RequestLogEntry[];
  let delays: number[];

  const client = (extra: SinchClientOptions = {}) =>
    new SinchClient({
      endpoints: { userApi: url, api: url, portalApi: url },
      sleep: async (ms) => void delays.push(ms),
      random: () => 0,
      onRequest: (e) => log.push(e),
      ...extra,
    });

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r: Received = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
        received.push(r);
        (replies.shift() ?? json(500, { errorCode: 50000, message: 'no reply scripted' }))(r, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    received = [];
    replies = [];
    log = [];
    delays = [];
  });

  it('sends exactly the signed bytes with Content-Type application/json on GET, PUT, POST and DELETE', async () => {
    replies.push(
      json(200, [aNumber(14150005550)]),
      json(200, [aNumber(14150005550)]),
      (_r, res) => res.writeHead(204).end(),
      (_r, res) => res.writeHead(204).end(),
    );
    const api = client().instance(CREDS);
    await api.listApplicationNumbers(APP);
    await api.assignNumbers(APP, 'voice', [14150005550]);
    await api.checkout('8888123', ['ref-1']);
    await api.unassignNumber(APP, 14150005550);
    assert.deepEqual(
      received.map((r) => r.method),
      ['GET', 'PUT', 'POST', 'DELETE'],
    );
    for (const r of received) {
      assert.equal(r.headers['content-type'], 'application/json', r.method);
      assert.equal(r.headers.authorization, expectedAuthorization(r), r.method);
      assert.match(String(r.headers['x-timestamp']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    assert.equal(received[1].body.toString(), '{"numbers":[14150005550]}');
    assert.equal(received[2].body.toString(), '{"referenceIds":["ref-1"]}');
    assert.equal(received[0].body.length, 0);
    assert.equal(received[3].body.length, 0);
  });

  it('signs a non-ASCII body over its UTF-8 bytes', async () => {
    replies.push((_r, res) => res.writeHead(204).end());
    await client().instance(CREDS).checkout('8888123', ['réf-東京-🚀']);
    const [r] = received;
    assert.equal(r.body.toString('utf8'), '{"referenceIds":["réf-東京-🚀"]}');
    assert.equal(Number(r.headers['content-length']), Buffer.byteLength('{"referenceIds":["réf-東京-🚀"]}', 'utf8'));
    assert.equal(r.headers.authorization, expectedAuthorization(r));
  });

  it('sends a re-sign with a new timestamp and the same body bytes', async () => {
    const serverNow = Date.now() + 20 * 60 * 1000;
    replies.push(
      json(401, { errorCode: 40101, message: 'clock' }, { Date: new Date(serverNow).toUTCString() }),
      json(200, { referenceId: 'r-1' }),
    );
    const c = client();
    await c.instance(CREDS).reserve('8888123', { groupId: 13, quantity: 1, capabilities: ['voice'] });
    assert.equal(received.length, 2);
    assert.deepEqual(received[0].body, received[1].body);
    assert.equal(received[1].body.toString(), '{"groupId":13,"quantity":1,"capabilities":["voice"]}');
    const skew =
      Date.parse(String(received[1].headers['x-timestamp'])) - Date.parse(String(received[0].headers['x-timestamp']));
    assert.ok(Math.abs(skew - 20 * 60 * 1000) < 5000, String(skew));
    assert.equal(received[1].headers.authorization, expectedAuthorization(received[1]));
  });

  it('a 40101 without a Date header cannot be corrected: one request, an error about the clock', async () => {
    replies.push((_r, res) => {
      res.sendDate = false;
      json(401, { errorCode: '40101', message: 'clock' })(_r, res);
    });
    const e = await client()
      .instance(CREDS)
      .getOrganisations()
      .catch((x: unknown) => x);
    assert.ok(e instanceof SinchApiError);
    assert.equal(e.kind, 'auth');
    assert.match(e.message, /clock/);
    assert.equal(received.length, 1);
  });

  it('encodes the log-in identity as one path segment and sends the application key', async () => {
    const user = { authorization: 't', user: { id: 1, identities: [] } };
    replies.push(json(200, user), json(200, user));
    await client().login({ type: 'email', endpoint: ' a+b/c@example.com ' }, 'pässwörd');
    await client().login({ type: 'number', endpoint: '+1 205 550 0000' }, 'x');
    assert.equal(received[0].url, '/v1/users/email/a%2Bb%2Fc%40example.com/authentication');
    assert.equal(received[1].url, '/v1/users/number/%2B12055500000/authentication');
    assert.equal(received[0].headers.authorization, 'Application 669762D5-2B10-44E0-8418-BC9EE4457555');
    assert.equal(received[0].headers['content-type'], 'application/json');
    assert.equal(received[0].body.toString('utf8'), '{"password":"pässwörd"}');
    assert.equal(log[0].path, '/v1/users/email/a***@example.com/authentication');
    assert.ok(!JSON.stringify(log).includes('pässwörd'));
  });

  it('sends the user token in the header and the body of create instance', async () => {
    replies.push(json(200, { id: 'i', secret: SECRET, expiresIn: null }));
    const i = await client().createInstance('tok=:sig=', { os: 'Zoë', platform: 'vscode' });
    assert.deepEqual(i, { id: 'i', secret: SECRET });
    assert.equal(received[0].headers.authorization, 'User tok=:sig=');
    assert.deepEqual(JSON.parse(received[0].body.toString('utf8')), {
      authorization: 'tok=:sig=',
      version: { os: 'Zoë', platform: 'vscode' },
    });
  });

  it('reads an integer organisation id as a string and an errorCode sent as a string', async () => {
    replies.push(
      json(200, { id: 8888123, name: 'Acme', vatnumber: null }),
      json(403, { errorCode: '40300', message: 'not yours' }),
    );
    const api = client().instance(CREDS);
    assert.deepEqual(await api.getOrganisations(), {
      shape: 'object',
      organisations: [{ id: '8888123', name: 'Acme' }],
    });
    const e = await api.listRentedNumbers('1').catch((x: unknown) => x);
    assert.ok(e instanceof SinchApiError);
    assert.deepEqual([e.kind, e.errorCode, e.reference], ['forbidden', 40300, undefined]);
  });

  it('keeps numbers it could not send back, and refuses to send them', async () => {
    // Raw text: a 17-digit number that JSON.parse cannot even hold exactly.
    const raw = JSON.stringify([aNumber(14150005550), aNumber(1234567890123456), aNumber(0)]).replace(
      '"number":0',
      '"number":12345678901234567',
    );
    replies.push((_r, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(raw));
    const api = client().instance(CREDS);
    const list = await api.listRentedNumbers('8888123');
    assert.equal(list.length, 3);
    for (const n of list.slice(1)) {
      await assert.rejects(api.unassignNumber(APP, n.number), /not a valid phone number/);
      await assert.rejects(api.assignNumbers(APP, 'voice', [n.number]), /not a valid phone number/);
    }
    assert.equal(received.length, 1);
  });

  it('does not follow redirects', async () => {
    replies.push((_r, res) => res.writeHead(302, { Location: `${url}/elsewhere` }).end());
    const e = await client()
      .instance(CREDS)
      .getOrganisations()
      .catch((x: unknown) => x);
    assert.ok(e instanceof SinchApiError);
    assert.equal(e.kind, 'protocol');
    assert.equal(e.status, 302);
    assert.equal(received.length, 1);
  });

  it('a body cut short of its Content-Length is a protocol error once the stall times out', async () => {
    replies.push((_r, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1000 });
      res.write('[{"number":1415');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const e = await client({ timeoutMs: 300 })
      .instance(CREDS)
      .listRentedNumbers('1')
      .catch((x: unknown) => x);
    assert.ok(e instanceof SinchApiError);
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /^Sinch answered 200 with a body that stopped after 15 of 1000 bytes\.$/);
  });

  it('a chunked body that closes early is a protocol error', async () => {
    replies.push((_r, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('[{"number":1415');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const e = await client({ timeoutMs: 5000 })
      .instance(CREDS)
      .listRentedNumbers('1')
      .catch((x: unknown) => x);
    assert.ok(e instanceof SinchApiError);
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /200 with a body that was cut off/);
  });

  it('a streamed body without Content-Length is cut at maxResponseBytes', async () => {
    replies.push((_r, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 100 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const e = await client({ maxResponseBytes: 1024 * 1024 })
      .instance(CREDS)
      .listRentedNumbers('1')
      .catch((x: unknown) => x);
    assert.ok(e instanceof SinchApiError);
    assert.equal(e.message, 'Sinch answered 200 with a body larger than 1 MiB.');
  });

  it('honours Retry-After as an HTTP date, read against the server clock', async () => {
    const serverNow = Date.parse('2030-01-01T00:00:00Z');
    replies.push(
      json(
        503,
        { errorCode: 50300, message: 'down' },
        { Date: new Date(serverNow).toUTCString(), 'Retry-After': new Date(serverNow + 9000).toUTCString() },
      ),
      json(200, []),
    );
    await client().instance(CREDS).listRentedNumbers('1');
    assert.deepEqual(delays, [9000]);
  });

  it('retries connection refused, even for checkout, and says the outcome is known', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const c = new SinchClient({
      endpoints: { portalApi: `http://127.0.0.1:${port}` },
      sleep: async () => {},
      onRequest: (e) => log.push(e),
    });
    const e = await c
      .instance(CREDS)
      .checkout('1', ['r'])
      .catch((x: unknown) => x);
    assert.ok(e instanceof SinchApiError);
    assert.deepEqual([e.kind, e.outcomeUnknown, e.systemCode], ['network', false, 'ECONNREFUSED']);
    assert.match(e.message, /connection was refused/);
    assert.deepEqual(
      log.map((l) => l.outcome),
      ['retry', 'retry', 'retry', 'error'],
    );
  });

  it('a throwing logger does not break the call', async () => {
    replies.push(json(200, []));
    const c = new SinchClient({
      endpoints: { portalApi: url },
      onRequest: () => {
        throw new Error('logger down');
      },
    });
    assert.deepEqual(await c.instance(CREDS).listRentedNumbers('1'), []);
  });

  it('refuses endpoints that are not https (except loopback) or carry a path', () => {
    assert.throws(() => new SinchClient({ endpoints: { api: 'http://api.sinch.com' } }), /https/);
    assert.throws(
      () => new SinchClient({ endpoints: { portalApi: 'https://portalapi.sinch.com/prefix' } }),
      /scheme and host only/,
    );
    assert.deepEqual(new SinchClient().endpoints, {
      userApi: 'https://userapi.sinch.com',
      api: 'https://api.sinch.com',
      portalApi: 'https://portalapi.sinch.com',
    });
  });

  it('records the server clock skew from any Date header', async () => {
    replies.push(json(200, [], { Date: new Date(Date.now() + 3_600_000).toUTCString() }));
    const c = client();
    await c.instance(CREDS).listRentedNumbers('1');
    assert.ok(Math.abs(c.lastServerDateSkewMs! - 3_600_000) < 3000);
    assert.equal(c.clockOffsetMs, 0, 'only a 40101 changes the signing clock');
  });
});
