import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loss } from '../../../src/surface/index.ts';
import { CLOSED_FORM_COLUMNS } from '../../../experiments/exp12/closed-form.ts';
import { haveRealData, SHARED_DATA_DIR } from '../../helpers/data.ts';
import { type CsvFile, expectFinite, experimentRun, num, readJson } from '../helpers.ts';

const EXPERIMENTS = [
  'epochai_chinchilla__massivetext__chinchilla',
  'llama_3__raw_loss',
  'marin_202603__comma__llama_2',
  'marin_202603__dclm__llama_2',
  'marin_202603__nemotron__llama_2',
  'misfitting__fineweb_c4__transformer',
];
const N_ROWS = [123, 133, 85, 85, 88, 176];
/** Clean rows after specs/experiments.md §B.7 (see tests/unit/qc). */
const N_CLEAN = [85, 116, 80, 79, 80, 106];
const VARIANTS = ['linear_loss', 'log_loss', 'flop_factor'];
const STATUSES = ['converged', 'max_iter', 'abnormal', 'bound_hit'];

let fits: CsvFile;
let qc: CsvFile;
let budgets: CsvFile;
let stats: CsvFile;
let summary: Record<string, unknown>;

/** Runs the experiment on the published data (quick mode); skipped with a line saying how to supply them. */
const HAVE_DATA = haveRealData(
  ['epochai_chinchilla_isoflops.csv', 'llama_3_isoflops.csv', 'marin_202603_isoflops.csv', 'misfitting_isoflops.csv'],
  'experiment 12 (six published IsoFLOP sets)',
);

const surfaceOf = (r: Record<string, string>) => ({ E: num(r, 'e'), A: num(r, 'coef_a'), B: num(r, 'coef_b'), alpha: num(r, 'alpha'), beta: num(r, 'beta') });

