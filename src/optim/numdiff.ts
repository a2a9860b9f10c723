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
 * (conventions §4). Error of g_i ≈ (f(x + h·e_i) − f(x))/h is about
 * (h/2)|∂²f/∂x_i²| + 2ε|f|/h (truncation + rounding); for h = 1e-8 and
 * O(1) curvature and |f|, about 5e-9 + 4e-8 = 4.5e-8.
 */
export const FORWARD_DIFFERENCE_STEP = 1e-8;

/**
 * Default central-difference step, absolute: h = ε^(1/3) ≈ 6.055e-6, which
 * balances the truncation error (h²/6)|∂³f/∂x_i³| against the rounding error
 * ε|f|/h (J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., §8.1).
 * For O(1) derivatives and |f|, the error of g_i is about 1e-11.
 */
export const CENTRAL_DIFFERENCE_STEP = Math.cbrt(Number.EPSILON);

export interface FiniteDifferenceOptions {
  /** `forward`: (f(x+h) − f(x))/h; `central`: (f(x+h) − f(x−h))/2h, one-sided second order near a bound. */
  readonly scheme: 'forward' | 'central';
  /** Absolute step h; defaults {@link FORWARD_DIFFERENCE_STEP} / {@link CENTRAL_DIFFERENCE_STEP}. */
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
 * If x + h rounds back to x, fall back to a relative step as scipy does:
 * rel·sign(x)·max(1, |x|) with rel = √ε (forward) or ε^(1/3) (central).
 */
function representableStep(x: number, h: number, scheme: 'forward' | 'central'): number {
  if (x + h - x !== 0) return h;
  const rel = scheme === 'forward' ? Math.sqrt(Number.EPSILON) : CENTRAL_DIFFERENCE_STEP;
  return rel * (x >= 0 ? 1 : -1) * Math.max(1, Math.abs(x));
}

/**
 * Wrap f so that it also returns a finite-difference gradient.
 *
 * forward: g_i = (f(x + h_i e_i) − f(x)) / h_i, n + 1 calls; h_i = −h if x + h
 * would leave the box.
 * central: g_i = (f(x + h e_i) − f(x − h e_i)) / 2h, 2n + 1 calls; within h of
 * a bound, the one-sided second-order formula
 * g_i = (−3f(x) + 4f(x + h_i e_i) − f(x + 2h_i e_i)) / 2h_i.
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
  const h = options.step ?? (scheme === 'forward' ? FORWARD_DIFFERENCE_STEP : CENTRAL_DIFFERENCE_STEP);
  if (!(h > 0 && Number.isFinite(h))) {
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
      const hi = representableStep(xi, h, scheme);
      if (scheme === 'forward') {
        const step = forwardStep(xi, hi, lower, upper);
        xw[i] = xi + step;
        const dx = xw[i]! - xi;
        grad[i] = dx === 0 ? 0 : (call() - f0) / dx;
      } else {
        const { h: step, oneSided } = centralStep(xi, hi, lower, upper);
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
