/**
 * Finite-difference gradients: wrap a plain objective into an
 * {@link ObjectiveWithGradient}. The bound handling follows scipy's
 * `approx_derivative` (`_adjust_scheme_to_bounds` in scipy/optimize/_numdiff.py),
 * so every probe point lies inside the box.
 */
import { resolveBounds, type ResolvedBounds } from './bounds.ts';
import type { Bounds, Objective, ObjectiveWithGradient } from './types.ts';

/**
 * Default forward-difference step, absolute: scipy L-BFGS-B's `eps` = 1e-8
 * (specs/fitting.md). Error of g_i ≈ (f(x + h·e_i) − f(x))/h is about
 * (h/2)|∂²f/∂x_i²| + 2ε|f|/h (truncation + rounding); for h = 1e-8 and
 * O(1) curvature and |f|, about 5e-9 + 4e-8 = 4.5e-8.
 */
export const FORWARD_DIFFERENCE_STEP = 1e-8;

/**
 * Relative central-difference step: SciPy's `EPS**(1/3)` ≈ 6.055e-6 for
 * `jac='3-point'` (`_eps_for_method`). The step for coordinate i is
 * h_i = ε^(1/3)·max(1, |x_i|) (SciPy's sign(x_i) factor is dropped because the
 * central scheme uses |h_i|); it balances the truncation error
 * (h²/6)|∂³f/∂x_i³| against the rounding error ε|f|/h, and scaling by
 * max(1, |x_i|) keeps that balance for large coordinates such as the LSE
 * log A, log B ≈ 6. Written as a power, not `Math.cbrt`, so that it equals
 * SciPy's value to the last bit.
 */
export const CENTRAL_DIFFERENCE_STEP = Number.EPSILON ** (1 / 3);

/** Relative fallback of the forward scheme when x + h rounds to x: SciPy's `EPS**0.5` for '2-point'. */
export const FORWARD_FALLBACK_RELATIVE_STEP = Math.sqrt(Number.EPSILON);

export interface FiniteDifferenceOptions {
  /** `forward`: (f(x+h) − f(x))/h; `central`: (f(x+h) − f(x−h))/2h, one-sided second order near a bound. */
  readonly scheme: 'forward' | 'central';
  /**
   * Absolute step h. Forward default: {@link FORWARD_DIFFERENCE_STEP} (SciPy
   * L-BFGS-B's `eps`, absolute). Central default: none, i.e. the relative step
   * h_i = {@link CENTRAL_DIFFERENCE_STEP}·max(1, |x_i|) of SciPy's
   * `jac='3-point'`; giving `step` makes it absolute, as SciPy's `abs_step`.
   */
  readonly step?: number;
  /** Keep every probe inside these bounds (pass the optimiser's bounds). */
  readonly bounds?: Bounds;
}

/** An objective with a finite-difference gradient that also counts the calls of the wrapped f. */
export interface FiniteDifferenceObjective extends ObjectiveWithGradient {
  /** Calls of the wrapped objective so far (the point itself plus every probe). */
  readonly evaluations: number;
}

/** Step for coordinate i of the forward scheme: flip into the box, or use the larger gap (scipy '1-sided'). */
function forwardStep(x: number, h: number, lower: number, upper: number): number {
  const lowerDist = x - lower;
  const upperDist = upper - x;
  const xh = x + h;
  const fitting = Math.abs(h) <= Math.max(lowerDist, upperDist);
  if (fitting) return xh < lower || xh > upper ? -h : h;
  return upperDist >= lowerDist ? upperDist : -lowerDist;
}

/** Step and one-sidedness for coordinate i of the central scheme (scipy '2-sided'). */
function centralStep(x: number, h: number, lower: number, upper: number): { h: number; oneSided: boolean } {
  const lowerDist = x - lower;
  const upperDist = upper - x;
  if (lowerDist >= h && upperDist >= h) return { h, oneSided: false };
  const adjusted = upperDist >= lowerDist ? Math.min(h, 0.5 * upperDist) : -Math.min(h, 0.5 * lowerDist);
  const minDist = Math.min(upperDist, lowerDist);
  if (Math.abs(adjusted) <= minDist) return { h: minDist, oneSided: false };
  return { h: adjusted, oneSided: true };
}

/**
 * The unadjusted step of coordinate i, as SciPy's `approx_derivative` picks it.
 * Central without an absolute step: ε^(1/3)·max(1, |x|) (`_compute_absolute_step`
 * with sign(x) dropped: '2-sided' uses |h|). An absolute step h that
 * x + h rounds away (x + h = x) falls back to rel·sign(x)·max(1, |x|) with
 * rel = √ε (forward) or ε^(1/3) (central), sign(0) = 1.
 */
