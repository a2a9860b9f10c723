import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { conditionBudgets, quickConfig } from '../../../experiments/exp7/exp7-exponent-inference.ts';
import { EXP7_METHODS, fitExp7Repeat } from '../../../experiments/exp7/fits.ts';
import {
  EXP7_BY_CONDITION_COLUMNS,
  EXP7_FITS_COLUMNS,
  EXP7_METHOD_COMPARISON_ALL_COLUMNS,
  EXP7_METHOD_COMPARISON_COLUMNS,
  pooledQuantileColumns,
} from '../../../experiments/exp7/tables.ts';
import { fitApproach2, fitApproach3, fitVpnls } from '../../../src/fit/index.ts';
import { BIASES, sampleIsoflops } from '../../../src/sampling/index.ts';
import { SURFACES } from '../../../src/surface/index.ts';
import { createRandom, DEFAULT_RNG_KIND } from '../../../src/util/random.ts';
import { type CsvFile, experimentRun, num } from '../helpers.ts';

const NOISE = [0.05, 0.1, 0.2];
const BUDGETS = [2, 3, 4];
const POINTS = [4, 8, 16, 32];
const REPEATS = 8;
const A_TRUE = 0.25;
const B_TRUE = 0.75;
const STATUSES = ['converged', 'max_iter', 'abnormal', 'bound_hit'];
const FIGURES = ['exponent_inference', 'exponent_inference_errors', 'isoflop_curves'];

let fits: CsvFile;
let byCondition: CsvFile;
let comparison: CsvFile;
let summary: Record<string, unknown>;

/** The run the tests read, and the same run with two worker jobs (outputs must match byte for byte). */
const run = experimentRun(7, { timeout: 120_000 });
const run2 = experimentRun(7, { jobs: 2, timeout: 120_000 });

beforeAll(async () => {
  fits = await run.csv('fits.csv');
  byCondition = await run.csv('by_condition.csv');
  comparison = await run.csv('method_comparison.csv');
  summary = await run.json('summary.json');
}, 120_000);

/** Type-7 quantile of ascending values. */
const quantileOf = (asc: number[], q: number) => {
  const pos = q * (asc.length - 1);
  const lo = Math.floor(pos);
  return asc[lo] + (pos - lo) * (asc[Math.min(lo + 1, asc.length - 1)] - asc[lo]);
};
const ok = (rows: Array<Record<string, string>>) => rows.filter((r) => r.failed === 'false');
const maxOf = (xs: number[]) => xs.reduce((m, x) => Math.max(m, x), -Infinity);
const gmean = (xs: number[]) => Math.exp(xs.filter((x) => x !== 0).reduce((s, x) => s + Math.log(x), 0) / xs.filter((x) => x !== 0).length);

