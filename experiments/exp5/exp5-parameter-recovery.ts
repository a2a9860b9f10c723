/**
 * Experiment 5: parameter recovery by surface fitting (specs/experiments.md §C.5).
 */
import { BIASES, type BiasName, DEFAULT_BUDGETS, DEFAULT_POINTS_PER_CURVE, STANDARD_BIAS_NAMES } from '../../src/sampling/index.ts';
import { dOpt, type LossSurface, SURFACES } from '../../src/surface/index.ts';
import { extrapolationBudgets } from '../shared/budgets.ts';
import { EXTRAPOLATION_COLUMNS } from '../shared/columns.ts';
import { tokenErrorFor } from '../../src/surface/allocation-cost.ts';
import { EXP5_METHOD_LABELS, EXP5_METHOD_LIST, type Exp5FitOutcome, type Exp5Method, type Exp5SampleInput, fitSampleTask } from './fits.ts';
import { extrapolationFigure, methodComparisonFigure, paramErrorsFigure } from './figures.ts';
import { biasColumns, namedWidth, RANGE_NAME_LIST, widthPoints, type WidthPoint } from '../shared/sweep.ts';
import { ERR_PCT_KEYS, errPctColumns, missingParamColumns, PARAM_KEYS, paramColumns, type ParamKey } from '../shared/surface-params.ts';
import { mean, median } from '../../src/util/stats.ts';
import type { Artifacts, RunContext } from '../harness/types.ts';
import type { Exp5Config, FitRow } from './types.ts';

export type { Exp5Config, FitRow } from './types.ts';

export const id = 5;
export const title = 'Parameter recovery by surface fitting';
export const hypothesis =
  'Fitting the whole surface with VPNLS recovers all five parameters, and hence D* far outside the fitted range, on the ' +
  'same biased noise-free samples that mislead Approach 2; the attainable precision is then set by the optimiser: ' +
  'locally refined 2-D searches reach near machine precision, the ill-conditioned 5-D search and finite-difference ' +
  'gradients lose digits, and a pure grid is limited by its resolution.';

export const defaultConfig: Exp5Config = {
  surfaces: (['symmetric', 'chinchilla', 'asymmetric'] as const).map((name) => ({ name, surface: SURFACES[name] })),
  biases: STANDARD_BIAS_NAMES,
  budgets: DEFAULT_BUDGETS,
  pointsPerCurve: DEFAULT_POINTS_PER_CURVE,
  wIndices: widthPoints().map((w) => w.w_index),
  ranges: RANGE_NAME_LIST,
  evalBudgets: extrapolationBudgets(),
  recoveryMethod: 'vpnls_lbfgsb_grad',
  comparisonBias: 'baseline',
  comparisonMethods: EXP5_METHOD_LIST,
};

/** Quick mode: only w_index 0, 10, 19 in parts 1 and 3. */
export const quickConfig: Exp5Config = { ...defaultConfig, wIndices: RANGE_NAME_LIST.map((r) => namedWidth(r).w_index) };

/** One sample (surface × bias × width) with every fit run on it. */
export interface Exp5Sample {
  readonly surface: string;
  readonly bias: BiasName;
  readonly width: WidthPoint;
  readonly fits: Exp5FitOutcome[];
}

export interface Exp5Result {
  readonly samples: Exp5Sample[];
}

const key = (surface: string, bias: string, wIndex: number): string => `${surface}|${bias}|${wIndex}`;

