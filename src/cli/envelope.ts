/**
 * `scaling-fit envelope FILE` (`npm run envelope -- FILE`): the
 * compute-optimal loss of every IsoFLOP budget, the envelope
 * L(C) = L∞ + A·C^(−γ) through them with L∞ and/or γ optionally pinned, its
 * Student-t lack-of-fit interval and a seeded bootstrap interval at the
 * target compute; text, `--json` or `--report` (specs/cli.md, specs/envelope.md).
 */
import { envelopeInterval, envelopeLoss, type EnvelopeInterval } from '../fit/envelope.ts';
import { PARAMETER_NAMES } from '../fit/result.ts';
import { describePinned } from '../fit/pinned.ts';
import { plotlyForFigures } from '../plot/plotly-asset.ts';
import { baseAxis, baseLayout, formatPow10, QUALITATIVE } from '../plot/theme.ts';
import type { PlotlyFigure } from '../plot/plotly.ts';
import { Rng } from '../util/rng.ts';
import { linspace } from '../util/space.ts';
import { quantileSorted } from '../util/stats.ts';
import { COMMAND_NAME, type CliOptions } from './args.ts';
import { SCHEME_DESCRIPTIONS, type BootstrapScheme } from './bootstrap-core.ts';
import {
  DEFAULT_ENVELOPE_SOURCE,
  ENVELOPE_QUANTITIES,
  ENVELOPE_SOURCES,
  SOURCE_DESCRIPTIONS,
  envelopeReplicateTask,
  runEnvelope,
  type EnvelopeQuantity,
  type EnvelopeRun,
  type EnvelopeSettings,
  type EnvelopeSource,
} from './envelope-core.ts';
import { EXIT_OK, UsageError } from './errors.ts';
import { reportFailure } from './failure.ts';
import { checkSurfacePins, envelopePins, ENVELOPE_FIX_NAMES, surfacePins } from './fix.ts';
import { formatNumber } from './output.ts';
import { figurePage } from './page.ts';
import { writeReport } from './report-file.ts';
import { drawIndices, runReplicates, summariseValues, type ValueSummary } from './replicates.ts';
import { loadSubcommandInput, parseSubcommand, type SubcommandArgs, type SubcommandIo } from './subcommand-args.ts';
import { describeFilters, locatedInFile, prepareRun } from './fit-run.ts';

const HELP = `${COMMAND_NAME} envelope FILE.csv [options]

Fits the loss envelope L(C) = Linf + A*C^(-gamma) through the compute-optimal
loss of every IsoFLOP budget and extrapolates it to a target compute, with a
Student-t lack-of-fit interval on n - p degrees of freedom (p = free
parameters) and, with --bootstrap K, a seeded bootstrap interval.

Own options:
  --from parabola|surface  each budget's compute-optimal loss: the minimum of
                           the budget's parabola in log10 N (default), or
                           L_opt(C) of the surface fit (which lies exactly on
                           an envelope: then only --bootstrap gives an interval)
  --fix NAME=VALUE         pin Linf or gamma of the envelope, or (with --from
                           surface) E, A, B, alpha, beta of the surface; repeatable

Every other option is the fit command's (${COMMAND_NAME} --help): columns,
--where and the other filters, --method and its options (the surface for
--from surface), --target-compute, --json, --report FILE.html, --bootstrap K,
--seed, --level (also the level of the t interval; default 0.95), --jobs.

Examples:
  ${COMMAND_NAME} envelope examples/isoflops-synthetic.csv
  ${COMMAND_NAME} envelope runs.csv --from parabola --fix Linf=1.6 --json
  ${COMMAND_NAME} envelope runs.csv --bootstrap 200 --report envelope.html
`;

/** Everything the envelope outputs are made from. */
export interface EnvelopeReport {
  readonly source: string;
  readonly nPoints: number;
  readonly nGroups: number;
  readonly groupedBy: string;
  readonly filters: readonly string[];
  readonly targetRule: string;
  readonly settings: EnvelopeSettings;
  readonly run: EnvelopeRun;
  readonly interval: EnvelopeInterval;
  readonly bootstrap: (ValueSummary<EnvelopeQuantity> & { readonly seed: number; readonly scheme: BootstrapScheme; readonly schemeReason: string }) | null;
  readonly warnings: readonly string[];
}

function fmt(x: number, digits = 6): string {
  return formatNumber(x, digits);
}

