/**
 * Command line of `plan` → {@link PlanOptions} (the planner's options object;
 * defaults live in src/plan/options.ts and are shown in --help). Every value
 * is checked so a bad one gives a one-line message naming the flag.
 */
import yargs from 'yargs';
import {
  DEFAULT_PLAN_BUDGETS,
  DEFAULT_PLAN_LEVEL,
  DEFAULT_PLAN_NOISE,
  DEFAULT_PLAN_POINTS,
  DEFAULT_PLAN_REPLICATES,
  DEFAULT_PLAN_SEED,
  DEFAULT_PLAN_SURFACE,
  DEFAULT_PLAN_TARGET,
  DEFAULT_PLAN_TOLERANCE,
  DEFAULT_PLAN_WIDTH_FACTOR,
  DEFAULT_TABLE_POINTS,
  DEFAULT_TABLE_REPLICATES,
  DEFAULT_TABLE_WIDTHS,
  SURFACE_PRESETS,
  type PlanOptions,
  type PlanSurface,
} from '../plan/options.ts';
import type { SurfaceName } from '../surface/named-surfaces.ts';
import { COMMAND_NAME } from './args.ts';
import { UsageError } from './errors.ts';
import { type Args, decimal, single } from './flag-values.ts';

export interface PlanCommandOptions {
  readonly plan: PlanOptions;
  readonly json: boolean;
  readonly verbose: boolean;
}

export type ParsedPlanCommandLine = { readonly kind: 'help'; readonly text: string } | { readonly kind: 'run'; readonly options: PlanCommandOptions };

const USAGE = `$0 plan [options]

Plans an IsoFLOP sweep before spending the compute: for the budgets, runs per
curve, grid width and centring you intend, and a loss surface you assume,
how far off will N* and D* at your target budget be?

  1. Approach 2 without noise: its closed-form bias on a centred grid (it
     depends only on alpha, beta, the width and the runs per curve), and a
     noise-free simulated fit of your design (covers off-centre grids too).
  2. A seeded Monte Carlo: noisy sweeps of your design (loss noise --noise),
     each fitted with VPNLS and Approach 2; median error of N* and D* at the
     target and a --level interval.
  3. A table of designs (--table-widths x --table-points) with each sweep's
     total compute, marking those whose errors stay within --tolerance and the
     cheapest one per method.

The same planner runs in the web page (npm run app, Plan tab); for the same
options and seed both print the same numbers.`;

const EPILOG = `Examples:
  $0 plan
  $0 plan --width 4 --points 9 --noise 0.01 --target-compute 1e25
  $0 plan --surface 1.8,480,2100,0.35,0.37 --drift 0.3 --json

Exit codes: 0 success, 2 bad option (message on stderr), 1 unexpected failure.
See specs/app.md for the output schema.`;

function buildParser(argv: readonly string[]) {
  const num = (describe: string, group: string) => ({ describe, group, requiresArg: true });
  const design = 'Sweep design:';
  const world = 'Assumed world:';
  const mc = 'Monte Carlo and table:';
  const out = 'Output:';
  return yargs([...argv])
    .scriptName(COMMAND_NAME)
    .usage(USAGE)
    .option('budget-min', num(`smallest IsoFLOP budget, FLOPs [default: ${DEFAULT_PLAN_BUDGETS.min}]`, design))
    .option('budget-max', num(`largest IsoFLOP budget, FLOPs [default: ${DEFAULT_PLAN_BUDGETS.max}]`, design))
    .option('budget-count', num(`number of budgets, log-spaced [default: ${DEFAULT_PLAN_BUDGETS.count}]`, design))
    .option('points', num(`runs (model sizes) per IsoFLOP curve [default: ${DEFAULT_PLAN_POINTS}]`, design))
    .option('width', num(`grid width ±k×: model sizes from N_centre/k to N_centre·k [default: ${DEFAULT_PLAN_WIDTH_FACTOR}]`, design))
    .option('center-scale', num('the grid centre sits this factor below N* (1 = centred, 0.5 = 2× above) [default: 1]', design))
    .option('drift', num('the grid centre drifts this many decades below N* from the smallest to the largest budget [default: 0]', design))
    .option('surface', {
      type: 'string' as const,
      describe: `assumed true surface: a preset (${SURFACE_PRESETS.join(', ')}) or E,A,B,alpha,beta [default: ${DEFAULT_PLAN_SURFACE}]`,
      group: world,
      requiresArg: true,
    })
    .option('noise', num(`standard deviation of the final losses, nats [default: ${DEFAULT_PLAN_NOISE}]`, world))
    .option('target-compute', num(`budget at which N* and D* are predicted, FLOPs [default: ${DEFAULT_PLAN_TARGET}]`, world))
    .option('seed', num(`seed of the simulated noise [default: ${DEFAULT_PLAN_SEED}]`, mc))
    .option('replicates', num(`noisy sweeps of the design [default: ${DEFAULT_PLAN_REPLICATES}]`, mc))
    .option('level', num(`coverage of the error interval [default: ${DEFAULT_PLAN_LEVEL}]`, mc))
    .option('table-widths', {
      type: 'string' as const,
      describe: `grid widths ±k× of the table, comma-separated [default: ${DEFAULT_TABLE_WIDTHS.join(',')}]`,
      group: mc,
      requiresArg: true,
    })
    .option('table-points', {
      type: 'string' as const,
      describe: `runs per curve of the table, comma-separated [default: ${DEFAULT_TABLE_POINTS.join(',')}]`,
      group: mc,
      requiresArg: true,
    })
    .option('table-replicates', num(`noisy sweeps per design of the table (0: no simulation) [default: ${DEFAULT_TABLE_REPLICATES}]`, mc))
    .option(
      'tolerance',
      num(`a design meets the tolerance when the N* and D* errors stay within ±this fraction over the interval [default: ${DEFAULT_PLAN_TOLERANCE}]`, mc),
    )
    .option('json', { type: 'boolean' as const, describe: 'print one JSON object instead of the text', group: out })
    .option('verbose', { type: 'boolean' as const, describe: 'print the stack trace of an error', group: out })
    .epilogue(EPILOG)
    .parserConfiguration({ 'parse-positional-numbers': false, 'parse-numbers': false })
    .strictOptions()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(100)
    .exitProcess(false);
}

