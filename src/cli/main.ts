/**
 * The `fit` command (`npm run fit -- …`, the `scaling-fit` bin): read IsoFLOP
 * runs from a CSV file or stdin, fit, print a summary or JSON, optionally
 * bootstrap and write an HTML report. {@link main} takes its streams as
 * arguments so tests can run it in-process. Flags and output: specs/cli.md.
 */
import { writeFile } from 'node:fs/promises';
import { GROUP_KEY_SIGNIFICANT_DIGITS, groupKeys, type IsoflopData, type IsoflopTableOptions } from '../data/isoflop-table.ts';
import { loadCsvFile, loadCsvText } from '../data/load.ts';
import { approach2ExtrapolationError, approach2InterceptError } from '../fit/approach2-bias.ts';
import { FitError, InvalidInputError } from '../core/errors.ts';
import { onKernelWarning } from '../kernels/index.ts';
import { planMain } from './plan.ts';
import { parseCommandLine, wantsVerbose, DEFAULT_TARGET_FACTOR, COMMAND_NAME, type CliOptions } from './args.ts';
import { bootstrapFit } from './bootstrap.ts';
import { EXIT_INPUT, EXIT_OK, UsageError, exitCodeFor, oneLine } from './errors.ts';
import { fitApproach2Groups, formatCompute, runFit, unscaleSurface, fitSurface, type FitInput, type FitOutcome } from './fit-core.ts';
import { formatJson, formatSummary, type Approach2BiasReport, type DataDescription, type GroupGrid, type RunReport } from './output.ts';
import { groupsOf, reportHtml, type Companions } from './report.ts';
import { readPlotlySource } from '../plot/plotly-asset.ts';

/** Where the command reads and writes. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The whole of standard input as text. */
  readStdin(): Promise<string>;
  /** True when stdin is a terminal (then a missing FILE is an error rather than a wait for input). */
  readonly stdinIsTTY?: boolean;
  /** True when stderr is a terminal (then the bootstrap shows progress). */
  readonly stderrIsTTY?: boolean;
}

/**
 * Exits quietly (code 0) when the reader of stdout goes away (`| head`,
 * `| true`): EPIPE means nobody wants the rest, not that the fit failed.
 */
function quietOnClosedStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

/** The process's own streams. */
export function nodeIo(): CliIo {
  quietOnClosedStdout();
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    },
    stdinIsTTY: process.stdin.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/** The label of data read from stdin. */
export const STDIN_LABEL = '<stdin>';

async function loadInput(o: CliOptions, io: CliIo): Promise<IsoflopData> {
  const table: IsoflopTableOptions = {
    columns: o.columns,
    where: o.where,
    ...(o.dropHighestLoss !== undefined ? { dropHighestLoss: o.dropHighestLoss } : {}),
    ...(o.minCompute !== undefined ? { minCompute: o.minCompute } : {}),
    ...(o.maxCompute !== undefined ? { maxCompute: o.maxCompute } : {}),
  };
  if (o.input !== null) return loadCsvFile(o.input, table);
  if (io.stdinIsTTY) throw new UsageError('no input: give a CSV file, or pipe CSV into stdin (use "-" to read stdin from the terminal)');
  return loadCsvText(await io.readStdin(), STDIN_LABEL, table);
}

function describeFilters(o: CliOptions): string[] {
  const f: string[] = o.where.map((w) => `${w.column} = "${w.value}"`);
  if (o.dropHighestLoss !== undefined && o.dropHighestLoss > 0) f.push(`${o.dropHighestLoss} highest-loss rows dropped`);
  if (o.minCompute !== undefined) f.push(`C ≥ ${formatCompute(o.minCompute)}`);
  if (o.maxCompute !== undefined) f.push(`C < ${formatCompute(o.maxCompute)}`);
  return f;
}

