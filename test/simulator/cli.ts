/**
 * `npm run simulator -- --port <n> [--dataset demo|scale|empty] [--numbers N --applications M [--pool P]]
 *  [--latency ms] [--reservation-ttl ms] [--signature reference|leading-slash]
 *  [--organisations object|list|several] [--assign-scope capability|whole-set] [--quiet]`
 * The first line is exactly `Sinch simulator listening on http://127.0.0.1:<port>`; scripts wait for it.
 */
import { parseArgs } from 'node:util';
import { datasetNames, demo, type DatasetName } from './datasets';
import { startSimulator } from './index';
import { parseDialect, type Dialect } from './dialect';

const usage =
  'usage: simulator --port <n> [--dataset demo|scale|empty] [--numbers N --applications M [--pool P]] [--latency ms] [--reservation-ttl ms] ' +
  '[--signature reference|leading-slash] [--organisations object|list|several] [--assign-scope capability|whole-set] [--quiet]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, not '${value}'.`);
  return Number(value);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        dataset: { type: 'string', default: 'demo' },
        numbers: { type: 'string' },
        applications: { type: 'string' },
        pool: { type: 'string' },
        latency: { type: 'string' },
        'reservation-ttl': { type: 'string' },
        signature: { type: 'string' },
        organisations: { type: 'string' },
        'assign-scope': { type: 'string' },
        quiet: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail((err as Error).message);
  }
  const dataset = values.dataset as string;
  if (!datasetNames.includes(dataset as DatasetName)) fail(`--dataset must be one of ${datasetNames.join(', ')}.`);
  const port = wholeNumber(values.port as string, 'port')!;
  if (port > 65535) fail('--port must be at most 65535.');
  const numbers = wholeNumber(values.numbers as string | undefined, 'numbers');
  const applications = wholeNumber(values.applications as string | undefined, 'applications');
  const pool = wholeNumber(values.pool as string | undefined, 'pool');
  let dialect: Partial<Dialect>;
  try {
    dialect = parseDialect({
      signature: values.signature,
      organisations: values.organisations,
      assignScope: values['assign-scope'],
    });
  } catch (err) {
    fail(`--${(err as Error).message.replace('assignScope', 'assign-scope')}`);
  }

  const sim = await startSimulator({
    port,
    dataset: dataset as DatasetName,
    scale: { numbers: numbers ?? 20000, applications: applications ?? 200, pool },
    latencyMs: wholeNumber(values.latency as string | undefined, 'latency'),
    reservationTtlMs: wholeNumber(values['reservation-ttl'] as string | undefined, 'reservation-ttl'),
    dialect,
    log: values.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`Sinch simulator listening on ${sim.url}\n`);
  const spoken = sim.dialect();
  process.stdout.write(
    `Sign in with ${demo.user.email} / ${demo.user.password} (also ${demo.other.email} / ${demo.other.password}, ${demo.accounting.email} / ${demo.accounting.password})\n`,
  );
  process.stdout.write(
    `Dialect: signature ${spoken.signature}, organisations ${spoken.organisations}, assign scope ${spoken.assignScope}\n`,
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`The simulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
