import { describe, expect, it } from 'vitest';
import { lbfgsb, withFiniteDifferences, type ObjectiveWithGradient } from '../../../../src/optim/index.ts';
import { assertInside, matrixWithSpectrum, matVec, maxAbsDiff, rosenbrock } from '../problems.ts';

/** Wrap fg so that every evaluation asserts lower ≤ x ≤ upper. */
function feasibleOnly(fg: ObjectiveWithGradient, lower: number[], upper: number[]): ObjectiveWithGradient {
  return (x, g) => {
    assertInside(x, lower, upper);
    return fg(x, g);
  };
}

/** ‖P(x − g) − x‖∞ computed independently of the optimiser. */
function projectedGradientNorm(x: ArrayLike<number>, g: ArrayLike<number>, lower: number[], upper: number[]): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const step = Math.min(Math.max(x[i]! - g[i]!, lower[i]!), upper[i]!) - x[i]!;
    m = Math.max(m, Math.abs(step));
  }
  return m;
}

/**
 * Minimiser of Rosenbrock on the edge y = 0.5: the root of
 * h'(x) = −2(1 − x) − 400x(0.5 − x²), increasing on [0.5, 1], by bisection.
 */
function rosenbrockOnEdgeY05(): number {
  let lo = 0.5;
  let hi = 1;
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi);
    if (-2 * (1 - mid) - 400 * mid * (0.5 - mid * mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

describe('lbfgsb with active bounds on Rosenbrock', () => {
  it('finds (0.5, 0.25) in [-2, 0.5]², evaluating only feasible points', () => {
    // For fixed x the best y is x² (inside the box), leaving (1 − x)², decreasing up to the bound x = 0.5.
    const lower = [-2, -2];
    const upper = [0.5, 0.5];
    const r = lbfgsb(feasibleOnly(rosenbrock, lower, upper), [-1.2, 1], { bounds: { lower, upper } });
    expect(r.status).toBe('converged');
    expect(maxAbsDiff(r.x, [0.5, 0.25])).toBeLessThan(1e-10);
    expect(r.fun).toBeCloseTo(0.25, 14);
    expect([r.iterations, r.nfev]).toEqual([4, 5]); // scipy 1.17: nit 4, nfev 5
  });

  it('finds the minimiser on the edge y = 0.5 of [-1.5, 1.5] × [-0.5, 0.5], with ∂f/∂y pushing into the bound', () => {
    const lower = [-1.5, -0.5];
    const upper = [1.5, 0.5];
    const r = lbfgsb(feasibleOnly(rosenbrock, lower, upper), [-1.2, 0.3], { bounds: { lower, upper } });
    const xStar = rosenbrockOnEdgeY05();
    expect(r.status).toBe('converged');
    expect(maxAbsDiff(r.x, [xStar, 0.5])).toBeLessThan(1e-7);
    const g = new Float64Array(2);
    rosenbrock(r.x, g);
    expect(g[1]).toBeLessThan(0);
    expect(projectedGradientNorm(r.x, g, lower, upper)).toBeLessThan(1e-6);
  });

  it('handles one-sided bounds: x ≥ 1.2 gives (1.2, 1.44), y ≤ 0.5 gives the edge minimiser', () => {
    const r1 = lbfgsb(rosenbrock, [2, 2], { bounds: { lower: [1.2, -Infinity], upper: [Infinity, Infinity] } });
    expect(maxAbsDiff(r1.x, [1.2, 1.44])).toBeLessThan(1e-8);
    const r2 = lbfgsb(rosenbrock, [-1.2, 0], { bounds: { lower: [-Infinity, -Infinity], upper: [Infinity, 0.5] } });
    expect(maxAbsDiff(r2.x, [rosenbrockOnEdgeY05(), 0.5])).toBeLessThan(1e-7);
  });

  it('projects an infeasible x0 into the box and never moves a fixed variable (lower = upper)', () => {
    const lower = [-2, -2, 0.5];
    const upper = [2, 2, 0.5];
    const first: number[][] = [];
    const fg: ObjectiveWithGradient = (x, g) => {
      if (first.length === 0) first.push(Array.from(x));
      return rosenbrock(x, g);
    };
    const r = lbfgsb(feasibleOnly(fg, lower, upper), [5, -7, 3], { bounds: { lower, upper } });
    expect(first[0]).toEqual([2, -2, 0.5]);
    expect(r.x[2]).toBe(0.5);
    expect(r.status).toBe('converged');
    // With z = 0.5 fixed the last term pins y: f = 100(y − x²)² + (1 − x)² + 100(0.5 − y²)² + (1 − y)².
    const g = new Float64Array(3);
    rosenbrock(r.x, g);
    expect(projectedGradientNorm(r.x, g, lower, upper)).toBeLessThan(1e-6);
  });

  it.each(['forward', 'central'] as const)('keeps every %s-difference probe inside the box', (scheme) => {
    const lower = [-2, -2];
    const upper = [0.5, 0.5];
    const f = (x: Float64Array): number => (assertInside(x, lower, upper), rosenbrock(x));
    const fg = withFiniteDifferences(f, { scheme, bounds: { lower, upper } });
    const r = lbfgsb(fg, [-1.2, 1], { bounds: { lower, upper } });
    expect(r.status).not.toBe('max_iter');
    expect(maxAbsDiff(r.x, [0.5, 0.25])).toBeLessThan(1e-6);
  });
});

describe('lbfgsb on a bound-constrained convex quadratic with a planted solution', () => {
  // f = ½xᵀQx − bᵀx with b chosen so that x* satisfies KKT: x*_0 at its lower bound with
  // ∂f/∂x_0 = 1.5 > 0, x*_1 at its upper bound with ∂f/∂x_1 = −2 < 0, the rest free with zero gradient.
  const Q = matrixWithSpectrum([1, 2, 3, 5, 8, 13], [1, -2, 0.5, 1.5, -1, 0.25]);
  const xStar = [-1, 2, 0.3, -0.2, 0.7, 0.1];
  const gStar = [1.5, -2, 0, 0, 0, 0];
  const b = matVec(Q, xStar).map((v, i) => v - gStar[i]!);
  const lower = [-1, -3, -3, -Infinity, -1, -Infinity];
  const upper = [1, 2, 3, Infinity, Infinity, 0.5];
  const fg: ObjectiveWithGradient = (x, g) => {
    const Qx = matVec(Q, x);
    for (let i = 0; i < x.length; i++) g[i] = Qx[i]! - b[i]!;
    return x.reduce((s, xi, i) => s + 0.5 * xi * Qx[i]! - b[i]! * xi, 0);
  };

  it('recovers x* with the two bounds active and a vanishing projected gradient', () => {
    const r = lbfgsb(feasibleOnly(fg, lower, upper), [0, 0, 0, 0, 0, 0], { bounds: { lower, upper } });
    expect(r.status).toBe('converged');
    expect(maxAbsDiff(r.x, xStar)).toBeLessThan(1e-8);
    expect(r.x[0]).toBe(-1);
    expect(r.x[1]).toBe(2);
    const g = new Float64Array(6);
    fg(r.x, g);
    expect(projectedGradientNorm(r.x, g, lower, upper)).toBeLessThan(1e-8);
    expect(r.diagnostics.projectedGradientNorm).toBeLessThan(1e-8);
  });

  it('recovers x* from a start on the opposite bounds', () => {
    const r = lbfgsb(fg, [1, -3, 3, 10, -1, 0.5], { bounds: { lower, upper } });
    expect(maxAbsDiff(r.x, xStar)).toBeLessThan(1e-8);
  });
});
