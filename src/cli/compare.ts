/**
 * `scaling-fit compare BASE.csv VARIANT.csv` (`npm run compare -- …`): the
 * effective compute multiplier of a variant over a baseline at each measured
 * budget and at the target compute, from two surface fits (default) or two
 * envelopes (`--envelope`), with bootstrap intervals that resample each data
 * set independently, and a verdict in words; text, `--json` or `--report`
 * (specs/cli.md, specs/envelope.md).
 */
import { envelopeMultiplier, surfaceMultiplier } from '../fit/compute-multiplier.ts';
import { envelopeLoss } from '../fit/envelope.ts';
import { describePinned } from '../fit/pinned.ts';
import { PARAMETER_NAMES } from '../fit/result.ts';
import { plotlyForFigures } from '../plot/plotly-asset.ts';
import type { PlotlyFigure } from '../plot/plotly.ts';
import { baseAxis, baseLayout, formatPow10, QUALITATIVE } from '../plot/theme.ts';
import { lossOpt } from '../surface/loss-surface.ts';
import { Rng } from '../util/rng.ts';
import { linspace } from '../util/space.ts';
import { COMMAND_NAME } from './args.ts';
import { SCHEME_DESCRIPTIONS, type BootstrapScheme } from './bootstrap-core.ts';
import { compareReplicateTask, compareSides, fitSide, type CompareMode, type CompareRun, type CompareSettings, type CompareSide } from './compare-core.ts';
import { DEFAULT_ENVELOPE_SOURCE, budgetsOf, type EnvelopeSource } from './envelope-core.ts';
import { EXIT_OK, UsageError } from './errors.ts';
import { reportFailure } from './failure.ts';
import { describeFilters, locatedInFile, prepareRun, type PreparedRun } from './fit-run.ts';
import { checkSurfacePins, ENVELOPE_FIX_NAMES, envelopePins, surfacePins } from './fix.ts';
import { envelopeSource } from './envelope.ts';
import { formatNumber } from './output.ts';
import { figurePage } from './page.ts';
import { writeReport } from './report-file.ts';
import { drawIndices, runReplicates, summariseValues, type ValueSummary } from './replicates.ts';
import { loadSubcommandInput, parseSubcommand, type SubcommandArgs, type SubcommandIo } from './subcommand-args.ts';

const HELP = `${COMMAND_NAME} compare BASE.csv VARIANT.csv [options]

The effective compute multiplier of a variant over a baseline: how many
times the compute the baseline needs to reach the loss the variant reaches,
at each measured budget and at the target compute (m > 1: the variant is
better). From two surface fits (default), m(C) = C_base(L_opt,variant(C))/C
with the inverse of the baseline's L_opt; with --envelope, from two envelopes
L(C) = Linf + A*C^(-gamma), m(C) = C_base(L_variant(C))/C, which with a
shared pinned Linf and gamma is ((L_base - Linf)/(L_variant - Linf))^(1/gamma).
With --bootstrap K each data set is resampled independently (seeded) and the
verdict says whether the interval at the target excludes 1.

Own options:
  --envelope               compare envelopes instead of surfaces
  --from parabola|surface  with --envelope: each budget's compute-optimal loss
                           (default parabola; see envelope --help)
  --fix NAME=VALUE         pin E, A, B, alpha, beta of both surfaces, or (with
                           --envelope) Linf, gamma of both envelopes; repeatable

Every other option is the fit command's (${COMMAND_NAME} --help) and applies to
both files: columns, --where and the other filters, --method and its options,
--target-compute (default: the largest budget of the two × 1000), --json,
--report FILE.html, --bootstrap K, --seed, --level, --jobs.

Examples:
  ${COMMAND_NAME} compare examples/compare-baseline.csv examples/compare-variant.csv --bootstrap 200
  ${COMMAND_NAME} compare base.csv variant.csv --envelope --fix Linf=1.7 --fix gamma=0.15 --json
`;

/** Everything the compare outputs are made from. */
export interface CompareReport {
  readonly base: { readonly source: string; readonly nPoints: number; readonly nGroups: number; readonly prepared: PreparedRun };
  readonly variant: { readonly source: string; readonly nPoints: number; readonly nGroups: number; readonly prepared: PreparedRun };
  readonly filters: readonly string[];
  readonly settings: CompareSettings;
  readonly targetRule: string;
  readonly run: CompareRun;
  readonly bootstrap:
    | (ValueSummary<string> & {
        readonly seed: number;
        readonly scheme: { base: BootstrapScheme; variant: BootstrapScheme };
        readonly reasons: { base: string; variant: string };
      })
    | null;
  readonly verdict: string;
  readonly warnings: readonly string[];
}

