// Code insights at scale, in plain Node: what the extension does per document check (one
// detection pass, then a map lookup per candidate and the rules) on a 10,000-line document
// against the organisation's 20,000 numbers, as the client received them from the simulator.
//   npx tsx bench/insights.ts     (alone; `npm run bench` runs it too)
import { CodeIndex } from '../src/insights/codeIndex';
import { detect } from '../src/numbers/numberCandidates';
import { analyse } from '../src/insights/rules';
import { buildInventory } from '../src/numbers/inventory';
import type { RentedNumber } from '../src/sinch/types';
import { demo, startSimulator, type Simulator } from '../test/simulator';
import { median, table, timing, type Row } from './report';
import { signedInApi } from './sideBySide';

const LINES = 10_000;
const RUNS = 9;
/** The extension checks documents again and again (every change, every refresh): JIT-warm is the usual case; the cold first check is reported too. */
const WARM_UPS = 3;

/**
 * A config-and-code document: every 4th line writes a number (rented ones in four forms, and
 * unrented E.164), every 50th the application key, the rest code.
 */
export function sampleDocument(numbers: readonly RentedNumber[], lines = LINES): string {
  const keys = [...new Set(numbers.map((n) => n.applicationKey).filter((k): k is string => !!k))];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const n = numbers[(i * 7919) % numbers.length].number;
    // The same key throughout: the file has one application, so every other number is checked against it.
    if (i % 50 === 0) out.push(`APPLICATION_KEY_${i}=${i % 100 === 0 ? keys[0] : keys[0].toUpperCase()}`);
    else if (i % 4 === 0) {
      const forms = [
        `CALLER_${i}=+${n}`,
        `  "from": "${n}",`,
        `send(to="+${n}")  # main line`,
        `FALLBACK_${i}=+1415555${String(i % 10_000).padStart(4, '0')}`,
      ];
      out.push(forms[(i / 4) % forms.length]);
    } else
      out.push(
        `    const value${i} = compute(${i}, "text ${i}", 2024-01-15, "v1.2.${i}"); // ${i % 7 === 0 ? 'a comment with words' : ''}`,
      );
  }
  return out.join('\n');
}

/** Expects `sim` loaded with the scale dataset. */
export async function insightsTimings(sim: Simulator, datasetLabel: string): Promise<Row[]> {
  const numbers = await (await signedInApi(sim)).listRentedNumbers(demo.orgId);
  const inventory = buildInventory(numbers, { now: Date.now(), expiryWarningDays: 30 });
  const buildStarted = performance.now();
  const index = new CodeIndex(inventory, { id: demo.orgId, name: 'Acme' });
  const buildMs = performance.now() - buildStarted;
  const text = sampleDocument(numbers);
  const options = { unrented: 'information' as const, labels: {}, now: Date.now() };

  const check = () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const candidates = detect(text);
    const detected = performance.now();
    const findings = analyse(candidates, index, options);
    const used = process.cpuUsage(cpu);
    // CPU time beside wall time: on a shared machine the difference is the wait for a core.
    return {
      total: performance.now() - started,
      cpu: (used.user + used.system) / 1000,
      detect: detected - started,
      candidates: candidates.length,
      findings: findings.length,
    };
  };
  const cold = check();
  for (let i = 1; i < WARM_UPS; i++) check();
  const runs = Array.from({ length: RUNS }, check);
  const kb = Math.round(text.length / 1024);
  const detail =
    `${LINES.toLocaleString('en')} lines (${kb} KB), ${runs[0].candidates} candidates, ${runs[0].findings} findings, ${numbers.length.toLocaleString('en')} numbers in ${datasetLabel}; ` +
    `detection ${median(runs.map((r) => r.detect)).toFixed(1)} ms; CPU time ${median(runs.map((r) => r.cpu)).toFixed(1)} ms; first run ${cold.total.toFixed(1)} ms; ` +
    `index from the model's inventory ${buildMs.toFixed(2)} ms`;
  return [
    timing(
      'code insights',
      'check a 10,000-line document (detect + rules)',
      runs.map((r) => r.total),
      30,
      detail,
    ),
  ];
}

if (require.main === module) {
  void (async () => {
    const sim = await startSimulator({ dataset: 'scale' });
    try {
      const rows = await insightsTimings(sim, '200 applications');
      console.log(table(rows));
      process.exitCode = rows.some((r) => r.ok === false) ? 1 : 0;
    } finally {
      await sim.close();
    }
  })();
}
