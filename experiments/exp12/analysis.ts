/**
 * Experiment 12 per data set (specs/experiments.md §C.12): QC labels (specs/experiments.md §B.7), the two
 * Approach 3 fits on the clean rows, the per-budget FLOP factor k, residuals
 * of every variant, and the per-budget and per-data-set residual statistics.
 */
import { FitError, grid8, type SurfaceFitResult } from '../../src/fit/index.ts';
import { fitSurfaceMethod } from '../../src/fit/methods.ts';
import type { QcReason } from '../shared/qc/index.ts';
import { loss, type LossSurface } from '../../src/surface/index.ts';
import { type BoxSummary, boxSummary, kruskalWallis, leveneMedian } from './stats.ts';
import { type DatasetRef, type DatasetRows, distinctBudgets, labelDataset, selectRows } from '../shared/real-data/datasets.ts';
import { mean, median, populationStd } from '../shared/real-data/quantile.ts';

/** Residual variants: the two surface fits and the per-budget FLOP factor built on the log-loss fit. */
export const VARIANTS = ['linear_loss', 'log_loss', 'flop_factor'] as const;
export type Variant = (typeof VARIANTS)[number];
/** Variants that are surface fits (rows of `fits.csv`). */
export const FIT_VARIANTS = ['linear_loss', 'log_loss'] as const;
export type FitVariant = (typeof FIT_VARIANTS)[number];

/** The `fits.csv` fields of one fit. */
export interface FitSummary {
  e: number;
  coef_a: number;
  coef_b: number;
  alpha: number;
  beta: number;
  a: number;
  b: number;
  rss: number;
  status: string;
  iterations: number;
}

/** κ ≤ 0 for a budget: no positive FLOP factor reproduces its data on the fitted surface (a hard error, specs/experiments.md §C.12). */
export class FlopFactorError extends FitError {
  override name = 'FlopFactorError';
}

export interface DatasetAnalysis {
  readonly experiment: string;
  readonly label: string;
  readonly rows: DatasetRows;
  readonly reason: QcReason[];
  readonly nClean: number;
  readonly fits: Record<FitVariant, FitSummary>;
  /** Distinct budgets, ascending, and the FLOP factor k of each (NaN for budgets with fewer than 2 clean rows). */
  readonly budgets: number[];
  readonly k: number[];
  /** Residual L − L̂ per input row and variant (NaN where there is none). */
  readonly residuals: Record<Variant, number[]>;
}

function summarize(f: SurfaceFitResult): FitSummary {
  return { e: f.E, coef_a: f.A, coef_b: f.B, alpha: f.alpha, beta: f.beta, a: f.a, b: f.b, rss: f.rss, status: f.status, iterations: f.iterations };
}

const surfaceOf = (f: FitSummary): LossSurface => ({ E: f.e, A: f.coef_a, B: f.coef_b, alpha: f.alpha, beta: f.beta });

/**
 * Per-budget FLOP factor on surface s: with r_i = L_i − E − A·N_i^−α and
 * g_i = B·N_i^β/C^β over the budget's clean rows, κ = Σ r·g/Σ g² and
 * k = κ^(1/β), so that B·(C/(k·N))^−β = κ·g fits the data term in least squares.
 * @throws FlopFactorError when κ ≤ 0
 */
export function flopFactor(s: LossSurface, C: number, N: readonly number[], L: readonly number[]): number {
  let rg = 0;
  let gg = 0;
  for (let i = 0; i < N.length; i++) {
    const r = L[i] - s.E - s.A * Math.pow(N[i], -s.alpha);
    const g = (s.B * Math.pow(N[i], s.beta)) / Math.pow(C, s.beta);
    rg += r * g;
    gg += g * g;
  }
  const kappa = rg / gg;
  if (!(kappa > 0)) throw new FlopFactorError(`budget C = ${C}: κ = ${kappa} ≤ 0, so no positive FLOP factor k exists`);
  return Math.pow(kappa, 1 / s.beta);
}

/** Prediction with the FLOP constant k: E + A·N^−α + B·(C/(k·N))^−β. */
export function flopFactorLoss(s: LossSurface, C: number, k: number, N: number): number {
  return s.E + s.A * Math.pow(N, -s.alpha) + s.B * Math.pow(C / (k * N), -s.beta);
}