export async function run(config: Exp5Config, ctx: RunContext): Promise<Exp5Result> {
  const widths = widthPoints();
  // Methods needed per sample: part 1 and part 2 use the recovery method, part 3 the comparison methods.
  const needed = new Map<string, { surface: string; bias: BiasName; width: WidthPoint; methods: Set<Exp5Method> }>();
  const need = (surface: string, bias: BiasName, wIndex: number, methods: readonly Exp5Method[]) => {
    const k = key(surface, bias, wIndex);
    const entry = needed.get(k) ?? { surface, bias, width: widths[wIndex], methods: new Set<Exp5Method>() };
    for (const m of methods) entry.methods.add(m);
    needed.set(k, entry);
  };
  for (const s of config.surfaces) {
    for (const bias of config.biases) {
      for (const w of config.wIndices) need(s.name, bias, w, [config.recoveryMethod]);
      for (const r of config.ranges) need(s.name, bias, namedWidth(r).w_index, [config.recoveryMethod]);
    }
    for (const w of config.wIndices) need(s.name, config.comparisonBias, w, config.comparisonMethods);
  }
  const entries = [...needed.values()];
  const surfaceOf = new Map(config.surfaces.map((s) => [s.name, s.surface]));
  const inputs: Exp5SampleInput[] = entries.map((e) => ({
    surface: surfaceOf.get(e.surface)!,
    bias: BIASES[e.bias],
    W: e.width.log_range,
    budgets: config.budgets,
    pointsPerCurve: config.pointsPerCurve,
    methods: EXP5_METHOD_LIST.filter((m) => e.methods.has(m)),
  }));
  // Small chunks: baseline samples carry all six part-3 fits and are far heavier than the others.
  const outputs = await ctx.pool.map(fitSampleTask, inputs, { label: 'samples', progress: ctx.progress, chunkSize: 8 });
  return { samples: entries.map((e, i) => ({ surface: e.surface, bias: e.bias, width: e.width, fits: outputs[i] })) };
}

// ---------------------------------------------------------------- tables

export const PARAM_ERRORS_COLUMNS = [
  'surface',
  'bias',
  'drift_rate',
  'center_scale',
  'w_index',
  'log_range',
  'method',
  ...PARAM_KEYS,
  ...ERR_PCT_KEYS,
  'status',
  'iterations',
  'failed',
] as const;
export const EXP5_EXTRAPOLATION_COLUMNS = [...EXTRAPOLATION_COLUMNS, 'method'] as const;
export const METHOD_COMPARISON_COLUMNS = [
  'surface',
  'method',
  'label',
  'w_index',
  'log_range',
  ...ERR_PCT_KEYS,
  'rss',
  'status',
  'iterations',
  'failed',
  'abnormal',
] as const;
export const METHOD_SUMMARY_COLUMNS = [
  'surface',
  'method',
  'label',
  'n_fits',
  'n_failed',
  'n_abnormal',
  'min_iterations',
  'median_iterations',
  'mean_iterations',
  'max_iterations',
  ...PARAM_KEYS.map((k) => `max_abs_${k}_err_pct` as const),
] as const;

/** A fit's usable estimate, or null when it failed (threw or hit a bound, specs/experiments.md §C.5). */
function estimate(f: Exp5FitOutcome): LossSurface | null {
  return f.ok && f.status !== 'bound_hit' ? f.surface : null;
}

/** Columns of the per-fit tables (each table writes the subset it lists): estimates, errors, rss, status, iterations, failed, abnormal. */
function fitColumns(f: Exp5FitOutcome, truth: LossSurface): FitRow {
  const est = estimate(f);
  return {
    ...(est ? { ...paramColumns(est), ...errPctColumns(est, truth) } : missingParamColumns()),
    rss: est && f.ok ? f.rss : NaN,
    status: f.ok ? f.status : null,
    iterations: f.ok ? f.iterations : NaN,
    failed: est === null,
    abnormal: f.ok && f.status === 'abnormal',
  };
}

function fitOf(sample: Exp5Sample, method: Exp5Method): Exp5FitOutcome {
  const f = sample.fits.find((x) => x.method === method);
  if (!f) throw new Error(`experiment 5: no ${method} fit for ${sample.surface}/${sample.bias}/w${sample.width.w_index}`);
  return f;
}

interface Tables {
  paramErrors: FitRow[];
  extrapolation: FitRow[];
  comparison: FitRow[];
  summary: FitRow[];
}