const fmt = (x: number, digits = 6): string => (x === Infinity ? '∞' : formatNumber(x, digits));

/** Keys of the multipliers: `C=<budget>` for each measured budget, then `target`. */
function multiplierKeys(s: CompareSettings): string[] {
  return [...s.budgets.map((C) => `C=${C}`), 'target'];
}

/** The verdict at the target, in plain words. */
export function verdictText(m: number, iv: readonly [number, number] | null, level: number, compute: number): string {
  const at = `at C = ${fmt(compute, 4)} FLOPs`;
  if (iv === null) return `Estimate ${at}: m = ${fmt(m, 4)}. No interval without --bootstrap K, so no verdict.`;
  const pct = `${fmt(100 * level)}% interval`;
  const range = `[${fmt(iv[0], 4)}, ${fmt(iv[1], 4)}]`;
  if (iv[0] > 1) {
    return `The variant is better ${at}: the baseline needs ${fmt(m, 4)}× the compute to reach the variant's loss (${pct} ${range}); the interval excludes 1.`;
  }
  if (iv[1] < 1) {
    return `The variant is worse ${at}: the baseline reaches the variant's loss with ${fmt(m, 4)}× the compute (${pct} ${range}); the interval excludes 1.`;
  }
  return `No evidence of a difference ${at}: m = ${fmt(m, 4)} and the ${pct} ${range} contains 1.`;
}

function sideLines(label: string, r: CompareReport, side: 'base' | 'variant'): string[] {
  const fits = r.run[side];
  const target = r.settings.envelope.targetCompute;
  if (r.settings.mode === 'surface') {
    const s = fits.surface!;
    const pins = s.surfaceFit?.pinned;
    return [
      `  ${label.padEnd(9)}E ${fmt(s.E!)}  A ${fmt(s.A!)}  B ${fmt(s.B!)}  alpha ${fmt(s.alpha!)}  beta ${fmt(s.beta!)}  (${s.status})`,
      `  ${''.padEnd(9)}L_opt(${fmt(target, 3)}) = ${fmt(lossOpt(s.surface!, target), 5)}${pins !== undefined ? `; pinned ${describePinned(pins)}` : ''}`,
    ];
  }
  const e = fits.envelope!;
  const pinned =
    Object.keys(e.pinned).length > 0
      ? `; pinned ${Object.entries(e.pinned)
          .map(([k, v]) => `${k} = ${v}`)
          .join(', ')}`
      : '';
  return [
    `  ${label.padEnd(9)}Linf ${fmt(e.Linf)}  A ${fmt(e.A)}  gamma ${fmt(e.gamma)}  (${e.status}); L(${fmt(target, 3)}) = ${fmt(envelopeLoss(e, target), 5)}${pinned}`,
  ];
}

/** The readable summary. */
export function formatCompareSummary(r: CompareReport): string {
  const s = r.settings;
  const b = r.bootstrap;
  const lines: string[] = [];
  const what = s.mode === 'surface' ? `surfaces (${r.run.base.surface!.method})` : `envelopes (--from ${s.envelope.from})`;
  lines.push(`Compare ${what}: variant ${r.variant.source} against baseline ${r.base.source}`);
  lines.push(
    `  baseline ${r.base.nPoints} points in ${r.base.nGroups} IsoFLOP groups; variant ${r.variant.nPoints} points in ${r.variant.nGroups} IsoFLOP groups`,
  );
  if (r.filters.length > 0) lines.push(`  filters  ${r.filters.join('; ')} (both files)`);
  if (b !== null) {
    const failed = b.failed > 0 ? `, ${b.failed} failed` : '';
    lines.push(
      `  bootstrap ${b.succeeded} of ${b.replicates} replicates (seed ${b.seed}${failed}), each data set resampled independently: ` +
        `baseline ${SCHEME_DESCRIPTIONS[b.scheme.base]}, variant ${SCHEME_DESCRIPTIONS[b.scheme.variant]}; brackets: ${fmt(100 * b.level)}% percentile intervals`,
    );
  }
  lines.push('');
  lines.push(s.mode === 'surface' ? 'Fits  L(N, D) = E + A/N^alpha + B/D^beta' : 'Fits  L(C) = Linf + A·C^(−gamma)');
  lines.push(...sideLines('baseline', r, 'base'));
  lines.push(...sideLines('variant', r, 'variant'));
  lines.push('');
  lines.push(
    s.mode === 'surface'
      ? 'Effective compute multiplier  m(C) = C_base(L_opt,variant(C)) / C  (m > 1: the variant is better)'
      : 'Effective compute multiplier  m(C) = C_base(L_variant(C)) / C  (m > 1: the variant is better)',
  );
  const keys = multiplierKeys(s);
  const at = [...s.budgets, s.envelope.targetCompute];
  at.forEach((C, i) => {
    const label = i === at.length - 1 ? `C = ${fmt(C, 4)} (target)` : `C = ${fmt(C, 4)}`;
    const iv = b === null ? null : b.intervals[keys[i]!]!;
    const left = `  ${label.padEnd(24)}${fmt(r.run.multipliers[i]!, 5)}`;
    lines.push(iv === null ? left : `${left.padEnd(40)}[${fmt(iv[0], 4)}, ${fmt(iv[1], 4)}]`);
  });
  lines.push('');
  lines.push(`Verdict: ${r.verdict}`);
  if (r.warnings.length > 0) lines.push('');
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  if (b !== null && b.failed > 0) lines.push(`warning: ${b.failed} of ${b.replicates} bootstrap replicates failed (most often: ${b.failures[0]!.text})`);
  return `${lines.join('\n')}\n`;
}

