/** Order statistics used by experiments 11 and 12. */

/**
 * The q-th percentile (0–100) with linear interpolation between order
 * statistics (numpy's default), ignoring NaN; NaN for no values.
 * @example percentile([1, 2, 3, 4], 25) // 1.75
 */
export function percentile(values: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile: q must lie in [0, 100], got ${q}`);
  const s = Float64Array.from(values).filter((v) => !Number.isNaN(v)).sort();
  if (s.length === 0) return NaN;
  const pos = (q / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (pos - lo) * (s[hi] - s[lo]);
}

/** The median (50th percentile). */
export function median(values: ArrayLike<number>): number {
  return percentile(values, 50);
}

/** Arithmetic mean, NaN for no values. */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Population standard deviation (divisor n), 0 for fewer than 2 values. */
export function populationStd(values: ArrayLike<number>): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return Math.sqrt(s / values.length);
}
