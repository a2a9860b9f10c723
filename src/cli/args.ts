/**
 * Command line of `fit` → {@link CliOptions}. Flags are parsed by yargs;
 * every value is checked here so that a bad one gives a one-line message
 * naming the flag and the value (specs/cli.md lists the flags).
 */
import { availableParallelism } from 'node:os';
import yargs from 'yargs';
import type { ColumnOverrides, ColumnRole } from '../data/columns.ts';
import type { RowFilter } from '../data/isoflop-table.ts';
import { DEFAULT_BOOTSTRAP_SEED, DEFAULT_INTERVAL_LEVEL } from './bootstrap.ts';
import { UsageError } from './errors.ts';
import { type Args, decimal, single } from './flag-values.ts';
import { pinnedSpec } from './fix.ts';
import {
  DEFAULT_GRID5_SIZE,
  DEFAULT_HUBER_DELTA,
  formatCompute,
  MAX_GRID5_SIZE,
  MAX_VPNLS_GRID_SIZE,
  METHOD_NAMES,
  OBJECTIVE_NAMES,
  OPTIMIZER_NAMES,
  type MethodName,
  type MethodSpec,
  type ObjectiveName,
  type OptimizerName,
  type Scales,
} from './fit-core.ts';

/** Name shown in usage and messages. */
export const COMMAND_NAME = 'scaling-fit';
// Its home is the fit pipeline (./fit-run.ts); re-exported for the help text and the package's cli entry.
import { DEFAULT_TARGET_FACTOR } from './fit-run.ts';
export { DEFAULT_TARGET_FACTOR };
/** Largest `--bootstrap`. */
export const MAX_BOOTSTRAP = 100_000;

/** Everything the command needs, checked. */
export interface CliOptions {
  /** CSV path, or null to read stdin (no file, or `-`). */
  readonly input: string | null;
  readonly columns: ColumnOverrides;
  readonly where: readonly RowFilter[];
  readonly minCompute: number | undefined;
  readonly maxCompute: number | undefined;
  readonly dropHighestLoss: number | undefined;
  readonly scales: Scales;
  readonly spec: MethodSpec;
  /** FLOPs; null means the largest budget × {@link DEFAULT_TARGET_FACTOR}. */
  readonly targetCompute: number | null;
  readonly json: boolean;
  /** Replicates; 0 means no bootstrap. */
  readonly bootstrap: number;
  readonly seed: number;
  readonly level: number;
  readonly jobs: number;
  /** HTML report path, or null. */
  readonly report: string | null;
  readonly verbose: boolean;
}

/** Either help text to print, or options to run with. */
export type ParsedCommandLine = { readonly kind: 'help'; readonly text: string } | { readonly kind: 'run'; readonly options: CliOptions };

const COLUMN_FLAGS: ReadonlyArray<readonly [string, ColumnRole]> = [
  ['params-col', 'params'],
  ['tokens-col', 'tokens'],
  ['compute-col', 'compute'],
  ['budget-col', 'budget'],
  ['loss-col', 'loss'],
];

const USAGE = `$0 [FILE.csv | -] [options]

Fits the loss surface L(N, D) = E + A/N^alpha + B/D^beta (or Chinchilla
Approach 2) to IsoFLOP runs in a CSV file, or in CSV on stdin when FILE is
missing or "-", and reports the compute-optimal N*, D* at a target budget.

Columns are found by name, ignoring case: params (params, n, model_size,
Model Size), tokens (tokens, d), compute (flops, c, compute, Training FLOP),
budget (budget: the IsoFLOP group), loss (loss). Tokens or compute must be
present: D = C/(6N) when tokens are missing. Without a budget column the
IsoFLOP groups are the compute values rounded to 2 significant digits.`;

