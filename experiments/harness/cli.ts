/**
 * `npm run exp -- --id N [--quick] [--seed S] [--rng numpy|xoshiro] [--data-dir DIR] [--out DIR] [--jobs K]`
 * or `--all` (specs/experiments.md §A.1). Parses flags, runs experiments from the
 * registry through the runner, shows progress, and exits non-zero if any
 * experiment fails.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { barReporter, lineReporter, type Reporter } from './progress-reporters.ts';
import { EXPERIMENTS, findExperiment } from './registry.ts';
import { DEFAULT_SEED, type RunRecord, runExperiment } from './runner.ts';
import { createTaskPool, defaultJobs } from './pool.ts';
import { DEFAULT_RNG_KIND, RNG_KINDS, RNG_NAMES, type RngKind } from '../../src/util/random.ts';
import type { AnyExperiment } from './types.ts';

/** Environment variable naming the published-data folder (same as the data module's). */
const DATA_DIR_ENV = 'SCALING_DATA_DIR';

class UsageError extends Error {
  override name = 'UsageError';
}

function experimentList(): string {
  return EXPERIMENTS.map((e) => `  ${String(e.id).padStart(2)}  ${e.title}`).join('\n');
}

/** Parses `--id` values (repeatable, comma lists) into registry entries. */
export function selectExperiments(ids: ReadonlyArray<string | number> | undefined, all: boolean): AnyExperiment[] {
  if (all && ids && ids.length > 0) throw new UsageError('give either --id or --all, not both');
  if (all) return [...EXPERIMENTS];
  if (!ids || ids.length === 0) throw new UsageError('choose experiments with --id N (repeatable or comma separated) or --all');
  const chosen: AnyExperiment[] = [];
  for (const part of ids.flatMap((v) => String(v).split(','))) {
    const text = part.trim();
    if (text === '') continue;
    if (!/^\d+$/.test(text)) throw new UsageError(`--id ${JSON.stringify(text)} is not an experiment number`);
    const exp = findExperiment(Number(text));
    if (!exp) throw new UsageError(`experiment ${text} is not available; available: ${EXPERIMENTS.map((e) => e.id).join(', ')}`);
    if (!chosen.includes(exp)) chosen.push(exp);
  }
  if (chosen.length === 0) throw new UsageError('--id was given without an experiment number');
  return chosen.sort((a, b) => a.id - b.id);
}

function describeError(err: unknown): string {
  if (err instanceof Error) return process.env.DEBUG ? (err.stack ?? err.message) : `${err.name}: ${err.message}`;
  return String(err);
}

/** Runs the CLI on `argv` (without node and script); returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const parser = yargs([...argv])
    .scriptName('npm run exp --')
    .usage('$0 --id N [--id M | --id N,M] | --all  [options]\n\nRuns experiments and writes <out>/experiments/expN/.')
    .option('id', { type: 'string', array: true, describe: 'experiment number(s); repeatable or comma separated' })
    .option('all', { type: 'boolean', default: false, describe: 'run every experiment' })
    .option('quick', { type: 'boolean', default: false, describe: 'reduced CI configuration where an experiment has one' })
    .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'seed of the random experiments (recorded by all)' })
    .option('rng', {
      type: 'string',
      choices: RNG_KINDS,
      default: DEFAULT_RNG_KIND,
      describe: `generator of the random experiments: numpy = numpy's default_rng (PCG64) draw for draw as the original study, xoshiro = the project's ${RNG_NAMES.xoshiro}`,
    })
    .option('out', { type: 'string', default: 'results', describe: 'output root' })
    .option('data-dir', { type: 'string', describe: `folder with the published data files (default $${DATA_DIR_ENV}, else download)` })
    .option('jobs', { type: 'number', default: defaultJobs(), describe: 'worker threads for Monte Carlo sweeps' })
    .epilogue(`Experiments:\n${experimentList()}`)
    .strict()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });

  let args: Awaited<ReturnType<typeof parser.parseAsync>>;
  try {
    args = await parser.parseAsync();
  } catch (err) {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\nRun with --help for usage.\n`);
    return 2;
  }
  if (args.help) return 0;

  let selected: AnyExperiment[];
  try {
    selected = selectExperiments(args.id, args.all);
    if (!Number.isSafeInteger(args.seed)) throw new UsageError(`--seed must be an integer, got ${args.seed}`);
    if (args.rng === 'numpy' && args.seed < 0) throw new UsageError(`--rng numpy needs a non-negative --seed, got ${args.seed}`);
    if (!(Number.isInteger(args.jobs) && args.jobs >= 1)) throw new UsageError(`--jobs must be a positive integer, got ${args.jobs}`);
  } catch (err) {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\nRun with --help for usage.\n`);
    return 2;
  }

  const outRoot = resolve(args.out);
  const dataDirArg = args['data-dir'] ?? process.env[DATA_DIR_ENV];
  const dataDir = dataDirArg ? resolve(dataDirArg) : undefined;
  const reporter: Reporter = process.stderr.isTTY ? barReporter() : lineReporter();
  // More workers than CPUs only add start-up time and memory (results do not depend on --jobs).
  const cpus = defaultJobs();
  const jobs = Math.min(args.jobs, cpus);
  if (jobs < args.jobs) reporter.log(`--jobs ${args.jobs} is more than the ${cpus} CPUs Node can use here (os.availableParallelism()); using ${jobs}`);
  const pool = createTaskPool(jobs);
  const records: RunRecord[] = [];
  const failures: Array<{ id: number; error: string }> = [];
  const overall = selected.length > 1 ? reporter.overall(selected.length) : null;
  reporter.log(
    `running experiment${selected.length > 1 ? 's' : ''} ${selected.map((e) => e.id).join(', ')}` +
      ` (${args.quick ? 'quick' : 'full'} mode, seed ${args.seed}, rng ${args.rng}, ${jobs} job${jobs > 1 ? 's' : ''}) → ${outRoot}`,
  );
  try {
    for (const exp of selected) {
      try {
        const rec = await runExperiment(exp, {
          outRoot,
          quick: args.quick,
          seed: args.seed,
          rng: args.rng as RngKind,
          dataDir,
          pool,
          progress: reporter.forExperiment(`exp${exp.id}`),
        });
        records.push(rec);
        reporter.log(`exp${exp.id} ${exp.title}: ${rec.files.length} files in ${(rec.ms / 1000).toFixed(2)} s → ${rec.dir}`);
      } catch (err) {
        failures.push({ id: exp.id, error: describeError(err) });
        reporter.log(`exp${exp.id} FAILED: ${describeError(err)}`);
      }
      overall?.tick();
    }
  } finally {
    overall?.done();
    reporter.stop();
    await pool.close();
  }
  if (failures.length > 0) {
    process.stderr.write(`${failures.length} of ${selected.length} experiment(s) failed: ${failures.map((f) => f.id).join(', ')}\n`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(hideBin(process.argv));
}
