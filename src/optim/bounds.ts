/**
 * Checking and applying box bounds, shared by every optimiser and by the
 * finite-difference gradients.
 */
import type { Bounds } from './types.ts';

/** Bounds as checked Float64Arrays of length n (±Infinity where absent). */
export interface ResolvedBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/**
 * Check `bounds` against the dimension n and return them as Float64Arrays;
 * `undefined` means unbounded. Throws RangeError naming the offending entry
 * when a length differs, an entry is NaN, lower is +Infinity, upper is
 * -Infinity, or lower > upper.
 */
export function resolveBounds(bounds: Bounds | undefined, n: number, caller: string): ResolvedBounds {
  const lower = new Float64Array(n).fill(-Infinity);
  const upper = new Float64Array(n).fill(Infinity);
  if (bounds === undefined) return { lower, upper };
  if (bounds.lower.length !== n || bounds.upper.length !== n) {
    throw new RangeError(
      `${caller}: bounds.lower and bounds.upper must have length ${n} (the length of x0), ` + `got ${bounds.lower.length} and ${bounds.upper.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    const lo = bounds.lower[i]!;
    const up = bounds.upper[i]!;
    if (Number.isNaN(lo) || lo === Infinity) {
      throw new RangeError(`${caller}: bounds.lower[${i}] must be a number < Infinity, got ${lo}`);
    }
    if (Number.isNaN(up) || up === -Infinity) {
      throw new RangeError(`${caller}: bounds.upper[${i}] must be a number > -Infinity, got ${up}`);
    }
    if (lo > up) {
      throw new RangeError(`${caller}: bounds.lower[${i}] = ${lo} exceeds bounds.upper[${i}] = ${up}`);
    }
    lower[i] = lo;
    upper[i] = up;
  }
  return { lower, upper };
}

/** Project x onto the box in place: x_i ← min(max(x_i, lower_i), upper_i). */
export function projectOntoBounds(x: Float64Array, b: ResolvedBounds): void {
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (xi < b.lower[i]!) x[i] = b.lower[i]!;
    else if (xi > b.upper[i]!) x[i] = b.upper[i]!;
  }
}

/** Copy a starting point into a fresh Float64Array, rejecting empty or non-finite input. */
export function checkedStart(x0: ArrayLike<number>, caller: string): Float64Array {
  if (x0.length === 0) throw new RangeError(`${caller}: x0 must have at least one entry, got length 0`);
  const x = Float64Array.from(x0);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) throw new RangeError(`${caller}: x0[${i}] must be finite, got ${x[i]}`);
  }
  return x;
}
