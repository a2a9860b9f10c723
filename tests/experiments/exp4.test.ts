import { readdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXP4_EXTRAPOLATION_COLUMNS as EXTRAPOLATION_COLUMNS } from '../../experiments/exp4-extrapolation.ts';
import { type CsvFile, expectFinite, experimentRun, num } from './helpers.ts';

let table: CsvFile;
let summary: Record<string, unknown>;

const run = experimentRun(4);

beforeAll(async () => {
  table = await run.csv('extrapolation.csv');
  summary = await run.json('summary.json');
});

describe('experiment 4: extrapolation error of Approach 2', () => {
  it('writes the specified files', async () => {
    const files = await readdir(run.dir);
    for (const f of ['extrapolation.csv', 'extrapolation_error.html', 'extrapolation_error.json', 'summary.json']) expect(files).toContain(f);
  });

  it('writes 720 rows with the specified columns and finite values', () => {
    expect(table.header).toEqual([...EXTRAPOLATION_COLUMNS]);
    expect(table.rows).toHaveLength(720);
    expectFinite(
      table.rows,
      EXTRAPOLATION_COLUMNS.filter((c) => !['range_name', 'surface', 'bias'].includes(c)),
    );
    expect(new Set(table.rows.map((r) => `${r.range_name}:${r.w_index}`))).toEqual(new Set(['narrow:0', 'medium:10', 'wide:19']));
  });

  it('evaluates the 16 extrapolation budgets from 1e22 to 1e25', () => {
    const budgets = table.rows.slice(0, 16).map((r) => num(r, 'budget'));
    expect(budgets[0]).toBe(1e22);
    expect(budgets[15]).toBe(1e25);
    expect(table.rows.slice(0, 16).map((r) => num(r, 'budget_index'))).toEqual([...Array(16).keys()]);
    for (let i = 1; i < 16; i++) expect(Math.log10(budgets[i]) - Math.log10(budgets[i - 1])).toBeCloseTo(0.2, 12);
  });

  it('is exact on the symmetric surface without bias and wrong on the others', () => {
    const sel = (s: string, b: string) => table.rows.filter((r) => r.surface === s && r.bias === b);
    for (const r of sel('symmetric', 'baseline')) expect(Math.abs(num(r, 'd_err_pct'))).toBeLessThan(1e-8);
    for (const r of sel('asymmetric', 'baseline')) expect(num(r, 'd_err_pct')).toBeLessThan(-1);
    for (const r of table.rows) {
      expect(num(r, 'd_err_abs')).toBeCloseTo(num(r, 'd_hat') - num(r, 'd_true'), -3);
    }
  });

  it('writes max_abs_d_err_pct nested by range, surface and bias', () => {
    const m = summary.max_abs_d_err_pct as Record<string, Record<string, Record<string, number>>>;
    expect(Object.keys(m)).toEqual(['narrow', 'medium', 'wide']);
    const sel = table.rows.filter((r) => r.range_name === 'wide' && r.surface === 'chinchilla' && r.bias === 'drift_0.4');
    expect(m.wide.chinchilla['drift_0.4']).toBe(Math.max(...sel.map((r) => Math.abs(num(r, 'd_err_pct')))));
  });

  it('puts the DCL of each extrapolated D* beside its error, and it depends on the error alone', () => {
    for (const r of table.rows) {
      expect(num(r, 'dcl_pct')).toBeGreaterThan(-1e-9);
      expect(num(r, 'dcl_pct')).toBeCloseTo((100 * num(r, 'dcl_flops')) / num(r, 'budget'), 10);
    }
    // Constant offsets: the same D* error at every budget, hence the same DCL %.
    const sel = table.rows.filter((r) => r.range_name === 'wide' && r.surface === 'chinchilla' && r.bias === 'scale_2.0');
    expect(num(sel[15], 'dcl_pct')).toBeCloseTo(num(sel[0], 'dcl_pct'), 8);
    expect(num(sel[0], 'dcl_pct')).toBeGreaterThan(1e-3);
  });
});
