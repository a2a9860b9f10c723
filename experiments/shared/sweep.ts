/**
 * The W sweep of experiments 1–3 and 5–6 (specs/experiments.md §A.3) and the plot-ready detail of
 * the narrow, medium and wide runs shared by their diagnostic figures.
 */
import type { Approach2DiagnosticsData, WidthDetail } from './approach2-diagnostics.ts';
import { gridFactorLabel } from '../../src/plot/theme.ts';
import { BIASES, type BiasName, RANGE_NAMES, type SamplingBias, widthSweep } from '../../src/sampling/index.ts';
import { dOpt, loss, type LossSurface, nOpt } from '../../src/surface/index.ts';
import { linspace } from '../../src/util/space.ts';
import { extrapolateApproach2 } from '../../src/fit/approach2.ts';
import { type Approach2OptimumRow, type Approach2ParamRow, type Approach2Run, runApproach2 } from './approach2-run.ts';
import { centreBudget, TARGET_BUDGET } from './budgets.ts';
import { allocationCost } from '../../src/surface/allocation-cost.ts';

export type RangeName = keyof typeof RANGE_NAMES;
export const RANGE_NAME_LIST: readonly RangeName[] = ['narrow', 'medium', 'wide'];

/** One width of the sweep: `w_index` 0…19, `log_range` W, `grid_factor` 10^W. */
export interface WidthPoint {
  w_index: number;
  log_range: number;
  grid_factor: number;
}

/**
 * The 20 widths: W = linspace(0.3, 2.0, 20) (numpy semantics, so the last W
 * is exactly 2.0; the others equal 0.3 + i·(1.7/19) of specs/experiments.md §A.3).
 */
export function widthPoints(): WidthPoint[] {
  return Array.from(widthSweep(), (W, i) => ({ w_index: i, log_range: W, grid_factor: Math.pow(10, W) }));
}

/** The width point named narrow, medium or wide. */
export function namedWidth(name: RangeName): WidthPoint {
  return widthPoints()[RANGE_NAMES[name]];
}

/** Bias columns `bias,drift_rate,center_scale`. */
export function biasColumns(name: BiasName): { bias: BiasName; drift_rate: number; center_scale: number } {
  const b: SamplingBias = BIASES[name];
  return { bias: name, drift_rate: b.driftRate, center_scale: b.centerScale };
}

/** Budgets and points per curve of a noise-free sweep. */
export interface SamplingConfig {
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
}

/**
 * D* error of the fitted power law (specs/experiments.md §B.3) and its DCL (specs/experiments.md §B.4) at two stated
 * budgets: the centre of the fitting range and the target budget. Under
 * drift the intercept error is the law's value at C = 1 FLOP, far outside
 * the data, so these are the numbers to quote beside it.
 */
export interface SweepBudgetErrors {
  center_budget: number;
  d_err_pct_center: number;
  dcl_pct_center: number;
  eval_budget: number;
  d_err_pct_eval: number;
  dcl_pct_eval: number;
}

/** `optima.csv` row with the DCL of training on the per-budget vertex D̂* at that budget (specs/experiments.md §B.4). */
export type OptimumCostRow = Approach2OptimumRow & { dcl_pct: number };

/** Approach 2 over the whole W sweep for one surface and bias. */
export interface SurfaceSweep {
  readonly widths: WidthPoint[];
  /** Per width, exponent and intercept estimates. */
  readonly params: Approach2ParamRow[];
  /** Per width, per budget optima with their DCL. */
  readonly optima: OptimumCostRow[][];
  /** Per width, D* error and DCL of the fitted law at the centre and target budgets. */
  readonly budgetErrors: SweepBudgetErrors[];
  /** Plot data of the narrow, medium and wide runs. */
  readonly details: [WidthDetail, WidthDetail, WidthDetail];
}

/** Points on each drawn parabola. */
const CURVE_POINTS = 41;

/** Plot-ready numbers of one run: samples, parabolas, optima and power laws. */
export function widthDetail(run: Approach2Run, label: string): WidthDetail {
  const { surface } = run.spec;
  const n = run.spec.pointsPerCurve;
  const budgets = run.fit.budgets.map((g, i) => {
    const logN = Array.from(run.samples.N.subarray(i * n, (i + 1) * n), Math.log10);
    const L = Array.from(run.samples.L.subarray(i * n, (i + 1) * n));
    const p = g.parabolaN;
    const curveLogN = Array.from(linspace(Math.min(...logN), Math.max(...logN), CURVE_POINTS));
    const curveL = curveLogN.map((x) => {
      const u = x - p.xMean;
      return p.p0 + p.p1 * u + p.p2 * u * u;
    });
    const nStar = nOpt(surface, g.C);
    const dStar = dOpt(surface, g.C);
    return {
      budget: g.C,
      logN,
      L,
      curveLogN,
      curveL,
      trueLogN: Math.log10(nStar),
      trueL: loss(surface, nStar, dStar),
      vertexLogN: p.vertex,
      vertexL: p.minimum,
    };
  });
  const logC = run.fit.budgets.map((g) => Math.log10(g.C));
  return {
    label,
    budgets,
    powerLaw: {
      logC,
      logNHat: run.fit.budgets.map((g) => g.parabolaN.vertex),
      logDHat: run.fit.budgets.map((g) => g.parabolaD.vertex),
      logNTrue: run.fit.budgets.map((g) => Math.log10(nOpt(surface, g.C))),
      logDTrue: run.fit.budgets.map((g) => Math.log10(dOpt(surface, g.C))),
      lineLogN: logC.map((x) => run.fit.a * x + run.fit.a0),
      lineLogD: logC.map((x) => run.fit.b * x + run.fit.b0),
      a: run.fit.a,
      aTrue: run.truth.a,
      b: run.fit.b,
      bTrue: run.truth.b,
    },
  };
}

