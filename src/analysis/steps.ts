/**
 * Finite-difference steps of the Hessian approximations, from machine epsilon
 * (Nocedal & Wright, Numerical Optimization, 2nd ed., §8.1).
 *
 * Step for parameter j: h_j = step·max(|p_j|, 1), the scaling used by
 * scipy.optimize._numdiff (relative for large parameters, absolute near 0).
 */

/** Central difference of an exact gradient: truncation O(h²), rounding O(ε/h), balanced at h = ε^(1/3) ≈ 6.06e−6. */
export const GRADIENT_DIFFERENCE_STEP = Math.cbrt(Number.EPSILON);

/** Central second difference of function values: truncation O(h²), rounding O(ε/h²), balanced at h = ε^(1/4) ≈ 1.22e−4. */
export const VALUE_DIFFERENCE_STEP = Math.sqrt(Math.sqrt(Number.EPSILON));

/** Absolute step for parameter value v and relative step s: s·max(|v|, 1). */
export function stepFor(v: number, s: number): number {
  return s * Math.max(Math.abs(v), 1);
}
