import assert from 'node:assert/strict';
import {
  checkTimestamp,
  contentMd5,
  instanceSignature,
  parseAuthorization,
  signatureMatches,
  stringToSign,
  UserTokens,
} from '../../simulator/auth';
import { SinchError } from '../../simulator/errors';
import { ADMINISTRATION_KEY } from '../../simulator';
import { NUMBERS, SHOP, TestClient, toRes, useSimulator } from './helpers';

const secret = 'bRo76GRddEyetgJDTgkLHA==';
const timestamp = '2015-06-20T11:43:10.944Z';
const contentType = 'application/json';

describe('simulator auth: the golden vectors of the shared document', () => {
  const vectors = [
    {
      name: 'Get organization',
      method: 'GET',
      path: 'v1/organisations',
      body: '',
      md5: '',
      sig: 'bb9i9SGuw8mPspPF6WHzIZxw4yQxdOwGaDliMi+IhCU=',
    },
    {
      name: 'Get numbers available to rent',
      method: 'GET',
      path: 'v1/organisations/id/8888123/numbers/shop',
      body: '',
      md5: '',
      sig: 'jYJQFcgc1uh7DO2uQZyLu7rpxOc3jXjcuQNKWiHFJiI=',
    },
    {
      name: 'Reserve number(s)',
      method: 'PUT',
      path: 'v1/organisations/id/8888123/numbers/shop',
      body: '{"groupId":13,"quantity":1}',
      md5: 'BKCnAAx1KstTZCD0hQLbkw==',
      sig: 'a6p7RYw8bMr3JuZh1LArvWTLJjIgCeQj5nsRZaXW7VQ=',
    },
    {
      name: 'Remove a number from an application',
      method: 'DELETE',
      path: 'v1/applications/key/bb7b4e39-4227-4913-8c81-2db4abb54fb3/numbers/14150005551',
      body: '',
      md5: '',
      sig: 'EA85F4qGFB0+tYZUh68g22R8DgtzxpsCXttLq1NKPgM=',
    },
  ];
  for (const v of vectors) {
    it(`reproduces "${v.name}" and the verifier accepts it`, () => {
      assert.equal(contentMd5(v.body), v.md5);
      // The verifier is handed the path as it arrives on the wire: with its leading slash.
      const req = { method: v.method, contentType, timestamp, path: `/${v.path}`, body: Buffer.from(v.body) };
      assert.equal(instanceSignature(secret, req), v.sig);
      assert.ok(signatureMatches(secret, req, v.sig));
    });
  }

  it('builds the string to sign with the path stripped of its leading slash', () => {
    assert.equal(
      stringToSign({ method: 'GET', contentType, timestamp, path: '/v1/organisations', body: '' }),
      `GET\n\napplication/json\nx-timestamp:${timestamp}\nv1/organisations`,
    );
  });

  it('rejects a signature computed over the path with its leading slash', () => {
    const wrong = instanceSignature(secret, {
      method: 'GET',
      contentType,
      timestamp,
      path: '//v1/organisations',
      body: '',
    });
    assert.equal(
      signatureMatches(secret, { method: 'GET', contentType, timestamp, path: '/v1/organisations', body: '' }, wrong),
      false,
    );
  });

  it('signs the UTF-8 bytes of a non-ASCII body', () => {
    const body = '{"name":"Zoë"}';
    assert.equal(contentMd5(body), contentMd5(Buffer.from(body, 'utf8')));
    assert.notEqual(contentMd5(body), contentMd5(Buffer.from(body, 'latin1')));
  });

  it('checks x-timestamp: present, ISO-8601, within 15 minutes either way', () => {
    const now = Date.parse(timestamp);
    const code = (f: () => void) => {
      try {
        f();
        return 0;
      } catch (e) {
        return (e as SinchError).errorCode;
      }
    };
    assert.equal(
      code(() => checkTimestamp(timestamp, now + 15 * 60 * 1000)),
      0,
    );
    assert.equal(
      code(() => checkTimestamp(timestamp, now - 15 * 60 * 1000)),
      0,
    );
    assert.equal(
      code(() => checkTimestamp(timestamp, now + 15 * 60 * 1000 + 1)),
      40101,
    );
    assert.equal(
      code(() => checkTimestamp(undefined, now)),
      40101,
    );
    assert.equal(
      code(() => checkTimestamp(new Date(now).toUTCString(), now)),
      40101,
    );
  });

  it('parses the three schemes and refuses anything else with 40100', () => {
    assert.deepEqual(parseAuthorization(`Application ${ADMINISTRATION_KEY}`), {
      scheme: 'application',
      credentials: ADMINISTRATION_KEY,
    });
    for (const bad of [undefined, '', 'Bearer abc', 'Instance', 'Basic dXNlcjpwdw==']) {
      assert.throws(
        () => parseAuthorization(bad),
        (e: SinchError) => e.errorCode === 40100,
      );
    }
  });

  it('mints log-in tokens in the document shape and recognises only its own', () => {
    const tokens = new UserTokens();
    const token = tokens.mint({ type: 'email', endpoint: 'demo@example.com' }, new Date(0));
    const [payload, mac] = token.split(':');
    assert.ok(mac.length > 0);
    const json = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    assert.deepEqual(Object.keys(json), ['applicationKey', 'identity', 'created']);
    assert.deepEqual(json.identity, { type: 'email', endpoint: 'demo@example.com' });
    assert.deepEqual(tokens.verify(token), { type: 'email', endpoint: 'demo@example.com' });
    assert.equal(new UserTokens().verify(token), undefined);
    assert.equal(tokens.verify(`${payload}:${Buffer.from('forged').toString('base64')}`), undefined);
  });
});

