import { InvalidInputError, TooFewPointsError } from './errors.ts';

type NumArray = ArrayLike<number>;

/** Check one array: non-empty, expected length, finite, optionally positive. */
export function checkArray(name: string, x: NumArray, opts: { length?: number; positive?: boolean } = {}): void {
  if (x.length === 0) throw new InvalidInputError(`${name} is empty`, name);
  if (opts.length !== undefined && x.length !== opts.length) {
    throw new InvalidInputError(`${name} has ${x.length} elements but N has ${opts.length}; the arrays must have equal lengths`, name);
  }
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) throw new InvalidInputError(`${name}[${i}] = ${v} is not finite`, name, i, v);
    if (opts.positive && !(v > 0)) throw new InvalidInputError(`${name}[${i}] = ${v} must be positive`, name, i, v);
  }
}

/**
 * Shared validation of pooled (N, D, L) data: equal non-zero lengths, finite
 * values, N and D positive, and at least `minPoints` points.
 */
export function checkNDL(N: NumArray, D: NumArray, L: NumArray, minPoints = 1): void {
  checkArray('N', N, { positive: true });
  checkArray('D', D, { length: N.length, positive: true });
  checkArray('L', L, { length: N.length });
  if (N.length < minPoints) {
    throw new TooFewPointsError(
      `${N.length} data points but the fit needs at least ${minPoints}`,
      null,
      N.length,
      minPoints,
    );
  }
}
