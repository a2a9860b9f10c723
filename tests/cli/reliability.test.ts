/**
 * The practitioner's path gives no silent nonsense (specs/cli.md, "Reliability"):
 * degenerate and non-scaling data are refused with a typed error and exit 2,
 * weakly determined fits carry warnings in every output form, E, A, B are
 * never negative, and the bootstrap resamples what the data can support.
 * Inputs: tests/fixtures/reliability/ (small made-up IsoFLOP tables).
 */
import { readFile, rm, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsvFile } from '../../src/data/load.ts';
import { groupKeys } from '../../src/data/isoflop-table.ts';
import { bootstrapFit, chooseScheme, groupRowIndices, resampleScheme, zeroWidthWarnings } from '../../src/cli/bootstrap.ts';
import { runFit, type FitInput, type MethodSpec } from '../../src/cli/fit-core.ts';
import { formatJson, formatSummary, type RunReport } from '../../src/cli/output.ts';
import { reportFigures } from '../../src/cli/report.ts';
import { DegenerateDataError, InvalidInputError, NoScalingError, TooFewPointsError } from '../../src/core/errors.ts';
import { fitVpnls } from '../../src/fit/vpnls.ts';
import { tsKernels } from '../../src/kernels/twin/index.ts';
import { Rng } from '../../src/util/rng.ts';
import { percentileInterval } from '../../src/util/stats.ts';
import { ROOT, runJson, runMain, spawnCommand } from './helpers.ts';

const FIX = join(ROOT, 'tests', 'fixtures', 'reliability');
const fx = (name: string): string => join(FIX, name);
const VPNLS: MethodSpec = { method: 'vpnls', optimizer: 'lbfgsb', objective: 'mse', huberDelta: 1e-3, lse: false, logLoss: false, gridSize: null };

async function fitInput(name: string): Promise<FitInput> {
  const d = await loadCsvFile(fx(name));
  return { N: d.N, D: d.D, L: d.L, groups: groupKeys(d) };
}