describe('experiment 7: exponent inference from few, noisy points', () => {
  it('writes the specified files', async () => {
    const files = await readdir(run.dir);
    for (const f of ['fits.csv', 'by_condition.csv', 'method_comparison.csv', 'summary.json', ...FIGURES.flatMap((n) => [`${n}.html`, `${n}.json`])]) {
      expect(files).toContain(f);
    }
  });

  it('writes the specified columns and row counts', () => {
    expect(fits.header).toEqual([...EXP7_FITS_COLUMNS]);
    expect(fits.rows).toHaveLength(NOISE.length * BUDGETS.length * POINTS.length * REPEATS * EXP7_METHODS.length);
    expect(byCondition.header).toEqual([...EXP7_BY_CONDITION_COLUMNS]);
    expect(byCondition.rows).toHaveLength(NOISE.length * BUDGETS.length * EXP7_METHODS.length);
    // Every column of specs/experiments.md §C.7, in its order, then the robust extras.
    expect(comparison.header.slice(0, EXP7_METHOD_COMPARISON_COLUMNS.length)).toEqual([...EXP7_METHOD_COMPARISON_COLUMNS]);
    expect(comparison.header).toEqual([...EXP7_METHOD_COMPARISON_ALL_COLUMNS]);
    expect(comparison.rows.map((r) => r.method)).toEqual([...EXP7_METHODS]);
    // Rows ordered noise_std, n_budgets, n_points, repeat, method.
    const first = fits.rows.slice(0, EXP7_METHODS.length);
    expect(first.map((r) => [r.noise_std, r.n_budgets, r.n_points, r.repeat])).toEqual(first.map(() => ['0.05', '2', '4', '0']));
    expect(fits.rows.at(-1)).toMatchObject({ noise_std: '0.2', n_budgets: '4', n_points: '32', repeat: String(REPEATS - 1), method: 'vpnls_lbfgsb_grad' });
  });

  it('fills estimates of successful fits and leaves failed ones empty', () => {
    for (const r of fits.rows) {
      if (r.failed === 'true') {
        expect([r.a, r.b, r.a_err_pct, r.b_err_pct, r.status]).toEqual(['', '', '', '', '']);
        continue;
      }
      expect(r.failed).toBe('false');
      expect(STATUSES).toContain(r.status);
      expect(num(r, 'a_err_pct')).toBeCloseTo((100 * (num(r, 'a') - A_TRUE)) / A_TRUE, 9);
      expect(num(r, 'b_err_pct')).toBeCloseTo((100 * (num(r, 'b') - B_TRUE)) / B_TRUE, 9);
      // a + b = 1 for every estimator, so the a error is −3× the b error on this surface.
      expect(num(r, 'a_err_pct')).toBeCloseTo(-3 * num(r, 'b_err_pct'), 6);
    }
    expect(fits.rows.filter((r) => r.method === 'approach2').every((r) => r.failed === 'true' || r.status === 'converged')).toBe(true);
  });

  it('follows the randomness protocol: generator seed + r, noise per n, then one child for the random start', () => {
    const surface = SURFACES.asymmetric;
    const budgets = conditionBudgets(quickConfig, 3);
    // The quick run below used the default generator; check the protocol with it.
    const input = {
      surface,
      W: Math.log10(8),
      bias: BIASES.drift_3x,
      budgets,
      noiseStd: 0.1,
      nPointsValues: POINTS,
      seed: 42 + 5,
      rng: DEFAULT_RNG_KIND,
      maxiter: 1000,
      methods: EXP7_METHODS,
    };
    const got = fitExp7Repeat(input);
    const rng = createRandom(DEFAULT_RNG_KIND, 47);
    const want: Array<{ a: number; b: number }> = [];
    for (const n of POINTS) {
      const s = sampleIsoflops(surface, { W: input.W, budgets, pointsPerCurve: n, bias: input.bias, noiseStd: 0.1, rng });
      const child = rng.spawn();
      want.push(fitApproach2(s.N, s.D, s.L, s.C));
      want.push(fitApproach3(s.N, s.D, s.L, { start: { kind: 'random', rng: child }, lbfgsb: { maxiter: 1000 } }));
      want.push(fitApproach3(s.N, s.D, s.L, { start: { kind: 'grid' }, lbfgsb: { maxiter: 1000 } }));
      want.push(fitApproach3(s.N, s.D, s.L, { parameterization: 'lse', scale: 'log', start: { kind: 'grid' }, lbfgsb: { maxiter: 1000 } }));
      want.push(fitVpnls(s.N, s.D, s.L, { refine: { method: 'lbfgsb', gradient: 'analytic', options: { maxiter: 1000 } } }));
    }
    expect(got.map((f) => [f.a, f.b])).toEqual(want.map((f) => [f.a, f.b]));
    // The same repeat of the quick run used this very generator.
    const row = fits.rows.find(
      (r) => r.noise_std === '0.1' && r.n_budgets === '3' && r.n_points === '16' && r.repeat === '5' && r.method === 'vpnls_lbfgsb_grad',
    )!;
    expect(num(row, 'a')).toBe(got[2 * EXP7_METHODS.length + 4].a);
  });

  it('gives byte-identical outputs with one and two jobs', async () => {
    for (const f of ['fits.csv', 'by_condition.csv', 'method_comparison.csv', 'summary.json', 'isoflop_curves.json']) {
      expect(await readFile(join(run2.dir, f), 'utf8')).toBe(await readFile(join(run.dir, f), 'utf8'));
    }
  });

  it('aggregates by condition and by method from the fits', () => {
    for (const c of byCondition.rows) {
      const cell = fits.rows.filter((r) => r.noise_std === c.noise_std && r.n_budgets === c.n_budgets && r.method === c.method);
      expect(num(c, 'n_fits')).toBe(POINTS.length * REPEATS);
      expect(cell).toHaveLength(POINTS.length * REPEATS);
      const good = ok(cell);
      expect(num(c, 'fail_rate')).toBe((cell.length - good.length) / cell.length);
      expect(num(c, 'abnormal_rate')).toBe(good.filter((r) => r.status === 'abnormal').length / cell.length);
      expect(num(c, 'max_abs_a_err_pct')).toBe(maxOf(good.map((r) => Math.abs(num(r, 'a_err_pct')))));
      expect(num(c, 'gmean_abs_b_err_pct')).toBeCloseTo(gmean(good.map((r) => Math.abs(num(r, 'b_err_pct')))), 9);
    }
    for (const m of comparison.rows) {
      const mine = fits.rows.filter((r) => r.method === m.method);
      const good = ok(mine);
      const pooled = [...good.map((r) => Math.abs(num(r, 'a_err_pct'))), ...good.map((r) => Math.abs(num(r, 'b_err_pct')))].sort((p, q) => q - p);
      expect([num(m, 'n_noise_levels'), num(m, 'n_budget_settings'), num(m, 'n_points_settings')]).toEqual([3, 3, 4]);
      expect(num(m, 'total_fits')).toBe(mine.length);
      expect(num(m, 'n_fail')).toBe(mine.length - good.length);
      expect(num(m, 'max_abs_err_pct')).toBe(pooled[0]);
      expect(num(m, 'max_abs_err_pct')).toBe(Math.max(num(m, 'max_abs_a_err_pct'), num(m, 'max_abs_b_err_pct')));
      expect(Array.from({ length: 8 }, (_, i) => num(m, `top${i + 1}`))).toEqual(pooled.slice(0, 8));
      expect(num(m, 'min_abs_err_pct')).toBe(pooled.filter((v) => v > 0).at(-1));
      expect(num(m, 'gmean_abs_err_pct')).toBeCloseTo(gmean(pooled), 9);
      expect(num(m, 'n_bound_hit')).toBe(good.filter((r) => r.status === 'bound_hit').length);
      const asc = [...pooled].reverse();
      for (const [k, q] of [
        ['median', 0.5],
        ['p90', 0.9],
        ['p99', 0.99],
      ] as const) {
        expect(num(m, `${k}_abs_err_pct`)).toBe(quantileOf(asc, q));
        expect(num(m, `${k}_abs_err_pct_low`)).toBeLessThanOrEqual(num(m, `${k}_abs_err_pct_high`));
      }
      expect(num(m, 'median_abs_err_pct')).toBeLessThan(num(m, 'p90_abs_err_pct'));
      // A resample's maximum never exceeds the sample's: the interval shows how far the worst case rests on a few draws.
      expect(num(m, 'max_abs_err_pct_boot_high')).toBeLessThanOrEqual(num(m, 'max_abs_err_pct'));
      expect(num(m, 'max_abs_err_pct_boot_low')).toBeGreaterThanOrEqual(num(m, 'p99_abs_err_pct_low'));
    }
  });

  it('bootstraps the pooled quantiles over fits, deterministically per generator seed', () => {
    const g = {
      nFits: 200,
      aErr: Array.from({ length: 200 }, (_, i) => ((i * 37) % 101) - 50),
      bErr: Array.from({ length: 200 }, (_, i) => ((i * 53) % 97) / 3),
      nMaxIter: 0,
      nAbnormal: 0,
      nBoundHit: 0,
      nFail: 0,
    };
    const cols = (seed: number) => pooledQuantileColumns(g, { rng: createRandom('xoshiro', seed), resamples: 300, level: 0.9 });
    expect(cols(1)).toEqual(cols(1));
    expect(cols(2).p90_abs_err_pct_low).not.toBe(cols(1).p90_abs_err_pct_low);
    expect(cols(1).p90_abs_err_pct).toBe(cols(2).p90_abs_err_pct);
    expect(cols(1).max_abs_err_pct_boot_high).toBe(50);
  });

  it('reads each replicate’s quantiles from counts exactly as sorting the replicate would', () => {
    const rng = createRandom('xoshiro', 9);
    const g = {
      nFits: 37,
      aErr: Array.from({ length: 37 }, () => rng.standardNormal()),
      bErr: Array.from({ length: 37 }, () => rng.standardNormal() * 3),
      nMaxIter: 0,
      nAbnormal: 0,
      nBoundHit: 0,
      nFail: 0,
    };
    const got = pooledQuantileColumns(g, { rng: createRandom('xoshiro', 5), resamples: 50, level: 0.8 });
    // Brute force: the same index draws, each replicate sorted.
    const draw = createRandom('xoshiro', 5);
    const reps: number[][] = [[], [], [], []];
    for (let r = 0; r < 50; r++) {
      const idx = draw.integers(37, 37);
      const s = [...idx].flatMap((i) => [Math.abs(g.aErr[i]), Math.abs(g.bErr[i])]).sort((p, q) => p - q);
      [0.5, 0.9, 0.99].forEach((q, k) => reps[k].push(quantileOf(s, q)));
      reps[3].push(s[s.length - 1]);
    }
    const tail = (1 - 0.8) / 2; // as percentileInterval computes it
    const interval = (v: number[]) => [
      quantileOf(
        [...v].sort((p, q) => p - q),
        tail,
      ),
      quantileOf(
        [...v].sort((p, q) => p - q),
        1 - tail,
      ),
    ];
    expect([got.median_abs_err_pct_low, got.median_abs_err_pct_high]).toEqual(interval(reps[0]));
    expect([got.p90_abs_err_pct_low, got.p90_abs_err_pct_high]).toEqual(interval(reps[1]));
    expect([got.p99_abs_err_pct_low, got.p99_abs_err_pct_high]).toEqual(interval(reps[2]));
    expect([got.max_abs_err_pct_boot_low, got.max_abs_err_pct_boot_high]).toEqual(interval(reps[3]));
  });

  it('writes the summary keys', () => {
    expect(summary).toMatchObject({
      experiment: 7,
      quick: true,
      seed: 42,
      n_repeats: REPEATS,
      noise_levels: NOISE,
      n_budgets_values: BUDGETS,
      n_points_values: POINTS,
    });
    const g = summary.gmean_abs_err_pct as Record<string, number>;
    expect(Object.keys(g)).toEqual([...EXP7_METHODS]);
    for (const m of comparison.rows) expect(g[m.method]).toBe(num(m, 'gmean_abs_err_pct'));
  });

  it('shows the headline: VPNLS is the most reliable, random-start Approach 3 the worst', () => {
    const by = Object.fromEntries(comparison.rows.map((r) => [r.method, r]));
    const g = (m: string) => num(by[m], 'gmean_abs_err_pct');
    const worst = (m: string) => num(by[m], 'max_abs_err_pct');
    expect(g('vpnls_lbfgsb_grad')).toBeLessThan(g('approach2'));
    expect(g('approach2')).toBeLessThan(g('approach3_naive'));
    // With 8 repeats (numpy stream, seed 42) VPNLS and the LSE log-loss fit tie on the worst case within 1 %;
    // the strict order is a full-mode finding, so quick mode allows 2 %.
    for (const m of EXP7_METHODS) expect(worst('vpnls_lbfgsb_grad')).toBeLessThanOrEqual(worst(m) * 1.02);
    expect(worst('approach3_naive')).toBe(maxOf(comparison.rows.map((r) => num(r, 'max_abs_err_pct'))));
  });

  it('lays out the figures as specified', async () => {
    const fig = async (name: string) =>
      JSON.parse(await readFile(join(run.dir, `${name}.json`), 'utf8')) as { data: Array<Record<string, unknown>>; layout: Record<string, unknown> };
    const errors = await fig('exponent_inference_errors');
    expect(errors.layout.xaxis12).toBeDefined();
    expect(errors.layout.xaxis13).toBeUndefined();
    expect(errors.data.every((t) => t.type === 'box')).toBe(true);
    expect(new Set(errors.data.map((t) => t.legendgroup))).toEqual(new Set(EXP7_METHODS.filter((m) => m !== 'approach3_naive')));
    expect((errors.layout.yaxis as Record<string, unknown>).type).toBe('log');
    const curves = await fig('isoflop_curves');
    expect(curves.layout.xaxis6).toBeDefined();
    expect(curves.layout.xaxis7).toBeUndefined();
    const inference = await fig('exponent_inference');
    expect((inference.layout.xaxis as Record<string, unknown>).type).toBe('log');
    expect(inference.data.some((t) => t.type === 'heatmap' && t.xaxis === 'x2')).toBe(true);
    // Rows sorted by the largest pooled error, largest on top.
    const ticktext = inference.layout.yaxis as { ticktext: string[]; tickvals: number[] };
    const sorted = [...comparison.rows].sort((p, q) => num(q, 'max_abs_err_pct') - num(p, 'max_abs_err_pct')).map((r) => r.label);
    expect(ticktext.ticktext).toEqual(sorted);
    expect(ticktext.tickvals[0]).toBeGreaterThan(ticktext.tickvals[1]);
  });
});
