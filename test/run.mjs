// `npm test`: every layer, one summary line.
//   node test/run.mjs [checks] [unit] [integration] [e2e] [--repeat N]   (default: all, in that order)
// checks = type-check + lint; unit = plain Node; integration = mocha inside the real extension
// host; e2e = Playwright driving the real workbench. The last line is `N passed, N failed`
// (plus `, N skipped`), totalled over every layer; the exit code is non-zero on any failure.
// Type-check, lint and unit run in the background beside the integration layer (beside each
// other without it); their output is printed when they end.
// --repeat N (or SINCH_TEST_REPEAT=N) runs the integration and e2e layers up to N times each and
// stops at the first failing run, so its screenshots and traces (.test-output/) are the ones kept.
// SINCH_TEST_GREP=<regex> runs only the matching integration and e2e tests.
// SINCH_TEST_SLOWEST=N prints, per layer, each file's suite time and the N slowest tests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from './harness/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reporter = path.join(root, 'test', 'support', 'countingReporter.cjs');
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const layerLines = [];
const timings = [];
// SINCH_TEST_SLOWEST=N lists each layer's suites by wall time and its N slowest tests.
const slowest = Number(process.env.SINCH_TEST_SLOWEST) || 0;

function bin(name) {
  return path.join(root, 'node_modules', '.bin', name);
}

/** Runs a step in the foreground (its output goes straight through); background steps go on meanwhile. */
function runStep(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    const end = (ok) => resolve({ ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
    child.on('error', (e) => {
      console.error(e.message);
      end(false);
    });
    child.on('exit', (code) => end(code === 0));
  });
}

/** Counts a check that is one test: type-check, lint, build, package. */
function countCheck(title, ok, seconds) {
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failures.push(title);
  }
  layerLines.push(`${title}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`);
  return ok;
}

async function check(title, cmd, args) {
  const { ok, seconds } = await runStep(title, cmd, args);
  return countCheck(title, ok, seconds);
}

/**
 * Runs steps one after another in the background, each one's output kept in a file (the
 * foreground step's output goes to the terminal meanwhile). `finish()` waits for the last, then
 * prints each step's output and hands its verdict to `count(ok, seconds)`.
 */
function inBackground(steps) {
  const outputs = [];
  const run = async () => {
    for (const step of steps) {
      const started = Date.now();
      const logFile = path.join(os.tmpdir(), `sinch-numbers-${step.title.replace(/\W+/g, '-')}-${process.pid}.log`);
      const fd = fs.openSync(logFile, 'w');
      const ok = await new Promise((resolve) => {
        const child = spawn(step.cmd, step.args, {
          cwd: root,
          stdio: ['ignore', fd, fd],
          env: { ...process.env, ...step.env },
        });
        child.on('error', (e) => {
          fs.writeSync(fd, `${e.message}\n`);
          resolve(false);
        });
        child.on('exit', (code) => resolve(code === 0));
      });
      fs.closeSync(fd);
      outputs.push({
        step,
        ok,
        seconds: ((Date.now() - started) / 1000).toFixed(1),
        text: fs.readFileSync(logFile, 'utf8'),
      });
      fs.rmSync(logFile, { force: true });
    }
  };
  const done = run();
  return {
    async finish() {
      await done;
      for (const { step, ok, seconds, text } of outputs) {
        console.log(`\n=== ${step.title} (ran in the background)`);
        process.stdout.write(text);
        step.count(ok, seconds);
      }
    },
  };
}

/** A mocha run whose counts come back through the counting reporter. */
function addResults(layer, file, exitedOk, seconds) {
  let r;
  try {
    r = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    r = null;
  }
  if (!r) {
    totals.failed++;
    failures.push(`${layer}: the suite did not report results`);
    layerLines.push(`${layer}: no results (${seconds} s)`);
    return;
  }
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
  if (slowest > 0) timings.push({ layer, suites: r.suites ?? [], tests: r.durations ?? [] });
  for (const f of r.failures) failures.push(`${layer}: ${f.title}`);
  if (!exitedOk && r.failed === 0) {
    totals.failed++;
    failures.push(`${layer}: the runner failed outside any test`);
  }
  layerLines.push(
    `${layer}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} (${seconds} s)`,
  );
}

function resultsFile(layer) {
  const f = path.join(os.tmpdir(), `sinch-numbers-${layer}-${process.pid}.json`);
  fs.rmSync(f, { force: true });
  return f;
}