/** One located line on stderr, exit 2, nothing on stdout. */
async function expectRefused(argv: string[], fragment: string | RegExp): Promise<void> {
  const r = await runMain(argv);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(fragment);
  expect(r.stderr).not.toMatch(/NaN|at .*\.ts:\d+/);
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reliability-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('identifiability checks before fitting', () => {
  for (const method of ['vpnls', 'approach3', 'approach2', 'grid']) {
    it(`refuses all N equal with --method ${method}: a typed error naming the missing variation, exit 2`, () =>
      expectRefused(
        [fx('all_N_equal.csv'), '--method', method],
        /all 75 points have the same N = 100000000; a surface fit needs at least 2 distinct model sizes/,
      ));
  }
  it('refuses five points for five parameters (an exact interpolation)', () =>
    expectRefused([fx('five_points.csv')], '5 data points but the fit needs at least 6'));
  it('throws TooFewPointsError and DegenerateDataError from the library', async () => {
    const five = await fitInput('five_points.csv');
    expect(() => runFit(five, VPNLS, { n: 1, d: 1 }, 1e24)).toThrow(TooFewPointsError);
    const flat = await fitInput('all_N_equal.csv');
    expect(() => fitVpnls(flat.N, flat.D, flat.L)).toThrow(DegenerateDataError);
  });
  it('refuses points on one line in log N–log D (a fixed tokens-per-parameter ratio)', () => {
    const N = [1e7, 2e7, 4e7, 8e7, 1.6e8, 3.2e8, 6.4e8];
    const D = N.map((n) => 20 * n);
    const L = N.map((n, i) => 2 + 400 / n ** 0.34 + 400 / D[i]! ** 0.28);
    expect(() => fitVpnls(N, D, L)).toThrow(/all points lie on one line in log N–log D/);
  });
  it('warns in text, JSON and report when a fit is possible but weakly determined (8 points, 2 budgets)', async () => {
    const base = (await readFile(fx('base.csv'), 'utf8')).trim().split('\n');
    const keep = [
      base[0],
      ...base
        .slice(1)
        .filter((l) => /^1e1[78],/.test(l))
        .filter((_, i) => i % 4 === 1),
    ];
    const file = join(dir, 'weak.csv');
    await writeFile(file, `${keep.join('\n')}\n`);
    const j = await runJson([file]);
    expect(j.n_points).toBe(8);
    expect(j.warnings).toEqual([
      expect.stringContaining('only 8 points for 5 surface parameters: the fit is weakly determined'),
      expect.stringContaining('only 2 IsoFLOP groups'),
    ]);
    const text = await runMain([file, '--report', join(dir, 'weak.html')]);
    expect(text.stdout).toContain('warning: only 8 points for 5 surface parameters');
    expect(await readFile(join(dir, 'weak.html'), 'utf8')).toContain('warning: only 2 IsoFLOP groups');
    expect((await runJson([fx('base.csv')])).warnings).toEqual([]);
  });
  it('warns when N looks like it is in billions (below one parameter)', async () => {
    const j = await runJson([fx('tiny_N.csv')]);
    expect(j.warnings.join(' ')).toContain('below one parameter');
  });
});

describe('physically valid surfaces', () => {
  it('says in words that loss rising with N shows no scaling, instead of a negative A', () =>
    expectRefused([fx('increasing_loss.csv')], /the data show no scaling: .* A = 0 \(the loss does not decrease with N\)/));
  it('says so too when the budget column is taken as the loss', () => expectRefused([fx('base.csv'), '--loss-col', 'budget'], /the data show no scaling/));
  it('says so for Approach 3, whose A sits at its lower bound', () =>
    expectRefused([fx('increasing_loss.csv'), '--method', 'approach3'], /the data show no scaling/));
  it('says so when a term is nearly constant over the data (exponents at their lower bound), instead of printing N* = 0 and D* = null', () =>
    expectRefused(
      [fx('flat_n_term.csv'), '--method', 'approach3', '--lse', '--target-compute', '3.5e26', '--n-scale', '1e-6', '--json'],
      /flat_n_term\.csv: the data show no scaling: .* \(the loss does not decrease with N\)/,
    ));
  it('names an allocation beyond double precision in words (a bootstrap replicate), never Infinity or NaN in the output', async () => {
    const r = await runMain([fx('replicate_overflow.csv'), '--method', 'approach2', '--target-compute', '1e24', '--bootstrap', '5', '--jobs', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('outside double precision (N* overflows, D* underflows to zero)');
    expect(r.stdout).not.toMatch(/\bNaN\b|Infinity/);
  });
  it('the library default never returns negative E, A or B; the study recipe keeps its id and its OLS inner solve', async () => {
    const d = await fitInput('increasing_loss.csv');
    const def = fitVpnls(d.N, d.D, d.L);
    expect(def.method).toBe('vpnls_lbfgsb_grad_nnls');
    for (const k of ['E', 'A', 'B'] as const) expect(def[k]).toBeGreaterThanOrEqual(0);
    const study = fitVpnls(d.N, d.D, d.L, { refine: { method: 'lbfgsb', gradient: 'analytic' } });
    expect(study.method).toBe('vpnls_lbfgsb_grad');
    expect(Math.min(study.E, study.A, study.B)).toBeLessThan(0);
    expect(() => runFit(d, VPNLS, { n: 1, d: 1 }, 1e24)).toThrow(NoScalingError);
  });
  it('the default and the study recipe agree where the OLS optimum is positive', async () => {
    const d = await fitInput('base.csv');
    const def = fitVpnls(d.N, d.D, d.L);
    const study = fitVpnls(d.N, d.D, d.L, { refine: { method: 'lbfgsb', gradient: 'analytic' } });
    for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) expect(def[k] / study[k] - 1, k).toBeLessThan(1e-9);
  });
});

describe('losses at any scale', () => {
  async function scaled(factor: number): Promise<string> {
    const rows = (await readFile(fx('base.csv'), 'utf8')).trim().split('\n');
    const out = rows.map((r, i) => (i === 0 ? r : r.replace(/,([^,]+)$/, (_m, l: string) => `,${Number(l) * factor}`)));
    const file = join(dir, `scaled-${factor}.csv`);
    await writeFile(file, `${out.join('\n')}\n`);
    return file;
  }
  it('fits tiny but varying losses (×1e-100) instead of calling them all equal', async () => {
    const a = await runJson([await scaled(1e-100)]);
    const b = await runJson([fx('base.csv')]);
    // Within one step of the 32-point exponent grid: L-BFGS-B's stopping rule divides by max(|f|, 1),
    // so at RSS ≈ 1e-200 the refinement stops near the grid seed (specs/fitting.md).
    expect(Math.abs(a.alpha - b.alpha)).toBeLessThan(0.9 / 31);
    expect(Math.min(a.E, a.A, a.B)).toBeGreaterThan(0);
  });
  it('says losses ×1e-300 are too small for double precision, not that they are all equal', () =>
    scaled(1e-300).then((f) => expectRefused([f], /too small to fit in double precision/)));
});

describe('bootstrap schemes', () => {
  it('chooses within-curve, whole-curve or run resampling from the data', async () => {
    const base = await fitInput('base.csv');
    expect(chooseScheme(base.N, groupRowIndices(base.groups)).scheme).toBe('within-curves');
    const unique = await fitInput('unique_compute.csv');
    expect(chooseScheme(unique.N, groupRowIndices(unique.groups)).scheme).toBe('curves');
    // Four curves, one of them with two model sizes: too few curves to resample whole.
    const four = { N: Float64Array.of(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2), groups: Float64Array.of(1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4) };
    expect(chooseScheme(four.N, groupRowIndices(four.groups)).scheme).toBe('runs');
    // Whole curves: every drawn curve brings all its rows.
    const rows = resampleScheme('curves', groupRowIndices(four.groups), 11, new Rng(3));
    const sizes = new Map<number, number>();
    for (const i of rows) sizes.set(four.groups[i]!, (sizes.get(four.groups[i]!) ?? 0) + 1);
    for (const [g, c] of sizes) expect(c % (g === 4 ? 2 : 3), String(g)).toBe(0);
  });
  it('states the scheme in the JSON, the summary and the report', async () => {
    const report = join(dir, 'boot.html');
    const j = await runJson([fx('unique_compute.csv'), '--bootstrap', '20', '--jobs', '1', '--report', report]);
    expect(j.bootstrap.scheme).toBe('curves');
    expect(j.bootstrap.resampling).toBe('whole IsoFLOP curves');
    const text = await runMain([fx('unique_compute.csv'), '--bootstrap', '20', '--jobs', '1']);
    expect(text.stdout).toContain('resampling whole IsoFLOP curves (curves)');
    expect(await readFile(report, 'utf8')).toContain('Replicates resample whole IsoFLOP curves');
  });
  it('gives an alpha interval on unique compute values comparable to a case-resampling reference, not 4× narrower', async () => {
    const d = await fitInput('unique_compute.csv');
    const K = 200;
    const cli = await runJson([fx('unique_compute.csv'), '--bootstrap', String(K), '--seed', '1', '--jobs', '1']);
    const [lo, hi] = cli.bootstrap.intervals.alpha as [number, number];
    // Reference: plain case resampling of the 75 runs, refit with the library default.
    const rng = new Rng(12345);
    const alphas: number[] = [];
    for (let k = 0; k < K; k++) {
      const idx = Array.from({ length: d.N.length }, () => rng.int(d.N.length));
      try {
        alphas.push(
          fitVpnls(
            idx.map((i) => d.N[i]!),
            idx.map((i) => d.D[i]!),
            idx.map((i) => d.L[i]!),
          ).alpha,
        );
      } catch {
        // a degenerate resample; the reference leaves it out as the CLI does
      }
    }
    const [rlo, rhi] = percentileInterval(Float64Array.from(alphas), 0.95);
    const ratio = (hi - lo) / (rhi - rlo);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1 / 0.6);
  });
  it('warns loudly when an interval has zero width, in the summary and the JSON', async () => {
    const input = await fitInput('base.csv');
    const b = await bootstrapFit(input, VPNLS, { n: 1, d: 1 }, 1e24, '', { replicates: 4, seed: 1, level: 0.95, jobs: 1 });
    expect(b.warnings).toEqual([]);
    const flat = { ...b.intervals, a: [0.5, 0.5] as const };
    const warnings = zeroWidthWarnings(flat, 'within-curves');
    expect(warnings[0]).toMatch(/bootstrap intervals of a have zero width: .* say nothing about the uncertainty/);
    const outcome = runFit(input, VPNLS, { n: 1, d: 1 }, 1e24);
    const r: RunReport = {
      outcome,
      scales: { n: 1, d: 1 },
      grids: [],
      bias: null,
      data: { source: 'x', nPoints: 75, nGroups: 5, groupedBy: 'g', filters: [], largestBudget: 1e21, targetRule: 't' },
      bootstrap: { ...b, intervals: flat, warnings },
    };
    expect(formatSummary(r)).toContain(`warning: ${warnings[0]}`);
    expect(JSON.parse(formatJson(r)).warnings).toEqual(warnings);
  });
  it('caps --jobs at the CPUs with a note, and the result does not change', async () => {
    const input = await fitInput('base.csv');
    const notes: string[] = [];
    const b = await bootstrapFit(input, VPNLS, { n: 1, d: 1 }, 1e24, '', {
      replicates: 4,
      seed: 1,
      level: 0.95,
      jobs: 256,
      cpus: 1,
      onNote: (n) => notes.push(n),
    });
    expect(notes).toEqual(['--jobs 256 capped at 1 (1 CPUs)']);
    const one = await bootstrapFit(input, VPNLS, { n: 1, d: 1 }, 1e24, '', { replicates: 4, seed: 1, level: 0.95, jobs: 1 });
    expect(b.intervals).toEqual(one.intervals);
  });
});

describe('large and odd inputs', () => {
  it('--seed -1 is rejected naming the flag', () =>
    expectRefused([fx('base.csv'), '--bootstrap', '10', '--seed', '-1'], '--seed must be a non-negative integer, got -1'));
  it('draws the report figures for 10⁶ rows (no spread of every value into Math.min)', async () => {
    const small = await fitInput('base.csv');
    const n = 1_000_000;
    const pick = (x: Float64Array) => Float64Array.from({ length: n }, (_, i) => x[i % x.length]!);
    const big: FitInput = { N: pick(small.N), D: pick(small.D), L: pick(small.L), groups: pick(small.groups) };
    const outcome = runFit(small, VPNLS, { n: 1, d: 1 }, 1e24);
    const r: RunReport = {
      outcome,
      scales: { n: 1, d: 1 },
      grids: [],
      bias: null,
      bootstrap: null,
      data: { source: 'big', nPoints: n, nGroups: 5, groupedBy: 'g', filters: [], largestBudget: 1e21, targetRule: 't' },
    };
    expect(reportFigures(big, r, { approach2: null, surface: outcome.surface, surfaceLabel: 'this fit' }).length).toBeGreaterThan(2);
  });
  it('the TypeScript backend refuses a grid beyond the WebAssembly limit before allocating, with the same typed error', async () => {
    const d = await fitInput('base.csv');
    const huge = { kernels: tsKernels, grid: { size: 8_000_000, lo: 0.05, hi: 0.95 } };
    const t = Date.now();
    expect(() => fitVpnls(d.N, d.D, d.L, huge)).toThrow(InvalidInputError);
    expect(() => fitVpnls(d.N, d.D, d.L, huge)).toThrow(/vpnls grid needs [\d.]+ GiB of WebAssembly memory, beyond the 4 GiB/);
    expect(Date.now() - t).toBeLessThan(20_000);
  });
  it('exits 0 quietly when stdout is closed early (| true)', async () => {
    const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const cmd = `"${process.execPath}" "${tsx}" src/cli/fit.ts "${fx('base.csv')}" | true; echo "exit=\${PIPESTATUS[0]}"`;
    const r = await spawnCommand('bash', ['-c', cmd]);
    expect(r.stdout.trim()).toBe('exit=0');
    expect(r.stderr).toBe('');
  }, 60_000);
});
