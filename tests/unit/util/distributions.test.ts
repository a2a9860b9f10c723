import { describe, expect, it } from 'vitest';
import { chiSquareSf, fSf, gammaQ, incompleteBeta, lnGamma, studentTCdf, studentTQuantile } from '../../../src/util/distributions.ts';

/** Reference values from scipy.stats 1.17. */
const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('distributions used by the QC and experiment 12', () => {
  it('computes ln Γ, Q(a, x) and I_x(a, b)', () => {
    expect(rel(lnGamma(5), Math.log(24))).toBeLessThan(1e-14);
    expect(rel(lnGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(rel(gammaQ(1, 2), Math.exp(-2))).toBeLessThan(1e-14);
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 15);
    // I_x(1, b) = 1 − (1 − x)^b.
    expect(rel(incompleteBeta(0.3, 1, 3), 1 - 0.7 ** 3)).toBeLessThan(1e-14);
  });

  it("gives Student's t 0.975 quantiles (scipy.stats.t.ppf)", () => {
    const want: Record<number, number> = {
      1: 12.706204736174694,
      2: 4.302652729749462,
      3: 3.1824463052837078,
      5: 2.5705818356363146,
      10: 2.228138851986274,
      30: 2.0422724563012378,
    };
    for (const [df, q] of Object.entries(want)) {
      expect(rel(studentTQuantile(0.975, Number(df)), q)).toBeLessThan(1e-12);
      expect(Math.abs(studentTCdf(q, Number(df)) - 0.975)).toBeLessThan(1e-14);
    }
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-2.5705818356363146, 12);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });

  it('gives χ² and F upper tails (scipy.stats.chi2.sf, f.sf)', () => {
    expect(rel(chiSquareSf(3.841458820694124, 1), 0.05)).toBeLessThan(1e-12);
    expect(rel(chiSquareSf(10, 3), 0.01856613546304325)).toBeLessThan(1e-12);
    expect(rel(chiSquareSf(50, 2), 1.3887943864964e-11)).toBeLessThan(1e-10);
    expect(chiSquareSf(0, 4)).toBe(1);
    expect(rel(fSf(4.9646027437307145, 1, 10), 0.05)).toBeLessThan(1e-12);
    expect(rel(fSf(3, 3, 20), 0.05485861866829506)).toBeLessThan(1e-12);
    expect(rel(fSf(20, 2, 7), 0.001274971970810274)).toBeLessThan(1e-12);
    expect(fSf(0, 2, 7)).toBe(1);
  });
});
