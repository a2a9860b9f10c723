/**
 * Descriptive statistics and the percentile bootstrap, the one home for the
 * mean, variance, quantile, IQR and MAD that the experiments, the CLI and the
 * article compute. Empty inputs give NaN (a missing value); NaN inputs are
 * not filtered (callers that must skip them do so first).
 */

/** Arithmetic mean; NaN for no values. */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Population variance Σ(x − x̄)²/n (two-pass); NaN for no values. */
export function populationVariance(values: ArrayLike<number>): number {
  const m = mean(values);
  if (Number.isNaN(m)) return NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return s / values.length;
}

/** Population standard deviation √(Σ(x − x̄)²/n); NaN for no values. */
export function populationStd(values: ArrayLike<number>): number {
  return Math.sqrt(populationVariance(values));
}

/**
 * Least value, by a loop: `Math.min(...values)` passes every value as an
 * argument and throws a RangeError beyond ~10⁵ of them. Same result as
 * Math.min: Infinity for no values, NaN if any value is NaN, −0 below +0.
 */
export function minOf(values: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < values.length; i++) m = Math.min(m, values[i]);
  return m;
}

/** Greatest value, by a loop (see {@link minOf}); −Infinity for no values, NaN if any value is NaN. */
export function maxOf(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) m = Math.max(m, values[i]);
  return m;
}

/** Ascending copy. */
export function sortedAscending(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

function checkProbability(q: number, what: string): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`${what}: q must lie in [0, 1], got ${q}`);
}

/**
 * Quantile q ∈ [0, 1] of ascending values by linear interpolation between
 * order statistics at position q·(n − 1) (Hyndman–Fan type 7, numpy's
 * default "linear" method). numpy evaluates the interpolation from the upper
 * neighbour when the fraction is ≥ 0.5, so the two may differ in the last bit.
 *
 * @example quantileSorted(Float64Array.of(1, 2, 3, 4), 0.25) // 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  checkProbability(q, 'quantileSorted');
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** Quantile q ∈ [0, 1] of unsorted values (type 7, see {@link quantileSorted}). */
export function quantile(values: ArrayLike<number>, q: number): number {
  checkProbability(q, 'quantile');
  return quantileSorted(sortedAscending(values), q);
}

/** Median (type-7 quantile 0.5). */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Interquartile range q(0.75) − q(0.25) (type 7). */
export function iqr(values: ArrayLike<number>): number {
  const s = sortedAscending(values);
  return quantileSorted(s, 0.75) - quantileSorted(s, 0.25);
}

/**
 * Median absolute deviation from the median, unscaled (multiply by 1.4826
 * for a consistent estimate of a Gaussian σ); NaN for no values.
 */
export function mad(values: ArrayLike<number>): number {
  const m = median(values);
  if (Number.isNaN(m)) return NaN;
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs(values[i] - m);
  return median(dev);
}

/** The central interval holding `level` ∈ (0, 1) of the values: the quantiles (1 ∓ level)/2 (type 7). */
export function percentileInterval(values: ArrayLike<number>, level: number): [number, number] {
  if (!(level > 0 && level < 1)) throw new RangeError(`percentileInterval: level must lie in (0, 1), got ${level}`);
  const s = sortedAscending(values);
  const tail = (1 - level) / 2;
  return [quantileSorted(s, tail), quantileSorted(s, 1 - tail)];
}

/**
 * What the bootstrap needs from a generator: `size` uniform integers in
 * [0, high). Both generators of `src/util/random.ts` provide it.
 */
export interface IndexSource {
  integers(high: number, size: number): Int32Array;
}

export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  readonly resamples?: number;
  /** Coverage of the percentile interval (default 0.9, the 5th to 95th percentile). */
  readonly level?: number;
}

export const DEFAULT_BOOTSTRAP_RESAMPLES = 1000;
export const DEFAULT_BOOTSTRAP_LEVEL = 0.9;

export interface BootstrapCi {
  /** The statistic of the original values. */
  readonly estimate: number;
  /** Percentile interval of the statistic over the resamples whose value is not NaN. */
  readonly low: number;
  readonly high: number;
  readonly level: number;
  readonly resamples: number;
}

/**
 * Bootstrap replicates of several statistics at once: `resamples` times, n
 * indices in [0, n) drawn with replacement from `rng` (one `integers(n, n)`
 * call per resample, in resample order) and handed to `statistics`, which
 * returns one value per statistic. Returns one array of replicates per
 * statistic. Resampling indices lets a caller resample paired records.
 */
export function bootstrapReplicates(n: number, statistics: (indices: Int32Array) => readonly number[], rng: IndexSource, resamples: number): number[][] {
  if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`bootstrapReplicates: n must be a positive integer, got ${n}`);
  if (!(Number.isInteger(resamples) && resamples > 0)) throw new RangeError(`bootstrapReplicates: resamples must be a positive integer, got ${resamples}`);
  const out: number[][] = [];
  for (let r = 0; r < resamples; r++) {
    const s = statistics(rng.integers(n, n));
    s.forEach((v, k) => (out[k] ??= []).push(v));
  }
  return out;
}

/** The central `level` percentile interval of bootstrap replicates, ignoring NaN ones. */
export function replicateInterval(replicates: readonly number[], level: number): [number, number] {
  const ok = replicates.filter((v) => !Number.isNaN(v));
  return ok.length > 0 ? percentileInterval(ok, level) : [NaN, NaN];
}

/**
 * Percentile bootstrap interval of `statistic`: `resamples` samples of the
 * values drawn with replacement (n indices per resample from `rng`, in
 * resample order), the statistic of each, and the central `level` interval
 * of those. Deterministic for a given generator state. `statistic` receives
 * a reused buffer and must not keep it.
 */
export function bootstrapCi(
  values: ArrayLike<number>,
  statistic: (sample: Float64Array) => number,
  rng: IndexSource,
  options: BootstrapOptions = {},
): BootstrapCi {
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const level = options.level ?? DEFAULT_BOOTSTRAP_LEVEL;
  if (!(Number.isInteger(resamples) && resamples > 0)) throw new RangeError(`bootstrapCi: resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrapCi: level must lie in (0, 1), got ${level}`);
  const n = values.length;
  const estimate = statistic(Float64Array.from(values));
  if (n === 0) return { estimate, low: NaN, high: NaN, level, resamples };
  const sample = new Float64Array(n);
  const [reps] = bootstrapReplicates(
    n,
    (idx) => {
      for (let i = 0; i < n; i++) sample[i] = values[idx[i]];
      return [statistic(sample)];
    },
    rng,
    resamples,
  );
  const [low, high] = replicateInterval(reps, level);
  return { estimate, low, high, level, resamples };
}
