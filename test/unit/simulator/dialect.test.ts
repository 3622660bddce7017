import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { demo } from '../../simulator';
import { instanceSignature, signatureMatches } from '../../simulator/auth';
import { parseDialect } from '../../simulator/dialect';
import { appNumbers, NUMBERS, toRes, useSimulator } from './helpers';

const secret = 'bRo76GRddEyetgJDTgkLHA==';
const timestamp = '2015-06-20T11:43:10.944Z';
const EUROPE_NUMBERS = `/v1/organisations/id/${demo.europeOrgId}/numbers`;

describe('simulator dialects: it speaks each reading of the disputed points', () => {
  const ctx = useSimulator();
  afterEach(() => ctx.sim.setDialect({ signature: 'reference', organisations: 'object', assignScope: 'capability' }));
  const control = async (method: string, p: string, body?: unknown) =>
    toRes(
      await fetch(`${ctx.sim.url}/__simulator/${p}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );

  it('the reference by default; reset() keeps the dialect', () => {
    assert.deepEqual(ctx.sim.dialect(), { signature: 'reference', organisations: 'object', assignScope: 'capability' });
    ctx.sim.setDialect({ signature: 'leading-slash' });
    ctx.sim.reset('demo');
    assert.equal(ctx.sim.dialect().signature, 'leading-slash');
  });

  it("leading-slash: the signature over /v1/organisations verifies, the reference's does not", async () => {
    const req = { method: 'GET', contentType: 'application/json', timestamp, path: '/v1/organisations', body: '' };
    // Sinch's public worked example signs the path as sent; the reference's golden vector does not.
    const slash = instanceSignature(secret, req, 'leading-slash');
    assert.notEqual(slash, 'bb9i9SGuw8mPspPF6WHzIZxw4yQxdOwGaDliMi+IhCU=');
    assert.ok(signatureMatches(secret, req, slash, 'leading-slash'));
    assert.ok(!signatureMatches(secret, req, slash, 'reference'));
    ctx.sim.setDialect({ signature: 'leading-slash' });
    const refused = await ctx.client.call('GET', '/v1/organisations');
    assert.equal(refused.status, 401);
    assert.equal(refused.json.errorCode, 40102);
    assert.equal((await ctx.client.call('GET', '/v1/organisations', undefined, { form: 'leading-slash' })).status, 200);
  });

  it('organisations: one object, a list of one, or every organisation of the user', async () => {
    const org = async () => (await ctx.client.call('GET', '/v1/organisations')).json;
    assert.equal((await org()).id, demo.orgId);
    ctx.sim.setDialect({ organisations: 'list' });
    assert.deepEqual(
      (await org()).map((o: { id: string }) => o.id),
      [demo.orgId],
    );
    assert.equal(
      (await ctx.client.call('GET', EUROPE_NUMBERS)).status,
      403,
      "the second organisation is not the user's in this dialect",
    );
    ctx.sim.setDialect({ organisations: 'several' });
    assert.deepEqual(
      (await org()).map((o: { id: string; name: string; countryId: string }) => [o.id, o.name, o.countryId]),
      [
        [demo.orgId, 'Acme', 'US'],
        [demo.europeOrgId, 'Acme Europe', 'GB'],
      ],
    );
    // The same instance reads the other organisation and its applications: ownership is the user's.
    const europe = await ctx.client.call('GET', EUROPE_NUMBERS);
    assert.equal(europe.status, 200);
    assert.deepEqual(
      europe.json.map((n: { number: number }) => n.number),
      [demo.europeNumbers.london, demo.europeNumbers.berlin],
    );
    assert.equal((await ctx.client.call('GET', appNumbers(demo.europeApp))).status, 200);
    assert.equal((await ctx.client.call('GET', NUMBERS)).status, 200);
  });

  it('whole-set assign: the list replaces every number of the application, whatever its capabilities', async () => {
    const smsApp = () =>
      ctx.sim
        .snapshot()
        .numbers.filter((n) => n.applicationKey === demo.smsApp)
        .map((n) => n.number);
    const before = smsApp();
    assert.equal(before.length, 3);
    ctx.sim.setDialect({ assignScope: 'whole-set' });
    const both = ctx.sim
      .snapshot()
      .numbers.find((n) => n.applicationKey === demo.smsApp && n.capabilities.includes('voice'))!.number;
    const r = await ctx.client.call('PUT', `${appNumbers(demo.smsApp)}/voice`, { numbers: [both, 14150005550] });
    assert.equal(r.status, 200);
    assert.deepEqual(smsApp().sort(), [both, 14150005550].sort(), 'the two sms-only numbers are gone');
    // Writing the whole set back under either path is accepted: capabilities are not checked per number.
    const back = await ctx.client.call('PUT', `${appNumbers(demo.smsApp)}/voice`, {
      numbers: [...before, 14150005550],
    });
    assert.equal(back.status, 200);
    assert.deepEqual(smsApp().sort(), [...before, 14150005550].sort());
  });

  it('the control path sets and reads the dialect, and refuses unknown values', async () => {
    const set = await control('POST', 'dialect', {
      signature: 'leading-slash',
      organisations: 'several',
      assignScope: 'whole-set',
    });
    assert.equal(set.status, 200);
    assert.deepEqual(set.json, { signature: 'leading-slash', organisations: 'several', assignScope: 'whole-set' });
    assert.deepEqual((await control('GET', 'dialect')).json, set.json);
    const bad = await control('POST', 'dialect', { organisations: 'many' });
    assert.equal(bad.status, 400);
    assert.match(bad.json.message, /organisations must be one of object, list, several/);
    assert.match((await control('POST', 'dialect', { colour: 'red' })).json.message, /unknown dialect option 'colour'/);
  });

  it('parseDialect keeps only what is given', () => {
    assert.deepEqual(parseDialect({ signature: 'reference', organisations: undefined }), { signature: 'reference' });
  });
});

describe('simulator CLI dialect options', function () {
  this.timeout(15000);
  const root = path.resolve(__dirname, '..', '..', '..');
  const run = (args: string[]) =>
    spawn(
      process.execPath,
      [
        path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        path.join(root, 'test', 'simulator', 'cli.ts'),
        '--port',
        '0',
        '--quiet',
        ...args,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );

  it('--signature, --organisations and --assign-scope set the dialect, and it says so', async () => {
    const child = run(['--signature', 'leading-slash', '--organisations', 'several', '--assign-scope', 'whole-set']);
    try {
      let out = '';
      const lines = await new Promise<string[]>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          out += d.toString();
          const ls = out.split('\n');
          if (ls.length >= 4) resolve(ls);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      assert.equal(lines[2], 'Dialect: signature leading-slash, organisations several, assign scope whole-set');
      const url = /listening on (\S+)/.exec(lines[0])![1];
      assert.deepEqual(await (await fetch(`${url}/__simulator/dialect`)).json(), {
        signature: 'leading-slash',
        organisations: 'several',
        assignScope: 'whole-set',
      });
    } finally {
      // SIGTERM: tsx passes it on to the simulator it runs (SIGKILL would orphan that one).
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('a wrong value is refused with the usage line and exit code 2', async () => {
    const child = run(['--assign-scope', 'everything']);
    let err = '';
    child.stderr.on('data', (d) => {
      err += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /--assign-scope must be one of capability, whole-set/);
    assert.match(err, /usage: simulator/);
  });
});
