import { describe, expect, it } from 'vitest';
import {
  bootstrapCi,
  bootstrapReplicates,
  iqr,
  mad,
  mean,
  median,
  percentileInterval,
  populationStd,
  populationVariance,
  quantile,
  quantileSorted,
  type IndexSource,
} from '../../../src/util/stats.ts';
import { Rng } from '../../../src/util/rng.ts';

// Reference values from numpy 1.x: x = [3, -1, 4, 1, -5, 9, 2, 6];
// np.quantile(x, [0.1, 0.25, 0.5, 0.75, 0.99]) = [-2.2, 0.5, 2.5, 4.5, 8.79],
// np.var(x) = 15.984375, np.median(np.abs(x - np.median(x))) = 2.5.
const X = [3, -1, 4, 1, -5, 9, 2, 6];

/** The project's own generator as an index source. */
function indices(seed: number): IndexSource {
  const rng = new Rng(seed);
  return { integers: (high, size) => Int32Array.from({ length: size }, () => rng.int(high)) };
}

describe('descriptive statistics', () => {
  it('mean, population variance and std match numpy', () => {
    expect(mean(X)).toBe(2.375);
    expect(populationVariance(X)).toBe(15.984375);
    expect(populationStd(X)).toBe(Math.sqrt(15.984375));
  });

  it('quantiles interpolate linearly between order statistics (type 7, numpy default)', () => {
    const got = [0.1, 0.25, 0.5, 0.75, 0.99].map((q) => quantile(X, q));
    const want = [-2.2, 0.5, 2.5, 4.5, 8.79];
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
    expect(quantileSorted(Float64Array.of(1, 2, 3, 4), 0.25)).toBe(1.75);
    expect(quantile(X, 0)).toBe(-5);
    expect(quantile(X, 1)).toBe(9);
    expect(median(X)).toBe(2.5);
  });

  it('IQR is q3 − q1 and MAD is the unscaled median absolute deviation from the median', () => {
    expect(iqr(X)).toBe(4);
    expect(mad(X)).toBe(2.5);
    // One wild value moves the variance but not the MAD.
    expect(mad([...X.slice(0, -1), 1e9])).toBe(mad([...X.slice(0, -1), 10]));
  });

  it('gives NaN for no values and rejects a probability outside [0, 1] by name', () => {
    for (const f of [mean, populationVariance, populationStd, median, iqr, mad]) expect(f([])).toBeNaN();
    expect(() => quantile(X, 1.5)).toThrow(/q must lie in \[0, 1\], got 1.5/);
    expect(() => percentileInterval(X, 1)).toThrow(/level must lie in \(0, 1\), got 1/);
  });

  it('the percentile interval holds the central share of the values', () => {
    const v = Array.from({ length: 101 }, (_, i) => i);
    const [lo, hi] = percentileInterval(v, 0.9);
    expect(lo).toBeCloseTo(5, 12);
    expect(hi).toBeCloseTo(95, 12);
  });
});

describe('bootstrapCi', () => {
  const values = Array.from({ length: 400 }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);

  it('is deterministic for a given generator and brackets the estimate', () => {
    const a = bootstrapCi(values, median, indices(7), { resamples: 300 });
    const b = bootstrapCi(values, median, indices(7), { resamples: 300 });
    expect(a).toEqual(b);
    expect(a.estimate).toBe(median(values));
    expect(a.low).toBeLessThan(a.estimate);
    expect(a.high).toBeGreaterThan(a.estimate);
    expect(a.level).toBe(0.9);
  });

  it('a wider level gives a wider interval, another seed a different one', () => {
    const narrow = bootstrapCi(values, mean, indices(1), { resamples: 400, level: 0.5 });
    const wide = bootstrapCi(values, mean, indices(1), { resamples: 400, level: 0.99 });
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
    expect(bootstrapCi(values, mean, indices(2), { resamples: 400, level: 0.5 }).low).not.toBe(narrow.low);
  });

  it('the interval of the mean has about the normal-theory width', () => {
    const ci = bootstrapCi(values, mean, indices(3), { resamples: 2000 });
    const se = populationStd(values) / Math.sqrt(values.length);
    expect((ci.high - ci.low) / (2 * 1.645 * se)).toBeGreaterThan(0.85);
    expect((ci.high - ci.low) / (2 * 1.645 * se)).toBeLessThan(1.15);
  });

  it('rejects a non-integer resample count by value', () => {
    expect(() => bootstrapCi(values, mean, indices(1), { resamples: 2.5 })).toThrow(/resamples must be a positive integer, got 2.5/);
  });

  it('bootstrapReplicates hands out n indices per resample and one replicate array per statistic', () => {
    const seen: number[] = [];
    const reps = bootstrapReplicates(
      5,
      (idx) => {
        seen.push(idx.length);
        expect(idx.every((i) => i >= 0 && i < 5)).toBe(true);
        return [idx[0], idx.length];
      },
      indices(4),
      7,
    );
    expect(seen).toEqual(Array(7).fill(5));
    expect(reps).toHaveLength(2);
    expect(reps[1]).toEqual(Array(7).fill(5));
    expect(() => bootstrapReplicates(0, () => [], indices(4), 1)).toThrow(/n must be a positive integer, got 0/);
  });
});