function pad(label: string, value: string, iv: readonly [number, number] | null, note = ''): string {
  const left = `  ${label.padEnd(9)}${value}`;
  const ivText = iv === null ? '' : `${left.length < 34 ? ' '.repeat(34 - left.length) : '  '}[${fmt(iv[0], 4)}, ${fmt(iv[1], 4)}]`;
  return `${left}${ivText}${note === '' ? '' : `  ${note}`}`;
}

/** Where the points came from, in words with the method. */
function sourceLine(r: EnvelopeReport): string {
  const s = r.run.points.surface;
  return s === null ? SOURCE_DESCRIPTIONS.parabola : `${SOURCE_DESCRIPTIONS.surface} (${s.method})`;
}

/** The readable summary. */
export function formatEnvelopeSummary(r: EnvelopeReport): string {
  const f = r.run.fit;
  const b = r.bootstrap;
  const pins = f.pinned;
  const iv = (k: EnvelopeQuantity): readonly [number, number] | null => (b === null ? null : b.intervals[k]);
  const lines: string[] = [];
  lines.push(`Loss envelope  L(C) = Linf + A·C^(−gamma)  on ${r.source}`);
  lines.push(`  data     ${r.nPoints} points in ${r.nGroups} IsoFLOP groups (grouped by ${r.groupedBy})`);
  if (r.filters.length > 0) lines.push(`  filters  ${r.filters.join('; ')}`);
  lines.push(`  points   --from ${r.settings.from}: ${sourceLine(r)}`);
  const surfacePinned = r.run.points.surface?.surfaceFit?.pinned;
  if (surfacePinned !== undefined) lines.push(`  surface  pinned ${describePinned(surfacePinned)}`);
  if (b !== null) {
    const failed = b.failed > 0 ? `, ${b.failed} failed` : '';
    lines.push(
      `  bootstrap ${b.succeeded} of ${b.replicates} replicates (seed ${b.seed}${failed}); ${SCHEME_DESCRIPTIONS[b.scheme]} (${b.scheme}); brackets: ${fmt(100 * b.level)}% percentile intervals`,
    );
  }
  lines.push('');
  lines.push('Envelope');
  lines.push(pad('Linf', fmt(f.Linf), pins.Linf !== undefined ? null : iv('Linf'), pins.Linf !== undefined ? '(pinned)' : ''));
  lines.push(pad('A', fmt(f.A), iv('A')));
  lines.push(pad('gamma', fmt(f.gamma), pins.gamma !== undefined ? null : iv('gamma'), pins.gamma !== undefined ? '(pinned)' : ''));
  lines.push(
    `  RSS      ${fmt(f.rss)} on ${f.nPoints} budgets − ${f.free.length} free parameters = ${f.dof} degrees of freedom; residual sd ${fmt(f.sigma, 4)}`,
  );
  lines.push(`  status   ${f.status}: ${f.message}`);
  lines.push('');
  lines.push(`  ${'budget C'.padEnd(12)}${'loss'.padEnd(12)}${'envelope'.padEnd(12)}residual`);
  f.C.forEach((C, i) => {
    const e = envelopeLoss(f, C);
    const res = f.L[i]! - e;
    lines.push(`  ${fmt(C, 4).padEnd(12)}${fmt(f.L[i]!, 6).padEnd(12)}${fmt(e, 6).padEnd(12)}${res >= 0 ? '+' : ''}${fmt(res, 3)}`);
  });
  lines.push('');
  const t = r.interval;
  lines.push(`At C = ${fmt(t.compute, 4)} FLOPs (${r.targetRule})`);
  lines.push(`  L(C)     ${fmt(t.loss, 5)}`);
  lines.push(
    `  ${fmt(100 * t.level)}% lack-of-fit interval [${fmt(t.lo, 5)}, ${fmt(t.hi, 5)}]  (Student t on ${t.dof} degrees of freedom, t = ${fmt(t.t, 4)}, se ${fmt(t.se, 3)})`,
  );
  if (b !== null) {
    const bi = b.intervals.target_loss;
    lines.push(`  ${fmt(100 * b.level)}% bootstrap interval   [${fmt(bi[0], 5)}, ${fmt(bi[1], 5)}]`);
  }
  if (f.status !== 'converged') {
    lines.push('');
    lines.push(`warning: the envelope fit ended with status ${f.status}: ${f.message}`);
  }
  if (r.warnings.length > 0) lines.push('');
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  if (b !== null && b.failed > 0) lines.push(`warning: ${b.failed} of ${b.replicates} bootstrap replicates failed (most often: ${b.failures[0]!.text})`);
  return `${lines.join('\n')}\n`;
}

