import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIMA_COLUMNS, SWEEP_COLUMNS } from '../../experiments/shared/columns.ts';
import { type CsvFile, expectFinite, makeTempDir, num, readCsv, readJson, removeDir, runQuick } from './helpers.ts';

const SURFACES = ['symmetric', 'chinchilla', 'asymmetric'];
const BIASES = ['baseline', 'drift_0.2', 'drift_0.4', 'scale_1.5', 'scale_2.0'];

let root: string;
let dir: string;
let sweep: CsvFile;
let optima: CsvFile;
let summary: Record<string, unknown>;

beforeAll(async () => {
  root = await makeTempDir();
  dir = (await runQuick(3, root)).dir;
  sweep = await readCsv(join(dir, 'sweep.csv'));
  optima = await readCsv(join(dir, 'optima.csv'));
  summary = await readJson(join(dir, 'summary.json'));
});
afterAll(() => removeDir(root));

const rowsOf = (surface: string, bias: string) => sweep.rows.filter((r) => r.surface === surface && r.bias === bias);

describe('experiment 3: sensitivity to a biased sampling centre', () => {
  it('writes the specified files', async () => {
    const files = await readdir(dir);
    const figures = ['param_errors', ...SURFACES.map((s) => `optima_errors_${s}`), ...SURFACES.flatMap((s) => BIASES.map((b) => `${s}_${b}`))];
    for (const f of ['sweep.csv', 'optima.csv', 'summary.json', ...figures.flatMap((n) => [`${n}.html`, `${n}.json`])]) expect(files).toContain(f);
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
});
