import { describe, expect, it } from 'vitest';
import { fitQuadratic } from '../../../../experiments/shared/qc/index.ts';

describe('QC quadratic (specs/experiments.md §B.7 stages 3 and 5)', () => {
  it('recovers an exact parabola and its vertex', () => {
    const x = [20, 20.5, 21, 21.5, 22, 23];
    const q = fitQuadratic(
      x,
      x.map((v) => 0.3 * (v - 21.2) ** 2 + 1.5),
    )!;
    expect(q.c2).toBeCloseTo(0.3, 10);
    expect(q.vertex).toBeCloseTo(21.2, 10);
    expect(q.c1).toBeCloseTo(-2 * 0.3 * 21.2, 8);
    expect(q.c0).toBeCloseTo(0.3 * 21.2 ** 2 + 1.5, 6);
    expect(q.rss).toBeLessThan(1e-20);
  });

  it('matches numpy: coefficients, RSS and [(XᵀX)⁻¹]₀₀ for X = [x², x, 1]', () => {
    const q = fitQuadratic([1, 2, 3, 4, 5, 6.5], [3.1, 2.2, 1.9, 2.05, 2.6, 4.0])!;
    const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
    expect(rel(q.c2, 0.2083041093426848)).toBeLessThan(1e-12);
    expect(rel(q.c1, -1.379635374516678)).toBeLessThan(1e-12);
    expect(rel(q.c0, 4.2090976530887465)).toBeLessThan(1e-12);
    expect(rel(q.rss, 0.02192327578455159)).toBeLessThan(1e-10);
    expect(rel(q.c2VarianceFactor, 0.01744447441776831)).toBeLessThan(1e-12);
    expect(rel(q.vertex, 3.31158943256135)).toBeLessThan(1e-12);
  });

  it('returns null for fewer than 3 distinct x', () => {
    expect(fitQuadratic([1, 2], [1, 2])).toBeNull();
    expect(fitQuadratic([1, 1, 2, 2], [1, 2, 3, 4])).toBeNull();
  });
});