const EPILOG = `Examples:
  $0 examples/isoflops-synthetic.csv
  $0 runs.csv --method approach2 --json
  $0 runs.csv --n-scale 1e6 --d-scale 1e9 --bootstrap 200 --report report.html
  cat runs.csv | $0 - --where condition=raw_loss --target-compute 1e24
  $0 runs.csv --fix E=1.6 --fix alpha=0.34

Other commands (each takes --help and the options above):
  $0 envelope FILE.csv               the loss envelope and its interval at a target
  $0 compare BASE.csv VARIANT.csv    the effective compute multiplier of a variant

Exit codes: 0 success, 2 bad input (message on stderr), 1 unexpected failure.
See specs/cli.md for the output schema.`;

function buildParser(argv: readonly string[]) {
  const str = (describe: string, group: string) => ({ type: 'string' as const, describe, group, requiresArg: true });
  // Numbers are read as text (parse-numbers is off) and checked in toOptions; no type, so help shows no misleading [string].
  const num = (describe: string, group: string) => ({ describe, group, requiresArg: true });
  const flag = (describe: string, group: string) => ({ type: 'boolean' as const, describe, group });
  const cols = 'Columns (override the name matching):';
  const filt = 'Filters (in this order: where, drop-highest-loss, compute window):';
  const meth = 'Method:';
  const out = 'Output:';
  const boot = 'Bootstrap:';
  return yargs([...argv])
    .scriptName(COMMAND_NAME)
    .usage(USAGE)
    .option('params-col', str('column of the parameter count N', cols))
    .option('tokens-col', str('column of the token count D', cols))
    .option('compute-col', str('column of the training compute C in FLOPs', cols))
    .option('budget-col', str('column of the nominal IsoFLOP budget (the Approach 2 groups)', cols))
    .option('loss-col', str('column of the final loss', cols))
    .option('where', str('keep rows whose COL equals VALUE exactly (repeatable; all must hold)', filt))
    .option('drop-highest-loss', num('drop the K rows with the highest loss', filt))
    .option('min-compute', num('keep rows with C ≥ this (FLOPs)', filt))
    .option('max-compute', num('keep rows with C < this (FLOPs)', filt))
    .option('n-scale', num('divide N by this before a surface fit (E, A, B then refer to these units) [default: 1]', meth))
    .option('d-scale', num('divide D by this before a surface fit [default: 1]', meth))
    .option('method', str(`${METHOD_NAMES.join(' | ')} [default: vpnls]`, meth))
    .option('optimizer', str('VPNLS: lbfgsb | nelder-mead | none (grid only); Approach 3: lbfgsb [default: lbfgsb]', meth))
    .option('objective', str('Approach 3: mse | huber [default: mse]', meth))
    .option('huber-delta', num(`Approach 3 with --objective huber: the threshold [default: ${DEFAULT_HUBER_DELTA}]`, meth))
    .option('lse', flag('Approach 3: fit log E, log A, log B (LSE parameterization)', meth))
    .option('log-loss', flag('Approach 3: residuals on ln L rather than L', meth))
    .option('fix', str('pin a surface parameter: NAME=VALUE with NAME one of E, A, B, alpha, beta (repeatable; vpnls and approach3)', meth))
    .option(
      'grid-size',
      num(
        `points per axis of the search grid (not the sampling grid of the data): VPNLS exponent grid [default: 32]; Approach 3 seed grid and --method grid [default: ${DEFAULT_GRID5_SIZE}]`,
        meth,
      ),
    )
    .option('target-compute', num(`budget for N*, D*, L_opt in FLOPs [default: largest budget × ${DEFAULT_TARGET_FACTOR}]`, out))
    .option('json', flag('print one JSON object instead of the summary', out))
    .option('report', str('write a self-contained HTML report with figures to FILE', out))
    .option('verbose', flag('print the stack trace of an error', out))
    .option('bootstrap', num('resample within IsoFLOP groups and refit K times; percentile intervals', boot))
    .option('seed', num(`seed of the resampling [default: ${DEFAULT_BOOTSTRAP_SEED}]`, boot))
    .option('level', num(`coverage of the intervals [default: ${DEFAULT_INTERVAL_LEVEL}]`, boot))
    .option('jobs', num('worker threads [default: number of CPUs]', boot))
    .epilogue(EPILOG)
    .parserConfiguration({ 'parse-positional-numbers': false, 'parse-numbers': false })
    .strictOptions()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(100)
    .exitProcess(false);
}