/** The `--json` record. */
export function envelopeJson(r: EnvelopeReport): Record<string, unknown> {
  const f = r.run.fit;
  const b = r.bootstrap;
  const s = r.run.points.surface;
  return {
    command: 'envelope',
    from: r.settings.from,
    from_description: sourceLine(r),
    surface_method: s?.method ?? null,
    surface_pinned: s?.surfaceFit?.pinned ?? null,
    pinned: f.pinned,
    Linf: f.Linf,
    A: f.A,
    gamma: f.gamma,
    rss: f.rss,
    n_budgets: f.nPoints,
    free: f.free,
    dof: f.dof,
    sigma: f.sigma,
    status: f.status,
    message: f.message,
    budgets: Array.from(f.C, (C, i) => ({ C, loss: f.L[i], envelope: envelopeLoss(f, C) })),
    target: {
      compute: r.interval.compute,
      loss: r.interval.loss,
      interval: { kind: 'student_t', level: r.interval.level, lo: r.interval.lo, hi: r.interval.hi, dof: r.interval.dof, t: r.interval.t, se: r.interval.se },
    },
    data: { source: r.source, n_points: r.nPoints, n_groups: r.nGroups, grouped_by: r.groupedBy, filters: r.filters },
    warnings: r.warnings,
    ...(b === null
      ? {}
      : {
          bootstrap: {
            replicates: b.replicates,
            seed: b.seed,
            level: b.level,
            scheme: b.scheme,
            resampling: SCHEME_DESCRIPTIONS[b.scheme],
            scheme_reason: b.schemeReason,
            succeeded: b.succeeded,
            failed: b.failed,
            failures: b.failures.map((x) => ({ message: x.message, count: x.count })),
            intervals: {
              Linf: f.pinned.Linf !== undefined ? null : b.intervals.Linf,
              A: b.intervals.A,
              gamma: f.pinned.gamma !== undefined ? null : b.intervals.gamma,
              target_loss: b.intervals.target_loss,
            },
          },
        }),
  };
}

/** The envelope figure: the per-budget points, the fit to the target, the t band and the bootstrap band. */
export function envelopeFigure(r: EnvelopeReport): PlotlyFigure {
  const f = r.run.fit;
  const b = r.bootstrap;
  const cLo = f.C[0]! / 2;
  const cHi = Math.max(r.interval.compute, f.C[f.C.length - 1]!) * 2;
  const Cs = Array.from(linspace(Math.log10(cLo), Math.log10(cHi), 90), (e) => Math.pow(10, e));
  const data: Array<Record<string, unknown>> = [];
  const tBand = Cs.map((C) => envelopeInterval(f, C, r.interval.level));
  data.push({ type: 'scatter', mode: 'lines', x: Cs, y: tBand.map((x) => x.lo), line: { width: 0 }, showlegend: false, hoverinfo: 'skip' });
  data.push({
    type: 'scatter',
    mode: 'lines',
    x: Cs,
    y: tBand.map((x) => x.hi),
    line: { width: 0 },
    fill: 'tonexty',
    fillcolor: 'rgba(0,114,178,0.15)',
    name: `${fmt(100 * r.interval.level)}% lack-of-fit band (Student t)`,
    hoverinfo: 'skip',
  });
  if (b !== null) {
    const tail = (1 - b.level) / 2;
    const lo: number[] = [];
    const hi: number[] = [];
    const v = new Float64Array(b.succeeded);
    for (const C of Cs) {
      for (let i = 0; i < v.length; i++) v[i] = b.samples.Linf[i]! + b.samples.A[i]! * Math.pow(C, -b.samples.gamma[i]!);
      v.sort();
      lo.push(quantileSorted(v, tail));
      hi.push(quantileSorted(v, 1 - tail));
    }
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: Cs,
      y: lo,
      line: { color: QUALITATIVE[1], dash: 'dot', width: 1.5 },
      name: `${fmt(100 * b.level)}% bootstrap band`,
    });
    data.push({ type: 'scatter', mode: 'lines', x: Cs, y: hi, line: { color: QUALITATIVE[1], dash: 'dot', width: 1.5 }, showlegend: false });
  }
  data.push({
    type: 'scatter',
    mode: 'lines',
    x: Cs,
    y: Cs.map((C) => envelopeLoss(f, C)),
    line: { color: QUALITATIVE[0], width: 2 },
    name: 'envelope L∞ + A·C^−γ',
  });
  data.push({
    type: 'scatter',
    mode: 'markers',
    x: Array.from(f.C),
    y: Array.from(f.L),
    marker: { color: '#000000', size: 9 },
    name: r.settings.from === 'surface' ? 'L_opt(C) of the surface fit' : 'parabola minimum per budget',
    hovertemplate: 'C = %{x:.3s}<br>L = %{y:.4f}<extra></extra>',
  });
  const t = r.interval;
  data.push({
    type: 'scatter',
    mode: 'markers',
    x: [t.compute],
    y: [t.loss],
    name: 'target',
    marker: { color: QUALITATIVE[0], symbol: 'star', size: 14, line: { color: '#000000', width: 1 } },
    error_y: { type: 'data', symmetric: false, array: [t.hi - t.loss], arrayminus: [t.loss - t.lo], color: QUALITATIVE[0], thickness: 2, width: 8 },
  });
  if (f.Linf > 0)
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: [cLo, cHi],
      y: [f.Linf, f.Linf],
      line: { color: '#888888', dash: 'dash', width: 1 },
      name: `L∞ = ${fmt(f.Linf, 4)}${f.pinned.Linf !== undefined ? ' (pinned)' : ''}`,
    });
  return {
    data,
    layout: {
      ...baseLayout(),
      title: { text: `Loss envelope, extrapolated to ${formatPow10(t.compute)} FLOPs`, x: 0.01, xanchor: 'left' },
      height: 540,
      margin: { l: 80, r: 30, t: 60, b: 60 },
      xaxis: { ...baseAxis(), type: 'log', title: { text: 'compute C (FLOPs)' } },
      yaxis: { ...baseAxis(), title: { text: 'compute-optimal loss' } },
      legend: { font: { size: 11 } },
    },
  };
}

