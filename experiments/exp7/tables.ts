/**
 * Experiment 7's tables (specs/experiments.md §C.7): one row per fit, aggregates per
 * (σ, nb, method) and per method pooled over everything.
 */
import { bootstrapReplicates, type IndexSource, quantileSorted, replicateInterval } from '../../src/util/stats.ts';
import { geometricMeanAbs, maxAbs, minNonZeroAbs, topValues } from './noisy-stats.ts';
import { EXP7_METHOD_LABELS, type Exp7Method } from './fits.ts';

export const EXP7_FITS_COLUMNS = ['noise_std', 'n_budgets', 'n_points', 'repeat', 'method', 'a', 'b', 'a_err_pct', 'b_err_pct', 'status', 'failed'] as const;

export const EXP7_BY_CONDITION_COLUMNS = [
  'noise_std',
  'n_budgets',
  'method',
  'n_fits',
  'gmean_abs_a_err_pct',
  'gmean_abs_b_err_pct',
  'max_abs_a_err_pct',
  'max_abs_b_err_pct',
  'maxiter_rate',
  'abnormal_rate',
  'bound_hit_rate',
  'fail_rate',
] as const;

export const EXP7_TOP_K = 8;

export const EXP7_METHOD_COMPARISON_COLUMNS = [
  'method',
  'label',
  'n_noise_levels',
  'n_budget_settings',
  'n_points_settings',
  'total_fits',
  'min_abs_err_pct',
  'gmean_abs_err_pct',
  'max_abs_err_pct',
  'max_abs_a_err_pct',
  'max_abs_b_err_pct',
  'n_maxiter',
  'n_abnormal',
  'n_bound_hit',
  'n_fail',
  ...Array.from({ length: EXP7_TOP_K }, (_, i) => `top${i + 1}`),
] as const;

/** Quantiles of the pooled |error| reported with bootstrap intervals (extra columns after those of specs/experiments.md §C.7). */
export const EXP7_POOLED_QUANTILES = [
  { key: 'median', q: 0.5 },
  { key: 'p90', q: 0.9 },
  { key: 'p99', q: 0.99 },
] as const;

/**
 * `method_comparison.csv` columns: those of specs/experiments.md §C.7, then each pooled quantile with
 * its bootstrap interval, and the interval of the maximum over bootstrap
 * resamples of the fits (how much the worst case depends on the draw).
 */
export const EXP7_METHOD_COMPARISON_ALL_COLUMNS = [
  ...EXP7_METHOD_COMPARISON_COLUMNS,
  ...EXP7_POOLED_QUANTILES.flatMap(({ key }) => [`${key}_abs_err_pct`, `${key}_abs_err_pct_low`, `${key}_abs_err_pct_high`]),
  'max_abs_err_pct_boot_low',
  'max_abs_err_pct_boot_high',
  'bootstrap_resamples',
  'bootstrap_level',
] as const;

/** The bootstrap of the pooled quantiles: generator (shared by the methods, in table order), resamples, coverage. */
export interface PooledBootstrap {
  readonly rng: IndexSource;
  readonly resamples: number;
  readonly level: number;
}

/** One row of `fits.csv`. */
export interface Exp7FitRow {
  readonly noise_std: number;
  readonly n_budgets: number;
  readonly n_points: number;
  readonly repeat: number;
  readonly method: Exp7Method;
  readonly a: number | null;
  readonly b: number | null;
  readonly a_err_pct: number | null;
  readonly b_err_pct: number | null;
  /** Empty for a failed fit. */
  readonly status: string;
  readonly failed: boolean;
}

/** Counts and error lists of a set of fits. */
export interface FitGroupStats {
  readonly nFits: number;
  readonly aErr: number[];
  readonly bErr: number[];
  readonly nMaxIter: number;
  readonly nAbnormal: number;
  readonly nBoundHit: number;
  readonly nFail: number;
}

