import { readdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EXP5_EXTRAPOLATION_COLUMNS,
  METHOD_COMPARISON_COLUMNS,
  METHOD_SUMMARY_COLUMNS,
  PARAM_ERRORS_COLUMNS,
} from '../../../experiments/exp5/exp5-parameter-recovery.ts';
import { type CsvFile, expectFinite, experimentRun, num } from '../helpers.ts';

const SURFACES = ['symmetric', 'chinchilla', 'asymmetric'];
const METHODS = ['approach3_lse_logloss', 'approach3_lse_logloss_fd', 'vpnls_lbfgsb_grad', 'vpnls_lbfgsb_fd', 'vpnls_nelder_mead', 'vpnls_grid256'];
const PARAMS = ['e', 'coef_a', 'coef_b', 'alpha', 'beta'];

let params: CsvFile;
let extrap: CsvFile;
let comparison: CsvFile;
let methodSummary: CsvFile;
let summary: Record<string, unknown>;

const run = experimentRun(5);

beforeAll(async () => {
  params = await run.csv('param_errors.csv');
  extrap = await run.csv('extrapolation.csv');
  comparison = await run.csv('method_comparison.csv');
  methodSummary = await run.csv('method_summary.csv');
  summary = await run.json('summary.json');
});

/** Largest max_abs_*_err_pct of a method over all surfaces. */
const maxErr = (method: string) => {
  const r = methodSummary.rows.find((x) => x.surface === 'all' && x.method === method)!;
  return Math.max(...PARAMS.map((p) => num(r, `max_abs_${p}_err_pct`)));
};

describe('experiment 5: parameter recovery by surface fitting (quick)', () => {
  it('writes the specified files', async () => {
    const files = await readdir(run.dir);
    const tables = ['param_errors.csv', 'extrapolation.csv', 'method_comparison.csv', 'method_summary.csv', 'summary.json'];
    for (const f of [...tables, ...['param_errors', 'extrapolation_error', 'method_comparison'].flatMap((n) => [`${n}.html`, `${n}.json`])])
      expect(files).toContain(f);
  });

  it('writes part 1 on w_index 0, 10, 19 with finite values', () => {
    expect(params.header).toEqual([...PARAM_ERRORS_COLUMNS]);
    expect(params.rows).toHaveLength(3 * 5 * 3);
    expect(new Set(params.rows.map((r) => r.w_index))).toEqual(new Set(['0', '10', '19']));
    expectFinite(
      params.rows,
      PARAM_ERRORS_COLUMNS.filter((c) => !['surface', 'bias', 'method', 'status', 'failed'].includes(c)),
    );
    for (const r of params.rows) {
      expect(r.method).toBe('vpnls_lbfgsb_grad');
      expect(r.failed).toBe('false');
      for (const p of PARAMS) expect(Math.abs(num(r, `${p}_err_pct`))).toBeLessThan(1e-4);
    }
  });

  it('writes part 2: 720 rows of extrapolated D* errors, all tiny', () => {
    expect(extrap.header).toEqual([...EXP5_EXTRAPOLATION_COLUMNS]);
    expect(extrap.rows).toHaveLength(720);
    expectFinite(
      extrap.rows,
      EXP5_EXTRAPOLATION_COLUMNS.filter((c) => !['range_name', 'surface', 'bias', 'method'].includes(c)),
    );
    expect(new Set(extrap.rows.map((r) => `${r.range_name}:${r.w_index}`))).toEqual(new Set(['narrow:0', 'medium:10', 'wide:19']));
    expect(num(extrap.rows[0], 'budget')).toBe(1e22);
    expect(num(extrap.rows[15], 'budget')).toBe(1e25);
    for (const r of extrap.rows) expect(Math.abs(num(r, 'd_err_pct'))).toBeLessThan(1e-4);
    expect(summary.part2_max_abs_d_err_pct).toBe(Math.max(...extrap.rows.map((r) => Math.abs(num(r, 'd_err_pct')))));
  });

  it('writes part 3 and its per-method summary', () => {
    expect(comparison.header).toEqual([...METHOD_COMPARISON_COLUMNS]);
    expect(comparison.rows).toHaveLength(3 * 6 * 3);
    expectFinite(
      comparison.rows,
      METHOD_COMPARISON_COLUMNS.filter((c) => !['surface', 'method', 'label', 'status', 'failed', 'abnormal'].includes(c)),
    );
    expect(methodSummary.header).toEqual([...METHOD_SUMMARY_COLUMNS]);
    expect(methodSummary.rows).toHaveLength(3 * 6 + 6);
    expect(methodSummary.rows.map((r) => `${r.surface}:${r.method}`)).toEqual([...SURFACES, 'all'].flatMap((s) => METHODS.map((m) => `${s}:${m}`)));
    expectFinite(
      methodSummary.rows,
      METHOD_SUMMARY_COLUMNS.filter((c) => !['surface', 'method', 'label'].includes(c)),
    );
    for (const r of methodSummary.rows) expect(num(r, 'n_fits')).toBe(r.surface === 'all' ? 9 : 3);
    const grid = methodSummary.rows.find((r) => r.surface === 'all' && r.method === 'vpnls_grid256')!;
    expect(num(grid, 'max_iterations')).toBe(0);
    expect(summary.part3_n_failed).toEqual(Object.fromEntries(METHODS.map((m) => [m, 0])));
  });

  it('VPNLS recovers the parameters far more precisely than Approach 3', () => {
    expect(maxErr('vpnls_lbfgsb_grad')).toBeLessThan(1e-6);
    expect(maxErr('vpnls_lbfgsb_grad') * 10).toBeLessThan(maxErr('approach3_lse_logloss'));
    for (const m of ['vpnls_lbfgsb_grad', 'vpnls_lbfgsb_fd', 'vpnls_nelder_mead']) expect(maxErr(m)).toBeLessThan(maxErr('approach3_lse_logloss'));
    expect(maxErr('approach3_lse_logloss')).toBeLessThan(maxErr('approach3_lse_logloss_fd'));
    expect(maxErr('vpnls_grid256')).toBeGreaterThan(1e-2);
    const p1 = summary.part1_max_abs_err_pct as Record<string, number>;
    expect(Object.keys(p1)).toEqual(PARAMS);
    for (const p of PARAMS) expect(p1[p]).toBe(Math.max(...params.rows.map((r) => Math.abs(num(r, `${p}_err_pct`)))));
    expect(summary.part1_n_failed).toBe(0);
  });

  it('draws the method comparison on log axes, one trace per method and panel', async () => {
    const fig = await run.json('method_comparison.json');
    const data = fig.data as Array<Record<string, unknown>>;
    const layout = fig.layout as Record<string, Record<string, unknown>>;
    expect(data).toHaveLength(3 * 5 * 6);
    for (let i = 1; i <= 15; i++) expect(layout[i === 1 ? 'yaxis' : `yaxis${i}`].type).toBe('log');
  });
});