describe('simulator auth over HTTP', () => {
  const ctx = useSimulator();

  const expectError = (
    res: { status: number; json: { errorCode: number; message: string; reference?: string } },
    status: number,
    code: number,
  ) => {
    assert.equal(res.status, status, JSON.stringify(res.json));
    assert.equal(res.json.errorCode, code);
    assert.equal(typeof res.json.message, 'string');
    assert.equal(typeof res.json.reference, 'string');
  };

  it('logs in by email (case-insensitive) and by number, answering the documented shape', async () => {
    const c = new TestClient(ctx.sim.url);
    const res = await c.login('Demo@Example.COM', 'demo-password');
    assert.equal(res.status, 200);
    assert.match(res.json.authorization, /^[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    assert.deepEqual(res.json.user, {
      id: 123456789,
      identities: [
        { type: 'email', endpoint: 'demo@example.com' },
        { type: 'number', endpoint: '+12055500000' },
      ],
      profile: { name: { first: 'Jane', last: 'Bloggs', full: 'Jane Bloggs' }, contact: { email: 'demo@example.com' } },
    });
    const byNumber = await c.login('+12055500000', 'demo-password', { type: 'number' });
    assert.equal(byNumber.status, 200);
    assert.equal((await c.createInstance()).status, 200);
  });

  it('wrong administration key, wrong password and unknown user are 401 40100', async () => {
    const c = new TestClient(ctx.sim.url);
    expectError(
      await c.login('demo@example.com', 'demo-password', { key: 'AAAAAAAA-2B10-44E0-8418-BC9EE4457555' }),
      401,
      40100,
    );
    expectError(await c.login('demo@example.com', 'wrong'), 401, 40100);
    expectError(await c.login('nobody@example.com', 'demo-password'), 401, 40100);
  });

  it('creates an instance: id, base64 16-byte secret, expiresIn', async () => {
    const { instance } = ctx.client;
    assert.match(instance!.id, /^[0-9a-f-]{36}$/);
    assert.equal(Buffer.from(instance!.secret, 'base64').length, 16);
    assert.equal(instance!.expiresIn, 172800);
    assert.ok(ctx.sim.state.instances.has(instance!.id));
  });

  it('an unknown or forged user token is 40100; a missing version is 40001', async () => {
    const c = new TestClient(ctx.sim.url);
    await c.login();
    const [payload] = c.token!.split(':');
    expectError(await c.createInstance(`${payload}:${Buffer.from('x'.repeat(32)).toString('base64')}`), 401, 40100);
    expectError(await c.createInstance('not-a-token'), 401, 40100);
    expectError(await c.createInstance(c.token, { authorization: c.token }), 400, 40001);
    expectError(await c.createInstance(c.token, { authorization: c.token, version: { os: 'linux' } }), 400, 40001);
    expectError(await c.createInstance(c.token, { version: { os: 'linux', platform: 'x' } }), 400, 40001);
  });

  it('accepts a correctly signed request for GET, PUT, POST and DELETE', async () => {
    const c = ctx.client;
    assert.equal((await c.call('GET', '/v1/organisations')).status, 200);
    const reserve = await c.call('PUT', SHOP, { groupId: 13, quantity: 1 });
    assert.equal(reserve.status, 200);
    assert.equal((await c.call('POST', SHOP, { referenceIds: [reserve.json.referenceId] })).status, 204);
    assert.equal(
      (await c.call('DELETE', '/v1/applications/key/bb7b4e39-4227-4913-8c81-2db4abb54fb3/numbers/14150005551')).status,
      204,
    );
  });

  it('verifies what was sent: a request consistently signed without Content-Type passes', async () => {
    assert.equal((await ctx.client.call('GET', NUMBERS, undefined, { contentType: null })).status, 200);
  });

  it('a query string is not signed', async () => {
    assert.equal((await ctx.client.call('GET', `${SHOP}?type=voice`)).status, 200);
  });

  it('a bad signature is 401 40102: wrong secret, leading slash, other body, other Content-Type', async () => {
    const c = ctx.client;
    expectError(
      await c.call('GET', NUMBERS, undefined, { secret: Buffer.alloc(16, 1).toString('base64') }),
      401,
      40102,
    );
    expectError(await c.call('GET', NUMBERS, undefined, { leadingSlash: true }), 401, 40102);
    // Signed with application/json, sent without any Content-Type.
    const { 'Content-Type': _dropped, ...noContentType } = signedHeaders(c, 'GET', NUMBERS, '');
    expectError(await toRes(await fetch(`${c.url}${NUMBERS}`, { headers: noContentType })), 401, 40102);
    // Signed as application/json but sent as text/plain (what node-fetch would add on its own).
    const res = await c.rawCall('PUT', SHOP, { groupId: 13, quantity: 1 }, {});
    assert.equal(res.status, 200);
    const tampered = await fetch(`${c.url}${SHOP}`, {
      method: 'PUT',
      headers: {
        ...signedHeaders(c, 'PUT', SHOP, '{"groupId":13,"quantity":1}'),
        'Content-Type': 'text/plain;charset=UTF-8',
      },
      body: '{"groupId":13,"quantity":1}',
    });
    expectError(await toRes(tampered), 401, 40102);
    const otherBody = await fetch(`${c.url}${SHOP}`, {
      method: 'PUT',
      headers: signedHeaders(c, 'PUT', SHOP, '{"groupId":13,"quantity":1}'),
      body: '{"groupId":13,"quantity":2}',
    });
    expectError(await toRes(otherBody), 401, 40102);
  });

  it('missing or malformed Authorization and unknown instance are 40100; expired says so', async () => {
    const c = ctx.client;
    expectError(
      await toRes(await fetch(`${c.url}/v1/organisations`, { headers: { 'x-timestamp': c.timestamp() } })),
      401,
      40100,
    );
    expectError(await c.call('GET', NUMBERS, undefined, { authorization: `Instance ${c.instance!.id}` }), 401, 40100);
    expectError(
      await c.call('GET', NUMBERS, undefined, { instanceId: '00a3ffb1-0808-4dd4-9c7d-e4383d82e445' }),
      401,
      40100,
    );
    ctx.sim.expireInstances();
    const expired = await c.call('GET', NUMBERS);
    expectError(expired, 401, 40100);
    assert.match(expired.json.message, /expired/);
  });

  it('a missing or stale x-timestamp is 401 40101 with a Date header of the server clock', async () => {
    const c = ctx.client;
    const stale = await c.call('GET', NUMBERS, undefined, {
      timestamp: new Date(Date.now() - 20 * 60 * 1000).toISOString(),
    });
    expectError(stale, 401, 40101);
    assert.ok(Math.abs(Date.parse(stale.headers.get('date')!) - Date.now()) < 2000);
    const missing = await toRes(
      await fetch(`${c.url}/v1/users/email/demo%40example.com/authentication`, {
        method: 'POST',
        headers: { Authorization: `Application ${ADMINISTRATION_KEY}` },
        body: '{"password":"demo-password"}',
      }),
    );
    expectError(missing, 401, 40101);
  });

  it('with the server clock 20 minutes ahead, a correct client is 40101 and can correct from Date', async () => {
    const c = ctx.client;
    ctx.sim.setClockOffset(20 * 60 * 1000);
    const res = await c.call('GET', NUMBERS);
    expectError(res, 401, 40101);
    const serverDate = Date.parse(res.headers.get('date')!);
    assert.ok(Math.abs(serverDate - (Date.now() + 20 * 60 * 1000)) < 2000);
    const corrected = await c.call('GET', NUMBERS, undefined, { timestamp: new Date(serverDate).toISOString() });
    assert.equal(corrected.status, 200);
  });

  it('every response carries Date, successes included', async () => {
    const res = await ctx.client.call('GET', '/v1/organisations');
    assert.equal(res.status, 200);
    assert.ok(res.headers.get('date'));
  });

  it('the wrong scheme for an endpoint is 403 40301 naming the required scheme', async () => {
    const c = ctx.client;
    for (const authorization of [`User ${c.token}`, `Application ${ADMINISTRATION_KEY}`]) {
      const res = await c.call('GET', NUMBERS, undefined, { authorization });
      expectError(res, 403, 40301);
      assert.equal(res.json.message, "The authorization scheme 'instance' is required.");
    }
    const login = await toRes(
      await fetch(`${c.url}/v1/users/email/demo%40example.com/authentication`, {
        method: 'POST',
        headers: { Authorization: `User ${c.token}`, 'x-timestamp': c.timestamp() },
        body: '{"password":"demo-password"}',
      }),
    );
    expectError(login, 403, 40301);
    assert.equal(login.json.message, "The authorization scheme 'application' is required.");
  });

  it('a session survives a dataset reset, but not a reset to a dataset without its user', async () => {
    ctx.sim.reset('demo');
    assert.equal((await ctx.client.call('GET', '/v1/organisations')).status, 200);
    ctx.sim.reset('empty');
    expectError(await ctx.client.call('GET', '/v1/organisations'), 401, 40100);
    ctx.sim.reset('demo');
  });
});

function signedHeaders(c: TestClient, method: string, path: string, body: string): Record<string, string> {
  const ts = c.timestamp();
  const sig = instanceSignature(c.instance!.secret, {
    method,
    contentType: 'application/json',
    timestamp: ts,
    path,
    body,
  });
  return { Authorization: `Instance ${c.instance!.id}:${sig}`, 'x-timestamp': ts, 'Content-Type': 'application/json' };
}
