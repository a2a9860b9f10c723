/**
 * The box as L-BFGS-B sees it: per-coordinate bound codes and the Fortran
 * routines that only look at the box (`active`, `projgr`, and the step bound
 * computed in `lnsrlb`).
 */
import type { ResolvedBounds } from '../bounds.ts';

/**
 * Status of each coordinate, the Fortran `iwhere`: −1 always free (no
 * bounds), 0 free, −3 free with zero gradient, 1 at its lower bound, 2 at
 * its upper bound, 3 fixed (lower = upper).
 */
export type Iwhere = Int8Array;

export interface Box {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Bound code per coordinate, the Fortran `nbd`: 0 none, 1 lower only, 2 both, 3 upper only. */
  readonly nbd: Int8Array;
  /** Some coordinate has a finite bound (Fortran `cnstnd`). */
  readonly constrained: boolean;
  /** Every coordinate has both bounds (Fortran `boxed`). */
  readonly boxed: boolean;
}

/** Classify every coordinate's bounds. */
export function makeBox(b: ResolvedBounds): Box {
  const n = b.lower.length;
  const nbd = new Int8Array(n);
  let constrained = false;
  let boxed = true;
  for (let i = 0; i < n; i++) {
    const hasLower = Number.isFinite(b.lower[i]!);
    const hasUpper = Number.isFinite(b.upper[i]!);
    nbd[i] = hasLower ? (hasUpper ? 2 : 1) : hasUpper ? 3 : 0;
    if (nbd[i] !== 0) constrained = true;
    if (nbd[i] !== 2) boxed = false;
  }
  return { lower: b.lower, upper: b.upper, nbd, constrained, boxed };
}

/** Project x0 into the box and initialise iwhere (Fortran `active`). */
export function initialiseActiveSet(box: Box, x: Float64Array, iwhere: Iwhere): void {
  const { lower, upper, nbd } = box;
  for (let i = 0; i < x.length; i++) {
    const code = nbd[i]!;
    if (code > 0) {
      if (code <= 2 && x[i]! <= lower[i]!) x[i] = lower[i]!;
      else if (code >= 2 && x[i]! >= upper[i]!) x[i] = upper[i]!;
    }
    if (code === 0) iwhere[i] = -1;
    else iwhere[i] = code === 2 && upper[i]! - lower[i]! <= 0 ? 3 : 0;
  }
}

/**
 * ‖P(x − g) − x‖∞, the infinity norm of the projected gradient (Fortran
 * `projgr`): each component of g is cut to the distance to the bound it
 * points towards.
 */
export function projectedGradientNorm(box: Box, x: Float64Array, g: Float64Array): number {
  const { lower, upper, nbd } = box;
  let norm = 0;
  for (let i = 0; i < x.length; i++) {
    let gi = g[i]!;
    const code = nbd[i]!;
    if (code !== 0) {
      if (gi < 0) {
        if (code >= 2) gi = Math.max(x[i]! - upper[i]!, gi);
      } else if (code <= 2) {
        gi = Math.min(x[i]! - lower[i]!, gi);
      }
    }
    norm = Math.max(norm, Math.abs(gi));
  }
  return norm;
}

/** Largest step allowed when no bound limits it (Fortran `big`). */
export const UNBOUNDED_MAX_STEP = 1e10;

/**
 * Largest t with x + t·d inside the box, capped at {@link UNBOUNDED_MAX_STEP}
 * (the loop in Fortran `lnsrlb`); 0 if some coordinate already sits on the
 * bound that d points through.
 */
export function maxFeasibleStep(box: Box, x: Float64Array, d: Float64Array): number {
  const { lower, upper, nbd } = box;
  let stpmx = UNBOUNDED_MAX_STEP;
  for (let i = 0; i < x.length; i++) {
    const a1 = d[i]!;
    const code = nbd[i]!;
    if (code === 0) continue;
    if (a1 < 0 && code <= 2) {
      const a2 = lower[i]! - x[i]!;
      if (a2 >= 0) stpmx = 0;
      else if (a1 * stpmx < a2) stpmx = a2 / a1;
    } else if (a1 > 0 && code >= 2) {
      const a2 = upper[i]! - x[i]!;
      if (a2 <= 0) stpmx = 0;
      else if (a1 * stpmx > a2) stpmx = a2 / a1;
    }
  }
  return stpmx;
}