/** Per-group grid half-width (log10 N units) and size. */
export function groupGrids(input: FitInput): GroupGrid[] {
  return groupsOf(input.groups).map(({ C, rows }) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      const x = Math.log10(input.N[r]!);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return { C, n: rows.length, W: (hi - lo) / 2 };
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The closed-form Approach 2 bias at the median grid of the groups, or null when it cannot be computed. */
function predictBias(grids: readonly GroupGrid[], alpha: number | null, beta: number | null, from: string): Approach2BiasReport | null {
  const usable = grids.filter((g) => g.n >= 3 && g.W > 0);
  if (usable.length === 0 || alpha === null || beta === null) return null;
  const W = median(usable.map((g) => g.W));
  const n = Math.max(3, Math.floor(median(usable.map((g) => g.n))));
  try {
    return { W, n, alpha, beta, nError: approach2InterceptError(alpha, beta, W, n), dError: approach2ExtrapolationError(alpha, beta, W, n), exponentsFrom: from };
  } catch {
    return null;
  }
}

/** Comparison fits for the report; a companion that cannot be fitted is left out. */
function companions(input: FitInput, o: CliOptions, outcome: FitOutcome): Companions {
  let approach2 = outcome.approach2;
  if (approach2 === null) {
    try {
      approach2 = fitApproach2Groups(input);
    } catch {
      approach2 = null;
    }
  }
  let surface = outcome.surface;
  let surfaceLabel = 'this fit';
  if (surface === null) {
    surfaceLabel = 'a VPNLS fit of the same data';
    try {
      const vp = fitSurface(input.N.map((x) => x / o.scales.n), input.D.map((x) => x / o.scales.d), input.L, { ...o.spec, method: 'vpnls', gridSize: null, optimizer: 'lbfgsb' });
      surface = unscaleSurface(vp, o.scales);
    } catch {
      surface = null;
    }
  }
  return { approach2, surface, surfaceLabel };
}

/**
 * Fit errors (degenerate data, a budget without a parabola, …) are about the
 * input file: prefix its name so every data error says where (CSV errors
 * already name the file, row and column).
 */
function locatedInFile(err: unknown, source: string): unknown {
  const aboutData = err instanceof FitError || err instanceof InvalidInputError || err instanceof RangeError;
  if (aboutData && !err.message.startsWith(`${source}:`)) err.message = `${source}: ${err.message}`;
  return err;
}

async function run(o: CliOptions, io: CliIo): Promise<void> {
  const data = await loadInput(o, io);
  try {
    await fitAndReport(o, io, data);
  } catch (err) {
    throw locatedInFile(err, data.source);
  }
}

async function fitAndReport(o: CliOptions, io: CliIo, data: IsoflopData): Promise<void> {
  const groups = groupKeys(data);
  const input: FitInput = { N: data.N, D: data.D, L: data.L, groups };
  const budgetColumn = o.columns.budget ?? 'budget';
  const groupedBy = data.budget !== null ? `the budget column "${budgetColumn}"` : `compute rounded to ${GROUP_KEY_SIGNIFICANT_DIGITS} significant digits`;
  const groupingNote =
    data.budget !== null
      ? `groups are the values of the budget column "${budgetColumn}"`
      : `without a budget column the groups are the compute values rounded to ${GROUP_KEY_SIGNIFICANT_DIGITS} significant digits; name one with --budget-col`;
  const grids = groupGrids(input);
  const largestBudget = grids[grids.length - 1]!.C;
  const targetCompute = o.targetCompute ?? largestBudget * DEFAULT_TARGET_FACTOR;
  const targetRule = o.targetCompute !== null ? '--target-compute' : `largest budget ${formatCompute(largestBudget)} × ${DEFAULT_TARGET_FACTOR}`;

  const outcome = runFit(input, o.spec, o.scales, targetCompute, groupingNote);
  const needCompanions = o.report !== null || outcome.surface === null;
  const comp = needCompanions ? companions(input, o, outcome) : null;
  const biasSurface = outcome.surface ?? comp?.surface ?? null;
  const bias = predictBias(
    grids,
    biasSurface?.alpha ?? null,
    biasSurface?.beta ?? null,
    outcome.surface !== null ? 'this fit' : (comp?.surfaceLabel ?? 'this fit'),
  );

  let bootstrap = null;
  if (o.bootstrap > 0) {
    const progress = io.stderrIsTTY
      ? (done: number, total: number) => io.stderr(`\rbootstrap: ${done}/${total} replicates${done === total ? '\n' : ''}`)
      : undefined;
    bootstrap = await bootstrapFit(input, o.spec, o.scales, targetCompute, groupingNote, {
      replicates: o.bootstrap,
      seed: o.seed,
      level: o.level,
      jobs: o.jobs,
      onNote: (note) => io.stderr(`${COMMAND_NAME}: note: ${note}\n`),
      ...(progress ? { onProgress: progress } : {}),
    });
  }

  const description: DataDescription = {
    source: data.source,
    nPoints: data.N.length,
    nGroups: grids.length,
    groupedBy,
    filters: describeFilters(o),
    largestBudget,
    targetRule,
  };
  const report: RunReport = { outcome, scales: o.scales, data: description, grids, bias, bootstrap };

  if (o.report !== null) {
    const html = reportHtml(input, report, comp!, await readPlotlySource());
    try {
      await writeFile(o.report, html);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a directory' : oneLine(err);
      throw new UsageError(`--report ${o.report}: cannot write the report: ${why}`);
    }
  }
  if (o.json) {
    io.stdout(formatJson(report));
  } else {
    io.stdout(formatSummary(report));
    if (o.report !== null) io.stdout(`\nReport written to ${o.report}\n`);
  }
}

/**
 * Runs the command on `argv` (the arguments after the script name) and
 * returns the exit code: 0 success, 2 bad input, 1 unexpected failure. Errors
 * are printed to `io.stderr` as one line (with the stack after it when
 * `--verbose` is given); nothing is thrown.
 */
export async function main(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  const verbose = wantsVerbose(argv);
  onKernelWarning((m) => io.stderr(`${COMMAND_NAME}: warning: ${m}\n`));
  // Subcommand: `plan` designs a sweep (src/cli/plan.ts); anything else is the fit command.
  if (argv[0] === 'plan') return planMain(argv.slice(1), io);
  try {
    const parsed = await parseCommandLine(argv);
    if (parsed.kind === 'help') {
      io.stdout(parsed.text);
      return EXIT_OK;
    }
    await run(parsed.options, io);
    return EXIT_OK;
  } catch (err) {
    const code = exitCodeFor(err);
    const hint = err instanceof UsageError ? ' (see --help)' : code === EXIT_INPUT || verbose ? '' : ' (run with --verbose for details)';
    io.stderr(`${COMMAND_NAME}: error: ${oneLine(err)}${hint}\n`);
    if (verbose && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    return code;
  }
}
