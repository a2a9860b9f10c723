import { readdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPOUNDING_COLUMNS } from '../../experiments/shared/columns.ts';
import { type CsvFile, expectFinite, experimentRun, num } from './helpers.ts';
import { APPROACH2_D_ERR_PCT, APPROACH2_D_ERR_PCT_SYMMETRIC_OFFSET_3X, CHINCHILLA_D_OPT_1E24 } from '../helpers/reference.ts';

/** specs/conventions.md §5: centred Approach 2, extrapolated D* error at 1e24 FLOPs (%). */
const PUBLISHED: Record<string, Record<string, number>> = APPROACH2_D_ERR_PCT;
const PUBLISHED_OFFSET_SYMMETRIC = APPROACH2_D_ERR_PCT_SYMMETRIC_OFFSET_3X;
const TOL = 1e-9;

let table: CsvFile;
let summary: Record<string, unknown>;

const run = experimentRun(10);

beforeAll(async () => {
  table = await run.csv('compounding_errors.csv');
  summary = await run.json('summary.json');
});

const row = (bias: string, surface: string, grid: string) => {
  const r = table.rows.find((x) => x.bias === bias && x.surface === surface && x.grid === grid);
  if (!r) throw new Error(`no row ${bias}/${surface}/${grid}`);
  return r;
};

describe('experiment 10: compounding biases at 1e24 FLOPs', () => {
  it('writes the specified files', async () => {
    const files = await readdir(run.dir);
    for (const f of ['compounding_errors.csv', 'compounding_errors.html', 'compounding_errors.json', 'summary.json']) expect(files).toContain(f);
  });

  it('writes 36 rows with the specified columns and finite values', () => {
    expect(table.header).toEqual([...COMPOUNDING_COLUMNS]);
    expect(table.rows).toHaveLength(36);
    expectFinite(
      table.rows,
      COMPOUNDING_COLUMNS.filter((c) => !['bias', 'surface', 'grid'].includes(c)),
    );
    expect(table.rows.every((r) => num(r, 'eval_budget') === 1e24)).toBe(true);
  });

  it('reproduces the published Approach 2 values of specs/conventions.md §5', () => {
    for (const [surface, grids] of Object.entries(PUBLISHED)) {
      for (const [grid, want] of Object.entries(grids)) {
        const got = num(row('centered', surface, grid), 'd_err_pct');
        expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(TOL);
      }
    }
    for (const grid of ['XS', 'S', 'L', 'XL']) expect(Math.abs(num(row('centered', 'symmetric', grid), 'd_err_pct'))).toBeLessThan(1e-8);
    for (const [grid, want] of Object.entries(PUBLISHED_OFFSET_SYMMETRIC)) {
      const got = num(row('offset_3x', 'symmetric', grid), 'd_err_pct');
      expect(Math.abs(got - want) / want).toBeLessThan(TOL);
    }
    const dTrue = num(row('centered', 'chinchilla', 'XL'), 'd_true');
    expect(Math.abs(dTrue - CHINCHILLA_D_OPT_1E24) / CHINCHILLA_D_OPT_1E24).toBeLessThan(TOL);
  });

  it('computes a consistent Deadweight Compute Loss', () => {
    for (const r of table.rows) {
      const C = num(r, 'eval_budget');
      expect(Math.abs(num(r, 'n_true') * num(r, 'd_true') * 6 - C) / C).toBeLessThan(1e-12);
      expect(Math.abs(num(r, 'n_hat') * num(r, 'd_hat') * 6 - C) / C).toBeLessThan(1e-12);
      expect(num(r, 'loss_penalty')).toBeGreaterThan(-1e-12);
      expect(num(r, 'dcl_flops')).toBeGreaterThan(-1e-6 * C);
      expect(num(r, 'dcl_pct')).toBeCloseTo((100 * num(r, 'dcl_flops')) / C, 10);
    }
    // A larger D* error wastes more compute (asymmetric, drift to 3×).
    expect(num(row('drift_3x', 'asymmetric', 'XS'), 'dcl_pct')).toBeGreaterThan(num(row('drift_3x', 'asymmetric', 'XL'), 'dcl_pct'));
    expect(num(row('drift_3x', 'asymmetric', 'XS'), 'dcl_pct')).toBeGreaterThan(0.1);
  });

  it('writes d_err_pct nested by bias, surface and grid', () => {
    expect(summary.eval_budget).toBe(1e24);
    const d = summary.d_err_pct as Record<string, Record<string, Record<string, number>>>;
    expect(Object.keys(d)).toEqual(['centered', 'offset_3x', 'drift_3x']);
    expect(d.centered.chinchilla.XL).toBe(num(row('centered', 'chinchilla', 'XL'), 'd_err_pct'));
  });

  it('states the quadratic DCL rule with a derived coefficient (α+β)/2 that the rows confirm', () => {
    const q = summary.dcl_quadratic_rule as { coefficient_derived: Record<string, number>; coefficient_fitted: number; max_rel_gap: number };
    for (const s of ['symmetric', 'chinchilla', 'asymmetric']) expect(q.coefficient_derived[s]).toBeCloseTo(0.31, 12);
    expect(Math.abs(q.coefficient_fitted / 0.31 - 1)).toBeLessThan(0.02);
    expect(q.max_rel_gap).toBeLessThan(0.1);
    const r = row('centered', 'chinchilla', 'L');
    const u = Math.log(num(r, 'd_hat') / num(r, 'd_true'));
    expect(num(r, 'dcl_pct') / (100 * 0.31 * u * u)).toBeCloseTo(1, 2);
  });

  it('gives the same DCL % for the same misallocation at two budgets while the loss penalty shrinks', () => {
    const m = summary.dcl_same_misallocation as { budgets: number[]; dcl_pct: number[]; loss_penalty: number[] };
    expect(m.budgets).toEqual([1e21, 1e24]);
    expect(m.dcl_pct[1]).toBeCloseTo(m.dcl_pct[0], 9);
    expect(m.dcl_pct[0]).toBeGreaterThan(0.01);
    expect(m.loss_penalty[1]).toBeLessThan(0.5 * m.loss_penalty[0]);
  });
});
