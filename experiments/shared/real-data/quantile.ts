/** Order statistics used by experiments 11 and 12 (NaN-skipping wrappers of src/util/stats.ts). */
import { mean, populationStd as stdOf, quantileSorted, sortedAscending } from '../../../src/util/stats.ts';

export { mean };

/**
 * The q-th percentile (0–100) with linear interpolation between order
 * statistics (numpy's default), ignoring NaN; NaN for no values.
 * @example percentile([1, 2, 3, 4], 25) // 1.75
 */
export function percentile(values: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile: q must lie in [0, 100], got ${q}`);
  return quantileSorted(sortedAscending(Array.prototype.filter.call(values, (v: number) => !Number.isNaN(v)) as number[]), q / 100);
}

/** The median (50th percentile). */
export function median(values: ArrayLike<number>): number {
  return percentile(values, 50);
}

/** Population standard deviation (divisor n), 0 for fewer than 2 values. */
export function populationStd(values: ArrayLike<number>): number {
  return values.length < 2 ? 0 : stdOf(values);
}
