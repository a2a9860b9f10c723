import { describe, expect, it } from 'vitest';
import { lbfgsb, LBFGSB_DEFAULTS, ROUNDING_FLOOR_RELATIVE_CHANGE, STOP_REASONS, withFiniteDifferences } from '../../../../src/optim/index.ts';
import { matrixWithSpectrum, maxAbsDiff, quadratic, rosenbrock, rosenbrockStart } from '../problems.ts';

describe('lbfgsb without bounds', () => {
  it('reaches the 2-D Rosenbrock minimum from (-1.2, 1) in the iterations and calls scipy needs', () => {
    const r = lbfgsb(rosenbrock, [-1.2, 1]);
    expect(r.status).toBe('converged');
    expect(r.message).toBe(STOP_REASONS.relative_reduction.message);
    expect(maxAbsDiff(r.x, [1, 1])).toBeLessThan(1e-8);
    // scipy 1.17 L-BFGS-B, ftol = gtol = 1e-15, maxcor 10: nit 38, nfev 46.
    expect([r.iterations, r.nfev, r.ngev]).toEqual([38, 46, 46]);
  });

  it('reaches the 10-D Rosenbrock minimum from (-1.2, 1, ...) in the iterations and calls scipy needs', () => {
    const r = lbfgsb(rosenbrock, rosenbrockStart(10));
    expect(r.status).toBe('converged');
    expect(maxAbsDiff(r.x, new Array(10).fill(1))).toBeLessThan(1e-8);
    expect([r.iterations, r.nfev]).toEqual([76, 94]); // scipy 1.17: 76, 94
  });

  it.each([1e6, 1e8])('converges on a rotated quadratic with condition number %g', (cond) => {
    const n = 10;
    const eig = Array.from({ length: n }, (_, i) => Math.pow(cond, i / (n - 1)));
    const A = matrixWithSpectrum(
      eig,
      Array.from({ length: n }, (_, i) => 1 + 0.3 * i),
    );
    const c = Array.from({ length: n }, (_, i) => Math.cos(i));
    const f = quadratic(A, c);
    const f0 = f(new Float64Array(n));
    const r = lbfgsb(f, new Array(n).fill(0));
    expect(r.status).toBe('converged');
    expect(r.fun).toBeLessThan(1e-9 * f0);
    expect(maxAbsDiff(r.x, c)).toBeLessThan(1e-4);
  });

  it('converges on Rosenbrock with forward- and central-difference gradients', () => {
    const f = (x: Float64Array): number => rosenbrock(x);
    const forward = withFiniteDifferences(f, { scheme: 'forward' });
    const rf = lbfgsb(forward, [-1.2, 1]);
    expect(rf.status).not.toBe('max_iter');
    expect(maxAbsDiff(rf.x, [1, 1])).toBeLessThan(1e-5);
    expect(forward.evaluations).toBe(3 * rf.nfev);
    const central = withFiniteDifferences(f, { scheme: 'central' });
    const rc = lbfgsb(central, [-1.2, 1]);
    expect(rc.status).not.toBe('max_iter');
    expect(maxAbsDiff(rc.x, [1, 1])).toBeLessThan(1e-7);
    expect(central.evaluations).toBe(5 * rc.nfev);
  });

  it('stops on the projected-gradient test when gtol is reached first', () => {
    const r = lbfgsb(rosenbrock, [-1.2, 1], { gtol: 1e-5 });
    expect(r.status).toBe('converged');
    expect(r.message).toBe(STOP_REASONS.projected_gradient.message);
    expect(r.diagnostics.projectedGradientNorm).toBeLessThanOrEqual(1e-5);
  });

  it('stops at once, after one call and no iteration, when x0 is already stationary', () => {
    const r = lbfgsb((x, g) => ((g[0] = 2 * x[0]!), x[0]! * x[0]!), [0]);
    expect([r.status, r.iterations, r.nfev]).toEqual(['converged', 0, 1]);
  });
});

