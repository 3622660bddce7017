// `npm run bench`: measured speed and cost of the extension, with budgets. Prints one table
// and writes it to .test-output/bench.json; a missed budget prints FAIL and exits 1.
// Not part of `npm test`. Phases: bundle, side by side and code insights (plain Node), inside
// the extension host (five window loads), in the browser. One in-process simulator serves all of them.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { vsixPath } from '../test/harness/install';
import { startSimulator, type Simulator } from '../test/simulator';
import { browserTimings } from './browser';
import { insightsTimings } from './insights';
import { table, timing, type Row } from './report';
import { sideBySide } from './sideBySide';
import { simulatorRows } from './simulatorBench';

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'dist', 'extension.js');
const WINDOW_LOADS = 5;
const KB = 1024;

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

function run(title: string, cmd: string, args: string[]): void {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0)
    throw new Error(
      `${title} failed (exit ${r.status}):\n${(r.stdout ?? '').slice(-2000)}\n${(r.stderr ?? '').slice(-2000)}`,
    );
  console.log(`${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const digest = () => createHash('sha1').update(fs.readFileSync(bundle)).digest('hex');

function sizes(): Row[] {
  run('package (.vsix)', 'npm', ['run', '--silent', 'package']);
  // After packaging (whose prepublish builds the same bundle): the extension and the bench suite.
  run('build (production bundle + host suites)', process.execPath, ['esbuild.mjs', '--production', '--tests']);
  const kb = fs.statSync(bundle).size / KB;
  // About 120 KB are libphonenumber-js and node-fetch; the rest is ours. What a user feels of the
  // size is the activation time, budgeted on its own below.
  return [
    {
      section: 'bundle',
      measure: 'dist/extension.js, minified',
      value: kb,
      unit: 'KB',
      budget: '< 360 KB',
      ok: kb < 360,
      detail: 'node esbuild.mjs --production (KB = 1,024 bytes)',
    },
    {
      section: 'bundle',
      measure: path.basename(vsixPath()),
      value: fs.statSync(vsixPath()).size / KB,
      unit: 'KB',
      detail: 'npm run package',
    },
  ];
}

/** Window loads in the VS Code server, each a fresh extension host; the first also runs the tree and request measurements. */
async function inHost(settings: Record<string, unknown>, sim: Simulator): Promise<Row[]> {
  const { runIntegrationSuite } = await import('../test/harness/runInVSCode.mjs');
  const rows: Row[] = [];
  const activation: number[] = [];
  for (let i = 0; i < WINDOW_LOADS; i++) {
    const file = path.join(os.tmpdir(), `sinch-bench-${process.pid}-${i}.json`);
    fs.rmSync(file, { force: true });
    const code = await runIntegrationSuite({
      settings,
      env: {
        SINCH_SIMULATOR_URL: sim.url,
        SINCH_BENCH: '1',
        SINCH_BENCH_OUT: file,
        SINCH_TEST_GREP: i === 0 ? 'benchmark' : 'benchmark activation',
      },
    });
    const result: { activationMs?: number; rows: Row[] } = fs.existsSync(file)
      ? JSON.parse(fs.readFileSync(file, 'utf8'))
      : { rows: [] };
    fs.rmSync(file, { force: true });
    if (code !== 0)
      rows.push({
        section: 'host',
        measure: `window load ${i + 1}: the bench suite failed (see its output above)`,
        value: code,
        unit: 'x',
        budget: 'passes',
        ok: false,
      });
    if (result.activationMs !== undefined) activation.push(result.activationMs);
    if (i === 0) rows.push(...result.rows);
  }
  rows.unshift(
    timing(
      'activation',
      'activate() in the extension host',
      activation,
      30,
      `ExtensionApi.activationMs, median of ${activation.length} window loads (a fresh extension host each), production bundle`,
    ),
  );
  return rows;
}

async function main(): Promise<void> {
  const started = Date.now();
  const info = machine();
  console.log(
    `Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGB} GB, Node ${info.node}, ${info.os}, load ${info.loadAverage.join(' ')}`,
  );
  const rows: Row[] = [];
  const warnings: string[] = [];

  rows.push(...sizes());
  const built = digest();

  const sim = await startSimulator({ dataset: 'scale' });
  const settings = {
    'sinchNumbers.endpoints.userApi': sim.url,
    'sinchNumbers.endpoints.api': sim.url,
    'sinchNumbers.endpoints.portalApi': sim.url,
  };
  try {
    console.log('side by side (plain Node)…');
    rows.push(...(await sideBySide(sim, '20,000 numbers in 200 applications')));
    console.log('code insights (plain Node)…');
    rows.push(...(await insightsTimings(sim, '200 applications')));
    console.log('the simulator at 200,000 numbers…');
    rows.push(...(await simulatorRows(sim)));
    sim.reset('demo');
    console.log('inside the extension host…');
    rows.push(...(await inHost(settings, sim)));
    if (digest() !== built)
      warnings.push(
        'dist/extension.js was rebuilt by someone else during the run: the activation and tree timings may come from another build.',
      );
    console.log('in the browser…');
    rows.push(...(await browserTimings(sim, settings)));
  } finally {
    await sim.close();
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  const report = { machine: info, date: new Date().toISOString(), seconds, rows, warnings };
  const out = path.join(root, '.test-output', 'bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(report, null, 2));

  console.log(
    `\nMachine: ${info.cpu}, ${info.cores} cores, ${info.memoryGB} GB RAM, Node ${info.node}, ${info.os}; load average at start ${info.loadAverage.join(' ')}`,
  );
  console.log(`Timings: medians of 5 runs. Run took ${seconds} s. JSON: ${path.relative(root, out)}\n`);
  console.log(table(rows));
  for (const w of warnings) console.log(`\nWARNING: ${w}`);
  const failed = rows.filter((r) => r.ok === false);
  for (const r of failed) console.log(`FAIL: ${r.section} / ${r.measure}: ${r.value} ${r.unit} (budget ${r.budget})`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
