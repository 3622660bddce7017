import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { demo, startSimulator, type Simulator } from '../../simulator';
import {
  SinchClient,
  type InstanceApi,
  type ListProgress,
  type NumberCollector,
  type SinchClientOptions,
} from '../../../src/sinch/client';
import { SinchApiError } from '../../../src/sinch/errors';
import type { Money, RentedNumber } from '../../../src/sinch/types';
import type { ValueSharing } from '../../../src/sinch/wire';

/**
 * The numbers list read as it arrives: elements checked one by one while the rest is still on
 * the wire, progress as it goes, a cancel or a bad element ending the transfer at once.
 */

const SECRET = Buffer.from('a test secret of sixteen+ bytes').toString('base64');
const CREDS = { id: 'instance-1', secret: SECRET };
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

/** Counts the numbers and remembers them; shares strings through a Map, as the model does. */
function counting(): NumberCollector<RentedNumber[]> & { texts: Map<string, string> } {
  const list: RentedNumber[] = [];
  const texts = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const share: ValueSharing = {
    text: (s) => texts.get(s) ?? (texts.set(s, s), s),
    strings: (l) => lists.get(l.join()) ?? (lists.set(l.join(), [...l]), lists.get(l.join())!),
    money: (m: Money) => Object.freeze({ ...m }),
  };
  return { share, texts, add: (n) => void list.push(n), finish: () => list };
}

describe('SinchClient: lists read as they arrive', function () {
  this.timeout(30_000);

  describe('against the simulator', () => {
    let sim: Simulator;
    let api: (extra?: SinchClientOptions) => InstanceApi;

    before(async () => {
      sim = await startSimulator({ dataset: 'scale', scale: { numbers: 3000, applications: 20 } });
      const client = new SinchClient({ endpoints: { userApi: sim.url, api: sim.url, portalApi: sim.url } });
      const { authorization } = await client.login({ type: 'email', endpoint: demo.user.email }, demo.user.password);
      const instance = await client.createInstance(authorization, { os: 'test', platform: 'unit' });
      api = (extra = {}) =>
        new SinchClient({ endpoints: { userApi: sim.url, api: sim.url, portalApi: sim.url }, ...extra }).instance(
          instance,
        );
    });
    after(async () => sim?.close());
    beforeEach(() => sim.faults.clear());

    it('hands every number, checked and with shared values, to one collector; reports progress as parts arrive', async () => {
      const progress: ListProgress[] = [];
      let collectors = 0;
      let collector: ReturnType<typeof counting> | undefined;
      const list = await api().streamRentedNumbers(
        demo.orgId,
        () => {
          collectors++;
          return (collector = counting());
        },
        { onProgress: (p) => progress.push({ ...p }) },
      );
      assert.equal(collectors, 1);
      assert.deepEqual(list, sim.state.listNumbers(demo.orgId));
      assert.ok(progress.length > 1, `${progress.length} progress reports`);
      assert.deepEqual(
        progress.map((p) => p.items),
        [...progress.map((p) => p.items)].sort((a, b) => a - b),
        'items only grow',
      );
      assert.equal(progress.at(-1)?.items, 3000);
      assert.ok(progress.every((p, i) => i === 0 || p.bytes >= progress[i - 1].bytes));
      // One string per distinct city and key, however many numbers share it.
      const distinct = new Set(
        list.flatMap((n) => [n.city, n.country, n.countryId, n.areaCode, n.applicationKey ?? '']),
      );
      assert.ok(
        collector!.texts.size <= distinct.size,
        `${collector!.texts.size} shared strings for ${distinct.size} distinct ones`,
      );
      assert.ok(list.every((n) => n.city === collector!.texts.get(n.city)));
      assert.equal(new Set(list.map((n) => n.capabilities)).size, 3, 'one array per set of capabilities');
    });

    it('a list that keeps arriving is not cut off by the timeout; the timeout is for silence', async () => {
      sim.faults.inject('listNumbers', { kind: 'slow', bytesPerSecond: 512 * 1024 });
      const t0 = performance.now();
      const list = await api({ timeoutMs: 300 }).listRentedNumbers(demo.orgId);
      assert.equal(list.length, 3000);
      assert.ok(performance.now() - t0 > 600, 'the list took longer than the timeout');
    });

    it('a cancel during the transfer ends it at once, with what arrived so far left behind', async () => {
      sim.faults.inject('listNumbers', { kind: 'slow', bytesPerSecond: 64 * 1024 });
      const abort = new AbortController();
      let seen = 0;
      const pending = api().streamRentedNumbers(demo.orgId, counting, {
        signal: abort.signal,
        onProgress: (p) => {
          seen = p.items;
          if (p.items > 0) abort.abort();
        },
      });
      const t0 = performance.now();
      const e = await pending.catch((x: unknown) => x);
      assert.ok(e instanceof SinchApiError, String(e));
      assert.equal(e.kind, 'cancelled');
      assert.ok(seen > 0 && seen < 3000, `${seen} numbers had arrived`);
      assert.ok(performance.now() - t0 < 2000, 'not after the rest of the list');
    });
  });

  describe('on the wire', () => {
    let server: http.Server;
    let url: string;
    let reply: (res: http.ServerResponse) => void;
    let closedEarly: Promise<void>;

    const api = () => new SinchClient({ endpoints: { portalApi: url }, sleep: async () => {} }).instance(CREDS);

    before(async () => {
      server = http.createServer((_req, res) => {
        closedEarly = new Promise((resolve) => res.on('close', () => resolve()));
        reply(res);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => {
      server.closeAllConnections();
      server.close();
    });

    /** A 200 list that starts with `head`, then trickles valid numbers every 20 ms until the client hangs up. */
    const trickle = (head: string) => (res: http.ServerResponse) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(head);
      let n = 0;
      const timer = setInterval(() => res.write(`,${JSON.stringify(aNumber(14150100000 + n++))}`), 20);
      res.on('close', () => clearInterval(timer));
    };

    it('a number of the wrong shape stops the transfer at once: the error names the status', async () => {
      reply = trickle(`[${JSON.stringify(aNumber(14150005550))},{"number":"14150005551"}`);
      const e = await api()
        .listRentedNumbers('1')
        .catch((x: unknown) => x);
      assert.ok(e instanceof SinchApiError);
      assert.equal(e.message, 'Sinch answered 200 with JSON that is not a list of numbers.');
      await closedEarly;
    });

    it('broken JSON in the middle of a list stops the transfer at once', async () => {
      reply = trickle(`[${JSON.stringify(aNumber(14150005550))},{"number":14150005551,,}`);
      const e = await api()
        .listRentedNumbers('1')
        .catch((x: unknown) => x);
      assert.ok(e instanceof SinchApiError);
      assert.equal(e.message, 'Sinch answered 200 with JSON that is cut off or malformed.');
      await closedEarly;
    });

    it('an object instead of the list, and an HTML page, are judged whole', async () => {
      reply = (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"numbers": []}');
      let e = await api()
        .listRentedNumbers('1')
        .catch((x: unknown) => x);
      assert.equal((e as Error).message, 'Sinch answered 200 with JSON that is not a list of numbers.');
      reply = (res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>[login]</body></html>');
      e = await api()
        .listRentedNumbers('1')
        .catch((x: unknown) => x);
      assert.equal((e as Error).message, 'Sinch answered 200 with a body that is not JSON.');
    });
  });
});