/** Collects the error columns and status counts of some fit rows. */
export function groupStats(rows: readonly Exp7FitRow[]): FitGroupStats {
  const aErr: number[] = [];
  const bErr: number[] = [];
  let nMaxIter = 0;
  let nAbnormal = 0;
  let nBoundHit = 0;
  let nFail = 0;
  for (const r of rows) {
    if (r.failed) {
      nFail++;
      continue;
    }
    aErr.push(r.a_err_pct!);
    bErr.push(r.b_err_pct!);
    if (r.status === 'max_iter') nMaxIter++;
    else if (r.status === 'abnormal') nAbnormal++;
    else if (r.status === 'bound_hit') nBoundHit++;
  }
  return { nFits: rows.length, aErr, bErr, nMaxIter, nAbnormal, nBoundHit, nFail };
}

/** A `by_condition.csv` row from the fits of one (σ, nb, method). */
export function byConditionRow(noiseStd: number, nBudgets: number, method: Exp7Method, rows: readonly Exp7FitRow[]): Record<string, number | string> {
  const g = groupStats(rows);
  return {
    noise_std: noiseStd,
    n_budgets: nBudgets,
    method,
    n_fits: g.nFits,
    gmean_abs_a_err_pct: geometricMeanAbs(g.aErr),
    gmean_abs_b_err_pct: geometricMeanAbs(g.bErr),
    max_abs_a_err_pct: maxAbs(g.aErr),
    max_abs_b_err_pct: maxAbs(g.bErr),
    maxiter_rate: g.nMaxIter / g.nFits,
    abnormal_rate: g.nAbnormal / g.nFits,
    bound_hit_rate: g.nBoundHit / g.nFits,
    fail_rate: g.nFail / g.nFits,
  };
}

/** A `method_comparison.csv` row; the pooled set is |a_err_pct| ∪ |b_err_pct| of the non-failed fits. */
export interface MethodComparisonRow {
  readonly method: Exp7Method;
  readonly label: string;
  readonly n_noise_levels: number;
  readonly n_budget_settings: number;
  readonly n_points_settings: number;
  readonly total_fits: number;
  readonly min_abs_err_pct: number;
  readonly gmean_abs_err_pct: number;
  readonly max_abs_err_pct: number;
  readonly max_abs_a_err_pct: number;
  readonly max_abs_b_err_pct: number;
  readonly n_maxiter: number;
  readonly n_abnormal: number;
  readonly n_bound_hit: number;
  readonly n_fail: number;
  readonly [top: `top${number}`]: number;
  /** Pooled quantiles (present when a bootstrap was given) and their intervals. */
  readonly median_abs_err_pct?: number;
  readonly p90_abs_err_pct?: number;
  readonly p99_abs_err_pct?: number;
  readonly max_abs_err_pct_boot_low?: number;
  readonly max_abs_err_pct_boot_high?: number;
}

/** The pooled |error| set of one method: |a_err_pct| then |b_err_pct| of its non-failed fits. */
export function pooledAbsErrors(g: FitGroupStats): number[] {
  return [...g.aErr, ...g.bErr].map(Math.abs);
}

/**
 * Pooled quantiles of |error| and the bootstrap intervals: the non-failed
 * fits are resampled with replacement (a fit brings both its |a| and its |b|
 * error), and each replicate gives the quantiles and the maximum. A
 * replicate is a multiset of the pooled values, so its order statistics are
 * read from counts over the once-sorted pool (O(n) per resample, no sort).
 */
