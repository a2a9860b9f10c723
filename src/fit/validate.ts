/** Checks that surface-fitting data identify the five parameters (before any fit runs). */
import { DegenerateDataError, TooFewPointsError } from '../core/errors.ts';
import type { NumArray } from '../core/types.ts';
import { checkNDL } from '../core/validate.ts';
import { formatCompute } from '../util/format.ts';

/** Free parameters of the surface model. */
export const SURFACE_PARAMETERS = 5;
/**
 * Fewest points a surface fit accepts: one more than the parameters, so that
 * the fit is not an exact interpolation with nothing left to judge it by.
 */
export const SURFACE_MIN_POINTS = SURFACE_PARAMETERS + 1;
/** Relative spread below which the losses count as all equal (scale-free, so 1e-300-scaled losses still vary). */
export const LOSS_EQUAL_RELATIVE = 1e-12;
/**
 * Smallest loss spread whose square stays a normal double: below it the
 * squared residuals underflow and no fit can rank candidate surfaces.
 */
export const LOSS_SPREAD_MIN = Math.sqrt(2.2250738585072014e-308) * 1e10;
/**
 * The (ln N, ln D) design counts as one line when its centred 2×2 scatter
 * matrix has det ≤ this × Sxx·Syy (squared correlation ≥ 1 − this).
 */
export const DESIGN_COLLINEAR_TOL = 1e-10;

/**
 * Checks for data a surface fit can identify, before fitting: at least
 * {@link SURFACE_MIN_POINTS} points, at least 2 distinct N and 2 distinct D,
 * losses that vary (relative test, any scale) by more than double precision
 * can square, and points that do not all lie on one line in (ln N, ln D) —
 * one IsoFLOP curve (N·D constant), a fixed tokens-per-parameter ratio, or any
 * D ∝ N^p — where the Jacobian of the model in (E, A, α, B, β) is
 * rank-deficient in the direction across that line.
 * @throws TooFewPointsError, DegenerateDataError saying what the data lack
 */
export function checkSurfaceData(N: NumArray, D: NumArray, L: NumArray): void {
  checkNDL(N, D, L);
  if (N.length < SURFACE_MIN_POINTS) {
    throw new TooFewPointsError(
      `${N.length} data points but the fit needs at least ${SURFACE_MIN_POINTS}: more points than the ${SURFACE_PARAMETERS} surface parameters, or the fit is an exact interpolation`,
      null,
      N.length,
      SURFACE_MIN_POINTS,
    );
  }
  const n = N.length;
  let lmin = Infinity;
  let lmax = -Infinity;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    lmin = Math.min(lmin, L[i]);
    lmax = Math.max(lmax, L[i]);
    mx += Math.log(N[i]);
    my += Math.log(D[i]);
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let s3 = 0; // spread of ln(N·D): zero on one IsoFLOP curve
  for (let i = 0; i < n; i++) {
    const dx = Math.log(N[i]) - mx;
    const dy = Math.log(D[i]) - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
    s3 += (dx + dy) * (dx + dy);
  }
  const scale = Math.max(Math.abs(lmax), Math.abs(lmin));
  if (lmax - lmin <= LOSS_EQUAL_RELATIVE * scale) {
    throw new DegenerateDataError(`all ${n} losses equal ${lmax}; a surface fit needs losses that vary`);
  }
  if (lmax - lmin < LOSS_SPREAD_MIN) {
    throw new DegenerateDataError(
      `the losses vary by only ${lmax - lmin}: too small to fit in double precision (squared residuals underflow); multiply the loss column by a constant`,
    );
  }
  if (!Number.isFinite(scale * scale * n)) {
    throw new DegenerateDataError(
      `the losses reach ${scale}: too large to fit in double precision (squared residuals overflow); divide the loss column by a constant`,
    );
  }
  // Not a Set of every value: on 10⁶ points that boxed and hashed them all (a third of the CLI's time).
  const distinctN = varies(N) ? 2 : 1;
  const distinctD = varies(D) ? 2 : 1;
  if (distinctN < 2) throw new DegenerateDataError(`all ${n} points have the same N = ${N[0]}; a surface fit needs at least 2 distinct model sizes`);
  if (distinctD < 2) throw new DegenerateDataError(`all ${n} points have the same D = ${D[0]}; a surface fit needs at least 2 distinct token counts`);
  if (s3 <= DESIGN_COLLINEAR_TOL * (sxx + syy)) {
    throw new DegenerateDataError(
      `all points share one compute budget (6·N·D = ${formatCompute(6 * N[0] * D[0])}); a surface fit needs at least 2 budgets (one IsoFLOP curve cannot separate the N and D terms)`,
    );
  }
  if (sxx * syy - sxy * sxy <= DESIGN_COLLINEAR_TOL * sxx * syy) {
    throw new DegenerateDataError(
      'all points lie on one line in log N–log D (D ∝ N^p, e.g. a fixed tokens-per-parameter ratio): the data cannot separate the N and D terms; ' +
        'a surface fit needs runs at several budgets with varying N at each',
    );
  }
}

/** Whether the (finite, checked) values hold at least two distinct numbers. */
function varies(v: NumArray): boolean {
  for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return true;
  return false;
}