function buildTables(result: Exp5Result, config: Exp5Config): Tables {
  const lookup = new Map(result.samples.map((s) => [key(s.surface, s.bias, s.width.w_index), s]));
  const sample = (surface: string, bias: BiasName, w: number): Exp5Sample => {
    const s = lookup.get(key(surface, bias, w));
    if (!s) throw new Error(`experiment 5: no sample ${surface}/${bias}/w${w}`);
    return s;
  };
  const paramErrors: FitRow[] = [];
  const extrapolation: FitRow[] = [];
  const comparison: FitRow[] = [];
  for (const { name, surface } of config.surfaces) {
    for (const bias of config.biases) {
      for (const w of config.wIndices) {
        const s = sample(name, bias, w);
        const cols = fitColumns(fitOf(s, config.recoveryMethod), surface);
        paramErrors.push({
          surface: name,
          ...biasColumns(bias),
          w_index: s.width.w_index,
          log_range: s.width.log_range,
          method: config.recoveryMethod,
          ...cols,
        });
      }
    }
  }
  for (const range of config.ranges) {
    const w = namedWidth(range);
    for (const { name, surface } of config.surfaces) {
      for (const bias of config.biases) {
        const est = estimate(fitOf(sample(name, bias, w.w_index), config.recoveryMethod));
        config.evalBudgets.forEach((C, k) => {
          extrapolation.push({
            range_name: range,
            w_index: w.w_index,
            log_range: w.log_range,
            surface: name,
            ...biasColumns(bias),
            budget_index: k,
            budget: C,
            ...tokenErrorFor(surface, est ? dOpt(est, C) : NaN, C),
            method: config.recoveryMethod,
          });
        });
      }
    }
  }
  for (const { name, surface } of config.surfaces) {
    for (const method of config.comparisonMethods) {
      for (const w of config.wIndices) {
        const s = sample(name, config.comparisonBias, w);
        const cols = fitColumns(fitOf(s, method), surface);
        comparison.push({ surface: name, method, label: EXP5_METHOD_LABELS[method], w_index: s.width.w_index, log_range: s.width.log_range, ...cols });
      }
    }
  }
  const summary: FitRow[] = [];
  const groups: Array<[string, (r: FitRow) => boolean]> = [
    ...config.surfaces.map((s): [string, (r: FitRow) => boolean] => [s.name, (r) => r.surface === s.name]),
    ['all', () => true],
  ];
  for (const [surface, inGroup] of groups) {
    for (const method of config.comparisonMethods)
      summary.push({
        surface,
        ...methodSummary(
          comparison.filter((r) => r.method === method && inGroup(r)),
          method,
        ),
      });
  }
  return { paramErrors, extrapolation, comparison, summary };
}

/** Max of |values|, ignoring missing ones; NaN when none is left. */
export function maxAbs(values: readonly unknown[]): number {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).map(Math.abs);
  return v.length ? Math.max(...v) : NaN;
}

function methodSummary(rows: FitRow[], method: Exp5Method): FitRow {
  const ok = rows.filter((r) => r.failed === false);
  const its = ok.map((r) => r.iterations as number);
  const out: FitRow = {
    method,
    label: EXP5_METHOD_LABELS[method],
    n_fits: rows.length,
    n_failed: rows.length - ok.length,
    n_abnormal: rows.filter((r) => r.abnormal === true).length,
    min_iterations: its.length ? Math.min(...its) : NaN,
    median_iterations: median(its),
    mean_iterations: mean(its),
    max_iterations: its.length ? Math.max(...its) : NaN,
  };
  for (const k of PARAM_KEYS) out[`max_abs_${k}_err_pct`] = maxAbs(ok.map((r) => r[`${k}_err_pct`]));
  return out;
}

export function render(result: Exp5Result, config: Exp5Config): Artifacts {
  const t = buildTables(result, config);
  const part1MaxAbs = Object.fromEntries(PARAM_KEYS.map((k) => [k, maxAbs(t.paramErrors.map((r) => r[`${k}_err_pct`]))])) as Record<ParamKey, number>;
  const part3Failed = Object.fromEntries(config.comparisonMethods.map((m) => [m, t.comparison.filter((r) => r.method === m && r.failed === true).length]));
  return {
    tables: {
      'param_errors.csv': { columns: PARAM_ERRORS_COLUMNS, rows: t.paramErrors },
      'extrapolation.csv': { columns: EXP5_EXTRAPOLATION_COLUMNS, rows: t.extrapolation },
      'method_comparison.csv': { columns: METHOD_COMPARISON_COLUMNS, rows: t.comparison },
      'method_summary.csv': { columns: METHOD_SUMMARY_COLUMNS, rows: t.summary },
    },
    figures: {
      param_errors: paramErrorsFigure(t.paramErrors, config),
      extrapolation_error: extrapolationFigure(t.extrapolation, config),
      method_comparison: methodComparisonFigure(t.comparison, config),
    },
    summary: {
      part1_max_abs_err_pct: part1MaxAbs,
      part1_n_failed: t.paramErrors.filter((r) => r.failed === true).length,
      part2_max_abs_d_err_pct: maxAbs(t.extrapolation.map((r) => r.d_err_pct)),
      part3_n_failed: part3Failed,
    },
  };
}