function sideJson(r: CompareReport, side: 'base' | 'variant'): Record<string, unknown> {
  const fits = r.run[side];
  const d = r[side];
  const data = { source: d.source, n_points: d.nPoints, n_groups: d.nGroups };
  if (r.settings.mode === 'surface') {
    const s = fits.surface!;
    return {
      data,
      method: s.method,
      E: s.E,
      A: s.A,
      B: s.B,
      alpha: s.alpha,
      beta: s.beta,
      rss: s.rss,
      status: s.status,
      pinned: s.surfaceFit?.pinned ?? null,
      target_loss: lossOpt(s.surface!, r.settings.envelope.targetCompute),
    };
  }
  const e = fits.envelope!;
  return {
    data,
    Linf: e.Linf,
    A: e.A,
    gamma: e.gamma,
    rss: e.rss,
    dof: e.dof,
    status: e.status,
    pinned: e.pinned,
    target_loss: envelopeLoss(e, r.settings.envelope.targetCompute),
  };
}

/** The `--json` record. */
export function compareJson(r: CompareReport): Record<string, unknown> {
  const s = r.settings;
  const b = r.bootstrap;
  const keys = multiplierKeys(s);
  const at = [...s.budgets, s.envelope.targetCompute];
  return {
    command: 'compare',
    mode: s.mode,
    from: s.mode === 'envelope' ? s.envelope.from : null,
    formula: s.mode === 'surface' ? 'C_base(L_opt,variant(C)) / C' : 'C_base(L_variant(C)) / C',
    baseline: sideJson(r, 'base'),
    variant: sideJson(r, 'variant'),
    filters: r.filters,
    multipliers: at.map((C, i) => ({
      compute: C,
      target: i === at.length - 1,
      m: r.run.multipliers[i],
      interval: b === null ? null : b.intervals[keys[i]!],
    })),
    target: { compute: s.envelope.targetCompute, rule: r.targetRule },
    verdict: r.verdict,
    excludes_one: b === null ? null : b.intervals.target![0] > 1 || b.intervals.target![1] < 1,
    warnings: r.warnings,
    ...(b === null
      ? {}
      : {
          bootstrap: {
            replicates: b.replicates,
            seed: b.seed,
            level: b.level,
            resampling: 'each data set independently',
            scheme: b.scheme,
            scheme_reason: b.reasons,
            succeeded: b.succeeded,
            failed: b.failed,
            failures: b.failures.map((x) => ({ message: x.message, count: x.count })),
          },
        }),
  };
}