describe.skipIf(!HAVE_DATA)('experiment 12: residual structure of real IsoFLOP data', () => {
  const run = experimentRun(12, { dataDir: SHARED_DATA_DIR });
  beforeAll(async () => {
    fits = await run.csv('fits.csv');
    qc = await run.csv('qc.csv');
    budgets = await run.csv('budget_stats.csv');
    stats = await run.csv('experiment_stats.csv');
    summary = await run.json('summary.json');
  });

  it('writes the specified files', async () => {
    const files = await readdir(run.dir);
    const figures = [
      'residuals_linear_loss',
      'residuals_log_loss',
      'residuals_flop_factor',
      'isoflops_log_loss',
      'isoflops_flop_factor',
      'flop_factors',
      'residuals_summary',
    ];
    for (const f of ['fits.csv', 'qc.csv', 'budget_stats.csv', 'experiment_stats.csv', 'summary.json', ...figures.flatMap((g) => [`${g}.html`, `${g}.json`])]) {
      expect(files).toContain(f);
    }
  });

  it('fits.csv: 12 fits on the clean rows, every one kept with its status', () => {
    expect(fits.header).toEqual(['experiment', 'variant', 'n_clean', 'e', 'coef_a', 'coef_b', 'alpha', 'beta', 'a', 'b', 'rss', 'status', 'iterations']);
    expect(fits.rows).toHaveLength(12);
    expect(fits.rows.map((r) => `${r.experiment}/${r.variant}`)).toEqual(EXPERIMENTS.flatMap((e) => [`${e}/linear_loss`, `${e}/log_loss`]));
    expectFinite(fits.rows, ['n_clean', 'e', 'coef_a', 'coef_b', 'alpha', 'beta', 'a', 'b', 'rss', 'iterations']);
    for (const r of fits.rows) {
      expect(STATUSES).toContain(r.status);
      expect(num(r, 'n_clean')).toBe(N_CLEAN[EXPERIMENTS.indexOf(r.experiment)]);
      expect(num(r, 'a') + num(r, 'b')).toBeCloseTo(1, 12);
    }
  });

  it('qc.csv: one row per input row (690) with QC labels and residuals', () => {
    expect(qc.header).toEqual([
      'experiment',
      'budget',
      'params',
      'tokens',
      'loss',
      'outlier',
      'reason',
      'residual_linear_loss',
      'residual_log_loss',
      'residual_flop_factor',
    ]);
    expect(qc.rows).toHaveLength(690);
    EXPERIMENTS.forEach((e, i) => {
      const rows = qc.rows.filter((r) => r.experiment === e);
      expect(rows).toHaveLength(N_ROWS[i]);
      expect(rows.filter((r) => r.outlier === 'false')).toHaveLength(N_CLEAN[i]);
    });
    for (const r of qc.rows) expect(r.outlier).toBe(r.reason === 'none' ? 'false' : 'true');
    expectFinite(qc.rows, ['budget', 'params', 'tokens', 'loss', 'residual_linear_loss', 'residual_log_loss']);
    expectFinite(
      qc.rows.filter((r) => r.outlier === 'false'),
      ['residual_flop_factor'],
    );
  });

  it('residuals are observed minus fitted loss on the natural scale', () => {
    for (const f of fits.rows) {
      const s = surfaceOf(f);
      const rows = qc.rows.filter((r) => r.experiment === f.experiment);
      let rss = 0;
      for (const r of rows) {
        const res = num(r, 'loss') - loss(s, num(r, 'params'), num(r, 'tokens'));
        expect(num(r, `residual_${f.variant}`)).toBeCloseTo(res, 10);
        if (r.outlier === 'false') rss += res * res;
      }
      expect(Math.abs(rss - num(f, 'rss')) / num(f, 'rss')).toBeLessThan(1e-8);
    }
  });

  it('budget_stats.csv: per-budget n, mean and population std of clean residuals; k for flop_factor only', () => {
    expect(budgets.header).toEqual(['experiment', 'variant', 'budget', 'n_clean', 'mean_residual', 'std_residual', 'k']);
    expectFinite(budgets.rows, ['budget', 'n_clean', 'mean_residual', 'std_residual']);
    for (const b of budgets.rows) {
      if (b.variant === 'flop_factor') expect(num(b, 'k')).toBeGreaterThan(0);
      else expect(b.k).toBe('');
      const res = qc.rows
        .filter((r) => r.experiment === b.experiment && r.outlier === 'false' && num(r, 'budget') === num(b, 'budget'))
        .map((r) => num(r, `residual_${b.variant}`));
      expect(res).toHaveLength(num(b, 'n_clean'));
      const m = res.reduce((s, v) => s + v, 0) / res.length;
      expect(num(b, 'mean_residual')).toBeCloseTo(m, 12);
      expect(num(b, 'std_residual')).toBeCloseTo(Math.sqrt(res.reduce((s, v) => s + (v - m) ** 2, 0) / res.length), 12);
    }
  });

  it('the FLOP factor k reproduces the flop_factor residuals (D = C/(k·N))', () => {
    const logFit = (e: string) => surfaceOf(fits.rows.find((f) => f.experiment === e && f.variant === 'log_loss')!);
    for (const b of budgets.rows.filter((x) => x.variant === 'flop_factor')) {
      const s = logFit(b.experiment);
      const C = num(b, 'budget');
      const k = num(b, 'k');
      for (const r of qc.rows.filter((x) => x.experiment === b.experiment && num(x, 'budget') === C)) {
        const N = num(r, 'params');
        expect(num(r, 'residual_flop_factor')).toBeCloseTo(num(r, 'loss') - loss(s, N, C / (k * N)), 10);
      }
    }
  });

  it('experiment_stats.csv: 18 rows with p-values in [0, 1] and median k near 6', () => {
    expect(stats.header).toEqual(['experiment', 'variant', 'n_rows', 'n_clean', 'n_budgets', 'mean_std', 'kruskal_p', 'levene_p', 'median_k']);
    expect(stats.rows.map((r) => `${r.experiment}/${r.variant}`)).toEqual(EXPERIMENTS.flatMap((e) => VARIANTS.map((v) => `${e}/${v}`)));
    expectFinite(stats.rows, ['n_rows', 'n_clean', 'n_budgets', 'mean_std', 'kruskal_p', 'levene_p']);
    for (const s of stats.rows) {
      const i = EXPERIMENTS.indexOf(s.experiment);
      expect(num(s, 'n_rows')).toBe(N_ROWS[i]);
      expect(num(s, 'n_clean')).toBe(N_CLEAN[i]);
      const perBudget = budgets.rows.filter((b) => b.experiment === s.experiment && b.variant === s.variant);
      expect(num(s, 'n_budgets')).toBe(perBudget.length);
      expect(num(s, 'mean_std')).toBeCloseTo(perBudget.reduce((acc, b) => acc + num(b, 'std_residual'), 0) / perBudget.length, 12);
      for (const p of ['kruskal_p', 'levene_p']) {
        expect(num(s, p)).toBeGreaterThanOrEqual(0);
        expect(num(s, p)).toBeLessThanOrEqual(1);
      }
      if (s.variant === 'flop_factor') {
        expect(num(s, 'median_k')).toBeGreaterThan(5);
        expect(num(s, 'median_k')).toBeLessThan(7);
      } else expect(s.median_k).toBe('');
    }
  });

  it('summary.json: the six ids, clean counts and median k', () => {
    expect(summary.experiments).toEqual(EXPERIMENTS);
    expect(summary.n_clean).toEqual(Object.fromEntries(EXPERIMENTS.map((e, i) => [e, N_CLEAN[i]])));
    const k = summary.median_k as Record<string, number>;
    for (const s of stats.rows.filter((r) => r.variant === 'flop_factor')) expect(k[s.experiment]).toBe(num(s, 'median_k'));
  });

  it('draws one panel per data set in a 2×3 grid', async () => {
    for (const name of ['residuals_linear_loss', 'residuals_log_loss', 'residuals_flop_factor', 'isoflops_log_loss', 'isoflops_flop_factor', 'flop_factors']) {
      const fig = (await readJson(join(run.dir, `${name}.json`))) as { data: Array<Record<string, unknown>>; layout: Record<string, unknown> };
      const axes = new Set(fig.data.map((t) => t.xaxis));
      expect(axes.size).toBe(6);
      expect(Object.keys(fig.layout).filter((k) => /^xaxis\d*$/.test(k))).toHaveLength(6);
    }
    const res = (await run.json('residuals_log_loss.json')) as { layout: Record<string, Record<string, unknown>> };
    // Llama 3: eight budgets with clean rows plus "Overall".
    expect((res.layout.yaxis2.ticktext as string[])[0]).toBe('Overall');
    expect(res.layout.yaxis2.ticktext as string[]).toHaveLength(9);
    const sum = (await run.json('residuals_summary.json')) as { data: Array<Record<string, unknown>> };
    expect(sum.data.filter((t) => t.type === 'scatter')).toHaveLength(6);
    expect(sum.data.some((t) => t.type === 'table')).toBe(true);
  });

  it("closed_form_bias.csv: the closed form on each data set's fitted α, β and own grid widths", async () => {
    const cf = await run.csv('closed_form_bias.csv');
    expect(cf.header).toEqual([...CLOSED_FORM_COLUMNS]);
    expect(cf.rows).toHaveLength(12);
    expectFinite(
      cf.rows,
      CLOSED_FORM_COLUMNS.filter((c) => !['experiment', 'variant'].includes(c)),
    );
    for (const r of cf.rows) {
      const f = fits.rows.find((x) => x.experiment === r.experiment && x.variant === r.variant)!;
      expect(num(r, 'alpha')).toBe(num(f, 'alpha'));
      expect(num(r, 'w_min')).toBeGreaterThan(0);
      expect(num(r, 'w_max')).toBeGreaterThanOrEqual(num(r, 'w_min'));
      // α > β: N* overestimated (δw > 0), D* underestimated; α < β the reverse.
      const sign = Math.sign(num(r, 'alpha') - num(r, 'beta'));
      expect(Math.sign(num(r, 'delta_w_min'))).toBe(sign);
      expect(Math.sign(num(r, 'd_err_pct_10x'))).toBe(-sign);
      expect(num(r, 'dcl_pct_1000x')).toBeGreaterThan(0);
    }
    const s = summary.closed_form_bias as Record<string, { d_err_pct_1000x: number }>;
    expect(Object.keys(s)).toEqual(EXPERIMENTS);
    expect(typeof summary.closed_form_assumptions).toBe('string');
  });
});
