/**
 * Experiment 9's tables (specs/experiments.md §C.9): one row per data set and
 * method, and the spread of b_err per method and noise level.
 */
import type { Exp9Method } from './fits.ts';
import { mad, mean, populationVariance, quantileSorted, sortedAscending } from '../../src/util/stats.ts';

export const EXP9_ESTIMATES_COLUMNS = ['noise_std', 'log_range', 'n_points', 'n_budgets', 'trial', 'method', 'a', 'b', 'a_err', 'b_err', 'failed'] as const;

export const EXP9_SUMMARY_COLUMNS = ['method', 'noise_std', 'n', 'n_failed', 'mean', 'std', 'variance', 'median', 'q1', 'q3', 'iqr', 'mad'] as const;

export interface Exp9EstimateRow {
  readonly noise_std: number;
  readonly log_range: number;
  readonly n_points: number;
  readonly n_budgets: number;
  readonly trial: number;
  readonly method: Exp9Method;
  readonly a: number | null;
  readonly b: number | null;
  /** â − a (absolute). */
  readonly a_err: number | null;
  /** b̂ − b (absolute). */
  readonly b_err: number | null;
  readonly failed: boolean;
}

export interface Exp9SummaryRow {
  readonly method: Exp9Method;
  /** A noise level, or `all` for the pooled row. */
  readonly noise_std: number | 'all';
  /** Non-failed fits. */
  readonly n: number;
  readonly n_failed: number;
  readonly mean: number;
  /** Population standard deviation. */
  readonly std: number;
  /** Population variance. */
  readonly variance: number;
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  readonly iqr: number;
  /** Median absolute deviation from the median (unscaled). */
  readonly mad: number;
}

/** Spread of b_err over the non-failed rows given. */
export function spreadRow(method: Exp9Method, noiseStd: number | 'all', rows: readonly Exp9EstimateRow[]): Exp9SummaryRow {
  const errs = rows.filter((r) => !r.failed).map((r) => r.b_err!);
  const sorted = sortedAscending(errs);
  const variance = populationVariance(errs);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  return {
    method,
    noise_std: noiseStd,
    n: errs.length,
    n_failed: rows.length - errs.length,
    mean: mean(errs),
    std: Math.sqrt(variance),
    variance,
    median: quantileSorted(sorted, 0.5),
    q1,
    q3,
    iqr: q3 - q1,
    mad: mad(errs),
  };
}

/** One row per method and noise level, then the pooled (`all`) row, methods in the given order. */
export function summaryRows(estimates: readonly Exp9EstimateRow[], methods: readonly Exp9Method[], noiseLevels: readonly number[]): Exp9SummaryRow[] {
  const out: Exp9SummaryRow[] = [];
  for (const method of methods) {
    const mine = estimates.filter((r) => r.method === method);
    for (const sigma of noiseLevels)
      out.push(
        spreadRow(
          method,
          sigma,
          mine.filter((r) => r.noise_std === sigma),
        ),
      );
    out.push(spreadRow(method, 'all', mine));
  }
  return out;
}
