import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXP9_METHODS } from '../../../experiments/exp9/fits.ts';
import { EXP9_SEED_STUDY_COLUMNS, EXP9_TAILS_COLUMNS } from '../../../experiments/exp9/robust.ts';
import { EXP9_ESTIMATES_COLUMNS, EXP9_SUMMARY_COLUMNS } from '../../../experiments/exp9/tables.ts';
import { quickConfig } from '../../../experiments/exp9/exp9-data-efficiency.ts';
import { FitError, fitApproach2 } from '../../../src/fit/index.ts';
import { sampleIsoflops } from '../../../src/sampling/index.ts';
import { SURFACES } from '../../../src/surface/index.ts';
import { createRandom, DEFAULT_RNG_KIND } from '../../../src/util/random.ts';
import { logspace } from '../../../src/util/space.ts';
import { type CsvFile, expectFinite, experimentRun, num } from '../helpers.ts';

const NOISE = [0.01, 0.02, 0.05];
const FACTORS = [2, 4, 8];
const POINTS = [21, 31, 41];
const BUDGETS = [3, 5, 7];
const DATASETS = NOISE.length * FACTORS.length * POINTS.length * BUDGETS.length; // one trial in quick mode

let estimates: CsvFile;
let summaryCsv: CsvFile;
let tails: CsvFile;
let seedStudy: CsvFile;
let summary: Record<string, unknown>;

/** The run the tests read, and the same run with two worker jobs (outputs must match byte for byte). */
const run = experimentRun(9, { timeout: 120_000 });
const run2 = experimentRun(9, { jobs: 2, timeout: 120_000 });

beforeAll(async () => {
  estimates = await run.csv('estimates.csv');
  summaryCsv = await run.csv('summary.csv');
  tails = await run.csv('tails.csv');
  seedStudy = await run.csv('seed_study.csv');
  summary = await run.json('summary.json');
}, 120_000);

const bErrs = (rows: Array<Record<string, string>>) => rows.filter((r) => r.failed === 'false').map((r) => num(r, 'b_err'));

/** Quantile by linear interpolation between order statistics (numpy "linear"). */
function quantile(values: number[], q: number): number {
  const s = [...values].sort((p, r) => p - r);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo] + (pos - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
}

