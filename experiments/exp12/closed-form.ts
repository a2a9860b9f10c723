/**
 * Experiment 12, `closed_form_bias.csv`: the closed-form Approach 2 bias
 * (src/fit/approach2-bias.ts) applied to each real sweep's fitted α, β and
 * its actual per-budget grid (half-width W of the clean rows in log10 N and
 * their count n). Assumptions, as in the closed form: every budget's grid is
 * symmetric and evenly spaced, centred on the true optimum, and noise-free;
 * only the width and the point count are taken from the data.
 */
import { approach2VertexShift } from '../../src/fit/approach2-bias.ts';
import { dclFractionOfMisallocation } from '../../src/surface/allocation-cost.ts';
import { mean } from '../../src/util/stats.ts';
import { type DatasetAnalysis, FIT_VARIANTS, type FitVariant } from './analysis.ts';

/** Stated once for the CSV, the summary and the article. */
export const CLOSED_FORM_ASSUMPTIONS =
  "closed form of specs/experiments.md §C.6 per budget: symmetric, evenly spaced grid of the data set's half-width W (clean rows, log10 N) and point count n, centred on the optimum, noise-free; α, β from the fitted surface";

/** Extrapolation targets as multiples of the largest budget. */
export const CLOSED_FORM_TARGETS = [10, 1000] as const;

/** One budget's grid as the closed form sees it. */
export interface BudgetGrid {
  budget: number;
  n: number;
  /** Half-width (max − min)/2 of the clean rows' log10 N. */
  W: number;
}

/** Per-budget grids of a data set's clean rows; budgets with fewer than 3 clean rows or zero width are left out (no parabola). */
export function cleanBudgetGrids(a: Pick<DatasetAnalysis, 'rows' | 'reason'>): BudgetGrid[] {
  const byBudget = new Map<number, number[]>();
  a.rows.N.forEach((N, i) => {
    if (a.reason[i] !== 'none') return;
    const list = byBudget.get(a.rows.budget[i]) ?? [];
    list.push(Math.log10(N));
    byBudget.set(a.rows.budget[i], list);
  });
  return [...byBudget.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([budget, xs]) => ({ budget, n: xs.length, W: (Math.max(...xs) - Math.min(...xs)) / 2 }))
    .filter((g) => g.n >= 3 && g.W > 0);
}

export interface ClosedFormBiasRow {
  experiment: string;
  variant: FitVariant;
  alpha: number;
  beta: number;
  alpha_over_beta: number;
  n_budgets: number;
  n_points_min: number;
  n_points_max: number;
  w_min: number;
  w_max: number;
  delta_w_min: number;
  delta_w_max: number;
  largest_budget: number;
  a_err_pct: number;
  b_err_pct: number;
  /** Shift of the log10 D* intercept (decades): the law's error at C = 1 FLOP, unit-dependent once b is off. */
  b0_shift: number;
  d_err_pct_10x: number;
  dcl_pct_10x: number;
  d_err_pct_1000x: number;
  dcl_pct_1000x: number;
}

export const CLOSED_FORM_COLUMNS = [
  'experiment',
  'variant',
  'alpha',
  'beta',
  'alpha_over_beta',
  'n_budgets',
  'n_points_min',
  'n_points_max',
  'w_min',
  'w_max',
  'delta_w_min',
  'delta_w_max',
  'largest_budget',
  'a_err_pct',
  'b_err_pct',
  'b0_shift',
  'd_err_pct_10x',
  'dcl_pct_10x',
  'd_err_pct_1000x',
  'dcl_pct_1000x',
] as const;

/**
 * Closed-form bias of Approach 2 on given grids. Each budget's vertex is
 * shifted by δw_b in log10 N, so log10 D̂*_b = log10 D*_b − δw_b; the
 * least-squares line through the budgets then has slope error −Δ and
 * intercept error −Δ0, where Δ, Δ0 are the slope and intercept of δw_b
 * against log10 C. Equal widths give Δ = 0: only the intercept moves.
 */
export function closedFormBias(alpha: number, beta: number, grids: readonly BudgetGrid[]): Omit<ClosedFormBiasRow, 'experiment' | 'variant'> {
  if (grids.length < 2) throw new RangeError(`closedFormBias: need at least 2 budgets with a parabola, got ${grids.length}`);
  const dw = grids.map((g) => approach2VertexShift(alpha, beta, g.W, g.n));
  const x = grids.map((g) => Math.log10(g.budget));
  const mx = mean(x);
  const my = mean(dw);
  const sxx = x.reduce((s, v) => s + (v - mx) ** 2, 0);
  const slope = x.reduce((s, v, i) => s + (v - mx) * (dw[i] - my), 0) / sxx;
  const icpt = my - slope * mx;
  const aTrue = beta / (alpha + beta);
  const bTrue = alpha / (alpha + beta);
  const largest = Math.max(...grids.map((g) => g.budget));
  // log10(D̂*/D*) at budget C is −(slope·log10 C + icpt).
  const at = (C: number) => {
    const ratio = Math.pow(10, -(slope * Math.log10(C) + icpt));
    return { d: 100 * (ratio - 1), dcl: 100 * dclFractionOfMisallocation(alpha, beta, ratio) };
  };
  const [t10, t1000] = CLOSED_FORM_TARGETS.map((m) => at(m * largest));
  return {
    alpha,
    beta,
    alpha_over_beta: alpha / beta,
    n_budgets: grids.length,
    n_points_min: Math.min(...grids.map((g) => g.n)),
    n_points_max: Math.max(...grids.map((g) => g.n)),
    w_min: Math.min(...grids.map((g) => g.W)),
    w_max: Math.max(...grids.map((g) => g.W)),
    delta_w_min: Math.min(...dw),
    delta_w_max: Math.max(...dw),
    largest_budget: largest,
    a_err_pct: (100 * slope) / aTrue,
    b_err_pct: (-100 * slope) / bTrue,
    b0_shift: -icpt,
    d_err_pct_10x: t10.d,
    dcl_pct_10x: t10.dcl,
    d_err_pct_1000x: t1000.d,
    dcl_pct_1000x: t1000.dcl,
  };
}

/** One row per data set and fit variant. */
export function closedFormRows(analyses: readonly DatasetAnalysis[]): ClosedFormBiasRow[] {
  return analyses.flatMap((a) => {
    const grids = cleanBudgetGrids(a);
    return FIT_VARIANTS.map((variant) => ({ experiment: a.experiment, variant, ...closedFormBias(a.fits[variant].alpha, a.fits[variant].beta, grids) }));
  });
}