/** Runs specs/experiments.md §B.2 at every width of the sweep (noise-free). */
export function sweepSurface(surface: LossSurface, bias: SamplingBias, sampling: SamplingConfig): SurfaceSweep {
  const widths = widthPoints();
  const runs = widths.map((w) => runApproach2({ surface, bias, W: w.log_range, budgets: sampling.budgets, pointsPerCurve: sampling.pointsPerCurve }));
  const details = RANGE_NAME_LIST.map((name) => {
    const i = RANGE_NAMES[name];
    return widthDetail(runs[i], `${name} (${gridFactorLabel(widths[i].log_range)})`);
  }) as [WidthDetail, WidthDetail, WidthDetail];
  const optima = runs.map((r) => r.optima.map((o) => ({ ...o, dcl_pct: allocationCost(surface, o.d_opt_hat, o.budget).dcl_pct })));
  return { widths, params: runs.map((r) => r.params), optima, budgetErrors: runs.map((r) => budgetErrors(r, sampling.budgets)), details };
}

/** {@link SweepBudgetErrors} of one run: centre of its fitting budgets and {@link TARGET_BUDGET}. */
export function budgetErrors(run: Approach2Run, budgets: readonly number[], evalBudget: number = TARGET_BUDGET): SweepBudgetErrors {
  const at = (C: number) => allocationCost(run.spec.surface, extrapolateApproach2(run.fit, C).D, C);
  const centerBudget = centreBudget(budgets);
  const c = at(centerBudget);
  const e = at(evalBudget);
  return {
    center_budget: centerBudget,
    d_err_pct_center: c.d_err_pct,
    dcl_pct_center: c.dcl_pct,
    eval_budget: evalBudget,
    d_err_pct_eval: e.d_err_pct,
    dcl_pct_eval: e.dcl_pct,
  };
}

/** Data of the three-row diagnostic figure for one sweep. */
export function diagnosticsData(title: string, sweep: SurfaceSweep): Approach2DiagnosticsData {
  const col = <K extends keyof Approach2ParamRow>(k: K) => sweep.params.map((p) => p[k]);
  const nBudgets = sweep.optima[0]?.length ?? 0;
  return {
    title,
    widths: sweep.details,
    sweep: {
      W: sweep.widths.map((w) => w.log_range),
      a_err_pct: col('a_err_pct'),
      b_err_pct: col('b_err_pct'),
      a0_err_pct: col('a0_err_pct'),
      b0_err_pct: col('b0_err_pct'),
      perBudget: Array.from({ length: nBudgets }, (_, j) => ({
        budget: sweep.optima[0][j].budget,
        n_opt_err_pct: sweep.optima.map((o) => o[j].n_opt_err_pct),
        d_opt_err_pct: sweep.optima.map((o) => o[j].d_opt_err_pct),
      })),
    },
  };
}

/** Surface parameters as summary/CSV columns (`e,coef_a,coef_b,alpha,beta`, specs/experiments.md §A.4). */
export function surfaceColumns(s: LossSurface): { e: number; coef_a: number; coef_b: number; alpha: number; beta: number } {
  return { e: s.E, coef_a: s.A, coef_b: s.B, alpha: s.alpha, beta: s.beta };
}

/** `sweep.csv` rows of one surface sweep, with any leading key columns. */
export function sweepRows<K extends Record<string, string | number>>(keys: K, bias: BiasName, sweep: SurfaceSweep): Array<K & Record<string, number | string>> {
  return sweep.widths.map((w, i) => ({ ...keys, ...biasColumns(bias), ...w, ...sweep.params[i], ...sweep.budgetErrors[i] }));
}

/** `optima.csv` rows of one surface sweep. */
export function optimaRows(surface: string, bias: BiasName, sweep: SurfaceSweep): Array<Record<string, number | string>> {
  return sweep.widths.flatMap((w, i) => sweep.optima[i].map((o) => ({ surface, bias, w_index: w.w_index, log_range: w.log_range, ...o })));
}