/** QC, both fits, FLOP factors and residuals of one data set. */
export function analyzeDataset(input: { ref: DatasetRef; rows: DatasetRows }): DatasetAnalysis {
  const { ref, rows } = input;
  const qc = labelDataset(ref, rows);
  const clean = qc.reason.map((r) => r === 'none');
  const cleanRows = selectRows(rows, clean);
  const fits: Record<FitVariant, FitSummary> = {
    linear_loss: summarize(fitSurfaceMethod('approach3_lse', cleanRows.N, cleanRows.D, cleanRows.L, { seedGrid: grid8() })),
    log_loss: summarize(fitSurfaceMethod('approach3_lse_logloss', cleanRows.N, cleanRows.D, cleanRows.L, { seedGrid: grid8() })),
  };
  const n = rows.N.length;
  const residuals = {} as Record<Variant, number[]>;
  for (const v of FIT_VARIANTS) {
    const s = surfaceOf(fits[v]);
    residuals[v] = rows.N.map((N, i) => rows.L[i] - loss(s, N, rows.D[i]));
  }
  const s = surfaceOf(fits.log_loss);
  const budgets = distinctBudgets(rows.budget);
  const k = budgets.map((C) => {
    const idx = rows.budget.flatMap((b, i) => (b === C && clean[i] ? [i] : []));
    return idx.length >= 2
      ? flopFactor(
          s,
          C,
          idx.map((i) => rows.N[i]),
          idx.map((i) => rows.L[i]),
        )
      : NaN;
  });
  residuals.flop_factor = Array.from({ length: n }, (_, i) => {
    const kk = k[budgets.indexOf(rows.budget[i])];
    return Number.isNaN(kk) ? NaN : rows.L[i] - flopFactorLoss(s, rows.budget[i], kk, rows.N[i]);
  });
  return { experiment: ref.experiment, label: ref.label, rows, reason: qc.reason, nClean: cleanRows.N.length, fits, budgets, k, residuals };
}

/** One `budget_stats.csv` row. */
export interface BudgetStat {
  experiment: string;
  variant: Variant;
  budget: number;
  n_clean: number;
  mean_residual: number;
  std_residual: number;
  k: number;
}

/** One `experiment_stats.csv` row. */
export interface ExperimentStat {
  experiment: string;
  variant: Variant;
  n_rows: number;
  n_clean: number;
  n_budgets: number;
  mean_std: number;
  kruskal_p: number;
  levene_p: number;
  median_k: number;
}

/** Clean residuals of one variant grouped by budget (ascending; budgets with no clean row omitted). */
export function cleanResidualsByBudget(a: DatasetAnalysis, v: Variant): Array<{ budget: number; nClean: number; values: number[] }> {
  const out: Array<{ budget: number; nClean: number; values: number[] }> = [];
  for (const C of a.budgets) {
    const idx = a.rows.budget.flatMap((b, i) => (b === C && a.reason[i] === 'none' ? [i] : []));
    if (idx.length === 0) continue;
    out.push({ budget: C, nClean: idx.length, values: idx.map((i) => a.residuals[v][i]).filter((r) => !Number.isNaN(r)) });
  }
  return out;
}

/** Per-budget and per-data-set residual statistics of every variant. */
export function residualStats(a: DatasetAnalysis): { budgetStats: BudgetStat[]; experimentStats: ExperimentStat[] } {
  const budgetStats: BudgetStat[] = [];
  const experimentStats: ExperimentStat[] = [];
  const finiteK = a.k.filter((x) => !Number.isNaN(x));
  for (const v of VARIANTS) {
    const groups = cleanResidualsByBudget(a, v);
    const stds: number[] = [];
    for (const g of groups) {
      const std = g.values.length > 0 ? populationStd(g.values) : NaN;
      if (!Number.isNaN(std)) stds.push(std);
      budgetStats.push({
        experiment: a.experiment,
        variant: v,
        budget: g.budget,
        n_clean: g.values.length,
        mean_residual: mean(g.values),
        std_residual: std,
        k: v === 'flop_factor' ? a.k[a.budgets.indexOf(g.budget)] : NaN,
      });
    }
    const tested = groups.filter((g) => g.values.length >= 2).map((g) => g.values);
    experimentStats.push({
      experiment: a.experiment,
      variant: v,
      n_rows: a.rows.N.length,
      n_clean: a.nClean,
      n_budgets: groups.length,
      mean_std: mean(stds),
      kruskal_p: kruskalWallis(tested).p,
      levene_p: leveneMedian(tested).p,
      median_k: v === 'flop_factor' ? median(finiteK) : NaN,
    });
  }
  return { budgetStats, experimentStats };
}

/** Box summary of every budget's clean residuals plus the pooled "Overall" row (for the residual figures). */
export function residualBoxes(a: DatasetAnalysis, v: Variant): Array<{ budget: number | null; values: number[]; box: BoxSummary | null }> {
  const groups = cleanResidualsByBudget(a, v).filter((g) => g.values.length > 0);
  const all = groups.flatMap((g) => g.values);
  return [
    { budget: null, values: all, box: all.length > 0 ? boxSummary(all) : null },
    ...groups.map((g) => ({ budget: g.budget, values: g.values, box: boxSummary(g.values) })),
  ];
}
