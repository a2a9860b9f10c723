/**
 * Tests of equal residual location and spread across budgets (experiment 12,
 * specs/experiments.md §C.12): Kruskal–Wallis H (tie-corrected, χ² tail) and Levene's
 * test with median centring (Brown–Forsythe, F tail); plus the box and
 * kernel-density summaries the residual figures draw.
 */
import { chiSquareSf, fSf } from '../../src/util/distributions.ts';
import { mean, median, percentile } from '../shared/real-data/quantile.ts';

/** A test statistic and its p-value (NaN when the test is undefined, e.g. fewer than 2 groups). */
export interface TestResult {
  readonly statistic: number;
  readonly p: number;
}

const UNDEFINED_TEST: TestResult = Object.freeze({ statistic: NaN, p: NaN });

/** Average ranks (1-based) of the pooled values, ties sharing the mean rank; also Σ(t³ − t) over tie groups. */
function averageRanks(values: readonly number[]): { ranks: Float64Array; tieSum: number } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Float64Array(values.length);
  let tieSum = 0;
  for (let s = 0; s < order.length; ) {
    let e = s + 1;
    while (e < order.length && order[e][0] === order[s][0]) e++;
    const r = (s + 1 + e) / 2;
    for (let k = s; k < e; k++) ranks[order[k][1]] = r;
    const t = e - s;
    tieSum += t * t * t - t;
    s = e;
  }
  return { ranks, tieSum };
}

/**
 * Kruskal–Wallis H test across groups (scipy.stats.kruskal): H from average
 * ranks, divided by the tie correction 1 − Σ(t³ − t)/(n³ − n), p from χ² with
 * groups − 1 degrees of freedom.
 * @example kruskalWallis([[1, 2, 3], [4, 5, 6]]).p // 0.04953461343562649
 */
export function kruskalWallis(groups: ReadonlyArray<readonly number[]>): TestResult {
  const g = groups.filter((x) => x.length > 0);
  if (g.length < 2) return UNDEFINED_TEST;
  const pooled = g.flat();
  const n = pooled.length;
  const { ranks, tieSum } = averageRanks(pooled);
  let h = 0;
  let offset = 0;
  for (const grp of g) {
    let r = 0;
    for (let k = 0; k < grp.length; k++) r += ranks[offset + k];
    offset += grp.length;
    h += (r * r) / grp.length;
  }
  h = (12 / (n * (n + 1))) * h - 3 * (n + 1);
  const correction = 1 - tieSum / (n * n * n - n);
  if (!(correction > 0)) return UNDEFINED_TEST;
  h /= correction;
  return { statistic: h, p: chiSquareSf(h, g.length - 1) };
}

/**
 * Levene's test with median centring, i.e. Brown–Forsythe
 * (scipy.stats.levene(center='median')): a one-way ANOVA F on
 * z_ij = |y_ij − median_i|, p from F(k − 1, n − k).
 * @example leveneMedian([[1, 2, 3, 4], [2, 4, 6, 8]]).p // 0.17230829673040013
 */
export function leveneMedian(groups: ReadonlyArray<readonly number[]>): TestResult {
  const g = groups.filter((x) => x.length > 0);
  const k = g.length;
  const n = g.reduce((s, x) => s + x.length, 0);
  if (k < 2 || n <= k) return UNDEFINED_TEST;
  const z = g.map((x) => {
    const m = median(x);
    return x.map((v) => Math.abs(v - m));
  });
  const zMeans = z.map(mean);
  const zAll = mean(z.flat());
  let between = 0;
  let within = 0;
  z.forEach((zi, i) => {
    between += zi.length * (zMeans[i] - zAll) ** 2;
    for (const v of zi) within += (v - zMeans[i]) ** 2;
  });
  if (!(within > 0)) return UNDEFINED_TEST;
  const w = ((n - k) / (k - 1)) * (between / within);
  return { statistic: w, p: fSf(w, k - 1, n - k) };
}

/** Box of a box plot: quartiles (linear interpolation), whiskers at the most extreme values within 1.5 IQR. */
export interface BoxSummary {
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly lowerWhisker: number;
  readonly upperWhisker: number;
  readonly mean: number;
}

/** Box-plot numbers of a sample (no fliers are drawn, so only the whisker ends are kept). */
export function boxSummary(values: readonly number[]): BoxSummary {
  const q1 = percentile(values, 25);
  const q3 = percentile(values, 75);
  const iqr = q3 - q1;
  const inside = values.filter((v) => v >= q1 - 1.5 * iqr && v <= q3 + 1.5 * iqr);
  return {
    q1,
    median: percentile(values, 50),
    q3,
    lowerWhisker: Math.min(...inside),
    upperWhisker: Math.max(...inside),
    mean: mean(values),
  };
}

/**
 * Silverman's bandwidth as scipy's gaussian_kde uses it in one dimension:
 * h = s·(3n/4)^(−1/5), s the sample standard deviation (n − 1 divisor).
 */
export function silvermanBandwidth(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  const s = Math.sqrt(values.reduce((acc, v) => acc + (v - m) ** 2, 0) / (n - 1));
  return s * Math.pow((3 * n) / 4, -1 / 5);
}

/** Gaussian kernel density of `values` at `x` with bandwidth `h`. */
export function gaussianKde(values: readonly number[], h: number, x: readonly number[]): number[] {
  const c = 1 / (values.length * h * Math.sqrt(2 * Math.PI));
  return x.map((xi) => c * values.reduce((acc, v) => acc + Math.exp(-0.5 * ((xi - v) / h) ** 2), 0));
}