function baseStep(x: number, h: number | undefined, scheme: 'forward' | 'central'): number {
  if (h === undefined) return CENTRAL_DIFFERENCE_STEP * Math.max(1, Math.abs(x));
  if (x + h - x !== 0) return h;
  const rel = scheme === 'forward' ? FORWARD_FALLBACK_RELATIVE_STEP : CENTRAL_DIFFERENCE_STEP;
  return rel * (x >= 0 ? 1 : -1) * Math.max(1, Math.abs(x));
}

/**
 * Wrap f so that it also returns a finite-difference gradient.
 *
 * forward (SciPy L-BFGS-B's default `jac=None`): g_i = (f(x + h_i e_i) − f(x)) / h_i,
 * n + 1 calls, absolute h (default 1e-8); h_i = −h if x + h would leave the
 * box, or the larger distance to a bound if neither side has room for h.
 * central (SciPy's `jac='3-point'`): h_i = ε^(1/3)·max(1, |x_i|) unless an
 * absolute `step` is given; g_i = (f(x + h_i e_i) − f(x − h_i e_i)) / 2h_i,
 * 2n + 1 calls. If x ± h_i leaves the box (`_adjust_scheme_to_bounds`): the
 * one-sided second-order formula g_i = (−3f(x) + 4f(x + h_i e_i) − f(x + 2h_i e_i)) / 2h_i
 * towards the farther bound with h_i = min(h_i, half that distance), or, when
 * that step is no longer than the nearer distance, a central step equal to it.
 * Divisions use the step actually taken, (x + h) − x. A coordinate whose
 * bounds leave no room (lower = upper) gets g_i = 0. If f(x) is not finite
 * the gradient is filled with NaN without probing.
 *
 * @example
 * const fg = withFiniteDifferences((x) => x[0]! ** 2, { scheme: 'central' });
 * const g = new Float64Array(1); fg(Float64Array.of(3), g); // g[0] ≈ 6
 */
export function withFiniteDifferences(f: Objective, options: FiniteDifferenceOptions): FiniteDifferenceObjective {
  const { scheme } = options;
  if (scheme !== 'forward' && scheme !== 'central') {
    throw new RangeError(`withFiniteDifferences: options.scheme must be 'forward' or 'central', got ${String(scheme)}`);
  }
  // undefined = the relative central step of SciPy's jac='3-point'.
  const h = options.step ?? (scheme === 'forward' ? FORWARD_DIFFERENCE_STEP : undefined);
  if (h !== undefined && !(h > 0 && Number.isFinite(h))) {
    throw new RangeError(`withFiniteDifferences: options.step must be finite and > 0, got ${h}`);
  }
  const bounds: ResolvedBounds | undefined =
    options.bounds === undefined ? undefined : resolveBounds(options.bounds, options.bounds.lower.length, 'withFiniteDifferences');
  let evaluations = 0;

  const fg = (x: Float64Array, grad: Float64Array): number => {
    const n = x.length;
    if (bounds !== undefined && bounds.lower.length !== n) {
      throw new RangeError(`withFiniteDifferences: x has length ${n} but the bounds have length ${bounds.lower.length}`);
    }
    const xw = Float64Array.from(x);
    const call = (): number => {
      evaluations++;
      return f(xw);
    };
    const f0 = call();
    if (!Number.isFinite(f0)) {
      grad.fill(NaN, 0, n);
      return f0;
    }
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const lower = bounds === undefined ? -Infinity : bounds.lower[i]!;
      const upper = bounds === undefined ? Infinity : bounds.upper[i]!;
      const hi = baseStep(xi, h, scheme);
      if (scheme === 'forward') {
        const step = forwardStep(xi, hi, lower, upper);
        xw[i] = xi + step;
        const dx = xw[i]! - xi;
        grad[i] = dx === 0 ? 0 : (call() - f0) / dx;
      } else {
        const { h: step, oneSided } = centralStep(xi, Math.abs(hi), lower, upper);
        if (oneSided) {
          xw[i] = xi + step;
          const f1 = call();
          xw[i] = xi + 2 * step;
          const dx = xw[i]! - xi;
          grad[i] = dx === 0 ? 0 : (-3.0 * f0 + 4 * f1 - call()) / dx;
        } else {
          xw[i] = xi - step;
          const x1 = xw[i]!;
          const f1 = step === 0 ? f0 : call();
          xw[i] = xi + step;
          const dx = xw[i]! - x1;
          grad[i] = dx === 0 ? 0 : (call() - f1) / dx;
        }
      }
      xw[i] = xi;
    }
    return f0;
  };
  Object.defineProperty(fg, 'evaluations', { get: () => evaluations, enumerable: true });
  return fg as FiniteDifferenceObjective;
}