describe('experiment 9: estimator efficiency under noise', () => {
  it('writes the specified files', async () => {
    const files = await readdir(run.dir);
    for (const f of [
      'estimates.csv',
      'summary.csv',
      'tails.csv',
      'seed_study.csv',
      'summary.json',
      ...['data_efficiency', 'data_efficiency_detailed'].flatMap((n) => [`${n}.html`, `${n}.json`]),
    ]) {
      expect(files).toContain(f);
    }
  });

  it('writes the specified columns, row counts and values', () => {
    expect(estimates.header).toEqual([...EXP9_ESTIMATES_COLUMNS]);
    expect(estimates.rows).toHaveLength(DATASETS * EXP9_METHODS.length);
    expect(new Set(estimates.rows.map((r) => r.method))).toEqual(new Set(EXP9_METHODS));
    expect(summaryCsv.header).toEqual([...EXP9_SUMMARY_COLUMNS]);
    expect(summaryCsv.rows.map((r) => `${r.method}/${r.noise_std}`)).toEqual(
      EXP9_METHODS.flatMap((m) => [...NOISE.map(String), 'all'].map((s) => `${m}/${s}`)),
    );
    const good = estimates.rows.filter((r) => r.failed === 'false');
    expectFinite(good, ['noise_std', 'log_range', 'n_points', 'n_budgets', 'trial', 'a', 'b', 'a_err', 'b_err']);
    for (const r of estimates.rows.filter((x) => x.failed === 'true')) expect([r.a, r.b, r.a_err, r.b_err]).toEqual(['', '', '', '']);
    for (const r of good) {
      expect(num(r, 'b_err')).toBeCloseTo(num(r, 'b') - 0.5, 12);
      expect(num(r, 'a_err')).toBeCloseTo(-num(r, 'b_err'), 9); // a + b = 1, a = b = 0.5
    }
    expect(new Set(estimates.rows.map((r) => r.log_range))).toEqual(new Set(FACTORS.map((k) => String(Math.log10(k)))));
  });

  it('draws every data set from one generator in loop order σ, W, n, nb, trial', () => {
    const rng = createRandom(DEFAULT_RNG_KIND, 42); // the run used the default generator
    const approach2 = estimates.rows.filter((r) => r.method === 'approach2');
    let i = 0;
    for (const noiseStd of NOISE) {
      for (const k of FACTORS) {
        for (const n of POINTS) {
          for (const nb of BUDGETS) {
            const s = sampleIsoflops(SURFACES.symmetric, { W: Math.log10(k), budgets: Array.from(logspace(17, 21, nb)), pointsPerCurve: n, noiseStd, rng });
            const row = approach2[i++];
            expect([num(row, 'noise_std'), num(row, 'n_points'), num(row, 'n_budgets'), num(row, 'trial')]).toEqual([noiseStd, n, nb, 0]);
            let b: number | null = null;
            try {
              b = fitApproach2(s.N, s.D, s.L, s.C).b;
            } catch (err) {
              if (!(err instanceof FitError)) throw err;
            }
            expect(row.failed).toBe(b === null ? 'true' : 'false');
            if (b !== null) expect(num(row, 'b')).toBe(b);
          }
        }
      }
    }
  });

  it('gives byte-identical outputs with one and two jobs', async () => {
    for (const f of ['estimates.csv', 'summary.csv', 'tails.csv', 'seed_study.csv', 'summary.json']) {
      expect(await readFile(join(run2.dir, f), 'utf8')).toBe(await readFile(join(run.dir, f), 'utf8'));
    }
  });

  it('summarises b_err per method and noise level', () => {
    for (const s of summaryCsv.rows) {
      const rows = estimates.rows.filter((r) => r.method === s.method && (s.noise_std === 'all' || r.noise_std === s.noise_std));
      const errs = bErrs(rows);
      const mean = errs.reduce((p, x) => p + x, 0) / errs.length;
      const variance = errs.reduce((p, x) => p + (x - mean) ** 2, 0) / errs.length;
      expect(num(s, 'n')).toBe(errs.length);
      expect(num(s, 'n_failed')).toBe(rows.length - errs.length);
      expect(num(s, 'mean')).toBeCloseTo(mean, 14);
      expect(num(s, 'variance')).toBeCloseTo(variance, 14);
      expect(num(s, 'std')).toBeCloseTo(Math.sqrt(variance), 12);
      expect(num(s, 'median')).toBe(quantile(errs, 0.5));
      expect(num(s, 'q1')).toBe(quantile(errs, 0.25));
      expect(num(s, 'q3')).toBe(quantile(errs, 0.75));
      expect(num(s, 'iqr')).toBe(num(s, 'q3') - num(s, 'q1'));
      const med = quantile(errs, 0.5);
      expect(num(s, 'mad')).toBe(
        quantile(
          errs.map((x) => Math.abs(x - med)),
          0.5,
        ),
      );
    }
  });

  it('writes the summary keys', () => {
    expect(summary).toMatchObject({ experiment: 9, quick: true, seed: 42, n_datasets: DATASETS });
    const v = summary.variance_b_err as Record<string, number>;
    expect(Object.keys(v)).toEqual([...EXP9_METHODS]);
    for (const s of summaryCsv.rows.filter((r) => r.noise_std === 'all')) expect(v[s.method]).toBe(num(s, 'variance'));
  });

  it('shows the headline: the surface fits agree and beat Approach 2 in spread', () => {
    const v = summary.variance_b_err as Record<string, number>;
    expect(v.vpnls_lbfgsb_grad).toBeLessThan(v.approach2);
    expect(v.approach3_lse).toBeLessThan(v.approach2);
    // VPNLS and Approach 3 (LSE) reach the same least-squares optimum on every data set.
    const a3 = estimates.rows.filter((r) => r.method === 'approach3_lse');
    const vp = estimates.rows.filter((r) => r.method === 'vpnls_lbfgsb_grad');
    expect(a3.every((r) => r.failed === 'false') && vp.every((r) => r.failed === 'false')).toBe(true);
    a3.forEach((r, i) => expect(Math.abs(num(r, 'b') - num(vp[i], 'b'))).toBeLessThan(1e-6));
    // Centred sampling on a symmetric surface: no systematic bias.
    for (const s of summaryCsv.rows) expect(Math.abs(num(s, 'mean'))).toBeLessThan((3 * num(s, 'std')) / Math.sqrt(num(s, 'n')) + 1e-12);
  });

  it('reports the tail of |b̂ − b| with bootstrap intervals and counts failures as losses', () => {
    expect(tails.header).toEqual([...EXP9_TAILS_COLUMNS]);
    expect(tails.rows.map((r) => `${r.method}/${r.noise_std}`)).toEqual(summaryCsv.rows.map((r) => `${r.method}/${r.noise_std}`));
    for (const t of tails.rows) {
      const rows = estimates.rows.filter((r) => r.method === t.method && (t.noise_std === 'all' || r.noise_std === t.noise_std));
      const abs = bErrs(rows).map(Math.abs);
      const thr = num(t, 'loss_threshold');
      expect(num(t, 'p99_abs_b_err')).toBe(quantile(abs, 0.99));
      expect(num(t, 'p999_abs_b_err')).toBe(quantile(abs, 0.999));
      expect(num(t, 'max_abs_b_err')).toBe(Math.max(...abs));
      for (const k of ['p99', 'p999']) {
        expect(num(t, `${k}_abs_b_err_low`)).toBeLessThanOrEqual(num(t, `${k}_abs_b_err`));
        expect(num(t, `${k}_abs_b_err_high`)).toBeGreaterThanOrEqual(num(t, `${k}_abs_b_err`) - 1e-15);
      }
      const nLoss = rows.filter((r) => r.failed === 'true' || Math.abs(num(r, 'b_err')) > thr).length;
      expect(num(t, 'n_loss')).toBe(nLoss);
      expect(num(t, 'n_failed')).toBeLessThanOrEqual(nLoss);
      expect(num(t, 'loss_rate')).toBeCloseTo(nLoss / rows.length, 14);
    }
  });

  it('reruns the whole design for seeds seed + k and summarises the spread across seeds', () => {
    expect(seedStudy.header).toEqual([...EXP9_SEED_STUDY_COLUMNS]);
    const k = quickConfig.seeds;
    expect(seedStudy.rows).toHaveLength(k * EXP9_METHODS.length);
    expect([...new Set(seedStudy.rows.map((r) => num(r, 'seed')))]).toEqual(Array.from({ length: k }, (_, i) => 42 + i));
    // Seed index 0 is the main run.
    for (const s of summaryCsv.rows.filter((r) => r.noise_std === 'all')) {
      const row = seedStudy.rows.find((r) => r.seed === '42' && r.method === s.method)!;
      for (const c of ['n', 'n_failed', 'variance', 'iqr', 'mad']) expect(row[c]).toBe(s[c]);
    }
    // Another seed draws other data.
    const v = (seed: string) => seedStudy.rows.find((r) => r.seed === seed && r.method === 'approach2')!.variance;
    expect(v('43')).not.toBe(v('42'));
    const study = summary.seed_study as {
      n_seeds: number;
      methods: Record<string, Record<string, { median: number; p10: number; p90: number }>>;
      ratios: Record<string, Record<string, { median: number; p10: number; p90: number }>>;
    };
    expect(study.n_seeds).toBe(k);
    const a2 = seedStudy.rows.filter((r) => r.method === 'approach2').map((r) => num(r, 'variance'));
    expect(study.methods.approach2.variance.median).toBe(quantile(a2, 0.5));
    expect(study.methods.approach2.variance.p10).toBe(quantile(a2, 0.1));
    const vp = seedStudy.rows.filter((r) => r.method === 'vpnls_lbfgsb_grad').map((r) => num(r, 'iqr'));
    const ratio = seedStudy.rows.filter((r) => r.method === 'approach2').map((r, i) => num(r, 'iqr') / vp[i]);
    expect(study.ratios.approach2_over_vpnls_lbfgsb_grad.iqr.median).toBeCloseTo(quantile(ratio, 0.5), 14);
    expect(study.ratios.approach2_over_vpnls_lbfgsb_grad.iqr.p90).toBeCloseTo(quantile(ratio, 0.9), 14);
  });

  it('lays out the figures as specified', async () => {
    const fig = async (name: string) =>
      JSON.parse(await readFile(join(run.dir, `${name}.json`), 'utf8')) as { data: Array<Record<string, unknown>>; layout: Record<string, unknown> };
    const eff = await fig('data_efficiency');
    // A dot plot, not bars: the pooled panel's axis is logarithmic.
    expect(eff.data.map((t) => t.type)).toEqual(['scatter', 'heatmap']);
    expect(eff.data[0].mode).toBe('markers+text');
    expect(eff.data[0].x).toEqual(EXP9_METHODS.map((m) => (summary.variance_b_err as Record<string, number>)[m] / 1e-4));
    const detailed = await fig('data_efficiency_detailed');
    expect(detailed.data.map((t) => t.type)).toEqual(EXP9_METHODS.map(() => 'box'));
    expect(detailed.layout.boxmode).toBe('group');
    // Every fit is drawn, so the far misses behind the variance are visible; the axis is signed.
    for (const t of detailed.data) expect(t.boxpoints).toBe('all');
    expect(JSON.stringify(detailed.layout)).toContain('signed; symmetric-log');
    const notes = (detailed.layout.annotations as Array<{ text: string }>).filter((a) => a.text.includes('IQR'));
    expect(notes).toHaveLength(NOISE.length);
  });
});
