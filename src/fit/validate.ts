import { DegenerateDataError, InvalidInputError, TooFewPointsError } from './errors.ts';
import { formatCompute } from '../util/format.ts';

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

/** Free parameters of the surface model. */
export const SURFACE_PARAMETERS = 5;

/**
 * Checks for data a surface fit can identify: at least five points, losses
 * not all equal, and more than one compute budget (6·N·D not all equal).
 */
export function checkSurfaceData(N: NumArray, D: NumArray, L: NumArray): void {
  checkNDL(N, D, L, SURFACE_PARAMETERS);
  let lmin = Infinity;
  let lmax = -Infinity;
  let cmin = Infinity;
  let cmax = -Infinity;
  for (let i = 0; i < N.length; i++) {
    lmin = Math.min(lmin, L[i]);
    lmax = Math.max(lmax, L[i]);
    const c = Math.log(N[i]) + Math.log(D[i]);
    cmin = Math.min(cmin, c);
    cmax = Math.max(cmax, c);
  }
  if (lmax - lmin <= 1e-12 * Math.max(1, Math.abs(lmax))) {
    throw new DegenerateDataError(`all ${N.length} losses equal ${lmax}; a surface fit needs losses that vary`);
  }
  if (cmax - cmin <= 1e-9) {
    throw new DegenerateDataError(`all points share one compute budget (6·N·D = ${formatCompute(6 * N[0] * D[0])}); a surface fit needs at least 2 budgets`);
  }
}
