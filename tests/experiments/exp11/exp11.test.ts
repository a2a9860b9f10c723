import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootstrapSpread } from '../../../experiments/exp11/bootstrap-spread.ts';
import { bootstrapDcl, bootstrapInterval } from '../../../experiments/exp11/costs.ts';
import { COMPOUNDING_COLUMNS } from '../../../experiments/shared/columns.ts';
import { USD_PER_FLOP } from '../../../experiments/exp11/cost.ts';
import { LLAMA_3, loadDataset } from '../../../experiments/shared/real-data/datasets.ts';
import { SURFACES } from '../../../src/surface/index.ts';
import { haveRealData, SHARED_DATA_DIR } from '../../helpers/data.ts';
import { type CsvFile, expectFinite, experimentRun, num } from '../helpers.ts';

const C = 3.8e25;
const COST_COLUMNS = [
  'row',
  'group',
  'truth_method',
  'surface',
  'd_true',
  'd_hat',
  'n_true',
  'n_hat',
  'loss_true',
  'loss_hat',
  'loss_penalty',
  'c_equivalent',
  'dcl_flops',
  'dcl_pct',
  'dcl_usd',
  'alpha_over_beta',
  'ci_low_flops',
  'ci_high_flops',
  'ci_low_usd',
  'ci_high_usd',
];
const FILTER_COLUMNS = [
  'model',
  'truth_method',
  'level',
  'level_index',
  'points_removed',
  'points_remaining',
  'budgets_removed',
  'budgets_remaining',
  'dcl_flops',
  'dcl_pct',
  'dcl_usd',
];
const LEVELS = ['raw', 'pre_qc', 'off_center', 'weak_curvature', 'post_qc'];

let sim: CsvFile;
let fits: CsvFile;
let costs: CsvFile;
let filter: CsvFile;
let summary: Record<string, unknown>;

/** Runs the experiment on the published data (quick mode); skipped with a line saying how to supply them. */
const HAVE_DATA = haveRealData(['llama_3_isoflops.csv', 'epochai_chinchilla_isoflops.csv'], 'experiment 11 (the Llama 3 and Chinchilla IsoFLOP points)');

const cost = (row: string) => {
  const r = costs.rows.find((x) => x.row === row);
  if (!r) throw new Error(`no cost row ${row}`);
  return r;
};