function flagSet(args: Args, key: string): boolean {
  const v = args[key];
  if (Array.isArray(v)) throw new UsageError(`--${key} was given ${v.length} times; give it once`);
  return v === true;
}

function number(args: Args, key: string, check: (x: number) => boolean, requirement: string): number | undefined {
  const text = single(args, key);
  if (text === undefined) return undefined;
  const x = decimal(key, text);
  if (!check(x)) throw new UsageError(`--${key} must be ${requirement}, got ${text}`);
  return x;
}

const positive = (x: number): boolean => x > 0;
const nonNegative = (x: number): boolean => x >= 0;
const integerAtLeast =
  (lo: number, hi = Number.MAX_SAFE_INTEGER) =>
  (x: number): boolean =>
    Number.isInteger(x) && x >= lo && x <= hi;

function choice<T extends string>(args: Args, key: string, choices: readonly T[]): T | undefined {
  const v = single(args, key);
  if (v === undefined) return undefined;
  if (!(choices as readonly string[]).includes(v)) throw new UsageError(`--${key} must be one of ${choices.join(', ')}; got "${v}"`);
  return v as T;
}

function parseWhere(args: Args): RowFilter[] {
  const raw = args.where;
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw.map(String) : [String(raw)];
  return list.map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0 || w.slice(0, eq).trim() === '') throw new UsageError(`--where expects COLUMN=VALUE, got "${w}"`);
    return { column: w.slice(0, eq).trim(), value: w.slice(eq + 1) };
  });
}

function notFor(method: MethodName, given: string[]): void {
  if (given.length > 0) {
    const list = given.map((g) => `--${g}`).join(', ');
    throw new UsageError(`${list} ${given.length === 1 ? 'does' : 'do'} not apply to --method ${method}`);
  }
}

function methodSpec(args: Args): MethodSpec {
  const method = choice(args, 'method', METHOD_NAMES) ?? 'vpnls';
  const optimizerArg = choice<OptimizerName>(args, 'optimizer', OPTIMIZER_NAMES);
  const objectiveArg = choice<ObjectiveName>(args, 'objective', OBJECTIVE_NAMES);
  const huberDeltaArg = number(args, 'huber-delta', positive, 'positive');
  const lse = flagSet(args, 'lse');
  const logLoss = flagSet(args, 'log-loss');
  const gridMax = method === 'vpnls' ? MAX_VPNLS_GRID_SIZE : MAX_GRID5_SIZE;
  const gridSize = number(args, 'grid-size', integerAtLeast(2, gridMax), `an integer from 2 to ${gridMax} for --method ${method}`) ?? null;

  const approach3Only = [
    ...(objectiveArg !== undefined ? ['objective'] : []),
    ...(huberDeltaArg !== undefined ? ['huber-delta'] : []),
    ...(lse ? ['lse'] : []),
    ...(logLoss ? ['log-loss'] : []),
  ];
  if (method !== 'approach3') notFor(method, approach3Only);
  if (method === 'approach2' || method === 'grid') {
    notFor(method, [...(optimizerArg !== undefined ? ['optimizer'] : []), ...(method === 'approach2' && gridSize !== null ? ['grid-size'] : [])]);
  }
  if (method === 'approach3' && optimizerArg !== undefined && optimizerArg !== 'lbfgsb') {
    throw new UsageError(`--method approach3 uses L-BFGS-B only; --optimizer ${optimizerArg} applies to --method vpnls`);
  }
  if (huberDeltaArg !== undefined && objectiveArg !== 'huber') throw new UsageError('--huber-delta needs --objective huber');
  const fix = pinnedSpec(args.fix, method);
  return {
    method,
    optimizer: optimizerArg ?? 'lbfgsb',
    objective: objectiveArg ?? 'mse',
    huberDelta: huberDeltaArg ?? DEFAULT_HUBER_DELTA,
    lse,
    logLoss,
    gridSize,
    ...(fix !== undefined ? { fix } : {}),
  };
}

