import assert from 'node:assert/strict';
import { collectAll } from '../../support/collectAll';
import { type ListOptions, type NumberCollector } from '../../../src/sinch/client';
import { SinchApiError } from '../../../src/sinch/errors';
import type { RentedNumber } from '../../../src/sinch/types';
import { Emitter } from '../../../src/platform/emitter';
import { NumbersModel, type ModelServices } from '../../../src/numbers/numbersModel';
import { APP_A, NOW, aNumber } from '../../support/builders';

/** A session with one account and an API whose list call the test controls. */
function harness() {
  const changed = new Emitter<void>();
  const expired = new Emitter<unknown>();
  let active: { id: string; organisationId: string } | undefined = { id: 'a', organisationId: '8888123' };
  let markedExpired = false;
  const noted: unknown[] = [];
  const calls: {
    orgId: string;
    signal?: AbortSignal;
    resolve: (v: RentedNumber[]) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const api = {
    listRentedNumbers: (orgId: string, opts?: ListOptions) =>
      new Promise<RentedNumber[]>((resolve, reject) => {
        calls.push({ orgId, signal: opts?.signal, resolve, reject });
      }),
    // The list arrives in one part here; the client's own tests cover it arriving in many.
    streamRentedNumbers: async <T>(orgId: string, collect: () => NumberCollector<T>, opts?: ListOptions) => {
      const list = await api.listRentedNumbers(orgId, opts);
      opts?.onProgress?.({ items: list.length, bytes: 0 });
      return collectAll(list, collect());
    },
  };
  const session = {
    get active() {
      return active;
    },
    get signedIn() {
      return active !== undefined;
    },
    onDidChange: changed.event,
    onDidExpire: expired.event,
    isMarkedExpired: () => markedExpired,
    noteError: (e: unknown) => {
      noted.push(e);
    },
    current: () => {
      if (!active) throw Object.assign(new Error('not signed in'), { name: 'NotSignedInError' });
      return { account: active, organisationId: active.organisationId, api };
    },
  };
  const services = { session, clients: { signal: (s?: AbortSignal) => s }, now: () => NOW } as unknown as ModelServices;
  return {
    model: new NumbersModel(services),
    calls,
    noted,
    signOut() {
      active = undefined;
      changed.fire();
    },
    switchTo(orgId: string) {
      active = { id: 'b', organisationId: orgId };
      changed.fire();
    },
    expire() {
      markedExpired = true;
      expired.fire(active);
    },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('NumbersModel', () => {
  it('sends one request per refresh and groups the answer', async () => {
    const h = harness();
    const p = h.model.refresh();
    assert.equal(h.model.loading, true);
    h.calls[0].resolve([aNumber(), aNumber({ number: 14150005551, applicationKey: APP_A })]);
    await p;
    assert.equal(h.calls.length, 1);
    assert.equal(h.model.numbers!.length, 2);
    assert.equal(h.model.inventory!.applications.get(APP_A)!.size, 1);
    assert.equal(h.model.loading, false);
    assert.equal(h.model.stale, false);
  });

  it('says how far a refresh has got while it runs, and forgets it when it ends', async () => {
    const h = harness();
    const seen: number[] = [];
    h.model.onDidProgress((p) => seen.push(h.model.received === p ? p.items : -1));
    const p = h.model.refresh();
    assert.equal(h.model.received, undefined, 'nothing has arrived yet');
    h.calls[0].resolve([aNumber(), aNumber({ number: 14150005551 })]);
    await p;
    assert.deepEqual(seen, [2]);
    assert.equal(h.model.received, undefined);
    assert.equal(h.model.list?.size, 2);
  });

  it('ten concurrent refreshes share one request; fifty clicks during it add none', async () => {
    const h = harness();
    const all = Array.from({ length: 10 }, () => h.model.refresh());
    for (let i = 0; i < 50; i++) void h.model.refresh();
    assert.equal(h.calls.length, 1);
    h.calls[0].resolve([aNumber()]);
    const results = await Promise.all(all);
    assert.ok(results.every((r) => r === results[0]));
    assert.equal(h.calls.length, 1);
  });

  it('a fresh refresh during one in flight queues exactly one more, shared', async () => {
    const h = harness();
    const first = h.model.refresh();
    const fresh = [
      h.model.refresh({ fresh: true }),
      h.model.refresh({ fresh: true }),
      h.model.refresh({ fresh: true }),
    ];
    h.calls[0].resolve([aNumber()]);
    await first;
    await flush();
    assert.equal(h.calls.length, 2);
    h.calls[1].resolve([aNumber(), aNumber({ number: 14150005551 })]);
    const results = await Promise.all(fresh);
    assert.ok(results.every((r) => r.length === 2));
    assert.equal(h.calls.length, 2);
  });

  it('a failed refresh keeps the last good data, marks it stale and notes the error', async () => {
    const h = harness();
    const ok = h.model.refresh();
    h.calls[0].resolve([aNumber()]);
    await ok;
    const failing = h.model.refresh();
    const error = new SinchApiError({
      kind: 'protocol',
      message: 'Sinch answered with an HTML page (HTTP 502).',
      method: 'GET',
      path: '/x',
      status: 502,
    });
    h.calls[1].reject(error);
    await assert.rejects(failing, (e: unknown) => e === error);
    assert.equal(h.model.numbers!.length, 1);
    assert.equal(h.model.lastError, error);
    assert.equal(h.model.stale, true);
    assert.deepEqual(h.noted, [error]);
  });

  it('clears the data on sign-out and drops an answer that arrives for the previous organisation', async () => {
    const h = harness();
    const ok = h.model.refresh();
    h.calls[0].resolve([aNumber()]);
    await ok;
    const late = h.model.refresh();
    h.switchTo('9999001');
    assert.equal(h.model.numbers, undefined, 'another organisation: data cleared at once');
    assert.equal(h.calls[1].signal?.aborted, true, 'the request in flight is abandoned');
    h.calls[1].resolve([aNumber({ number: 19999999999 })]);
    await assert.rejects(late);
    assert.equal(h.model.numbers, undefined);
    const next = h.model.refresh();
    h.calls[2].resolve([aNumber({ number: 14165550100 })]);
    await next;
    assert.equal(h.model.organisationId, '9999001');
    h.signOut();
    assert.equal(h.model.numbers, undefined);
    assert.equal(h.model.inventory, undefined);
    await assert.rejects(h.model.refresh(), /not signed in/);
  });

  it('while the session is marked expired: keeps the data, stale, and sends nothing', async () => {
    const h = harness();
    const ok = h.model.refresh();
    h.calls[0].resolve([aNumber()]);
    await ok;
    h.expire();
    assert.equal(h.model.stale, true);
    await assert.rejects(h.model.refresh(), (e: Error) => e.name === 'SessionExpiredError');
    assert.equal(h.calls.length, 1);
    assert.equal(h.model.numbers!.length, 1);
  });

  it('regroups without a request when the warning window changes', async () => {
    const h = harness();
    const ok = h.model.refresh();
    h.calls[0].resolve([aNumber({ expires: new Date(NOW + 10 * 86_400_000).toISOString() })]);
    await ok;
    assert.equal(h.model.inventory!.expiryOf(0), 'expiring');
    h.model.configure({ expiryWarningDays: 5 });
    assert.equal(h.model.inventory!.expiryOf(0), 'ok');
    assert.equal(h.calls.length, 1);
  });
});
