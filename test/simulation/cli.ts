// `npm run simulate -- --seed S --runs N [--every P] [--verbose]`: N schedules, seeds S, S+1, …
// Every P schedules (default 100) a progress line goes to stderr; stdout ends with the one line
// `N schedules, M steps, K invariant violations`, after the first violating seed's shrunk
// schedule (replay it with `--seed <that seed> --runs 1`).
import fc from 'fast-check';
import { interleavingProperty, type RunResult } from './simulation';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(v)) throw new Error(`--${name} takes a whole number`);
  return v;
}

async function main(): Promise<void> {
  const seed = arg('seed', 1);
  const runs = arg('runs', 1000);
  const every = Math.max(1, arg('every', 100));
  const verbose = process.argv.includes('--verbose');
  const started = Date.now();
  let steps = 0;
  let violations = 0;
  let firstReport: string | undefined;
  const seeds: number[] = [];
  let done = 0;
  const summary = () => {
    if (seeds.length > 0)
      console.log(`violating seeds: ${seeds.slice(0, 50).join(' ')}${seeds.length > 50 ? ' …' : ''}`);
    console.log(`${done} schedules, ${steps} steps, ${violations} invariant violations`);
  };
  // Stopped early (a time limit, Ctrl+C): the line for what ran.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      if (firstReport) console.log(firstReport);
      summary();
      console.log(`(stopped after ${done} of ${runs} schedules)`);
      process.exit(1);
    });
  for (let i = 0; i < runs; i++) {
    const runSeed = seed + i;
    let last: RunResult | undefined;
    const out = await fc.check(
      interleavingProperty((r) => {
        last ??= r;
      }),
      // Only the first violation is shrunk (shrinking replays the scenario many times).
      { seed: runSeed, numRuns: 1, endOnFailure: firstReport !== undefined && !verbose },
    );
    steps += last?.steps ?? 0;
    done++;
    if (out.failed) {
      violations++;
      seeds.push(runSeed);
      if (verbose || firstReport === undefined) {
        const found = (last?.violations ?? []).join('\n  ');
        const shrunk = out.counterexample ? fc.stringify(out.counterexample) : '(none)';
        const why = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
        const text = `violation at seed ${runSeed} (replay: npm run simulate -- --seed ${runSeed} --runs 1)\n  ${found}\nshrunk (${out.numShrinks} shrinks): ${why}\n${shrunk}`;
        if (firstReport === undefined) firstReport = text;
        else console.log(text);
      }
    }
    if ((i + 1) % every === 0 && i + 1 < runs) {
      const seconds = Math.round((Date.now() - started) / 1000);
      const recent = seeds.length > 0 ? ` (last at seed ${seeds[seeds.length - 1]})` : '';
      process.stderr.write(
        `… ${i + 1}/${runs} schedules, ${steps} steps, ${violations} invariant violations${recent}, ${seconds} s\n`,
      );
    }
  }
  if (firstReport) console.log(firstReport);
  summary();
  process.exitCode = violations > 0 ? 1 : 0;
}

void main();
