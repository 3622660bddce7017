import assert from 'node:assert/strict';
import { SinchClient } from '../../../src/sinch/client';
import { instanceSignature, signedHeaders, stringToSign } from '../../../src/sinch/signing';
import { FormNegotiation, SignatureForms } from '../../../src/sinch/signatureForm';
import { readOrganisations } from '../../../src/sinch/wire';
import type { RequestLogEntry } from '../../../src/sinch/requestLog';
import { demo, startSimulator, type Simulator } from '../../simulator';

const SECRET = 'bRo76GRddEyetgJDTgkLHA==';
const TS = '2015-06-20T11:43:10.944Z';

describe('sinch: the two signature forms come from the one signing module', () => {
  it("leadingSlash keeps the path's slash (query still ignored); reference is the default and the golden vector", () => {
    assert.equal(
      stringToSign('GET', '', 'application/json', TS, '/v1/organisations?x=1', 'leadingSlash'),
      `GET\n\napplication/json\nx-timestamp:${TS}\n/v1/organisations`,
    );
    assert.equal(
      stringToSign('GET', '', 'application/json', TS, 'v1/organisations', 'leadingSlash'),
      `GET\n\napplication/json\nx-timestamp:${TS}\n/v1/organisations`,
    );
    const reference = signedHeaders(
      { method: 'GET', path: '/v1/organisations' },
      { scheme: 'instance', id: 'i', secret: SECRET },
      TS,
    );
    assert.equal(reference.Authorization, 'Instance i:bb9i9SGuw8mPspPF6WHzIZxw4yQxdOwGaDliMi+IhCU=');
    const slash = signedHeaders(
      { method: 'GET', path: '/v1/organisations' },
      { scheme: 'instance', id: 'i', secret: SECRET, form: 'leadingSlash' },
      TS,
    );
    assert.equal(
      slash.Authorization,
      `Instance i:${instanceSignature(SECRET, `GET\n\napplication/json\nx-timestamp:${TS}\n/v1/organisations`)}`,
    );
    assert.notEqual(slash.Authorization, reference.Authorization);
  });

  it('a negotiation switches once, and records only news', () => {
    const memory = new SignatureForms();
    const n = new FormNegotiation(memory, 'h', () => 5);
    assert.equal(n.form, 'reference');
    assert.equal(n.refused(), true);
    assert.equal(n.form, 'leadingSlash');
    assert.equal(n.refused(), false, 'the other form is tried once');
    n.accepted();
    assert.deepEqual(memory.get('h'), { form: 'leadingSlash', learnedAt: 5, afterRefusal: true });
    const next = new FormNegotiation(memory, 'h', () => 9);
    assert.equal(next.form, 'leadingSlash', 'known: signed so at once');
    next.accepted();
    assert.equal(memory.get('h')!.learnedAt, 5, 'nothing new to record');
  });
});

describe('sinch: readOrganisations takes one object or a list', () => {
  it('reads both shapes, an empty list, and refuses a list with a bad entry', () => {
    assert.deepEqual(readOrganisations({ id: 8888123, name: 'Acme' }), {
      shape: 'object',
      organisations: [{ id: '8888123', name: 'Acme' }],
    });
    assert.deepEqual(readOrganisations([{ id: '1', countryId: 'GB' }, { id: 2 }]), {
      shape: 'list',
      organisations: [{ id: '1', countryId: 'GB' }, { id: '2' }],
    });
    assert.deepEqual(readOrganisations([]), { shape: 'list', organisations: [] });
    assert.equal(readOrganisations([{ id: '1' }, { name: 'no id' }]), undefined);
    assert.equal(readOrganisations('8888123'), undefined);
  });
});

describe('SinchClient against a simulator that signs the path with its leading slash', function () {
  this.timeout(10_000);
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ dialect: { signature: 'leading-slash' } });
  });
  after(async () => {
    await sim.close();
  });

  it('every endpoint works; the first instance request re-signs once, the rest cost nothing extra, reserve and checkout included', async () => {
    const log: RequestLogEntry[] = [];
    const client = new SinchClient({
      endpoints: { userApi: sim.url, api: sim.url, portalApi: sim.url },
      onRequest: (e) => log.push(e),
    });
    const { authorization } = await client.login({ type: 'email', endpoint: demo.user.email }, demo.user.password);
    const api = client.instance(await client.createInstance(authorization, { os: 'test', platform: 'test' }));
    sim.resetCounters();
    log.length = 0;
    const { referenceId } = await api.reserve(demo.orgId, { groupId: 1, quantity: 1, capabilities: ['voice'] });
    assert.equal(sim.counters().reserve, 2, 'a refused signature did nothing, so even a reserve is signed again');
    assert.deepEqual(
      log.map((e) => [e.outcome, e.errorCode]),
      [
        ['retry', 40102],
        ['ok', undefined],
      ],
    );
    await api.checkout(demo.orgId, [referenceId]);
    await api.getOrganisations();
    await api.listRentedNumbers(demo.orgId);
    const c = sim.counters();
    assert.deepEqual([c.checkout, c.getOrganisation, c.listNumbers], [1, 1, 1]);
    assert.equal(client.signatureForms.get(new URL(sim.url).host)?.form, 'leadingSlash');
    assert.equal(sim.snapshot().reservations.length, 0, 'one reservation, checked out once');
  });
});
