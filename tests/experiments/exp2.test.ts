import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SWEEP_COLUMNS_EXP2 } from '../../experiments/exp2-exponent-imbalance.ts';
import { type CsvFile, expectFinite, experimentRun, num, readCsv, runQuick } from './helpers.ts';

const CONFIGS = ['balanced', 'chinchilla', 'small_imbalance', 'moderate_imbalance', 'high_imbalance', 'extreme_imbalance'];

let sweep: CsvFile;
let summary: Record<string, unknown>;

const run = experimentRun(2);

beforeAll(async () => {
  await runQuick(1, run.root);
  sweep = await run.csv('sweep.csv');
  summary = await run.json('summary.json');
});

describe('experiment 2: sensitivity to exponent imbalance', () => {
  it('writes the specified files', async () => {
    const files = await readdir(run.dir);
    for (const f of ['sweep.csv', 'summary.json', 'combined_errors.html', 'combined_errors.json', ...CONFIGS.flatMap((c) => [`${c}.html`, `${c}.json`])]) {
      expect(files).toContain(f);
    }
  });

  it('writes sweep.csv with the specified columns, 120 rows and finite values', () => {
    expect(sweep.header).toEqual([...SWEEP_COLUMNS_EXP2]);
    expect(sweep.header.slice(0, 5)).toEqual(['config', 'ratio', 'alpha', 'beta', 'bias']);
    expect(sweep.rows).toHaveLength(120);
    expectFinite(
      sweep.rows,
      SWEEP_COLUMNS_EXP2.filter((c) => c !== 'config' && c !== 'bias'),
    );
    expect([...new Set(sweep.rows.map((r) => r.config))]).toEqual(CONFIGS);
  });

  it('uses the imbalance family of specs/conventions.md §1', () => {
    const first = (c: string) => sweep.rows.find((r) => r.config === c)!;
    for (const c of CONFIGS) {
      const r = first(c);
      expect(num(r, 'alpha') + num(r, 'beta')).toBeCloseTo(0.62, 14);
      expect(num(r, 'alpha') / num(r, 'beta')).toBeCloseTo(num(r, 'ratio'), 12);
    }
    expect(num(first('chinchilla'), 'alpha')).toBe(0.34);
    expect(num(first('chinchilla'), 'beta')).toBe(0.28);
    expect(num(first('high_imbalance'), 'alpha')).toBeCloseTo(0.465, 15);
  });

  it('reproduces experiment 1 for the balanced config', async () => {
    const exp1 = await readCsv(join(run.root, 'experiments/exp1/sweep.csv'));
    const balanced = sweep.rows.filter((r) => r.config === 'balanced');
    for (const [i, r] of balanced.entries()) {
      for (const c of exp1.header.slice(1)) expect(r[c]).toBe(exp1.rows[i][c]);
    }
  });

  it('shows larger wide-grid exponent errors for strongly imbalanced surfaces', () => {
    const configs = summary.configs as Record<string, { ratio: number; a_err_pct_wide: number; b_err_pct_wide: number }>;
    expect(Object.keys(configs)).toEqual(CONFIGS);
    const absA = (c: string) => Math.abs(configs[c].a_err_pct_wide);
    expect(absA('moderate_imbalance')).toBeGreaterThan(absA('balanced'));
    expect(absA('high_imbalance')).toBeGreaterThan(absA('moderate_imbalance'));
    expect(absA('extreme_imbalance')).toBeGreaterThan(absA('high_imbalance'));
    const wide = sweep.rows.find((r) => r.config === 'extreme_imbalance' && r.w_index === '19')!;
    expect(configs.extreme_imbalance.b_err_pct_wide).toBe(num(wide, 'b_err_pct'));
  });
});
