/**
 * The `fit` command (`npm run fit -- …`, the `scaling-fit` bin): read IsoFLOP
 * runs from a CSV file or stdin, fit, print a summary or JSON, optionally
 * bootstrap and write an HTML report. {@link main} takes its streams as
 * arguments so tests can run it in-process. Flags and output: specs/cli.md.
 */
import type { IsoflopData, IsoflopTableOptions } from '../data/isoflop-table.ts';
import { loadCsvFile, loadCsvText } from '../data/load.ts';
import { onKernelWarning } from '../kernels/index.ts';
import { planMain } from './plan.ts';
import { compareMain } from './compare.ts';
import { envelopeMain } from './envelope.ts';
import { parseCommandLine, wantsVerbose, COMMAND_NAME, type CliOptions } from './args.ts';
import { bootstrapFit } from './bootstrap.ts';
import { EXIT_OK, UsageError } from './errors.ts';
import { reportFailure } from './failure.ts';
import { fitRun, locatedInFile, prepareRun, runReport } from './fit-run.ts';
import { formatJson, formatSummary } from './output.ts';
import { writeReport } from './report-file.ts';
import { reportFigures, reportHtml } from './report.ts';
import { plotlyForFigures } from '../plot/plotly-asset.ts';

// The per-group grids moved with the rest of the pipeline to ./fit-run.ts.
export { groupGrids } from './fit-run.ts';

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

async function run(o: CliOptions, io: CliIo): Promise<void> {
  const data = await loadInput(o, io);
  try {
    await fitAndReport(o, io, data);
  } catch (err) {
    throw locatedInFile(err, data.source);
  }
}

async function fitAndReport(o: CliOptions, io: CliIo, data: IsoflopData): Promise<void> {
  const run = fitRun(prepareRun(data, o), o, o.report !== null);
  let bootstrap = null;
  if (o.bootstrap > 0) {
    const progress = io.stderrIsTTY
      ? (done: number, total: number) => io.stderr(`\rbootstrap: ${done}/${total} replicates${done === total ? '\n' : ''}`)
      : undefined;
    bootstrap = await bootstrapFit(run.input, o.spec, o.scales, run.targetCompute, run.groupingNote, {
      replicates: o.bootstrap,
      seed: o.seed,
      level: o.level,
      jobs: o.jobs,
      onNote: (note) => io.stderr(`${COMMAND_NAME}: note: ${note}\n`),
      ...(progress ? { onProgress: progress } : {}),
    });
  }
  const report = runReport(data, o, run, bootstrap);

  if (o.report !== null) {
    const figures = reportFigures(run.input, report, run.comp!);
    const plotly = await plotlyForFigures(
      figures.map((f) => f.figure),
      'fit report',
    );
    await writeReport(o.report, reportHtml(run.input, report, run.comp!, plotly.code, figures));
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
  // `envelope` and `compare` (issue #15): src/cli/envelope.ts, src/cli/compare.ts.
  if (argv[0] === 'envelope') return envelopeMain(argv.slice(1), io);
  if (argv[0] === 'compare') return compareMain(argv.slice(1), io);
  try {
    const parsed = await parseCommandLine(argv);
    if (parsed.kind === 'help') {
      io.stdout(parsed.text);
      return EXIT_OK;
    }
    await run(parsed.options, io);
    return EXIT_OK;
  } catch (err) {
    return reportFailure(err, io, verbose);
  }
}
