import { describe, expect, it } from 'vitest';
import { approach2Bias, approach2ExtrapolationError, approach2InterceptError, approach2VertexShift } from '../../../src/fit/approach2-bias.ts';
import { fitApproach2, extrapolateApproach2 } from '../../../src/fit/approach2.ts';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { SURFACES, dOpt, exponentA, exponentB, intercepts, nOpt, type LossSurface } from '../../../src/surface/index.ts';
import { NAMED_GRIDS, sampleIsoflops, widthSweep } from '../../../src/sampling/index.ts';
import { APPROACH2_D_ERR_PCT } from '../../helpers/reference.ts';

const N_POINTS = 15;
const WIDTHS = [...widthSweep(), Math.log10(2)];
const VALIDATION_SURFACES = ['symmetric', 'chinchilla', 'asymmetric'] as const;

function simulate(surface: LossSurface, W: number) {
  const s = sampleIsoflops(surface, { W, pointsPerCurve: N_POINTS });
  return fitApproach2(s.N, s.D, s.L, s.C);
}

function thrown(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw e;
  }
  throw new Error('expected an InvalidInputError');
}

describe('approach2InterceptError matches simulated noise-free Approach 2', () => {
  for (const name of VALIDATION_SURFACES) {
    it(`on the ${name} surface for the 20 sweep widths and ±2×: prefactor error to 1e-10, exponent exact to 1e-10`, () => {
      const surface = SURFACES[name];
      let maxDiff = 0;
      let maxExpErr = 0;
      for (const W of WIDTHS) {
        const fit = simulate(surface, W);
        const numerical = Math.pow(10, fit.a0 - intercepts(surface).a0) - 1;
        const predicted = approach2InterceptError(surface.alpha, surface.beta, W, N_POINTS);
        maxDiff = Math.max(maxDiff, Math.abs(numerical - predicted));
        maxExpErr = Math.max(maxExpErr, Math.abs(fit.a - exponentA(surface)), Math.abs(fit.b - exponentB(surface)));
      }
      expect(maxDiff).toBeLessThanOrEqual(1e-10);
      expect(maxExpErr).toBeLessThan(1e-10);
    });
  }

  it('shifts every budget’s vertex by the same δw, whatever E, A, B and C', () => {
    const surface = { E: 3.1, A: 2e4, B: 55, alpha: 0.5, beta: 0.25 };
    const W = Math.log10(8);
    const dw = approach2VertexShift(surface.alpha, surface.beta, W, N_POINTS);
    const fit = simulate(surface, W);
    for (const b of fit.budgets) {
      expect(Math.log10(b.nOpt / nOpt(surface, b.C))).toBeCloseTo(dw, 12);
      expect(Math.log10(b.dOpt / dOpt(surface, b.C))).toBeCloseTo(-dw, 12);
    }
  });
});

describe('approach2ExtrapolationError (the D mirror)', () => {
  for (const name of VALIDATION_SURFACES) {
    it(`equals the simulated extrapolated D* error at 1e24 on the ${name} surface`, () => {
      const surface = SURFACES[name];
      for (const W of WIDTHS) {
        const numerical = extrapolateApproach2(simulate(surface, W), 1e24).D / dOpt(surface, 1e24) - 1;
        expect(Math.abs(numerical - approach2ExtrapolationError(surface.alpha, surface.beta, W, N_POINTS))).toBeLessThan(1e-10);
      }
    });
  }

  it('reproduces the specs/conventions.md §5 reference values to 1e-9 relative', () => {
    for (const name of ['chinchilla', 'asymmetric'] as const) {
      const { alpha, beta } = SURFACES[name];
      (['XS', 'S', 'L', 'XL'] as const).forEach((grid) => {
        const pct = 100 * approach2ExtrapolationError(alpha, beta, NAMED_GRIDS[grid].W, N_POINTS);
        expect(Math.abs(pct / APPROACH2_D_ERR_PCT[name][grid] - 1)).toBeLessThan(1e-9);
      });
    }
  });

  it('gives −5.100244551712022 % for chinchilla on ±16× to 1e-9 relative', () => {
    const { alpha, beta } = SURFACES.chinchilla;
    const pct = 100 * approach2ExtrapolationError(alpha, beta, NAMED_GRIDS.XL.W, N_POINTS);
    expect(Math.abs(pct / APPROACH2_D_ERR_PCT.chinchilla.XL - 1)).toBeLessThan(1e-9);
  });

  it('is the mirror of the intercept error: (1 + e_N)·(1 + e_D) = 1', () => {
    for (const W of WIDTHS) {
      const eN = approach2InterceptError(0.465, 0.155, W, N_POINTS);
      const eD = approach2ExtrapolationError(0.465, 0.155, W, N_POINTS);
      expect((1 + eN) * (1 + eD)).toBeCloseTo(1, 14);
    }
  });
});