/** `--repeat N` / `--repeat=N`, else SINCH_TEST_REPEAT, else 1; the other arguments are layers. */
function parseArgs(argv) {
  const rest = [];
  let repeat = process.env.SINCH_TEST_REPEAT;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--repeat') repeat = argv[++i];
    else if (a.startsWith('--repeat=')) repeat = a.slice('--repeat='.length);
    else rest.push(a);
  }
  const n = repeat === undefined || repeat === '' ? 1 : Number(repeat);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--repeat wants a whole number of runs, 1 or more (got ${JSON.stringify(repeat)}).`);
    process.exit(2);
  }
  return { layers: rest, repeat: n };
}

const { layers: requested, repeat } = parseArgs(process.argv.slice(2));
const known = ['checks', 'unit', 'integration', 'e2e', 'build'];
const unknown = requested.filter((l) => !known.includes(l));
if (unknown.length) {
  console.error(`Unknown layer ${unknown.join(', ')}: choose from ${known.join(', ')}.`);
  process.exit(2);
}
const layers = requested.length ? requested : ['checks', 'unit', 'integration', 'e2e'];
const outputDir = path.join(root, '.test-output');
const needsBrowser = layers.includes('integration') || layers.includes('e2e');

if (needsBrowser) {
  try {
    chromiumPath();
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
}

const typeCheck = { title: 'type-check (tsc --noEmit)', cmd: bin('tsc'), args: ['--noEmit', '-p', '.'] };
// Lint is ESLint and Prettier's check (package.json's lint script).
const lint = { title: 'lint (eslint, prettier)', cmd: 'npm', args: ['run', '--silent', 'lint'] };
for (const c of [typeCheck, lint]) c.count = (ok, seconds) => countCheck(c.title, ok, seconds);
const unitResults = resultsFile('unit');
const unit = {
  title: 'unit tests (plain Node)',
  cmd: bin('mocha'),
  args: ['--node-option', 'import=tsx', '--reporter', reporter, '--timeout', '20000', 'test/unit/**/*.test.ts'],
  env: { SINCH_TEST_RESULTS: unitResults },
  count: (ok, seconds) => addResults('unit', unitResults, ok, seconds),
};

// The unit layer checks the package contents, which include the bundle: build first.
if (needsBrowser || layers.includes('unit') || layers.includes('build')) {
  await check('build (esbuild)', process.execPath, ['esbuild.mjs', '--tests']);
}

// Type-check, lint and the unit tests only read the sources and the build. The integration layer
// waits on its extension host much of the time, so they run beside it, one at a time; without it,
// type-check and lint run beside the unit tests.
let background;
if (layers.includes('integration')) {
  background = inBackground([
    ...(layers.includes('unit') ? [unit] : []),
    ...(layers.includes('checks') ? [typeCheck, lint] : []),
  ]);
} else {
  background = inBackground(layers.includes('checks') ? [typeCheck, lint] : []);
  if (layers.includes('unit')) {
    const { ok, seconds } = await runStep(unit.title, unit.cmd, unit.args, unit.env);
    unit.count(ok, seconds);
  }
}

/**
 * Runs a layer `repeat` times, stopping at the first run with a failure (its output in
 * .test-output/ is then the failing run's). Returns false when a run failed.
 */
async function repeated(layer, runOnce) {
  for (let i = 1; i <= repeat; i++) {
    const label = repeat > 1 ? `${layer} (run ${i} of ${repeat})` : layer;
    const before = totals.failed;
    await runOnce(label);
    if (totals.failed > before) {
      if (repeat > 1) layerLines.push(`${layer}: stopped at run ${i} of ${repeat}, the first that failed`);
      return false;
    }
  }
  return true;
}

if (layers.includes('integration')) {
  await repeated('integration', async (label) => {
    const file = resultsFile('integration');
    const { ok, seconds } = await runStep(
      `integration tests (inside the VS Code extension host)${label === 'integration' ? '' : `: ${label}`}`,
      process.execPath,
      ['test/harness/integrationMain.mjs'],
      { SINCH_TEST_RESULTS: file, SINCH_TEST_REPORTER: reporter },
    );
    addResults(label, file, ok, seconds);
  });
}

// Before packaging: it rebuilds the bundle that the unit tests' package listing reads.
await background.finish();

if (layers.includes('e2e')) {
  // The e2e layer installs the packaged .vsix, as a user would.
  if (
    await check('package (.vsix)', process.execPath, [
      path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
      'package',
      '--no-dependencies',
    ])
  ) {
    const grep = process.env.SINCH_TEST_GREP ? ['--grep', process.env.SINCH_TEST_GREP] : [];
    await repeated('e2e', async (label) => {
      // Each run starts with empty screenshot and trace folders: what is there afterwards is this run's.
      for (const dir of ['screenshots', 'traces'])
        fs.rmSync(path.join(outputDir, dir), { recursive: true, force: true });
      const file = resultsFile('e2e');
      const { ok, seconds } = await runStep(
        `end-to-end tests (Playwright in the real workbench)${label === 'e2e' ? '' : `: ${label}`}`,
        bin('mocha'),
        [
          '--node-option',
          'import=tsx',
          '--reporter',
          reporter,
          '--timeout',
          '120000',
          '--require',
          'test/e2e/fixture.ts',
          ...grep,
          'test/e2e/**/*.test.ts',
        ],
        { SINCH_TEST_RESULTS: file },
      );
      addResults(label, file, ok, seconds);
    });
    const traces = path.join(outputDir, 'traces');
    if (fs.existsSync(traces) && fs.readdirSync(traces).length > 0) {
      layerLines.push(
        `e2e traces of the failed tests: ${path.relative(root, traces)}/ (npx playwright-core show-trace --host 127.0.0.1 --port 9323 <file>)`,
      );
    }
  }
}

if (slowest > 0) {
  console.log('\n=== where the time went');
  for (const { layer, suites, tests } of timings) {
    console.log(`  ${layer}: suites`);
    for (const s of [...suites].sort((a, b) => b.ms - a.ms))
      console.log(`    ${(s.ms / 1000).toFixed(1).padStart(6)} s  ${s.title}`);
    console.log(`  ${layer}: the ${slowest} slowest tests`);
    for (const t of [...tests].sort((a, b) => b.ms - a.ms).slice(0, slowest))
      console.log(`    ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.title}`);
  }
}

console.log('\n=== summary');
for (const line of layerLines) console.log(`  ${line}`);
if (failures.length) {
  console.log('Failures:');
  for (const f of failures) console.log(`  - ${f}`);
}
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