/** The multiplier against compute: the estimates at the measured budgets and the target with their intervals, and m = 1. */
export function compareFigure(r: CompareReport): PlotlyFigure {
  const s = r.settings;
  const b = r.bootstrap;
  const keys = multiplierKeys(s);
  const at = [...s.budgets, s.envelope.targetCompute];
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  const data: Array<Record<string, unknown>> = [];
  const cLo = at[0]! / 2;
  const cHi = at[at.length - 1]! * 2;
  const Cs = Array.from(linspace(Math.log10(cLo), Math.log10(cHi), 90), (e) => Math.pow(10, e));
  // The point estimate as a curve between the budgets and to the target.
  const curve = Cs.map((C) => {
    try {
      return finite(runCurve(r, C));
    } catch {
      return null;
    }
  });
  data.push({ type: 'scatter', mode: 'lines', x: Cs, y: curve, line: { color: QUALITATIVE[0], width: 2 }, name: 'm(C), point estimate' });
  for (const [i, C] of at.entries()) {
    const iv = b === null ? null : b.intervals[keys[i]!]!;
    const m = r.run.multipliers[i]!;
    const isTarget = i === at.length - 1;
    data.push({
      type: 'scatter',
      mode: 'markers',
      x: [C],
      y: [finite(m)],
      showlegend: i === 0 || isTarget,
      name: isTarget ? 'target' : 'measured budgets',
      legendgroup: isTarget ? 'target' : 'budgets',
      marker: { color: isTarget ? QUALITATIVE[1] : '#000000', symbol: isTarget ? 'star' : 'circle', size: isTarget ? 14 : 9 },
      ...(iv !== null && Number.isFinite(iv[1])
        ? { error_y: { type: 'data', symmetric: false, array: [iv[1] - m], arrayminus: [m - iv[0]], thickness: 2, width: 8 } }
        : {}),
    });
  }
  data.push({ type: 'scatter', mode: 'lines', x: [cLo, cHi], y: [1, 1], line: { color: '#888888', dash: 'dash', width: 1 }, name: 'm = 1 (no difference)' });
  return {
    data,
    layout: {
      ...baseLayout(),
      title: { text: `Effective compute multiplier of the variant, extrapolated to ${formatPow10(s.envelope.targetCompute)} FLOPs`, x: 0.01, xanchor: 'left' },
      height: 520,
      margin: { l: 80, r: 30, t: 60, b: 60 },
      xaxis: { ...baseAxis(), type: 'log', title: { text: 'compute C (FLOPs)' } },
      yaxis: { ...baseAxis(), title: { text: 'm(C): baseline compute ÷ variant compute at equal loss' } },
    },
  };
}

/** m at any compute from the fitted pair (the figure's curve). */
function runCurve(r: CompareReport, C: number): number {
  const b = r.run.base;
  const v = r.run.variant;
  return r.settings.mode === 'surface' ? surfaceMultiplier(b.surface!.surface!, v.surface!.surface!, C) : envelopeMultiplier(b.envelope!, v.envelope!, C);
}

function commandOf(args: SubcommandArgs): { mode: CompareMode; from: EnvelopeSource } {
  const mode: CompareMode = args.own.envelope === true ? 'envelope' : 'surface';
  if (mode === 'surface' && args.own.from !== undefined) throw new UsageError('--from applies with --envelope only');
  const from = mode === 'envelope' ? envelopeSource(args) : DEFAULT_ENVELOPE_SOURCE;
  const envelopeGiven = ENVELOPE_FIX_NAMES.filter((p) => args.fix[p] !== undefined);
  if (mode === 'surface' && envelopeGiven.length > 0) throw new UsageError(`--fix ${envelopeGiven.join(', ')}: envelope parameters apply with --envelope only`);
  if (mode === 'surface' && args.shared.spec.method === 'approach2')
    throw new UsageError('compare needs a surface method (its L_opt and inverse); Approach 2 has none');
  return { mode, from };
}

