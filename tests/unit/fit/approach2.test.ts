import { describe, expect, it } from 'vitest';
import { SURFACES, exponentA, exponentB, intercepts } from '../../../src/surface/index.ts';
import { sampleIsoflops, widthSweep } from '../../../src/sampling/index.ts';
import { fitApproach2 } from '../../../src/fit/approach2.ts';
import { InvalidInputError, NoMinimumError, TooFewBudgetsError, TooFewPointsError, VertexOutOfRangeError } from '../../../src/core/errors.ts';

describe('Approach 2 on noise-free surfaces', () => {
  it('recovers exponents and intercepts exactly on the symmetric surface', () => {
    const s = SURFACES.symmetric;
    for (const W of widthSweep()) {
      const d = sampleIsoflops(s, { W });
      const f = fitApproach2(d.N, d.D, d.L, d.C);
      expect(Math.abs(f.a - exponentA(s))).toBeLessThan(1e-10);
      expect(Math.abs(f.b - exponentB(s))).toBeLessThan(1e-10);
      expect(Math.abs(f.a0 - intercepts(s).a0)).toBeLessThan(1e-9);
    }
  });

  it('keeps exponents exact but biases the N* intercept upward when α > β, growing with W', () => {
    const s = SURFACES.asymmetric;
    let previous = 0;
    for (const W of widthSweep()) {
      const d = sampleIsoflops(s, { W });
      const f = fitApproach2(d.N, d.D, d.L, d.C);
      expect(Math.abs(f.a - exponentA(s))).toBeLessThan(1e-10);
      const bias = f.a0 - intercepts(s).a0;
      expect(bias).toBeGreaterThan(previous);
      previous = bias;
    }
  });

  it('returns the per-budget parabolas with vertices in ascending budget order', () => {
    const d = sampleIsoflops(SURFACES.chinchilla, { W: 0.5 });
    const f = fitApproach2(d.N, d.D, d.L, d.C);
    expect(f.budgets.map((b) => b.C)).toEqual([1e17, 1e18, 1e19, 1e20, 1e21]);
    for (const b of f.budgets) {
      expect(b.nPoints).toBe(15);
      expect(b.parabolaN.p2).toBeGreaterThan(0);
      expect(b.nOpt).toBeCloseTo(Math.pow(10, b.parabolaN.vertex), 0);
    }
  });
});

describe('Approach 2 hard failures', () => {
  const d = sampleIsoflops(SURFACES.chinchilla, { W: 0.5, pointsPerCurve: 5 });
  const N = Array.from(d.N);
  const D = Array.from(d.D);
  const L = Array.from(d.L);
  const C = Array.from(d.C);

  it('rejects empty arrays', () => {
    expect(() => fitApproach2([], [], [], [])).toThrow(new InvalidInputError('N is empty', 'N'));
  });

  it('rejects mismatched lengths naming the array', () => {
    expect(() => fitApproach2(N, D.slice(1), L, C)).toThrow('D has 24 elements but N has 25; the arrays must have equal lengths');
  });

  it('rejects NaN and Inf naming the element', () => {
    const bad = L.slice();
    bad[7] = NaN;
    expect(() => fitApproach2(N, D, bad, C)).toThrow('L[7] = NaN is not finite');
    const inf = D.slice();
    inf[3] = Infinity;
    expect(() => fitApproach2(N, inf, L, C)).toThrow('D[3] = Infinity is not finite');
  });

  it('rejects non-positive N or D naming the value', () => {
    const neg = N.slice();
    neg[2] = -5;
    expect(() => fitApproach2(neg, D, L, C)).toThrow('N[2] = -5 must be positive');
    const zero = D.slice();
    zero[0] = 0;
    expect(() => fitApproach2(N, zero, L, C)).toThrow('D[0] = 0 must be positive');
  });

  it('rejects a budget with fewer than 3 points', () => {
    const keep = [0, 1, 5, 6, 7, 8, 9];
    const pick = (x: number[]): number[] => keep.map((i) => x[i]);
    expect(() => fitApproach2(pick(N), pick(D), pick(L), pick(C))).toThrow(TooFewPointsError);
    expect(() => fitApproach2(pick(N), pick(D), pick(L), pick(C))).toThrow('budget C = 1e17 has 2 points; a parabola needs at least 3');
  });

  it('rejects a concave parabola with its curvature', () => {
    const concave = L.slice();
    for (let i = 0; i < 5; i++) concave[i] = 10 - L[i];
    expect(() => fitApproach2(N, D, concave, C)).toThrow(NoMinimumError);
    expect(() => fitApproach2(N, D, concave, C)).toThrow(/budget C = 1e17: the parabola in log10 N has curvature c2 = -\d.*≤ 1e-10, so no clear minimum/);
  });

  it('rejects a single budget', () => {
    expect(() => fitApproach2(N.slice(0, 5), D.slice(0, 5), L.slice(0, 5), C.slice(0, 5))).toThrow(TooFewBudgetsError);
    expect(() => fitApproach2(N.slice(0, 5), D.slice(0, 5), L.slice(0, 5), C.slice(0, 5))).toThrow('1 budget given; the power-law fit needs at least 2');
  });
});

describe('Approach 2 vertices whose 10^x* is not a number', () => {
  // Budget 1e17 is an ordinary parabola; budget 1e18 has a barely positive curvature
  // (1e-9 > the 1e-10 threshold) and a slope that puts its vertex hundreds of decades away.
  function data(slope: number): { N: number[]; D: number[]; L: number[]; C: number[] } {
    const N: number[] = [];
    const D: number[] = [];
    const L: number[] = [];
    const C: number[] = [];
    for (const [c, c1, c2] of [
      [1e17, 0, 0.1],
      [1e18, slope, 1e-9],
    ] as const) {
      for (let k = 0; k < 5; k++) {
        const u = (k - 2) * 0.25;
        const n = Math.pow(10, 8.5 + u);
        N.push(n);
        D.push(c / (6 * n));
        L.push(3 + c1 * u + c2 * u * u);
        C.push(c);
      }
    }
    return { N, D, L, C };
  }

  it('throws VertexOutOfRangeError naming the budget and x* when N̂* overflows', () => {
    const d = data(-1e-6);
    const fit = (): unknown => fitApproach2(d.N, d.D, d.L, d.C);
    expect(fit).toThrow(VertexOutOfRangeError);
    expect(fit).toThrow(/^budget C = 1e18: the parabola in log10 N has its vertex at x\* = 50\d\.\d+, so N̂\* = 10\^x\* overflows to Infinity$/);
    try {
      fit();
    } catch (err) {
      const e = err as VertexOutOfRangeError;
      expect([e.budget, e.axis, e.value]).toEqual([1e18, 'N', Infinity]);
      expect(e.vertex).toBeGreaterThan(308.26);
    }
  });

  it('throws VertexOutOfRangeError when N̂* underflows to 0', () => {
    const d = data(1e-6);
    const fit = (): unknown => fitApproach2(d.N, d.D, d.L, d.C);
    expect(fit).toThrow(VertexOutOfRangeError);
    expect(fit).toThrow(/^budget C = 1e18: the parabola in log10 N has its vertex at x\* = -49\d\.\d+, so N̂\* = 10\^x\* underflows to 0$/);
  });

  it('accepts the same data when the vertex is far outside the grid but 10^x* is finite', () => {
    const d = data(-1e-7);
    const f = fitApproach2(d.N, d.D, d.L, d.C);
    expect(f.budgets[1]!.parabolaN.vertex).toBeGreaterThan(50);
    expect(Number.isFinite(f.budgets[1]!.nOpt)).toBe(true);
  });
});
