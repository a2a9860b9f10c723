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

describe("withFiniteDifferences central step (SciPy jac='3-point')", () => {
  it("uses SciPy's EPS**(1/3) to the last bit", () => {
    expect(CENTRAL_DIFFERENCE_STEP).toBe(Number.EPSILON ** (1 / 3));
  });

  it('probes x ± h_i with the relative step h_i = ε^(1/3)·max(1, |x_i|), whatever the sign of x_i', () => {
    const probes: number[][] = [];
    const fg = withFiniteDifferences((x) => (probes.push(Array.from(x)), f(x)), { scheme: 'central' });
    const x = at(0, -6.5, 0.25);
    fg(x, new Float64Array(3));
    const h = [CENTRAL_DIFFERENCE_STEP, 6.5 * CENTRAL_DIFFERENCE_STEP, CENTRAL_DIFFERENCE_STEP];
    expect(probes).toEqual([
      [0, -6.5, 0.25],
      [0 - h[0]!, -6.5, 0.25],
      [0 + h[0]!, -6.5, 0.25],
      [0, -6.5 - h[1]!, 0.25],
      [0, -6.5 + h[1]!, 0.25],
      [0, -6.5, 0.25 - h[2]!],
      [0, -6.5, 0.25 + h[2]!],
    ]);
  });

  it('keeps an absolute step when one is given', () => {
    const probes: number[][] = [];
    const fg = withFiniteDifferences((x) => (probes.push(Array.from(x)), f(x)), { scheme: 'central', step: 1e-4 });
    fg(at(-6.5), new Float64Array(1));
    expect(probes).toEqual([[-6.5], [-6.5 - 1e-4], [-6.5 + 1e-4]]);
  });

  // Reference gradients from SciPy 1.17.1: approx_derivative(f, x, method='3-point', bounds=…)
  // and approx_derivative(f, x, method='2-point', abs_step=1e-8, bounds=…), i.e. what
  // L-BFGS-B uses for jac='3-point' and for its default jac=None. The cases cover x_i = 0,
  // large |x_i| and every bound adjustment (one-sided towards either bound, shrunk central).
  const g4 = (x: Float64Array): number => Math.exp(0.3 * x[0]!) * x[1]! ** 3 + Math.sin(x[2]!) * x[0]! + Math.log1p(x[2]! ** 2) + x[3]! ** 4 / 7;
  const scipyCases: readonly {
    x: number[];
    bounds: { lower: number[]; upper: number[] } | undefined;
    central: number[];
    forward: number[];
  }[] = [
    {
      x: [0.0, 6.2, -3.5, 0.001],
      bounds: undefined,
      central: [71.84918322585264, 115.32000000137022, -0.5283018863417561, 0.0],
      forward: [71.84918331404333, 115.31999816324702, -0.5283027381030942, 0.0],
    },
    {
      x: [1.5, -7.1, 0.2, 250.0],
      bounds: undefined,
      central: [-168.19946016111555, 237.17653311633143, 1.850509042031918, 8928571.428901393],
      forward: [-166.89300638538114, 238.4185805505445, 0.0, 8928577.969600163],
    },
    {
      x: [0.01, 6.0, 0.99, -2.0],
      bounds: { lower: [0.01, -1, -1, -2.0], upper: [0.99, 6.0, 0.990003, 5] },
      central: [65.83071786407116, 108.324486483573, 1.0054363898370875, -4.57142857105141],
      forward: [65.8307186544606, 108.3244860400112, 1.0054378612450598, -4.571427353355303],
    },
    {
      x: [0.5, 5.99999, -0.999998, 0.0],
      bounds: { lower: [0.01, -1, -1, -1e-6], upper: [0.99, 6.0, 1, 5e-6] },
      central: [74.44501259165767, 125.47767995486271, -0.7298480188078244, -5.684341886080801e-9],
      forward: [74.44501155869838, 125.4776784330472, -0.7298495993088551, 0.0],
    },
  ];
  it.each(scipyCases.map((c, i) => [i, c] as const))("reproduces SciPy's gradients (case %i)", (_i, c) => {
    for (const scheme of ['central', 'forward'] as const) {
      const g = new Float64Array(4);
      withFiniteDifferences(g4, { scheme, bounds: c.bounds })(Float64Array.from(c.x), g);
      c[scheme].forEach((ref, j) => expect(Math.abs(g[j]! - ref)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(ref))));
    }
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
    expect(() => withFiniteDifferences(f, { scheme: 'forward', step: 0 })).toThrow('withFiniteDifferences: options.step must be finite and > 0, got 0');
    const fg = withFiniteDifferences(f, { scheme: 'forward', bounds: { lower: [0], upper: [1] } });
    expect(() => fg(at(0.5, 0.5), new Float64Array(2))).toThrow(RangeError);
  });
});
