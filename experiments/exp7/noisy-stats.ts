/**
 * Summary statistics of the noisy Monte Carlo experiments (7 and 9): the
 * descriptive statistics of src/util/stats.ts, plus geometric means that
 * ignore exact zeros and the largest values of a pooled set. Empty inputs
 * give NaN (a missing value).
 */
import { sortedAscending } from '../../src/util/stats.ts';

export { mean, populationVariance, quantileSorted, sortedAscending } from '../../src/util/stats.ts';

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