export function pooledQuantileColumns(g: FitGroupStats, boot: PooledBootstrap): Record<string, number> {
  const m = g.aErr.length;
  const qs = EXP7_POOLED_QUANTILES.map(({ q }) => q);
  const out: Record<string, number> = {};
  const pooled = pooledAbsErrors(g);
  const order = Array.from(pooled.keys()).sort((i, j) => pooled[i] - pooled[j]);
  const sorted = Float64Array.from(order, (i) => pooled[i]);
  EXP7_POOLED_QUANTILES.forEach(({ key, q }) => (out[`${key}_abs_err_pct`] = quantileSorted(sorted, q)));
  if (m === 0) {
    for (const { key } of EXP7_POOLED_QUANTILES) [out[`${key}_abs_err_pct_low`], out[`${key}_abs_err_pct_high`]] = [NaN, NaN];
    [out.max_abs_err_pct_boot_low, out.max_abs_err_pct_boot_high] = [NaN, NaN];
  } else {
    // Position in `sorted` of fit i's |a| error (pooled index i) and |b| error (pooled index m + i).
    const rank = new Int32Array(2 * m);
    order.forEach((p, r) => (rank[p] = r));
    const counts = new Int32Array(2 * m);
    // Order statistics a replicate needs: floor and floor + 1 of q·(2m − 1) for each q, then the last.
    const ks = qs.flatMap((q) => [Math.floor(q * (2 * m - 1)), Math.min(2 * m - 1, Math.floor(q * (2 * m - 1)) + 1)]);
    const reps = bootstrapReplicates(
      m,
      (idx) => {
        counts.fill(0);
        for (let i = 0; i < m; i++) {
          counts[rank[idx[i]]]++;
          counts[rank[m + idx[i]]]++;
        }
        const at = orderStatistics(counts, sorted, ks);
        let last = 2 * m - 1;
        while (counts[last] === 0) last--;
        return [
          ...qs.map((q, j) => {
            const pos = q * (2 * m - 1);
            const lo = at[2 * j];
            return lo + (pos - Math.floor(pos)) * (at[2 * j + 1] - lo);
          }),
          sorted[last],
        ];
      },
      boot.rng,
      boot.resamples,
    );
    EXP7_POOLED_QUANTILES.forEach(({ key }, k) => ([out[`${key}_abs_err_pct_low`], out[`${key}_abs_err_pct_high`]] = replicateInterval(reps[k], boot.level)));
    [out.max_abs_err_pct_boot_low, out.max_abs_err_pct_boot_high] = replicateInterval(reps[qs.length], boot.level);
  }
  out.bootstrap_resamples = boot.resamples;
  out.bootstrap_level = boot.level;
  return out;
}

/** Values at 0-based order statistics `ks` (ascending) of the multiset with `counts[r]` copies of `sorted[r]`. */
function orderStatistics(counts: Int32Array, sorted: Float64Array, ks: readonly number[]): number[] {
  const out: number[] = [];
  let seen = 0;
  let r = 0;
  for (const k of ks) {
    while (seen + counts[r] <= k) seen += counts[r++];
    out.push(sorted[r]);
  }
  return out;
}

export function methodComparisonRow(
  method: Exp7Method,
  rows: readonly Exp7FitRow[],
  settings: { nNoiseLevels: number; nBudgetSettings: number; nPointsSettings: number },
  boot?: PooledBootstrap,
): MethodComparisonRow {
  const g = groupStats(rows);
  const pooled = pooledAbsErrors(g);
  const top = topValues(pooled, EXP7_TOP_K);
  const row: Record<string, number | string> = {
    method,
    label: EXP7_METHOD_LABELS[method],
    n_noise_levels: settings.nNoiseLevels,
    n_budget_settings: settings.nBudgetSettings,
    n_points_settings: settings.nPointsSettings,
    total_fits: g.nFits,
    min_abs_err_pct: minNonZeroAbs(pooled),
    gmean_abs_err_pct: geometricMeanAbs(pooled),
    max_abs_err_pct: maxAbs(pooled),
    max_abs_a_err_pct: maxAbs(g.aErr),
    max_abs_b_err_pct: maxAbs(g.bErr),
    n_maxiter: g.nMaxIter,
    n_abnormal: g.nAbnormal,
    n_bound_hit: g.nBoundHit,
    n_fail: g.nFail,
  };
  top.forEach((v, i) => (row[`top${i + 1}`] = v));
  if (boot) Object.assign(row, pooledQuantileColumns(g, boot));
  return row as unknown as MethodComparisonRow;
}
