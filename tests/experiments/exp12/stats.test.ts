import { describe, expect, it } from 'vitest';
import { boxSummary, gaussianKde, kruskalWallis, leveneMedian, silvermanBandwidth } from '../../../experiments/exp12/stats.ts';
import { flopFactor, flopFactorLoss } from '../../../experiments/exp12/analysis.ts';
import { percentile, populationStd } from '../../../experiments/shared/real-data/quantile.ts';
import { SURFACES } from '../../../src/surface/index.ts';

/** Reference values from scipy.stats 1.17 / numpy 2.4. */
const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('experiment 12 statistics', () => {
  it('Kruskal–Wallis H with tie correction (scipy.stats.kruskal)', () => {
    expect(
      rel(
        kruskalWallis([
          [1, 2, 3],
          [4, 5, 6],
        ]).p,
        0.049534613435626915,
      ),
    ).toBeLessThan(1e-12);
    const tied = kruskalWallis([
      [1, 2, 2, 3],
      [2, 4, 5, 5],
      [0.5, 6, 7],
    ]);
    expect(rel(tied.statistic, 2.3565891472868232)).toBeLessThan(1e-12);
    expect(rel(tied.p, 0.3078032269717844)).toBeLessThan(1e-12);
    expect(kruskalWallis([[1, 2, 3]]).p).toBeNaN();
  });

  it("Levene's test with median centring (scipy.stats.levene(center='median'))", () => {
    expect(
      rel(
        leveneMedian([
          [1, 2, 3, 4],
          [2, 4, 6, 8],
        ]).p,
        0.17230829673040013,
      ),
    ).toBeLessThan(1e-12);
    const l = leveneMedian([
      [1, 2, 2, 3, 9],
      [2, 4, 5, 5],
      [0.5, 6, 7],
    ]);
    expect(rel(l.statistic, 0.2125151607034566)).toBeLessThan(1e-12);
    expect(rel(l.p, 0.8124916197125543)).toBeLessThan(1e-12);
    expect(leveneMedian([[1, 2]]).p).toBeNaN();
  });

  it('percentiles, box and density summaries', () => {
    expect(percentile([1, 2, 3, 4], 25)).toBe(1.75);
    expect(percentile([4, 1, 3, 2], 95)).toBeCloseTo(3.85, 14);
    expect(percentile([], 5)).toBeNaN();
    expect(populationStd([1, 3])).toBe(1);
    expect(populationStd([5])).toBe(0);
    const b = boxSummary([1, 2, 3, 4, 5, 6, 7, 8, 100]);
    expect([b.q1, b.median, b.q3]).toEqual([3, 5, 7]);
    expect(b.lowerWhisker).toBe(1);
    expect(b.upperWhisker).toBe(8);
    const x = [0.1, 0.4, 0.5, 1.2, 2.0];
    const dens = gaussianKde(x, silvermanBandwidth(x), [0, 0.5, 1]);
    // scipy.stats.gaussian_kde(x, bw_method='silverman')
    [0.35374879241407375, 0.4499818548238572, 0.37728362490604855].forEach((want, i) => expect(rel(dens[i], want)).toBeLessThan(1e-12));
  });

  it('the FLOP factor recovers k from data generated with C = k·N·D', () => {
    const s = SURFACES.chinchilla;
    const C = 1e20;
    const N = [1e8, 3e8, 1e9, 3e9];
    for (const k of [5.5, 6, 7.2]) {
      const L = N.map((n) => flopFactorLoss(s, C, k, n));
      expect(flopFactor(s, C, N, L)).toBeCloseTo(k, 10);
    }
    expect(() =>
      flopFactor(
        s,
        C,
        N,
        N.map(() => 1),
      ),
    ).toThrow('κ');
  });
});
