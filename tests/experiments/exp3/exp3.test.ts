import { readdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIMA_COLUMNS, SWEEP_COLUMNS } from '../../../experiments/shared/columns.ts';
import { OFFSET_SWEEP_COLUMNS } from '../../../experiments/exp3/offset-sweep.ts';
import { type CsvFile, expectFinite, experimentRun, num } from '../helpers.ts';

const SURFACES = ['symmetric', 'chinchilla', 'asymmetric'];
const BIASES = ['baseline', 'drift_0.2', 'drift_0.4', 'scale_1.5', 'scale_2.0'];

let sweep: CsvFile;
let optima: CsvFile;
let offsets: CsvFile;
let summary: Record<string, unknown>;

const run = experimentRun(3);

beforeAll(async () => {
  sweep = await run.csv('sweep.csv');
  optima = await run.csv('optima.csv');
  offsets = await run.csv('offset_sweep.csv');
  summary = await run.json('summary.json');
});

const rowsOf = (surface: string, bias: string) => sweep.rows.filter((r) => r.surface === surface && r.bias === bias);

describe('experiment 3: sensitivity to a biased sampling centre', () => {
  it('writes the specified files', async () => {
    const files = await readdir(run.dir);
    const figures = ['param_errors', 'offset_sweep', ...SURFACES.map((s) => `optima_errors_${s}`), ...SURFACES.flatMap((s) => BIASES.map((b) => `${s}_${b}`))];
    for (const f of ['sweep.csv', 'optima.csv', 'offset_sweep.csv', 'summary.json', ...figures.flatMap((n) => [`${n}.html`, `${n}.json`])])
      expect(files).toContain(f);
  });

  it('writes the specified columns, row counts and finite values', () => {
    expect(sweep.header).toEqual([...SWEEP_COLUMNS]);
    expect(sweep.rows).toHaveLength(300);
    expectFinite(sweep.rows, SWEEP_COLUMNS.slice(2));
    expect(optima.header).toEqual([...OPTIMA_COLUMNS]);
    expect(optima.rows).toHaveLength(1500);
    expectFinite(optima.rows, OPTIMA_COLUMNS.slice(2));
    for (const s of SURFACES) for (const b of BIASES) expect(rowsOf(s, b)).toHaveLength(20);
  });

  it('recovers the exponents exactly without bias, while asymmetric intercepts are off', () => {
    for (const s of SURFACES) {
      for (const r of rowsOf(s, 'baseline')) {
        expect(Math.abs(num(r, 'a') - num(r, 'a_true'))).toBeLessThan(1e-10);
        expect(Math.abs(num(r, 'b') - num(r, 'b_true'))).toBeLessThan(1e-10);
      }
    }
    for (const r of rowsOf('symmetric', 'baseline')) expect(Math.abs(num(r, 'a0_err_pct'))).toBeLessThan(1e-8);
    for (const s of ['chinchilla', 'asymmetric']) {
      for (const r of rowsOf(s, 'baseline')) {
        expect(Math.abs(num(r, 'a0_err_pct'))).toBeGreaterThan(1e-4);
        expect(Math.abs(num(r, 'b0_err_pct'))).toBeGreaterThan(1e-4);
      }
    }
  });

  it('keeps exponents exact under a constant offset but not under drift', () => {
    for (const s of SURFACES) {
      for (const bias of ['scale_1.5', 'scale_2.0']) {
        for (const r of rowsOf(s, bias)) {
          expect(Math.abs(num(r, 'a') - num(r, 'a_true'))).toBeLessThan(1e-9);
          expect(Math.abs(num(r, 'b') - num(r, 'b_true'))).toBeLessThan(1e-9);
        }
      }
      for (const bias of ['drift_0.2', 'drift_0.4']) {
        for (const r of rowsOf(s, bias)) expect(Math.abs(num(r, 'b_err_pct'))).toBeGreaterThan(1e-3);
      }
    }
    // A constant offset moves the intercepts even on the symmetric surface.
    expect(Math.abs(num(rowsOf('symmetric', 'scale_2.0')[19], 'b0_err_pct'))).toBeGreaterThan(1e-3);
  });

  it('writes the nested summary', () => {
    const a = summary.a_err_pct_wide as Record<string, Record<string, number>>;
    const b = summary.b_err_pct_wide as Record<string, Record<string, number>>;
    expect(Object.keys(a)).toEqual(SURFACES);
    for (const s of SURFACES) {
      expect(Object.keys(a[s])).toEqual(BIASES);
      for (const bias of BIASES) {
        expect(a[s][bias]).toBe(num(rowsOf(s, bias)[19], 'a_err_pct'));
        expect(b[s][bias]).toBe(num(rowsOf(s, bias)[19], 'b_err_pct'));
      }
    }
  });

  it('offset_sweep.csv: 3 surfaces × 4 grids × 29 factors, exponents exact under a constant offset', () => {
    expect(offsets.header).toEqual([...OFFSET_SWEEP_COLUMNS]);
    expect(offsets.rows).toHaveLength(3 * 4 * 29);
    expectFinite(
      offsets.rows,
      OFFSET_SWEEP_COLUMNS.filter((c) => !['surface', 'grid'].includes(c)),
    );
    for (const r of offsets.rows) {
      expect(Math.abs(num(r, 'b_err_pct'))).toBeLessThan(1e-9);
      expect(num(r, 'dcl_pct')).toBeGreaterThan(-1e-9);
    }
  });

  const offsetErr = (surface: string, grid: string, k: number): number => {
    const r = offsets.rows.find((x) => x.surface === surface && x.grid === grid && num(x, 'center_scale') === k);
    if (!r) throw new Error(`no offset row ${surface}/${grid}/${k}`);
    return num(r, 'd_err_pct');
  };

  it('reproduces the independently checked Symmetric offsets: the sign of the D* error changes with the factor and the grid', () => {
    const want: Record<string, Record<number, number>> = { L: { 1.5: -0.34, 2: 0.11, 3: 2.65 }, XL: { 1.5: -0.76, 2: -0.6, 3: 1.51 } };
    for (const [grid, byK] of Object.entries(want)) for (const [k, v] of Object.entries(byK)) expect(offsetErr('symmetric', grid, Number(k))).toBeCloseTo(v, 2);
    const change = (summary.offset_sweep as { sign_change_factor: Record<string, Record<string, number>> }).sign_change_factor.symmetric;
    expect(change.L).toBeGreaterThan(1.5);
    expect(change.L).toBeLessThan(2);
    expect(change.XL).toBeGreaterThan(2);
    expect(change.XL).toBeLessThan(3);
  });

  it('mirrors the Symmetric D* error: an offset of 1/k undoes the factor of k', () => {
    let pairs = 0;
    for (const up of offsets.rows.filter((r) => r.surface === 'symmetric' && num(r, 'center_scale') > 1)) {
      const k = num(up, 'center_scale');
      const down = offsets.rows.find((r) => r.surface === 'symmetric' && r.grid === up.grid && Math.abs(Math.log(num(r, 'center_scale') * k)) < 1e-12);
      if (!down) continue;
      expect((1 + num(up, 'd_err_pct') / 100) * (1 + num(down, 'd_err_pct') / 100)).toBeCloseTo(1, 10);
      pairs++;
    }
    expect(pairs).toBeGreaterThanOrEqual(4 * 8);
  });

  it('sweep.csv carries the D* error and DCL of the fitted law at the centre budget and at 1e24', () => {
    for (const r of sweep.rows) {
      expect(num(r, 'center_budget')).toBeCloseTo(1e19, -5);
      expect(num(r, 'eval_budget')).toBe(1e24);
    }
    // A constant offset moves D* by the same factor at every budget; drift does not.
    for (const r of rowsOf('chinchilla', 'scale_2.0')) expect(num(r, 'd_err_pct_eval')).toBeCloseTo(num(r, 'd_err_pct_center'), 8);
    const wide = rowsOf('symmetric', 'drift_0.4')[19];
    expect(Math.abs(num(wide, 'd_err_pct_eval') - num(wide, 'd_err_pct_center'))).toBeGreaterThan(0.1);
    // Under drift the intercept error (the law at C = 1 FLOP) and the D* errors at stated budgets have different signs here.
    expect(Math.sign(num(wide, 'b0_err_pct'))).not.toBe(Math.sign(num(wide, 'd_err_pct_eval')));
    for (const r of optima.rows) expect(num(r, 'dcl_pct')).toBeGreaterThan(-1e-9);
  });
});
