// Our refresh (one organisation-wide list) against the strategies of tools that load numbers
// per application or page by page: same client, same simulator, same added latency, runs
// interleaved so that all strategies see the same machine load.
import { SinchClient, type InstanceApi } from '../src/sinch/client';
import type { Simulator } from '../test/simulator';
import { demo } from '../test/simulator';
import { countsDelta, median, total, type Row } from './report';

export const LATENCY_MS = 50;
const RUNS = 5;
const PAGE_SIZE = 10;
/** Browsers open six connections per host: the most a careful naive client would use. */
const PARALLEL = 6;
/** Paged pages timed per run; 2,000 sequential pages would take about two minutes per run. */
const PAGES_TIMED = 50;

interface Strategy {
  name: string;
  detail: string;
  /** Requests the full operation sends. */
  requests: number;
  /** Runs the strategy once (or its timed sample). */
  run(): Promise<unknown>;
  /** The full operation's time from one run's time (1 unless only a sample is timed). */
  scale: number;
}

async function sequential<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  for (const item of items) await fn(item);
}

async function pooled<T>(items: readonly T[], width: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

export async function signedInApi(sim: Simulator): Promise<InstanceApi> {
  const client = new SinchClient({ endpoints: { userApi: sim.url, api: sim.url, portalApi: sim.url } });
  const { authorization } = await client.login({ type: 'email', endpoint: demo.user.email }, demo.user.password);
  return client.instance(await client.createInstance(authorization, { os: 'bench', platform: 'npm run bench' }));
}

/** Expects `sim` loaded with the dataset to compare on; leaves its latency at 0. */
export async function sideBySide(sim: Simulator, datasetLabel: string): Promise<Row[]> {
  const api = await signedInApi(sim);
  const all = await api.listRentedNumbers(demo.orgId);
  // Assumption: a naive tool gets the application keys from an applications endpoint for free
  // (not sent, not counted); Sinch has none, so they come from this untimed list.
  const byApp = new Map<string, number>();
  for (const n of all) if (n.applicationKey) byApp.set(n.applicationKey, (byApp.get(n.applicationKey) ?? 0) + 1);
  const keys = [...byApp.keys()];
  const unassigned = all.length - [...byApp.values()].reduce((a, b) => a + b, 0);
  // A page costs one signed GET with a small answer: the smallest application's numbers.
  const [pageKey, pageKeySize] = [...byApp.entries()].sort((a, b) => a[1] - b[1])[0];
  const pages = Math.ceil(all.length / PAGE_SIZE);
  const timedPages = Math.min(pages, PAGES_TIMED);

  const strategies: Strategy[] = [
    {
      name: 'ours, one organisation-wide list',
      detail: 'GET …/organisations/id/{org}/numbers',
      requests: 1,
      scale: 1,
      run: () => api.listRentedNumbers(demo.orgId),
    },
    {
      name: '(a) per application, one at a time',
      requests: keys.length,
      scale: 1,
      detail: `GET …/applications/key/{key}/numbers × ${keys.length}; misses the ${unassigned} unassigned numbers`,
      run: () => sequential(keys, (k) => api.listApplicationNumbers(k)),
    },
    {
      name: `(a') per application, ${PARALLEL} at a time`,
      requests: keys.length,
      scale: 1,
      detail: `as (a), ${PARALLEL} requests in flight`,
      run: () => pooled(keys, PARALLEL, (k) => api.listApplicationNumbers(k)),
    },
    {
      name: `(b) pages of ${PAGE_SIZE}, one at a time`,
      requests: pages,
      scale: pages / timedPages,
      detail:
        `${pages} pages; each page modelled as one signed GET of the smallest application (${pageKeySize} numbers); ` +
        (timedPages < pages
          ? `${timedPages} pages timed per run, × ${pages / timedPages} (sequential, same cost)`
          : 'all pages timed'),
      run: () => sequential(Array.from({ length: timedPages }), () => api.listApplicationNumbers(pageKey)),
    },
  ];

  sim.setLatency(LATENCY_MS);
  const times = strategies.map(() => [] as number[]);
  const sent = strategies.map(() => [] as number[]);
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const [i, s] of strategies.entries()) {
        const before = sim.counters();
        const started = performance.now();
        await s.run();
        times[i].push((performance.now() - started) * s.scale);
        sent[i].push(total(countsDelta(before, sim.counters())) * s.scale);
      }
    }
  } finally {
    sim.setLatency(0);
  }

  const section = 'vs naive';
  const setup = `${datasetLabel}, +${LATENCY_MS} ms per response, same simulator, runs interleaved`;
  const rows: Row[] = [];
  for (const [i, s] of strategies.entries()) {
    // The simulator's count must agree with what the strategy claims to send.
    if (sent[i].some((n) => n !== s.requests))
      throw new Error(`${s.name}: the simulator counted ${sent[i].join(', ')} requests, expected ${s.requests}`);
    const ms = median(times[i]);
    rows.push({
      section,
      measure: `${s.name}: time`,
      value: ms,
      unit: 'ms',
      samples: times[i],
      detail: i === 0 ? `${s.detail}; ${setup}` : s.detail,
    });
    if (i === 0) {
      rows.push({
        section,
        measure: `${s.name}: requests`,
        value: s.requests,
        unit: 'requests',
        budget: '= 1',
        ok: s.requests === 1,
      });
    } else {
      rows.push({
        section,
        measure: `${s.name}: requests`,
        value: s.requests,
        unit: 'requests',
        detail: `${s.requests}× ours`,
      });
      const ratios = times[i].map((t, run) => t / times[0][run]);
      rows.push({
        section,
        measure: `${s.name}: time ÷ ours`,
        value: median(ratios),
        unit: 'x',
        samples: ratios,
        detail: 'median over runs of (its time ÷ ours in the same run)',
      });
    }
  }
  return rows;
}