/** The parsed `envelope` options. */
interface EnvelopeCommand {
  readonly args: SubcommandArgs;
  readonly from: EnvelopeSource;
}

function commandOf(args: SubcommandArgs): EnvelopeCommand {
  return { args, from: envelopeSource(args) };
}

/**
 * `--from` of `envelope` and `compare --envelope`, with the flags that do not
 * go with it refused: method flags and surface pins with `parabola`, Approach 2
 * with `surface`.
 * @throws UsageError naming the flags
 */
export function envelopeSource(args: SubcommandArgs): EnvelopeSource {
  const fromText = args.own.from;
  const from = (fromText === undefined ? DEFAULT_ENVELOPE_SOURCE : String(fromText)) as EnvelopeSource;
  if (!ENVELOPE_SOURCES.includes(from)) throw new UsageError(`--from must be one of ${ENVELOPE_SOURCES.join(', ')}; got "${String(fromText)}"`);
  const o = args.shared;
  if (from === 'surface' && o.spec.method === 'approach2') throw new UsageError('--from surface needs a surface method; use --from parabola for Approach 2');
  const surfaceGiven = PARAMETER_NAMES.filter((p) => args.fix[p] !== undefined);
  if (from === 'parabola') {
    const methodFlags = args.sharedGiven.filter((g) =>
      ['method', 'optimizer', 'objective', 'huber-delta', 'lse', 'log-loss', 'grid-size', 'n-scale', 'd-scale'].includes(g),
    );
    if (methodFlags.length > 0)
      throw new UsageError(`${methodFlags.map((g) => `--${g}`).join(', ')} ${methodFlags.length === 1 ? 'does' : 'do'} not apply to --from parabola`);
    if (surfaceGiven.length > 0) throw new UsageError(`--fix ${surfaceGiven.join(', ')}: surface parameters apply to --from surface only`);
  }
  return from;
}

