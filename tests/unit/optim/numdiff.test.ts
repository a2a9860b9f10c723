import { describe, expect, it } from 'vitest';
import { CENTRAL_DIFFERENCE_STEP, FORWARD_DIFFERENCE_STEP, withFiniteDifferences } from '../../../src/optim/index.ts';
import { maxAbsDiff, rosenbrock } from './problems.ts';

const f = (x: Float64Array): number => rosenbrock(x);
const at = (...v: number[]): Float64Array => Float64Array.from(v);

function analyticGradient(x: Float64Array): Float64Array {
  const g = new Float64Array(x.length);
  rosenbrock(x, g);
  return g;
}

describe('withFiniteDifferences step rules', () => {
  it('defaults to h = 1e-8 (forward) and h = ε^(1/3) ≈ 6.055e-6 (central)', () => {
    expect(FORWARD_DIFFERENCE_STEP).toBe(1e-8);
    expect(CENTRAL_DIFFERENCE_STEP).toBeCloseTo(6.055454e-6, 11);
  });

  it('probes x + h·e_i with the absolute forward step and returns f(x)', () => {
    const probes: number[][] = [];
    const fg = withFiniteDifferences((x) => (probes.push(Array.from(x)), f(x)), { scheme: 'forward' });
    const x = at(0.3, -0.7);
    const value = fg(x, new Float64Array(2));
    expect(value).toBe(f(x));
    expect(probes).toEqual([
      [0.3, -0.7],
      [0.3 + 1e-8, -0.7],
      [0.3, -0.7 + 1e-8],
    ]);
  });
});

describe('withFiniteDifferences accuracy', () => {
  it('matches the analytic Rosenbrock gradient to 1e-6 (forward) and 1e-9 (central) relative to ‖g‖∞', () => {
    const x = at(-1.2, 1, 0.4);
    const exact = analyticGradient(x);
    const scale = Math.max(...exact.map(Math.abs));
    const forward = new Float64Array(3);
    withFiniteDifferences(f, { scheme: 'forward' })(x, forward);
    expect(maxAbsDiff(forward, exact) / scale).toBeLessThan(1e-6);
    const central = new Float64Array(3);
    withFiniteDifferences(f, { scheme: 'central' })(x, central);
    expect(maxAbsDiff(central, exact) / scale).toBeLessThan(1e-9);
  });

  it('counts n + 1 (forward) and 2n + 1 (central) calls per gradient', () => {
    const forward = withFiniteDifferences(f, { scheme: 'forward' });
    const central = withFiniteDifferences(f, { scheme: 'central' });
    forward(at(1, 2, 3), new Float64Array(3));
    central(at(1, 2, 3), new Float64Array(3));
    expect([forward.evaluations, central.evaluations]).toEqual([4, 7]);
  });
});

describe('withFiniteDifferences near bounds', () => {
  const bounds = { lower: [-2, -2], upper: [0.5, 0.5] };

  it('steps backwards when x + h would cross the upper bound', () => {
    const probes: number[][] = [];
    const fg = withFiniteDifferences((x) => (probes.push(Array.from(x)), f(x)), { scheme: 'forward', bounds });
    const g = new Float64Array(2);
    const x = at(0.5, 0.25);
    fg(x, g);
    expect(probes[1]).toEqual([0.5 - 1e-8, 0.25]);
    expect(maxAbsDiff(g, analyticGradient(x))).toBeLessThan(1e-5);
  });

  it('uses the one-sided second-order formula within h of a bound, staying inside the box', () => {
    const probes: number[][] = [];
    const fg = withFiniteDifferences((x) => (probes.push(Array.from(x)), f(x)), { scheme: 'central', bounds });
    const g = new Float64Array(2);
    const x = at(0.5, -2 + 1e-7);
    fg(x, g);
    for (const p of probes) {
      expect(p[0]).toBeLessThanOrEqual(0.5);
      expect(p[1]).toBeGreaterThanOrEqual(-2);
    }
    expect(maxAbsDiff(g, analyticGradient(x))).toBeLessThan(1e-7);
  });

  it('gives 0 for a coordinate whose bounds leave no room (lower = upper)', () => {
    const fg = withFiniteDifferences(f, { scheme: 'central', bounds: { lower: [-2, 0.25], upper: [2, 0.25] } });
    const g = new Float64Array(2);
    fg(at(0.5, 0.25), g);
    expect(g[1]).toBe(0);
    expect(Number.isFinite(g[0]!)).toBe(true);
  });
});

describe('withFiniteDifferences failures', () => {
  it('fills the gradient with NaN and skips the probes when f(x) is not finite', () => {
    const fg = withFiniteDifferences(() => NaN, { scheme: 'forward' });
    const g = new Float64Array(2);
    expect(fg(at(1, 1), g)).toBeNaN();
    expect(Array.from(g)).toEqual([NaN, NaN]);
    expect(fg.evaluations).toBe(1);
  });

  it('rejects a non-positive step and a wrong-length point', () => {
    expect(() => withFiniteDifferences(f, { scheme: 'forward', step: 0 })).toThrow(
      'withFiniteDifferences: options.step must be finite and > 0, got 0',
    );
    const fg = withFiniteDifferences(f, { scheme: 'forward', bounds: { lower: [0], upper: [1] } });
    expect(() => fg(at(0.5, 0.5), new Float64Array(2))).toThrow(RangeError);
  });
});
