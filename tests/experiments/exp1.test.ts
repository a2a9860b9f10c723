import { readdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIMA_COLUMNS, SWEEP_COLUMNS } from '../../experiments/shared/columns.ts';
import { type CsvFile, expectFinite, experimentRun, num } from './helpers.ts';

let sweep: CsvFile;
let optima: CsvFile;
let summary: Record<string, unknown>;

const run = experimentRun(1);

beforeAll(async () => {
  sweep = await run.csv('sweep.csv');
  optima = await run.csv('optima.csv');
  summary = await run.json('summary.json');
});

describe('experiment 1: error of Approach 2 versus grid width', () => {
  it('writes the specified files', async () => {
    const files = await readdir(run.dir);
    for (const f of ['sweep.csv', 'optima.csv', 'empirical_error.html', 'empirical_error.json', 'summary.json']) expect(files).toContain(f);
  });

  it('writes sweep.csv and optima.csv with the specified columns, rows and finite values', () => {
    expect(sweep.header).toEqual([...SWEEP_COLUMNS]);
    expect(sweep.rows).toHaveLength(20);
    expectFinite(sweep.rows, SWEEP_COLUMNS.slice(2));
    expect(sweep.rows.map((r) => num(r, 'w_index'))).toEqual([...Array(20).keys()]);
    expect(sweep.rows.every((r) => r.surface === 'balanced' && r.bias === 'drift_0.2')).toBe(true);
    expect(num(sweep.rows[0], 'log_range')).toBe(0.3);
    expect(num(sweep.rows[19], 'log_range')).toBe(2);
    expect(optima.header).toEqual([...OPTIMA_COLUMNS]);
    expect(optima.rows).toHaveLength(100);
    expectFinite(optima.rows, OPTIMA_COLUMNS.slice(2));
  });

  it('has true exponents of the balanced surface and errors consistent with the estimates', () => {
    for (const r of sweep.rows) {
      expect(num(r, 'a_true')).toBe(0.5);
      expect(num(r, 'b_true')).toBe(0.5);
      expect(num(r, 'a_err_pct')).toBeCloseTo((100 * (num(r, 'a') - 0.5)) / 0.5, 12);
      expect(num(r, 'a0_err_pct')).toBeCloseTo((100 * (num(r, 'a0') - num(r, 'a0_true'))) / Math.abs(num(r, 'a0_true')), 12);
    }
  });

  it('shows the drift biasing the exponents, more so on wider grids', () => {
    // drift_0.2 moves the sampling centre with the budget, so even the balanced surface has exponent error.
    const aErr = sweep.rows.map((r) => Math.abs(num(r, 'a_err_pct')));
    expect(aErr[0]).toBeGreaterThan(1e-3);
    expect(aErr[19]).toBeGreaterThan(aErr[0]);
    // α = β: the N and D errors mirror each other.
    for (const r of sweep.rows) expect(num(r, 'a_err_pct')).toBeCloseTo(-num(r, 'b_err_pct'), 9);
  });

  it('writes the summary keys', () => {
    expect(summary).toMatchObject({
      experiment: 1,
      quick: true,
      seed: 42,
      bias: 'drift_0.2',
      surface: { e: 1.69, coef_a: 406.4, coef_b: 410.7, alpha: 0.31, beta: 0.31 },
    });
    expect(summary.a_err_pct_narrow).toBe(num(sweep.rows[0], 'a_err_pct'));
    expect(summary.a_err_pct_wide).toBe(num(sweep.rows[19], 'a_err_pct'));
    expect(summary.b_err_pct_narrow).toBe(num(sweep.rows[0], 'b_err_pct'));
    expect(summary.b_err_pct_wide).toBe(num(sweep.rows[19], 'b_err_pct'));
  });

  it('builds the three-row figure with nine panels', async () => {
    const fig = (await run.json('empirical_error.json')) as { data: Array<{ xaxis: string }>; layout: Record<string, unknown> };
    const axes = new Set(fig.data.map((t) => t.xaxis));
    expect(axes.size).toBe(9);
    expect(fig.layout.xaxis7).toMatchObject({ tickvals: [0.3, 0.5, 1, 1.5, 2], ticktext: ['±2.0×', '±3.2×', '±10×', '±32×', '±100×'] });
  });
});
