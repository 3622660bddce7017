// The client-level half of what the fault matrix found (test/integration/reliability.faults.test.ts):
// a 2xx answer that cannot be read leaves the outcome unknown (the write may have happened), and
// a page where no body is expected is not taken for Sinch's yes.
import assert from 'node:assert/strict';
import { demo, startSimulator, type Simulator } from '../../simulator';
import { SinchClient, type InstanceApi } from '../../../src/sinch/client';
import { protocolError, SinchApiError } from '../../../src/sinch/errors';
import { filterProblem } from '../../../src/numbers/filter';

const ORG = demo.orgId;
const APP = demo.voiceApp;

async function failure(p: Promise<unknown>): Promise<SinchApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof SinchApiError, String(e));
    return e;
  }
  return assert.fail('expected the call to fail');
}

describe('reliability: odd answers at the client', function () {
  this.timeout(10_000);
  let sim: Simulator;
  let api: InstanceApi;

  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await sim?.close();
  });
  beforeEach(async () => {
    sim.faults.clear();
    sim.reset('demo');
    const client = new SinchClient({
      endpoints: { userApi: sim.url, api: sim.url, portalApi: sim.url },
      sleep: async () => undefined,
    });
    const { authorization } = await client.login({ type: 'email', endpoint: demo.user.email }, demo.user.password);
    api = client.instance(await client.createInstance(authorization, { os: 'test', platform: 'unit' }));
    sim.resetCounters();
  });

  it('a 200 with an HTML page on checkout is not a purchase: protocol error, outcome unknown, sent once', async () => {
    const { referenceId } = await api.reserve(ORG, { groupId: 1, quantity: 1, capabilities: ['voice'] });
    sim.faults.inject('checkout', { kind: 'html200' });
    const e = await failure(api.checkout(ORG, [referenceId]));
    assert.deepEqual([e.kind, e.status, e.outcomeUnknown], ['protocol', 200, true]);
    assert.equal(e.message, 'Sinch answered 200 with a body that is not JSON.');
    assert.equal(sim.counters().checkout, 1, 'never resent');
  });

  it('a 200 with an HTML page on unassign is not a success either', async () => {
    sim.faults.inject('unassign', { kind: 'html200' });
    const e = await failure(api.unassignNumber(APP, 14150005551));
    assert.deepEqual([e.kind, e.outcomeUnknown], ['protocol', true]);
    assert.equal(sim.counters().unassign, 1);
  });

  it('an empty 200 on a 204 endpoint is still success (nothing to read)', async () => {
    sim.faults.inject('unassign', { kind: 'empty200' });
    await api.unassignNumber(APP, 14150005551);
  });

  it('a truncated answer to an assign that Sinch carried out leaves the outcome unknown, not "nothing changed"', async () => {
    sim.faults.inject('assign', { kind: 'truncated' });
    const e = await failure(api.assignNumbers(APP, 'voice', [14150005550, 14150005551]));
    assert.deepEqual([e.kind, e.status, e.outcomeUnknown], ['protocol', 200, true]);
    const on = sim
      .snapshot()
      .numbers.filter((n) => n.applicationKey === APP)
      .map((n) => n.number);
    assert.ok(on.includes(14150005550), 'the write happened');
  });

  it('a protocol error on a non-2xx answer keeps a known outcome', () => {
    assert.equal(protocolError(502, 'a body that was cut off', { method: 'PUT', path: '/p' }).outcomeUnknown, false);
    assert.equal(protocolError(204, 'a body that is not JSON', { method: 'PUT', path: '/p' }).outcomeUnknown, true);
  });

  it('the filter box refuses text too long to echo in the view', () => {
    assert.equal(filterProblem('x'.repeat(10_000)), 'Keep the filter under 200 characters.');
    assert.equal(filterProblem(`city:"${'ü'.repeat(150)}"`), undefined);
  });
});
