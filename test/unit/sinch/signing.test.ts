import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { contentMd5, instanceSignature, isoTimestamp, signedHeaders, stringToSign } from '../../../src/sinch/signing';
import { NUMBER_ADMINISTRATION_KEY } from '../../../src/sinch/types';

// Inputs and printed signatures from number-administration.md, as listed in auth-errors-and-decisions.md.
const SECRET = 'bRo76GRddEyetgJDTgkLHA==';
const TS = '2015-06-20T11:43:10.944Z';
const INSTANCE = '00a3ffb1-0808-4dd4-9c7d-e4383d82e445';

const golden = [
  {
    name: 'Get organization',
    method: 'GET',
    path: '/v1/organisations',
    body: undefined,
    md5: '',
    signature: 'bb9i9SGuw8mPspPF6WHzIZxw4yQxdOwGaDliMi+IhCU=',
  },
  {
    name: 'Get numbers available to rent',
    method: 'GET',
    path: '/v1/organisations/id/8888123/numbers/shop',
    body: undefined,
    md5: '',
    signature: 'jYJQFcgc1uh7DO2uQZyLu7rpxOc3jXjcuQNKWiHFJiI=',
  },
  {
    name: 'Reserve number(s)',
    method: 'PUT',
    path: '/v1/organisations/id/8888123/numbers/shop',
    body: '{"groupId":13,"quantity":1}',
    md5: 'BKCnAAx1KstTZCD0hQLbkw==',
    signature: 'a6p7RYw8bMr3JuZh1LArvWTLJjIgCeQj5nsRZaXW7VQ=',
  },
  {
    name: 'Remove a number from an application',
    method: 'DELETE',
    path: '/v1/applications/key/bb7b4e39-4227-4913-8c81-2db4abb54fb3/numbers/14150005551',
    body: undefined,
    md5: '',
    signature: 'EA85F4qGFB0+tYZUh68g22R8DgtzxpsCXttLq1NKPgM=',
  },
] as const;

describe('signing', () => {
  describe('golden vectors from the reference document', () => {
    for (const v of golden) {
      it(`${v.name}: ${v.method} ${v.path}`, () => {
        const md5 = contentMd5(v.body);
        assert.equal(md5, v.md5);
        assert.equal(
          instanceSignature(SECRET, stringToSign(v.method, md5, 'application/json', TS, v.path)),
          v.signature,
        );
        const headers = signedHeaders(
          { method: v.method, path: v.path, body: v.body },
          { scheme: 'instance', id: INSTANCE, secret: SECRET },
          TS,
        );
        assert.equal(headers.Authorization, `Instance ${INSTANCE}:${v.signature}`);
      });
    }
  });

  it('builds the string to sign without the leading slash and without the query', () => {
    assert.equal(
      stringToSign('get', '', 'application/json', TS, '/v1/organisations/id/1/numbers/shop?type=sms'),
      `GET\n\napplication/json\nx-timestamp:${TS}\nv1/organisations/id/1/numbers/shop`,
    );
  });

  it('signs a query-string request exactly like the same path without it', () => {
    const auth = { scheme: 'instance', id: INSTANCE, secret: SECRET } as const;
    const withQuery = signedHeaders(
      { method: 'GET', path: '/v1/organisations/id/8888123/numbers/shop?type=voice' },
      auth,
      TS,
    );
    assert.equal(withQuery.Authorization, `Instance ${INSTANCE}:${golden[1].signature}`);
  });

  it('gives an empty Content-MD5 for no body and for an empty body', () => {
    assert.equal(contentMd5(undefined), '');
    assert.equal(contentMd5(''), '');
  });

  it('hashes a non-ASCII body over its UTF-8 bytes', () => {
    const body = '{"name":"Zoë – 東京 🚀"}';
    const expected = createHash('md5').update(Buffer.from(body, 'utf8')).digest('base64');
    assert.equal(contentMd5(body), expected);
    assert.notEqual(contentMd5(body), createHash('md5').update(Buffer.from(body, 'latin1')).digest('base64'));
  });

  it('gives a different signature when one body byte changes', () => {
    const a = stringToSign('PUT', contentMd5('{"quantity":1}'), 'application/json', TS, '/x');
    const b = stringToSign('PUT', contentMd5('{"quantity":2}'), 'application/json', TS, '/x');
    assert.notEqual(instanceSignature(SECRET, a), instanceSignature(SECRET, b));
  });

  it('sends exactly Authorization, x-timestamp and Content-Type: application/json for every scheme', () => {
    for (const [auth, authorization] of [
      [{ scheme: 'application' }, `Application ${NUMBER_ADMINISTRATION_KEY}`],
      [{ scheme: 'user', token: 'abc=:def=' }, 'User abc=:def='],
    ] as const) {
      for (const method of ['GET', 'DELETE', 'POST']) {
        assert.deepEqual(signedHeaders({ method, path: '/v1/instance' }, auth, TS), {
          Authorization: authorization,
          'x-timestamp': TS,
          'Content-Type': 'application/json',
        });
      }
    }
    const instance = signedHeaders(
      { method: 'GET', path: '/v1/organisations' },
      { scheme: 'instance', id: INSTANCE, secret: SECRET },
      TS,
    );
    assert.deepEqual(Object.keys(instance).sort(), ['Authorization', 'Content-Type', 'x-timestamp']);
    assert.equal(instance['Content-Type'], 'application/json');
  });

  it('formats x-timestamp as ISO-8601 UTC with milliseconds', () => {
    assert.equal(isoTimestamp(Date.UTC(2015, 5, 20, 11, 43, 10, 944)), TS);
  });
});