async function runCommand(c: EnvelopeCommand, io: SubcommandIo): Promise<void> {
  const o: CliOptions = c.args.shared;
  const data = await loadSubcommandInput(c.args.files[0] ?? null, o, io);
  try {
    const pins = checkSurfacePins(surfacePins(c.args.fix), o.spec.method);
    const spec = pins === undefined ? o.spec : { ...o.spec, fix: pins };
    const prepared = prepareRun(data, o);
    const settings: EnvelopeSettings = {
      from: c.from,
      spec,
      scales: o.scales,
      fix: envelopePins(c.args.fix),
      targetCompute: prepared.targetCompute,
      groupingNote: prepared.groupingNote,
    };
    const run = runEnvelope(prepared.input, settings);
    const interval = envelopeInterval(run.fit, prepared.targetCompute, o.level);
    let bootstrap: EnvelopeReport['bootstrap'] = null;
    if (o.bootstrap > 0) {
      const drawn = drawIndices(prepared.input.N, prepared.input.groups, o.bootstrap, new Rng(o.seed));
      const outcomes = await runReplicates(
        envelopeReplicateTask,
        drawn.indices.map((idx) => ({ input: prepared.input, idx, settings })),
        {
          jobs: o.jobs,
          onNote: (note) => io.stderr(`${COMMAND_NAME}: note: ${note}\n`),
          ...(io.stderrIsTTY ? { onProgress: (d: number, n: number) => io.stderr(`\rbootstrap: ${d}/${n} replicates${d === n ? '\n' : ''}`) } : {}),
        },
      );
      bootstrap = { ...summariseValues(outcomes, ENVELOPE_QUANTITIES, o.level), seed: o.seed, scheme: drawn.scheme, schemeReason: drawn.reason };
    }
    const warnings = [...(run.points.surface?.warnings ?? [])];
    if (c.from === 'surface') {
      warnings.push(
        "with --from surface the points are the fitted surface's own L_opt(C) = E + K·(C/6)^(−αβ/(α+β)), which the envelope fits exactly " +
          '(L∞ = E, gamma = αβ/(α+β)): the lack-of-fit interval has no width and says nothing; use --bootstrap K for an interval, or --from parabola',
      );
    } else if (run.fit.dof < 3)
      warnings.push(
        `only ${run.fit.dof} degree${run.fit.dof === 1 ? '' : 's'} of freedom for the lack-of-fit interval (${run.fit.nPoints} budgets, ${run.fit.free.length} free parameters): it is wide; pin Linf or gamma, or add budgets`,
      );
    const report: EnvelopeReport = {
      source: data.source,
      nPoints: data.N.length,
      nGroups: prepared.grids.length,
      groupedBy: prepared.groupedBy,
      filters: describeFilters(o),
      targetRule: prepared.targetRule,
      settings,
      run,
      interval,
      bootstrap,
      warnings,
    };
    await emit(report, o, io);
  } catch (err) {
    throw locatedInFile(err, data.source);
  }
}

async function emit(r: EnvelopeReport, o: CliOptions, io: SubcommandIo): Promise<void> {
  const summary = formatEnvelopeSummary(r);
  if (o.report !== null) {
    const t = r.interval;
    const figure = envelopeFigure(r);
    const html = figurePage(
      {
        title: `Loss envelope: ${r.source}`,
        meta: `--from ${r.settings.from} · ${r.run.fit.nPoints} budgets · target ${fmt(t.compute, 4)} FLOPs`,
        callout: `L(${fmt(t.compute, 3)}) = ${fmt(t.loss, 5)}, ${fmt(100 * t.level)}% lack-of-fit interval [${fmt(t.lo, 5)}, ${fmt(t.hi, 5)}] on ${t.dof} degrees of freedom.`,
        summary,
        figures: [
          {
            id: 'fig-envelope',
            title: 'Loss envelope and its extrapolation',
            caption:
              `Black: each budget's compute-optimal loss (${sourceLine(r)}). Blue: the fitted envelope and its pointwise ${fmt(100 * t.level)}% Student-t lack-of-fit band` +
              `${r.bootstrap !== null ? `; dotted: the ${fmt(100 * r.bootstrap.level)}% bootstrap band of the refitted envelopes` : ''}; ★: the target with its interval.`,
            figure,
          },
        ],
      },
      (await plotlyForFigures([figure], 'envelope report')).code,
    );
    await writeReport(o.report, html);
  }
  if (o.json) io.stdout(`${JSON.stringify(envelopeJson(r))}\n`);
  else {
    io.stdout(summary);
    if (o.report !== null) io.stdout(`\nReport written to ${o.report}\n`);
  }
}

/** Runs `envelope` with the arguments after the word; returns 0, 2 (bad input) or 1, never throws. */
export async function envelopeMain(argv: readonly string[], io: SubcommandIo): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    const parsed = await parseSubcommand(argv, {
      name: 'envelope',
      files: 1,
      valueFlags: ['from'],
      booleanFlags: [],
      fixNames: [...PARAMETER_NAMES, ...ENVELOPE_FIX_NAMES],
      help: HELP,
    });
    if (parsed.kind === 'help') {
      io.stdout(parsed.text);
      return EXIT_OK;
    }
    await runCommand(commandOf(parsed.args), io);
    return EXIT_OK;
  } catch (err) {
    return reportFailure(err, io, verbose, 'envelope --help');
  }
}
