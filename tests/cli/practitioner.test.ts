/**
 * The practitioner's commands of issue #15: `fit --fix`, `envelope` and
 * `compare` (specs/cli.md), in-process through `main`.
 */
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPARE_MULTIPLIER, compareCsvs } from '../../examples/make-compare-csv.ts';
import { ROOT, runJson, runMain } from './helpers.ts';

const BASE = join(ROOT, 'examples', 'compare-baseline.csv');
const VARIANT = join(ROOT, 'examples', 'compare-variant.csv');
const tmp = mkdtempSync(join(tmpdir(), 'scaling-fit-h5-'));

describe('the shipped compare pair', () => {
  it('is what examples/make-compare-csv.ts writes', () => {
    const { baseline, variant } = compareCsvs();
    expect(readFileSync(BASE, 'utf8')).toBe(baseline);
    expect(readFileSync(VARIANT, 'utf8')).toBe(variant);
  });
});

describe('fit --fix', () => {
  it('pins E and alpha: the summary, the JSON and the fit say so', async () => {
    const text = await runMain([BASE, '--fix', 'E=1.69', '--fix', 'alpha=0.34']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('pinned   E = 1.69, alpha = 0.34');
    expect(text.stdout).toMatch(/ {2}E {8}1\.69 {2}\(pinned\)/);
    const j = await runJson([BASE, '--fix', 'E=1.69', '--fix', 'alpha=0.34']);
    expect(j.pinned).toEqual({ E: 1.69, alpha: 0.34 });
    expect(j.E).toBe(1.69);
    expect(j.alpha).toBe(0.34);
  });

  it('leaves the output without --fix as it was (no pinned key)', async () => {
    const j = await runJson([BASE]);
    expect('pinned' in j).toBe(false);
  });

  it('pins for Approach 3 too', async () => {
    const j = await runJson([BASE, '--method', 'approach3', '--fix', 'beta=0.28']);
    expect(j.beta).toBe(0.28);
    expect(j.pinned).toEqual({ beta: 0.28 });
  });

  it('labels the zero-width bootstrap intervals of pinned quantities "pinned", not a warning', async () => {
    const r = await runMain([BASE, '--fix', 'alpha=0.34', '--fix', 'beta=0.28', '--bootstrap', '8', '--jobs', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ {2}alpha {4}0\.34 +pinned/);
    expect(r.stdout).toMatch(/ {2}a {8}0\.451613 +pinned/);
    expect(r.stdout).not.toContain('zero width');
    expect(r.stdout).toContain('alpha, beta from this fit, alpha and beta pinned');
  });

  it('refuses unknown names, bad numbers, out-of-range values and methods without parameters', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--fix', 'gamma=0.1'], /--fix gamma: unknown parameter; this command pins E, A, B, alpha, beta/],
      [['--fix', 'E=abc'], /--fix E: "abc" is not a number/],
      [['--fix', 'E'], /--fix expects NAME=VALUE/],
      [['--fix', 'E=1', '--fix', 'E=2'], /--fix E was given twice/],
      [['--fix', 'E=-0.5'], /pinned E = -0.5 must be ≥ 0/],
      [['--fix', 'alpha=1.5'], /pinned alpha = 1.5 must lie within the method's bounds \[0.01, 0.99\]/],
      [['--fix', 'E=1.6', '--method', 'approach2'], /--fix does not apply to --method approach2/],
    ];
    for (const [flags, message] of cases) {
      const r = await runMain([BASE, ...flags]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});

describe('envelope', () => {
  it('fits the parabola minima by default and says so, with the Student-t interval on n − 3 degrees of freedom', async () => {
    const j = await runJson(['envelope', BASE]);
    expect(j.from).toBe('parabola');
    expect(j.from_description).toMatch(/parabola/);
    expect(j.n_budgets).toBe(7);
    expect(j.dof).toBe(4);
    expect(j.target.compute).toBe(1e24);
    expect(j.target.interval.kind).toBe('student_t');
    expect(j.target.interval.lo).toBeLessThan(j.target.loss);
    expect(j.target.interval.hi).toBeGreaterThan(j.target.loss);
    // The chinchilla surface's envelope: L∞ = 1.69, γ = αβ/(α+β) ≈ 0.1535.
    expect(j.Linf).toBeGreaterThan(1.5);
    expect(j.Linf).toBeLessThan(1.9);
    expect(j.gamma).toBeGreaterThan(0.1);
    expect(j.gamma).toBeLessThan(0.22);
  });

  it('pins Linf and gamma (n − 1 degrees of freedom) and reads --from surface', async () => {
    const j = await runJson(['envelope', BASE, '--fix', 'Linf=1.69', '--fix', 'gamma=0.1535']);
    expect(j.pinned).toEqual({ Linf: 1.69, gamma: 0.1535 });
    expect(j.free).toEqual(['A']);
    expect(j.dof).toBe(6);
    const s = await runMain(['envelope', BASE, '--from', 'surface']);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('--from surface: L_opt(C) of the fitted surface at each IsoFLOP budget (vpnls_lbfgsb_grad_nnls)');
    expect(s.stdout).toContain('the lack-of-fit interval has no width');
  });

  it('gives byte-identical bootstrap output for --jobs 1 and 2 and writes a report with the figure', async () => {
    const report = join(tmp, 'envelope.html');
    const one = await runMain(['envelope', BASE, '--bootstrap', '12', '--seed', '3', '--jobs', '1', '--json']);
    const two = await runMain(['envelope', BASE, '--bootstrap', '12', '--seed', '3', '--jobs', '2', '--json', '--report', report]);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const j = JSON.parse(one.stdout);
    expect(j.bootstrap.succeeded).toBe(12);
    expect(j.bootstrap.intervals.target_loss[0]).toBeLessThan(j.bootstrap.intervals.target_loss[1]);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('id="fig-envelope"');
    expect(html).toContain('lack-of-fit');
  }, 120_000);

  it('refuses bad --from, unknown --fix names and method flags with --from parabola', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--from', 'magic'], /--from must be one of parabola, surface; got "magic"/],
      [['--fix', 'delta=1'], /--fix delta: unknown parameter/],
      [['--fix', 'gamma=x'], /--fix gamma: "x" is not a number/],
      [['--method', 'approach3'], /--method does not apply to --from parabola/],
      [['--fix', 'Linf=-1'], /pinned Linf = -1/],
    ];
    for (const [flags, message] of cases) {
      const r = await runMain(['envelope', BASE, ...flags]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const help = await runMain(['envelope', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('envelope FILE.csv');
  });
});

describe('compare', () => {
  it(`the shipped pair: every interval contains the true multiplier ${COMPARE_MULTIPLIER}`, async () => {
    const j = await runJson(['compare', BASE, VARIANT, '--bootstrap', '100', '--seed', '1']);
    expect(j.mode).toBe('surface');
    expect(j.multipliers).toHaveLength(8);
    for (const m of j.multipliers) {
      expect(m.interval[0]).toBeLessThanOrEqual(COMPARE_MULTIPLIER);
      expect(m.interval[1]).toBeGreaterThanOrEqual(COMPARE_MULTIPLIER);
    }
    expect(j.multipliers.at(-1).target).toBe(true);
    expect(typeof j.verdict).toBe('string');
  }, 180_000);

  it('two copies of the same data: m = 1 and an interval containing 1', async () => {
    const j = await runJson(['compare', BASE, BASE, '--bootstrap', '30', '--seed', '2']);
    for (const m of j.multipliers) {
      expect(m.m).toBeCloseTo(1, 12);
      expect(m.interval[0]).toBeLessThanOrEqual(1);
      expect(m.interval[1]).toBeGreaterThanOrEqual(1);
      // Independent resampling of the two copies: the intervals have width.
      expect(m.interval[1] - m.interval[0]).toBeGreaterThan(0);
    }
    expect(j.excludes_one).toBe(false);
    expect(j.verdict).toMatch(/^No evidence of a difference/);
  }, 120_000);

  it('is byte-identical for the same seed with --jobs 1 and 2, also with --envelope', async () => {
    for (const extra of [[], ['--envelope', '--fix', 'Linf=1.69', '--fix', 'gamma=0.1535']]) {
      const one = await runMain(['compare', BASE, VARIANT, '--bootstrap', '10', '--seed', '5', '--jobs', '1', '--json', ...extra]);
      const two = await runMain(['compare', BASE, VARIANT, '--bootstrap', '10', '--seed', '5', '--jobs', '2', '--json', ...extra]);
      expect(one.code).toBe(0);
      expect(two.stdout).toBe(one.stdout);
    }
  }, 180_000);

  it('with a shared pinned Linf and gamma the envelope multiplier is ((L_base − Linf)/(L_variant − Linf))^(1/gamma) at every budget', async () => {
    const j = await runJson(['compare', BASE, VARIANT, '--envelope', '--fix', 'Linf=1.69', '--fix', 'gamma=0.1535']);
    const m = (j.baseline.target_loss - 1.69) / (j.variant.target_loss - 1.69);
    const expected = Math.pow(m, 1 / 0.1535);
    for (const x of j.multipliers) expect(x.m).toBeCloseTo(expected, 10);
    expect(j.formula).toBe('C_base(L_variant(C)) / C');
  });

  it('text and report name the verdict; bad arguments exit 2', async () => {
    const report = join(tmp, 'compare.html');
    const r = await runMain(['compare', BASE, VARIANT, '--report', report]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Effective compute multiplier');
    expect(r.stdout).toContain('Verdict: ');
    expect(readFileSync(report, 'utf8')).toContain('id="fig-multiplier"');
    const one = await runMain(['compare', BASE]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('compare takes 2 input files, got 1');
    const env = await runMain(['compare', BASE, VARIANT, '--fix', 'Linf=1.7']);
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('--fix Linf: envelope parameters apply with --envelope only');
  });
});
