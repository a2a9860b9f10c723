/**
 * Summary statistics of the noisy Monte Carlo experiments (7 and 9): means,
 * population variance, quartiles by linear interpolation between order
 * statistics, geometric means that ignore exact zeros, and the largest
 * values of a pooled set. Empty inputs give NaN (a missing value).
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

/** Ascending copy. */
export function sortedAscending(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Quantile q ∈ [0, 1] of ascending values by linear interpolation between
 * order statistics (position q·(n − 1), numpy's default "linear" method).
 *
 * @example quantileSorted(Float64Array.of(1, 2, 3, 4), 0.25) // 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** Geometric mean of |x| over the non-zero values; NaN if there are none. */
export function geometricMeanAbs(values: ArrayLike<number>): number {
  let s = 0;
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]);
    if (v === 0) continue;
    s += Math.log(v);
    k++;
  }
  return k === 0 ? NaN : Math.exp(s / k);
}

/** Smallest non-zero |x|; NaN if there is none. */
export function minNonZeroAbs(values: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]);
    if (v !== 0 && v < m) m = v;
  }
  return m === Infinity ? NaN : m;
}

/** Largest |x|; NaN for no values. */
export function maxAbs(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m === -Infinity ? NaN : m;
}

/** The k largest values in descending order, padded with NaN when there are fewer. */
export function topValues(values: ArrayLike<number>, k: number): number[] {
  const sorted = sortedAscending(values);
  return Array.from({ length: k }, (_, i) => (i < sorted.length ? sorted[sorted.length - 1 - i] : NaN));
}

/** Number rounded to `digits` significant digits (figure data only, never tables). */
export function roundSignificant(x: number, digits = 4): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(digits)) : x;
}
