import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VALIDATION_COLUMNS } from '../../experiments/exp6-closed-form.ts';
import { type CsvFile, expectFinite, experimentRun, num } from './helpers.ts';

let table: CsvFile;
let summary: Record<string, unknown>;

const run = experimentRun(6);

beforeAll(async () => {
  table = await run.csv('validation.csv');
  summary = await run.json('summary.json');
});

describe("experiment 6: a closed form for Approach 2's bias", () => {
  it('writes the specified files', async () => {
    const files = await readdir(run.dir);
    for (const f of ['validation.csv', 'validation.html', 'validation.json', 'report.md', 'summary.json']) expect(files).toContain(f);
  });

  it('writes 60 rows with the specified columns and finite values', () => {
    expect(table.header).toEqual([...VALIDATION_COLUMNS]);
    expect(table.rows).toHaveLength(60);
    expectFinite(table.rows, VALIDATION_COLUMNS.slice(1));
    expect(table.rows.every((r) => r.n_points === '15')).toBe(true);
  });

  it('matches the simulated Approach 2 errors to 1e-10', () => {
    for (const r of table.rows) {
      expect(num(r, 'intercept_abs_diff')).toBeLessThan(1e-10);
      expect(Math.abs(num(r, 'intercept_err_num_pct') - num(r, 'intercept_err_pred_pct')) / 100).toBeLessThan(1e-10);
      expect(Math.abs(num(r, 'exponent_err_num'))).toBeLessThan(1e-10);
      expect(num(r, 'intercept_err_pred_pct')).toBeCloseTo(100 * (10 ** num(r, 'delta_w') - 1), 10);
      expect(num(r, 'd_extrap_err_pred_pct')).toBeCloseTo(100 * (10 ** -num(r, 'delta_w') - 1), 10);
    }
  });

  it('predicts zero shift for α = β and a growing shift with W otherwise', () => {
    for (const r of table.rows.filter((x) => x.surface === 'symmetric')) expect(num(r, 'delta_w')).toBe(0);
    const asym = table.rows.filter((x) => x.surface === 'asymmetric').map((r) => num(r, 'delta_w'));
    for (let i = 1; i < asym.length; i++) expect(asym[i]).toBeGreaterThan(asym[i - 1]);
  });

  it('reports pass for every surface', () => {
    const s = summary.surfaces as Record<string, { max_abs_intercept_diff: number; max_abs_exponent_err: number; pass: boolean }>;
    expect(Object.keys(s)).toEqual(['symmetric', 'chinchilla', 'asymmetric']);
    for (const v of Object.values(s)) {
      expect(v.pass).toBe(true);
      expect(v.max_abs_intercept_diff).toBeLessThan(1e-10);
      expect(v.max_abs_exponent_err).toBeLessThan(1e-10);
    }
    expect(summary.all_pass).toBe(true);
  });

  it('writes the derivation and the validation table in report.md', async () => {
    const md = await readFile(join(run.dir, 'report.md'), 'utf8');
    expect(md).toContain('δw = −c1 / (2·c2)');
    expect(md).toContain('| chinchilla | 0.34 | 0.28 |');
    expect(md).toContain('-5.10024 %');
  });
});