describe.skipIf(!HAVE_DATA)('experiment 11: what the errors cost at frontier scale', () => {
  const run = experimentRun(11, { dataDir: SHARED_DATA_DIR });
  beforeAll(async () => {
    sim = await run.csv('token_allocation_errors.csv');
    fits = await run.csv('llama3_fits.csv');
    costs = await run.csv('cost_estimates.csv');
    filter = await run.csv('progressive_filter.csv');
    summary = await run.json('summary.json');
  });

  it('writes the specified files', async () => {
    const files = await readdir(run.dir);
    const want = ['token_allocation_errors.csv', 'llama3_fits.csv', 'cost_estimates.csv', 'progressive_filter.csv', 'report.md', 'summary.json'];
    for (const f of [
      'token_allocation_errors',
      'compute_allocation_errors',
      ...['llama_3', 'chinchilla'].flatMap((m) => ['vpnls', 'approach3'].map((t) => `progressive_filter_${m}_${t}`)),
    ]) {
      want.push(`${f}.html`, `${f}.json`);
    }
    for (const f of want) expect(files).toContain(f);
  });

  it('part 1: 48 simulated rows with experiment 10 columns plus dcl_usd', () => {
    expect(sim.header).toEqual([...COMPOUNDING_COLUMNS, 'dcl_usd']);
    expect(sim.rows).toHaveLength(48);
    expectFinite(
      sim.rows,
      [...COMPOUNDING_COLUMNS, 'dcl_usd'].filter((c) => !['bias', 'surface', 'grid'].includes(c)),
    );
    expect(new Set(sim.rows.map((r) => r.surface))).toEqual(new Set(['llama_3', 'chinchilla', 'soda', 'sparse_nmm']));
    for (const r of sim.rows) {
      expect(num(r, 'eval_budget')).toBe(C);
      expect(num(r, 'dcl_usd')).toBeCloseTo(num(r, 'dcl_flops') * USD_PER_FLOP, 6);
      expect(Math.abs(6 * num(r, 'n_hat') * num(r, 'd_hat') - C) / C).toBeLessThan(1e-12);
    }
    // The llama_3 surface is the part 2 VPNLS fit.
    const llama = sim.rows.find((r) => r.surface === 'llama_3')!;
    const vpnls = fits.rows.find((r) => r.method === 'vpnls')!;
    expect(num(llama, 'alpha')).toBe(num(vpnls, 'alpha'));
    expect(num(llama, 'beta')).toBe(num(vpnls, 'beta'));
    const chin = sim.rows.find((r) => r.surface === 'chinchilla')!;
    expect(num(chin, 'alpha')).toBe(SURFACES.chinchilla.alpha);
  });

  it('part 2: three fits of all 133 Llama 3 rows', () => {
    expect(fits.header).toEqual(['method', 'e', 'coef_a', 'coef_b', 'alpha', 'beta', 'a', 'b', 'a0', 'b0', 'rss', 'n_points', 'n_budgets', 'status']);
    expect(fits.rows.map((r) => r.method)).toEqual(['vpnls', 'approach3_lse_logloss', 'approach2']);
    for (const r of fits.rows) {
      expect(num(r, 'n_points')).toBe(133);
      expect(num(r, 'n_budgets')).toBe(10);
      expectFinite([r], ['a', 'b']);
      expect(num(r, 'a') + num(r, 'b')).toBeCloseTo(1, 12);
    }
    const [vp, a3, a2] = fits.rows;
    for (const r of [vp, a3]) {
      expectFinite([r], ['e', 'coef_a', 'coef_b', 'alpha', 'beta', 'rss']);
      expect(r.a0).toBe('');
      expect(r.b0).toBe('');
      expect(r.status).toBe('converged');
    }
    for (const c of ['e', 'coef_a', 'coef_b', 'alpha', 'beta', 'rss']) expect(a2[c]).toBe('');
    expectFinite([a2], ['a0', 'b0']);
    // The fitted Llama 3 surface (about 4 significant digits), and two surface fits that agree.
    expect(num(vp, 'e')).toBeCloseTo(0.6047, 3);
    expect(num(vp, 'alpha')).toBeCloseTo(0.31, 3);
    expect(num(vp, 'beta')).toBeCloseTo(0.3136, 3);
    expect(Math.abs(num(a3, 'alpha') - num(vp, 'alpha'))).toBeLessThan(0.01);
    expect(Math.abs(num(a3, 'beta') - num(vp, 'beta'))).toBeLessThan(0.01);
  });

  it('cost_estimates.csv: six specs/experiments.md §B.4 rows at 3.8e25 FLOPs with bootstrap intervals on the real rows', () => {
    expect(costs.header).toEqual(COST_COLUMNS);
    expect(costs.rows.map((r) => r.row)).toEqual(['llama_3_vpnls', 'llama_3_approach3', 'llama_3_sim', 'chinchilla_sim', 'soda_sim', 'sparse_nmm_sim']);
    expect(costs.rows.map((r) => r.group)).toEqual(['real', 'real', 'simulated', 'simulated', 'simulated', 'simulated']);
    const numeric = COST_COLUMNS.slice(4, 16);
    expectFinite(costs.rows, numeric);
    const a3 = fits.rows[1];
    for (const r of costs.rows) {
      expect(Math.abs(6 * num(r, 'n_true') * num(r, 'd_true') - C) / C).toBeLessThan(1e-12);
      expect(num(r, 'loss_penalty')).toBeGreaterThan(0);
      expect(num(r, 'dcl_flops')).toBeCloseTo(C - num(r, 'c_equivalent'), -10);
      expect(num(r, 'dcl_pct')).toBeCloseTo((100 * num(r, 'dcl_flops')) / C, 10);
      if (r.group === 'real') {
        expectFinite([r], ['ci_low_flops', 'ci_high_flops', 'ci_low_usd', 'ci_high_usd']);
        expect(num(r, 'ci_low_flops')).toBeLessThan(num(r, 'ci_high_flops'));
        expect(num(r, 'alpha_over_beta')).toBeCloseTo(num(a3, 'alpha') / num(a3, 'beta'), 12);
      } else {
        for (const c of ['ci_low_flops', 'ci_high_flops', 'ci_low_usd', 'ci_high_usd']) expect(r[c]).toBe('');
        const s = sim.rows.find((x) => x.bias === 'drift_3x' && x.grid === 'XS' && x.surface === r.surface)!;
        expect(num(r, 'dcl_flops')).toBe(num(s, 'dcl_flops'));
        expect(num(r, 'alpha_over_beta')).toBeCloseTo(num(s, 'alpha') / num(s, 'beta'), 12);
      }
    }
  });

  it('headline: Approach 2 overestimates D* on Llama 3 and simulated DCL grows with α/β', () => {
    for (const row of ['llama_3_vpnls', 'llama_3_approach3']) expect(num(cost(row), 'd_hat')).toBeGreaterThan(num(cost(row), 'd_true'));
    expect(num(cost('llama_3_sim'), 'dcl_pct')).toBeLessThan(num(cost('llama_3_vpnls'), 'dcl_pct'));
    const simRows = costs.rows.filter((r) => r.group === 'simulated').sort((x, y) => num(x, 'alpha_over_beta') - num(y, 'alpha_over_beta'));
    for (let i = 1; i < simRows.length; i++) expect(num(simRows[i], 'dcl_pct')).toBeGreaterThan(num(simRows[i - 1], 'dcl_pct'));
  });

  it('progressive_filter.csv: 20 rows, cumulative counts consistent with the QC', () => {
    expect(filter.header).toEqual(FILTER_COLUMNS);
    expect(filter.rows).toHaveLength(20);
    const models = { llama_3: { raw: 133, clean: 116, budgets: 10 }, chinchilla: { raw: 123, clean: 85, budgets: 9 } };
    for (const [model, n] of Object.entries(models)) {
      for (const truth of ['vpnls', 'approach3_lse_logloss']) {
        const rows = filter.rows.filter((r) => r.model === model && r.truth_method === truth);
        expect(rows.map((r) => r.level)).toEqual(LEVELS);
        expect(rows.map((r) => num(r, 'level_index'))).toEqual([0, 1, 2, 3, 4]);
        expect(num(rows[0], 'points_removed')).toBe(0);
        expect(num(rows[0], 'budgets_removed')).toBe(0);
        expect(num(rows[0], 'points_remaining')).toBe(n.raw);
        expect(num(rows[0], 'budgets_remaining')).toBe(n.budgets);
        expect(num(rows[4], 'points_remaining')).toBe(n.clean);
        for (let k = 1; k < 5; k++) {
          expect(num(rows[k], 'points_remaining')).toBe(num(rows[k - 1], 'points_remaining') - num(rows[k], 'points_removed'));
          expect(num(rows[k], 'budgets_remaining')).toBe(num(rows[k - 1], 'budgets_remaining') - num(rows[k], 'budgets_removed'));
        }
        expectFinite(rows, ['dcl_flops', 'dcl_pct', 'dcl_usd']);
      }
    }
    // The raw Llama 3 level is the part 2 comparison.
    const raw = filter.rows.find((r) => r.model === 'llama_3' && r.truth_method === 'vpnls' && r.level === 'raw')!;
    expect(num(raw, 'dcl_flops')).toBe(num(cost('llama_3_vpnls'), 'dcl_flops'));
  });

  it('summary.json: cost model, budgets, fits, bootstrap and DCL per row', () => {
    expect(summary.peak_flops_per_gpu).toBe(989.4e12);
    expect(summary.mfu).toBe(0.5);
    expect(summary.usd_per_gpu_hour).toBe(2);
    expect(summary.usd_per_flop).toBeCloseTo(1.1231e-18, 21);
    expect(summary.eval_budget).toBe(C);
    expect(summary.training_budgets).toEqual([1e18, 1e19, 1e20, 1e21, 1e22]);
    const f = summary.llama3_fits as Record<string, Record<string, unknown>>;
    expect(Object.keys(f)).toEqual(['vpnls', 'approach3_lse_logloss', 'approach2']);
    expect(f.vpnls.alpha).toBe(num(fits.rows[0], 'alpha'));
    const b = summary.bootstrap as Record<string, number>;
    expect(b.n_resamples).toBe(10);
    expect(b.seed).toBe(42);
    expect(b.n_successful).toBeGreaterThan(0);
    expect(b.n_successful).toBeLessThanOrEqual(10);
    const d = summary.dcl_pct as Record<string, number>;
    for (const r of costs.rows) expect(d[r.row]).toBe(num(r, 'dcl_pct'));
  });

  it('summary.json: the bootstrap interval’s spread across seeds includes the reported interval', () => {
    const s = summary.bootstrap_spread as Record<string, unknown> & { n_seeds: number; seeds: number[] };
    expect(s.n_seeds).toBe(3);
    expect(s.seeds).toEqual([42, 43, 44]);
    for (const row of ['llama_3_vpnls', 'llama_3_approach3']) {
      const r = s[row] as Record<string, { min: number; median: number; max: number }>;
      const c = cost(row);
      for (const end of ['low', 'high'] as const) {
        expect(r[`ci_${end}_flops`].min).toBeLessThanOrEqual(num(c, `ci_${end}_flops`));
        expect(r[`ci_${end}_flops`].max).toBeGreaterThanOrEqual(num(c, `ci_${end}_flops`));
        expect(r[`ci_${end}_pct`].median).toBeCloseTo((100 * r[`ci_${end}_flops`].median) / C, 10);
      }
    }
  });

  it('figures and report carry the specified panels and sections', async () => {
    const fig = (await run.json('compute_allocation_errors.json')) as { data: Array<Record<string, unknown>>; layout: Record<string, unknown> };
    expect(fig.data.some((t) => t.type === 'bar' && t.orientation === 'h')).toBe(true);
    expect(fig.data.some((t) => t.type === 'table')).toBe(true);
    expect((fig.layout.xaxis as Record<string, unknown>).type).toBe('log');
    const pf = (await run.json('progressive_filter_chinchilla_approach3.json')) as { data: Array<Record<string, unknown>> };
    expect(pf.data.some((t) => t.type === 'scatter' && (t.x as unknown[]).length === 5)).toBe(true);
    expect(pf.data.some((t) => t.type === 'table')).toBe(true);
    const report = await readFile(join(run.dir, 'report.md'), 'utf8');
    for (const h of [
      '## Cost basis',
      '## Deadweight compute loss (DCL)',
      '## Fitted Llama 3 surfaces',
      '## Real Llama 3 data',
      '## Simulated surfaces',
      '## Progressive QC filter',
    ]) {
      expect(report).toContain(h);
    }
  });

  it('bootstrap resamples are reproducible from the seed', async () => {
    const rows = await loadDataset(LLAMA_3, SHARED_DATA_DIR);
    const truth = [SURFACES.chinchilla];
    const a = bootstrapDcl(rows, truth, C, 5, 7);
    const b = bootstrapDcl(rows, truth, C, 5, 7);
    const c = bootstrapDcl(rows, truth, C, 5, 8);
    expect(a).toEqual(b);
    expect(a.dclFlops[0]).not.toEqual(c.dclFlops[0]);
  });

  it('the bootstrap spread reruns the bootstrap at seed + k and ranges the interval ends', async () => {
    const rows = await loadDataset(LLAMA_3, SHARED_DATA_DIR);
    const truth = [SURFACES.chinchilla];
    const main = bootstrapDcl(rows, truth, C, 6, 7, { rng: 'xoshiro' });
    const spread = bootstrapSpread(rows, truth, C, main, { seeds: 3, rng: 'xoshiro', percentiles: [5, 95] });
    expect(spread.seeds).toEqual([7, 8, 9]);
    const highs = [main, bootstrapDcl(rows, truth, C, 6, 8, { rng: 'xoshiro' }), bootstrapDcl(rows, truth, C, 6, 9, { rng: 'xoshiro' })].map(
      (b) => bootstrapInterval(b.dclFlops[0], [5, 95])[1],
    );
    expect(spread.truths[0].ci_high_flops.max).toBe(Math.max(...highs));
    expect(spread.truths[0].ci_high_flops.min).toBe(Math.min(...highs));
    expect(() => bootstrapSpread(rows, truth, C, main, { seeds: 0, rng: 'xoshiro', percentiles: [5, 95] })).toThrow(/seeds must be a positive integer, got 0/);
  });
});