describe('approach2VertexShift', () => {
  it('is exactly +0 when α = β, for any grid', () => {
    for (const W of WIDTHS) {
      for (const n of [3, 4, 15, 16, 101]) {
        expect(Object.is(approach2VertexShift(0.31, 0.31, W, n), 0)).toBe(true);
        expect(Object.is(approach2InterceptError(0.31, 0.31, W, n), 0)).toBe(true);
        expect(Object.is(approach2ExtrapolationError(0.31, 0.31, W, n), 0)).toBe(true);
      }
    }
    expect(approach2Bias(SURFACES.symmetric, NAMED_GRIDS.XL.W, N_POINTS)).toEqual({ deltaW: 0, interceptError: 0, extrapolationError: 0 });
  });

  it('agrees with 60-digit reference values to 8 ulps', () => {
    // mpmath (60 digits) evaluation of δw = −c1/(2·c2) on w_i = W·(2i − n + 1)/(n − 1), directly from g(w).
    const reference: Array<[number, number, number, number, number]> = [
      [0.34, 0.28, Math.log10(16), 15, 0.02273490672565935450745173],
      [0.465, 0.155, Math.log10(16), 15, 0.1141657700371327983581029],
      [0.465, 0.155, 2.0, 15, 0.2992129414885122283012136],
      [0.34, 0.28, 0.3, 15, 0.001412483863870116062603287],
      [0.34, 0.28, 1e-3, 15, 1.569517184830669810833435e-8],
      [0.34, 0.28, 1e-6, 15, 1.569517185836756464111743e-14],
      [0.3, 0.3 + 1e-12, 1.0, 15, -2.616108362811585896151292e-13],
      [0.5, 0.1, 0.5, 3, 0.03814830046895229029567076],
      [0.2, 0.9, 3.0, 4, -1.160290459599395029305974],
      [0.684, 0.439, 1.0, 32, 0.05924088693779285828204571],
      [0.95, 0.05, 2.0, 101, 0.516705190191423565309245],
      [5.0, 0.5, 10.0, 9, 2.750000000000434813178273],
    ];
    for (const [alpha, beta, W, n, expected] of reference) {
      const got = approach2VertexShift(alpha, beta, W, n);
      expect(Math.abs(got - expected)).toBeLessThanOrEqual(8 * Number.EPSILON * Math.abs(expected));
    }
  });

  it('is positive when α > β, negative when α < β, and flips sign when they swap', () => {
    for (const W of WIDTHS) {
      const dw = approach2VertexShift(0.34, 0.28, W, N_POINTS);
      expect(dw).toBeGreaterThan(0);
      expect(Math.abs(approach2VertexShift(0.28, 0.34, W, N_POINTS) / -dw - 1)).toBeLessThan(4 * Number.EPSILON);
    }
  });
});

describe('approach2 bias argument checks', () => {
  it('rejects non-positive or non-finite α, β, W with an InvalidInputError naming the value', () => {
    expect(thrown(() => approach2VertexShift(0, 0.3, 1, 15)).message).toBe('approach2VertexShift: alpha = 0 must be a positive finite number');
    expect(thrown(() => approach2InterceptError(0.3, -1, 1, 15)).message).toBe('approach2InterceptError: beta = -1 must be a positive finite number');
    expect(thrown(() => approach2ExtrapolationError(0.3, 0.3, Infinity, 15)).message).toBe(
      'approach2ExtrapolationError: W = Infinity must be a positive finite number',
    );
    const e = thrown(() => approach2VertexShift(NaN, 0.3, 1, 15));
    expect(e.argument).toBe('alpha');
    expect(e.value).toBeNaN();
    expect(thrown(() => approach2VertexShift(0.3, 0.3, 0, 15)).argument).toBe('W');
  });

  it('rejects n that is not an integer ≥ 3', () => {
    expect(thrown(() => approach2VertexShift(0.3, 0.2, 1, 2)).message).toBe('approach2VertexShift: n = 2 must be an integer ≥ 3 (a parabola needs 3 points)');
    for (const n of [3.5, NaN, -4, Infinity]) expect(thrown(() => approach2VertexShift(0.3, 0.2, 1, n)).argument).toBe('n');
  });
});
