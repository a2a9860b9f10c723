import { describe, expect, it } from 'vitest';
import { nelderMead, NELDER_MEAD_DEFAULTS, STOP_REASONS } from '../../../src/optim/index.ts';
import { assertInside, maxAbsDiff, rosenbrock, rosenbrockStart } from './problems.ts';

const rosen = (x: Float64Array): number => rosenbrock(x);

describe('nelderMead on smooth problems', () => {
  it('reaches the 2-D Rosenbrock minimum (1, 1) from (-1.2, 1) with the iteration and call counts scipy reports', () => {
    const r = nelderMead(rosen, [-1.2, 1]);
    expect(r.status).toBe('converged');
    expect(r.message).toBe(STOP_REASONS.simplex_size.message);
    expect(maxAbsDiff(r.x, [1, 1])).toBeLessThan(1e-9);
    expect(r.fun).toBeLessThan(1e-20);
    // scipy 1.17 minimize(rosen, [-1.2, 1], method='Nelder-Mead', xatol=1e-10, fatol=1e-15): nit 132, nfev 249.
    expect(r.iterations).toBe(132);
    expect(r.nfev).toBe(249);
    expect(r.ngev).toBe(0);
  });

  it('reaches the 4-D Rosenbrock minimum from (-1.2, 1, -1.2, 1), with fixed and adaptive coefficients', () => {
    const fixed = nelderMead(rosen, rosenbrockStart(4));
    expect(fixed.status).toBe('converged');
    expect(maxAbsDiff(fixed.x, [1, 1, 1, 1])).toBeLessThan(1e-6);
    expect([fixed.iterations, fixed.nfev]).toEqual([371, 643]); // scipy 1.17: 371, 643
    const adaptive = nelderMead(rosen, rosenbrockStart(4), { adaptive: true });
    expect(adaptive.status).toBe('converged');
    expect(maxAbsDiff(adaptive.x, [1, 1, 1, 1])).toBeLessThan(1e-6);
    expect([adaptive.iterations, adaptive.nfev]).toEqual([577, 991]); // scipy 1.17: 577, 991
  });

  it('finds the minimiser of a shifted quadratic to within xatol', () => {
    const c = [3, -2, 0.5];
    const f = (x: Float64Array): number => x.reduce((s, xi, i) => s + (i + 1) * (xi - c[i]!) ** 2, 0);
    const r = nelderMead(f, [0, 0, 0]);
    expect(r.status).toBe('converged');
    expect(maxAbsDiff(r.x, c)).toBeLessThan(1e-9);
  });
});

describe('nelderMead initial simplex and bounds', () => {
  it('builds the scipy simplex: 5% perturbation of nonzero coordinates, 0.00025 for zero ones', () => {
    const seen: number[][] = [];
    nelderMead((x) => (seen.push(Array.from(x)), rosen(x)), [2, 0, -4], { maxiter: 1 });
    expect(seen.slice(0, 4)).toEqual([
      [2, 0, -4],
      [2 * 1.05, 0, -4],
      [2, 0.00025, -4],
      [2, 0, -4 * 1.05],
    ]);
  });

  it('keeps every evaluation inside the bounds and finds the constrained Rosenbrock minimum (0.5, 0.25)', () => {
    const lower = [-2, -2];
    const upper = [0.5, 0.5];
    const r = nelderMead((x) => (assertInside(x, lower, upper), rosen(x)), [-1.2, 1], { bounds: { lower, upper } });
    expect(r.status).toBe('converged');
    expect(maxAbsDiff(r.x, [0.5, 0.25])).toBeLessThan(1e-8);
    expect(r.fun).toBeCloseTo(0.25, 12);
  });

  it('clips a starting point outside the bounds into them', () => {
    const seen: number[][] = [];
    nelderMead((x) => (seen.push(Array.from(x)), rosen(x)), [5, 1], { bounds: { lower: [-1, -1], upper: [2, 2] }, maxiter: 1 });
    expect(seen[0]).toEqual([2, 1]);
  });
});

describe('nelderMead stopping and failure', () => {
  it('reports max_iter when maxiter is reached, counting iterations from 1 as scipy does', () => {
    const r = nelderMead(rosen, [-1.2, 1], { maxiter: 3 });
    expect(r.status).toBe('max_iter');
    expect(r.message).toBe(STOP_REASONS.max_iterations.message);
    expect(r.iterations).toBe(3);
  });

  it('reports max_iter with the evaluation message when maxfev is reached, never exceeding it', () => {
    const r = nelderMead(rosen, [-1.2, 1], { maxfev: 20 });
    expect(r.status).toBe('max_iter');
    expect(r.message).toBe(STOP_REASONS.max_evaluations.message);
    expect(r.nfev).toBe(20);
    expect(Number.isFinite(r.fun)).toBe(true);
  });

  it('returns abnormal after one call when f(x0) is not finite', () => {
    const r = nelderMead(() => NaN, [1, 2]);
    expect(r.status).toBe('abnormal');
    expect(r.message).toBe(STOP_REASONS.nonfinite_start.message);
    expect(r.nfev).toBe(1);
    expect(Array.from(r.x)).toEqual([1, 2]);
  });

  it('treats non-finite values away from x0 as +Infinity and still converges to a finite minimum', () => {
    const f = (x: Float64Array): number => (x[0]! > 1.5 ? NaN : x[1]! < -0.5 ? Infinity : rosen(x));
    const r = nelderMead(f, [-1.2, 1]);
    expect(r.status).toBe('converged');
    expect(maxAbsDiff(r.x, [1, 1])).toBeLessThan(1e-8);
  });

  it('rejects invalid options with a RangeError naming the option', () => {
    expect(() => nelderMead(rosen, [0, 0], { maxiter: 0 })).toThrow('nelderMead: options.maxiter must be an integer >= 1, got 0');
    expect(() => nelderMead(rosen, [0, 0], { xatol: -1 })).toThrow(RangeError);
    expect(() => nelderMead(rosen, [], {})).toThrow('nelderMead: x0 must have at least one entry, got length 0');
    expect(() => nelderMead(rosen, [0, 0], { bounds: { lower: [1, 0], upper: [0, 1] } })).toThrow(
      'nelderMead: bounds.lower[0] = 1 exceeds bounds.upper[0] = 0',
    );
  });

  it('uses the documented defaults of specs/conventions.md §4', () => {
    expect(NELDER_MEAD_DEFAULTS).toMatchObject({ xatol: 1e-10, fatol: 1e-15, maxiter: 10000, maxfev: Infinity, adaptive: false });
  });
});