describe('lbfgsb stopping and line-search failure', () => {
  it('reports max_iter after exactly maxiter iterations', () => {
    const r = lbfgsb(rosenbrock, [-1.2, 1], { maxiter: 2 });
    expect(r.status).toBe('max_iter');
    expect(r.message).toBe(STOP_REASONS.max_iterations.message);
    expect(r.iterations).toBe(2);
  });

  it('reports max_iter with the evaluation message once the calls exceed maxfun', () => {
    const r = lbfgsb(rosenbrock, [-1.2, 1], { maxfun: 10 });
    expect(r.status).toBe('max_iter');
    expect(r.message).toBe(STOP_REASONS.max_evaluations.message);
    expect(r.nfev).toBeGreaterThan(10);
  });

  it('reports abnormal with no iteration when the gradient points uphill (negated gradient), as scipy does', () => {
    const fg = (x: Float64Array, g: Float64Array): number => {
      const f = rosenbrock(x, g);
      for (let i = 0; i < g.length; i++) g[i] = -g[i]!;
      return f;
    };
    const r = lbfgsb(fg, [-1.2, 1]);
    expect(r.status).toBe('abnormal');
    expect(r.message).toBe(
      'ABNORMAL: the line search could not lower the objective further (‖proj g‖∞ = 2.2e2): ' +
        'no step from the starting point lowered the objective; the starting point is kept as the estimate, which may not be the optimum',
    );
    expect(r.diagnostics.lastRelativeChange).toBeNaN();
    expect(Array.from(r.x)).toEqual([-1.2, 1]);
    expect(r.fun).toBeCloseTo(24.2, 12);
    // scipy 1.17: nit 0, nfev 19, ABNORMAL (the 20 trials include two repeats served from the cache).
    expect([r.iterations, r.nfev]).toEqual([0, 19]);
    expect(r.diagnostics.lineSearchRestarts).toBe(0);
  });

  it('resets the memory once after a failed line search and reports abnormal only when the retry fails too', () => {
    // f is Rosenbrock, the gradient is that of (x − 3)² + (y + 1)².
    const fg = (x: Float64Array, g: Float64Array): number => {
      g[0] = 2 * (x[0]! - 3);
      g[1] = 2 * (x[1]! + 1);
      return rosenbrock(x);
    };
    const r = lbfgsb(fg, [-1.2, 1]);
    expect(r.status).toBe('abnormal');
    expect(r.diagnostics.reason).toBe('line_search_failed');
    expect(r.diagnostics.lineSearchRestarts).toBe(1);
    expect([r.iterations, r.nfev]).toEqual([1, 36]); // scipy 1.17: nit 1, nfev 36
    expect(Number.isFinite(r.fun)).toBe(true);
    // The one accepted step lowered f a lot, so the stop is not put down to rounding.
    expect(r.diagnostics.lastRelativeChange).toBeGreaterThan(ROUNDING_FLOOR_RELATIVE_CHANGE);
    expect(r.message).toMatch(/although it was still changing; the estimate is kept but may not be the optimum$/);
  });

  it('reports abnormal at the rounding floor, with ‖proj g‖∞ and the last relative change, when noise of 1e-12 hides further decrease', () => {
    // A smooth quadratic-plus-quartic with deterministic noise of 1e-12 on f (the gradient is exact):
    // near the optimum no step can lower f by more than the noise.
    const fg = (x: Float64Array, g: Float64Array): number => {
      const a = x[0]! - 0.3;
      const b = x[1]! + 0.7;
      const u = a + 0.4 * b;
      const v = b - 0.2 * a;
      const gu = 2 * u + 0.4 * u ** 3;
      const gv = 74 * v;
      g[0] = gu - 0.2 * gv;
      g[1] = 0.4 * gu + gv;
      const h = Math.sin(3 * 12.9898 * x[0]! * 1e3 + 78.233 * x[1]! * 1e3) * 43758.5453;
      return 1 + u * u + 37 * v * v + 0.1 * u ** 4 + 1e-12 * (h - Math.floor(h));
    };
    const r = lbfgsb(fg, [2, 1.5], { objectiveName: 'RSS' });
    expect(r.status).toBe('abnormal');
    const d = r.diagnostics;
    expect(d.reason).toBe('line_search_failed');
    expect(d.lastRelativeChange).toBeGreaterThan(LBFGSB_DEFAULTS.ftol);
    expect(d.lastRelativeChange).toBeLessThanOrEqual(ROUNDING_FLOOR_RELATIVE_CHANGE);
    const e = (x: number): string => x.toExponential(1).replace('e+', 'e');
    expect(r.message).toBe(
      `ABNORMAL: the line search could not lower the RSS further (‖proj g‖∞ = ${e(d.projectedGradientNorm)}, ` +
        `last relative change of the RSS ${e(d.lastRelativeChange)}): the fit stopped at the rounding floor of the RSS; the estimate is kept`,
    );
    expect(Math.abs(r.x[0]! - 0.3) + Math.abs(r.x[1]! + 0.7)).toBeLessThan(1e-6);
  });

  it('reports max_iter, as scipy does (status 1), when a line search fails after the calls exceeded maxfun', () => {
    const fg = (x: Float64Array, g: Float64Array): number => {
      const f = rosenbrock(x, g);
      for (let i = 0; i < g.length; i++) g[i] = -g[i]!;
      return f;
    };
    const r = lbfgsb(fg, [-1.2, 1], { maxfun: 5 });
    // scipy 1.17 with maxfun=5: status 1, nit 0, nfev 19.
    expect([r.status, r.iterations, r.nfev]).toEqual(['max_iter', 0, 19]);
    expect(r.message).toBe(STOP_REASONS.max_evaluations.message);
  });

  it('records the last relative change of f, which the ftol test compares', () => {
    const r = lbfgsb(rosenbrock, [-1.2, 1]);
    expect(r.diagnostics.reason).toBe('relative_reduction');
    expect(r.diagnostics.lastRelativeChange).toBeLessThanOrEqual(LBFGSB_DEFAULTS.ftol);
    expect(lbfgsb((x, g) => ((g[0] = 2 * x[0]!), x[0]! * x[0]!), [0]).diagnostics.lastRelativeChange).toBeNaN();
  });

  it('returns abnormal after one call when f or the gradient is not finite at x0', () => {
    const nanGrad = lbfgsb((_x, g) => ((g[0] = NaN), 1), [0.5]);
    expect([nanGrad.status, nanGrad.nfev, nanGrad.iterations]).toEqual(['abnormal', 1, 0]);
    expect(nanGrad.message).toBe(STOP_REASONS.nonfinite_start.message);
    const infF = lbfgsb(() => Infinity, [0.5]);
    expect(infF.status).toBe('abnormal');
  });

  it('treats a non-finite trial point as a failed trial and shrinks the step', () => {
    let nonFinite = 0;
    const fg = (x: Float64Array, g: Float64Array): number => {
      if (x[1]! > 1.1) {
        nonFinite++;
        return NaN;
      }
      return rosenbrock(x, g);
    };
    const r = lbfgsb(fg, [-1.2, 1]);
    expect(nonFinite).toBeGreaterThan(0);
    expect(r.status).toBe('converged');
    expect(maxAbsDiff(r.x, [1, 1])).toBeLessThan(1e-8);
  });

  it('rejects invalid options with a RangeError naming the option', () => {
    expect(() => lbfgsb(rosenbrock, [0, 0], { m: 0 })).toThrow('lbfgsb: options.m must be an integer >= 1, got 0');
    expect(() => lbfgsb(rosenbrock, [0, 0], { ftol: -1 })).toThrow('lbfgsb: options.ftol must be >= 0, got -1');
    expect(() => lbfgsb(rosenbrock, [0, NaN])).toThrow('lbfgsb: x0[1] must be finite, got NaN');
    expect(() => lbfgsb(rosenbrock, [0, 0], { bounds: { lower: [0], upper: [1] } })).toThrow(RangeError);
  });

  it('uses the documented defaults of specs/conventions.md §4', () => {
    expect(LBFGSB_DEFAULTS).toMatchObject({ m: 10, ftol: 1e-15, gtol: 1e-15, maxiter: 10000, maxfun: 15000, maxls: 20 });
  });
});