function num(args: Args, key: string): number | undefined {
  const v = single(args, key);
  return v === undefined ? undefined : decimal(key, v);
}

function list(args: Args, key: string): number[] | undefined {
  const v = single(args, key);
  if (v === undefined) return undefined;
  const parts = v.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) throw new UsageError(`--${key} expects comma-separated numbers, got "${v}"`);
  return parts.map((p) => decimal(key, p));
}

function surface(args: Args): PlanSurface | undefined {
  const v = single(args, 'surface');
  if (v === undefined) return undefined;
  if (!v.includes(',')) {
    if (!(SURFACE_PRESETS as readonly string[]).includes(v))
      throw new UsageError(`--surface "${v}" is neither a preset (${SURFACE_PRESETS.join(', ')}) nor E,A,B,alpha,beta`);
    return v as SurfaceName;
  }
  const xs = v.split(',').map((p) => decimal('surface', p));
  if (xs.length !== 5) throw new UsageError(`--surface expects five numbers E,A,B,alpha,beta, got ${xs.length}`);
  const [E, A, B, alpha, beta] = xs as [number, number, number, number, number];
  return { E, A, B, alpha, beta };
}

function toOptions(args: Args): PlanCommandOptions {
  const positional = (args._ as unknown[]).map(String);
  if (positional.length > 0) throw new UsageError(`plan takes no file; got ${positional.join(' ')}`);
  const min = num(args, 'budget-min');
  const max = num(args, 'budget-max');
  const count = num(args, 'budget-count');
  const entries: Array<[keyof PlanOptions, unknown]> = [
    [
      'budgets',
      min === undefined && max === undefined && count === undefined
        ? undefined
        : { min: min ?? DEFAULT_PLAN_BUDGETS.min, max: max ?? DEFAULT_PLAN_BUDGETS.max, count: count ?? DEFAULT_PLAN_BUDGETS.count },
    ],
    ['pointsPerCurve', num(args, 'points')],
    ['widthFactor', num(args, 'width')],
    ['centerScale', num(args, 'center-scale')],
    ['driftRate', num(args, 'drift')],
    ['noiseStd', num(args, 'noise')],
    ['targetCompute', num(args, 'target-compute')],
    ['surface', surface(args)],
    ['seed', num(args, 'seed')],
    ['replicates', num(args, 'replicates')],
    ['level', num(args, 'level')],
    ['tableWidths', list(args, 'table-widths')],
    ['tablePoints', list(args, 'table-points')],
    ['tableReplicates', num(args, 'table-replicates')],
    ['tolerance', num(args, 'tolerance')],
  ];
  const plan = Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as PlanOptions;
  return { plan, json: args.json === true, verbose: args.verbose === true };
}

/** Flag of each planner option, so a PlanOptionsError can name the flag the user typed. */
export const PLAN_FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  'budgets.min': 'budget-min',
  'budgets.max': 'budget-max',
  'budgets.count': 'budget-count',
  pointsPerCurve: 'points',
  widthFactor: 'width',
  centerScale: 'center-scale',
  driftRate: 'drift',
  noiseStd: 'noise',
  targetCompute: 'target-compute',
  seed: 'seed',
  replicates: 'replicates',
  level: 'level',
  tableReplicates: 'table-replicates',
  tolerance: 'tolerance',
};

/**
 * Parses the arguments after `plan`.
 * @throws UsageError for unknown flags and values that are not numbers
 */
export async function parsePlanCommandLine(argv: readonly string[]): Promise<ParsedPlanCommandLine> {
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