async function runCommand(args: SubcommandArgs, io: SubcommandIo): Promise<void> {
  const o = args.shared;
  const { mode, from } = commandOf(args);
  const baseData = await loadSubcommandInput(args.files[0] ?? null, o, io);
  const variantData = await loadSubcommandInput(args.files[1] ?? null, o, io);
  let basePrep: PreparedRun;
  let variantPrep: PreparedRun;
  try {
    basePrep = prepareRun(baseData, o);
  } catch (err) {
    throw locatedInFile(err, baseData.source);
  }
  try {
    variantPrep = prepareRun(variantData, o);
  } catch (err) {
    throw locatedInFile(err, variantData.source);
  }
  const largest = Math.max(basePrep.largestBudget, variantPrep.largestBudget);
  const targetCompute = o.targetCompute ?? largest * 1000;
  const targetRule = o.targetCompute !== null ? '--target-compute' : `largest budget ${fmt(largest, 4)} × 1000`;
  const budgets = [...new Set([...budgetsOf(basePrep.input.groups), ...budgetsOf(variantPrep.input.groups)])].sort((a, b) => a - b);
  const pins = checkSurfacePins(surfacePins(args.fix), o.spec.method);
  const settings: CompareSettings = {
    mode,
    envelope: {
      from,
      spec: pins === undefined ? o.spec : { ...o.spec, fix: pins },
      scales: o.scales,
      fix: envelopePins(args.fix),
      targetCompute,
      groupingNote: '',
    },
    budgets,
    baseGroupingNote: basePrep.groupingNote,
    variantGroupingNote: variantPrep.groupingNote,
  };
  // Each side separately, so an error names the file that could not be fitted.
  const side = (input: PreparedRun['input'], note: string, source: string): CompareSide => {
    try {
      return fitSide(input, settings, note);
    } catch (err) {
      throw locatedInFile(err, source);
    }
  };
  const run: CompareRun = compareSides(
    side(basePrep.input, basePrep.groupingNote, baseData.source),
    side(variantPrep.input, variantPrep.groupingNote, variantData.source),
    settings,
  );
  let bootstrap: CompareReport['bootstrap'] = null;
  const keys = multiplierKeys(settings);
  if (o.bootstrap > 0) {
    // One seed, two independent streams: the baseline's draws first, then the variant's.
    const rng = new Rng(o.seed);
    const bd = drawIndices(basePrep.input.N, basePrep.input.groups, o.bootstrap, rng);
    const vd = drawIndices(variantPrep.input.N, variantPrep.input.groups, o.bootstrap, rng);
    const inputs = bd.indices.map((baseIdx, i) => ({ base: basePrep.input, variant: variantPrep.input, baseIdx, variantIdx: vd.indices[i]!, settings }));
    const outcomes = await runReplicates(compareReplicateTask, inputs, {
      jobs: o.jobs,
      onNote: (note) => io.stderr(`${COMMAND_NAME}: note: ${note}\n`),
      ...(io.stderrIsTTY ? { onProgress: (d: number, n: number) => io.stderr(`\rbootstrap: ${d}/${n} replicates${d === n ? '\n' : ''}`) } : {}),
    });
    bootstrap = {
      ...summariseValues(outcomes, keys, o.level),
      seed: o.seed,
      scheme: { base: bd.scheme, variant: vd.scheme },
      reasons: { base: bd.reason, variant: vd.reason },
    };
  }
  const m = run.multipliers[run.multipliers.length - 1]!;
  const verdict = verdictText(m, bootstrap === null ? null : bootstrap.intervals.target!, o.level, targetCompute);
  const warnings = [...(run.base.surface?.warnings ?? []).map((w) => `baseline: ${w}`), ...(run.variant.surface?.warnings ?? []).map((w) => `variant: ${w}`)];
  if (run.multipliers.some((x) => x === Infinity))
    warnings.push("at some budgets the variant's loss is at or below the baseline's irreducible loss: the baseline never reaches it (m = ∞)");
  const report: CompareReport = {
    base: { source: baseData.source, nPoints: baseData.N.length, nGroups: basePrep.grids.length, prepared: basePrep },
    variant: { source: variantData.source, nPoints: variantData.N.length, nGroups: variantPrep.grids.length, prepared: variantPrep },
    filters: describeFilters(o),
    settings,
    targetRule,
    run,
    bootstrap,
    verdict,
    warnings,
  };
  const summary = formatCompareSummary(report);
  if (o.report !== null) {
    const figure = compareFigure(report);
    const html = figurePage(
      {
        title: `Compare: ${variantData.source} against ${baseData.source}`,
        meta: `${mode === 'surface' ? 'surfaces' : `envelopes (--from ${from})`} · target ${fmt(targetCompute, 4)} FLOPs`,
        callout: verdict,
        summary,
        figures: [
          {
            id: 'fig-multiplier',
            title: 'Effective compute multiplier',
            caption:
              "How many times the compute the baseline needs to reach the variant's loss. Dots: the measured budgets; ★: the target" +
              `${bootstrap !== null ? `; bars: ${fmt(100 * bootstrap.level)}% bootstrap intervals (each data set resampled independently)` : ''}. Dashed: m = 1, no difference.`,
            figure,
          },
        ],
      },
      (await plotlyForFigures([figure], 'compare report')).code,
    );
    await writeReport(o.report, html);
  }
  if (o.json) io.stdout(`${JSON.stringify(compareJson(report))}\n`);
  else {
    io.stdout(summary);
    if (o.report !== null) io.stdout(`\nReport written to ${o.report}\n`);
  }
}

/** Runs `compare` with the arguments after the word; returns 0, 2 (bad input) or 1, never throws. */
export async function compareMain(argv: readonly string[], io: SubcommandIo): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    const parsed = await parseSubcommand(argv, {
      name: 'compare',
      files: 2,
      valueFlags: ['from'],
      booleanFlags: ['envelope'],
      fixNames: [...PARAMETER_NAMES, ...ENVELOPE_FIX_NAMES],
      help: HELP,
    });
    if (parsed.kind === 'help') {
      io.stdout(parsed.text);
      return EXIT_OK;
    }
    await runCommand(parsed.args, io);
    return EXIT_OK;
  } catch (err) {
    return reportFailure(err, io, verbose, 'compare --help');
  }
}