function toOptions(args: Args): CliOptions {
  const positional = (args._ as unknown[]).map(String);
  if (positional.length > 1) throw new UsageError(`give one input file, got ${positional.length}: ${positional.join(' ')}`);
  const file = positional[0];
  const columns: Partial<Record<ColumnRole, string>> = {};
  for (const [key, role] of COLUMN_FLAGS) {
    const v = single(args, key);
    if (v !== undefined) {
      if (v.trim() === '') throw new UsageError(`--${key} needs a column name`);
      columns[role] = v;
    }
  }
  const minCompute = number(args, 'min-compute', nonNegative, '≥ 0');
  const maxCompute = number(args, 'max-compute', positive, 'positive');
  if (minCompute !== undefined && maxCompute !== undefined && !(minCompute < maxCompute)) {
    throw new UsageError(`--min-compute (${formatCompute(minCompute)}) must be below --max-compute (${formatCompute(maxCompute)})`);
  }
  const bootstrap = number(args, 'bootstrap', (x) => x === 0 || integerAtLeast(2, MAX_BOOTSTRAP)(x), `0 or an integer from 2 to ${MAX_BOOTSTRAP}`) ?? 0;
  const seed = number(args, 'seed', integerAtLeast(0), 'a non-negative integer');
  const level = number(args, 'level', (x) => x > 0 && x < 1, 'between 0 and 1 (e.g. 0.95)');
  const jobs = number(args, 'jobs', integerAtLeast(1, 1024), 'a positive integer');
  if (bootstrap === 0) {
    const stray = [...(seed !== undefined ? ['seed'] : []), ...(level !== undefined ? ['level'] : []), ...(jobs !== undefined ? ['jobs'] : [])];
    if (stray.length > 0) throw new UsageError(`${stray.map((s) => `--${s}`).join(', ')} only ${stray.length === 1 ? 'applies' : 'apply'} with --bootstrap K`);
  }
  const report = single(args, 'report');
  if (report !== undefined && report.trim() === '') throw new UsageError('--report needs a file name');
  return {
    input: file === undefined || file === '-' ? null : file,
    columns,
    where: parseWhere(args),
    minCompute,
    maxCompute,
    dropHighestLoss: number(args, 'drop-highest-loss', integerAtLeast(0), 'a non-negative integer'),
    scales: {
      n: number(args, 'n-scale', positive, 'positive') ?? 1,
      d: number(args, 'd-scale', positive, 'positive') ?? 1,
    },
    spec: methodSpec(args),
    targetCompute: number(args, 'target-compute', positive, 'positive (FLOPs)') ?? null,
    json: flagSet(args, 'json'),
    bootstrap,
    seed: seed ?? DEFAULT_BOOTSTRAP_SEED,
    level: level ?? DEFAULT_INTERVAL_LEVEL,
    jobs: jobs ?? availableParallelism(),
    report: report ?? null,
    verbose: flagSet(args, 'verbose'),
  };
}

/**
 * Parses the arguments (without `node` and the script).
 * @throws UsageError for unknown flags, bad values and conflicting flags
 */
export async function parseCommandLine(argv: readonly string[]): Promise<ParsedCommandLine> {
  const parser = buildParser(argv);
  const { args, output } = await new Promise<{ args: Args; output: string }>((resolve, reject) => {
    parser.parse([...argv], {}, (err, parsed, text) => {
      if (err) reject(new UsageError(err.message));
      else resolve({ args: parsed as Args, output: text });
    });
  });
  if (args.help === true) return { kind: 'help', text: output.endsWith('\n') ? output : `${output}\n` };
  return { kind: 'run', options: toOptions(args) };
}

/** True when `argv` asks for `--verbose` (used to decide how to print a parse error). */
export function wantsVerbose(argv: readonly string[]): boolean {
  return argv.includes('--verbose');
}
