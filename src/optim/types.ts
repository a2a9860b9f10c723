/**
 * Types shared by the optimisers in `src/optim/`, and the one table of stop
 * reasons with their status and message (the role of scipy's
 * `_status_message` in `scipy/optimize/_optimize.py`).
 */

/** A plain objective f(x). It must not keep or modify `x`. */
export type Objective = (x: Float64Array) => number;

/**
 * An objective that also returns its gradient: fills `grad` (length n) with
 * ∇f(x) and returns f(x). The optimisers zero `grad` before every call, so
 * accumulating into it is fine; neither argument may be kept.
 */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

/**
 * Box bounds lower_i ≤ x_i ≤ upper_i, one entry per coordinate. Use
 * -Infinity / +Infinity for a missing bound. lower_i = upper_i fixes x_i.
 */
export interface Bounds {
  readonly lower: Float64Array | readonly number[];
  readonly upper: Float64Array | readonly number[];
}

/**
 * How an optimiser run ended.
 * - `converged`: a convergence test passed (the message says which).
 * - `max_iter`: the iteration or function-evaluation limit was reached.
 * - `abnormal`: the optimiser gave up (e.g. a line search that could not
 *   make progress, or a non-finite objective at the starting point). For
 *   L-BFGS-B this is a soft status: the point reached is returned and is
 *   usually as good as a converged one (specs/fitting.md).
 */
export type OptimStatus = 'converged' | 'max_iter' | 'abnormal';

/** Why a run stopped; each reason maps to one status and message in {@link STOP_REASONS}. */
export type StopReason =
  | 'projected_gradient'
  | 'relative_reduction'
  | 'simplex_size'
  | 'max_iterations'
  | 'max_evaluations'
  | 'line_search_failed'
  | 'nonfinite_start';

/** The result every optimiser returns; all fields are always present. */
export interface OptimResult {
  /** Best point found (for bounded problems, inside the bounds). */
  readonly x: Float64Array;
  /** f(x); finite unless the run stopped because f or its gradient was not finite at x0. */
  readonly fun: number;
  /** Iterations, counted as scipy counts them for the same method (see each optimiser). */
  readonly iterations: number;
  /** Calls of the objective passed to the optimiser. */
  readonly nfev: number;
  /** Gradient evaluations (0 for derivative-free methods). */
  readonly ngev: number;
  readonly status: OptimStatus;
  readonly message: string;
}

/** Start of the `abnormal` line-search message, naming what f is (e.g. `RSS`). */
export function lineSearchFailedMessage(objectiveName: string): string {
  return `ABNORMAL: the line search could not lower the ${objectiveName} further`;
}

/** Status and message of every stop reason: the single place these texts live. */
export const STOP_REASONS: Readonly<Record<StopReason, { readonly status: OptimStatus; readonly message: string }>> = {
  projected_gradient: {
    status: 'converged',
    message: 'CONVERGENCE: NORM OF PROJECTED GRADIENT <= GTOL',
  },
  relative_reduction: {
    status: 'converged',
    message: 'CONVERGENCE: RELATIVE REDUCTION OF F <= FTOL',
  },
  simplex_size: {
    status: 'converged',
    message: 'CONVERGENCE: SIMPLEX SPREAD IN X <= XATOL AND IN F <= FATOL',
  },
  max_iterations: {
    status: 'max_iter',
    message: 'STOP: MAXIMUM NUMBER OF ITERATIONS REACHED',
  },
  max_evaluations: {
    status: 'max_iter',
    message: 'STOP: MAXIMUM NUMBER OF FUNCTION EVALUATIONS REACHED',
  },
  line_search_failed: {
    status: 'abnormal',
    message: lineSearchFailedMessage('objective'),
  },
  nonfinite_start: {
    status: 'abnormal',
    message: 'ABNORMAL: objective or gradient is not finite at the starting point',
  },
};
