// The simulator at the largest scale: how long it takes to generate 200,000 numbers, and that
// it streams its answer (the first byte leaves long before the last). Plain Node, in process.
import nodeFetch from 'node-fetch';
import { SinchClient } from '../src/sinch/client';
import { isoTimestamp, signedHeaders } from '../src/sinch/signing';
import { demo, largeScale, type Simulator } from '../test/simulator';
import { median, timing, type Row } from './report';

const RUNS = 3;

export async function simulatorRows(sim: Simulator): Promise<Row[]> {
  const generation: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    sim.reset('scale', largeScale);
    generation.push(performance.now() - t0);
  }
  const client = new SinchClient({ endpoints: { userApi: sim.url, api: sim.url, portalApi: sim.url } });
  const { authorization } = await client.login({ type: 'email', endpoint: demo.user.email }, demo.user.password);
  const instance = await client.createInstance(authorization, { os: 'bench', platform: 'npm run bench' });
  const path = `/v1/organisations/id/${demo.orgId}/numbers`;
  const first: number[] = [];
  const last: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const headers = signedHeaders(
      { method: 'GET', path },
      { scheme: 'instance', id: instance.id, secret: instance.secret },
      isoTimestamp(Date.now()),
    );
    const t0 = performance.now();
    const res = await nodeFetch(`${sim.url}${path}`, { headers });
    bytes = 0;
    for await (const chunk of res.body) {
      if (bytes === 0) first.push(performance.now() - t0);
      bytes += (chunk as Buffer).length;
    }
    last.push(performance.now() - t0);
  }
  // In one process the two share a heap and an event loop: the first write lands about 0.1 s in.
  const streams = median(first) < median(last) / 4;
  return [
    timing(
      'simulator',
      'generate the scale dataset: 200,000 numbers in 2,000 applications',
      generation,
      2000,
      `loadDataset('scale', ${JSON.stringify(largeScale)}); the largest application holds over 50,000`,
    ),
    {
      section: 'simulator',
      measure: 'list of 200,000 numbers: first byte',
      value: median(first),
      unit: 'ms',
      samples: first,
      budget: 'streamed (first byte before a quarter of the whole)',
      ok: streams,
      detail: `last byte after ${median(last).toFixed(0)} ms; ${(bytes / 2 ** 20).toFixed(1)} MiB, chunked, serialised 500 numbers at a time; client and simulator in one process`,
    },
  ];
}
