import { describe, expect, it } from 'vitest';
import { approach2ExtrapolationError } from '../../../src/fit/approach2-bias.ts';
import { extrapolateApproach2, fitApproach2 } from '../../../src/fit/approach2.ts';
import { NAMED_GRIDS } from '../../../src/sampling/index.ts';
import { dOpt, FLOPS_PER_PARAM_TOKEN, loss, nOpt, SURFACES } from '../../../src/surface/index.ts';
import { linspace } from '../../../src/util/space.ts';
import { centreBudget } from '../../../experiments/shared/budgets.ts';
import { allocationCost, dclFractionOfMisallocation, dclQuadraticCoefficient } from '../../../src/surface/allocation-cost.ts';
import { type BudgetGrid, closedFormBias } from '../../../experiments/exp12/closed-form.ts';
import { offsetFactors, signChangeFactor, symmetricSignChangeFactor } from '../../../experiments/exp3/offset-sweep.ts';

describe('DCL of a misallocation', () => {
  it('equals the specs/experiments.md §B.4 DCL at any budget and on any surface with the same α, β', () => {
    for (const name of ['chinchilla', 'asymmetric', 'soda'] as const) {
      const s = SURFACES[name];
      for (const ratio of [0.7, 0.971, 1.05, 1.35]) {
        const want = dclFractionOfMisallocation(s.alpha, s.beta, ratio);
        for (const C of [1e19, 1e21, 1e24, 1e26]) {
          const got = allocationCost(s, ratio * dOpt(s, C), C).dcl_pct / 100;
          expect(Math.abs(got - want)).toBeLessThan(1e-9 + 1e-6 * want);
        }
      }
    }
  });

  it('is quadratic in ln(D̂/D*) with coefficient (α+β)/2 for small misallocations', () => {
    const { alpha, beta } = SURFACES.chinchilla;
    const c = dclQuadraticCoefficient(alpha, beta);
    expect(c).toBeCloseTo(0.31, 12);
    for (const u of [1e-3, -1e-3, 1e-2]) {
      const f = dclFractionOfMisallocation(alpha, beta, Math.exp(u));
      expect(Math.abs(f / (c * u * u) - 1)).toBeLessThan(20 * Math.abs(u));
    }
    expect(dclFractionOfMisallocation(alpha, beta, 1)).toBe(0);
  });

  it('rejects a non-positive ratio by name', () => {
    expect(() => dclFractionOfMisallocation(0.3, 0.3, 0)).toThrow(/ratio = 0/);
    expect(() => dclFractionOfMisallocation(-1, 0.3, 1)).toThrow(/alpha = -1/);
  });
});

describe('constant-offset sweep helpers', () => {
  it('spans 0.5 to 4 with 29 log-spaced and named factors', () => {
    const ks = offsetFactors();
    expect(ks).toHaveLength(29);
    expect(ks[0]).toBe(0.5);
    expect(ks[ks.length - 1]).toBe(4);
    for (const k of [1, 1.5, 2, 3]) expect(ks).toContain(k);
    expect(ks.every((k, i) => i === 0 || k > ks[i - 1])).toBe(true);
    expect(() => offsetFactors({ min: 2, max: 1 })).toThrow(/min = 2/);
  });

  it('finds the last negative-to-positive change above 1, interpolated in ln k', () => {
    const rows = [
      { center_scale: 0.5, d_err_pct: 1 },
      { center_scale: 1, d_err_pct: 0 },
      { center_scale: 1.5, d_err_pct: -1 },
      { center_scale: 2, d_err_pct: -1 },
      { center_scale: 4, d_err_pct: 1 },
    ];
    expect(signChangeFactor(rows)).toBeCloseTo(Math.sqrt(8), 12);
    expect(signChangeFactor(rows.map((r) => ({ ...r, d_err_pct: Math.abs(r.d_err_pct) })))).toBeNull();
  });

  it('predicts the Symmetric sign change at about 0.29·W decades, and wider grids switch later', () => {
    const W = NAMED_GRIDS.XL.W;
    const k = symmetricSignChangeFactor(W, 2001);
    expect(Math.log10(k) / W).toBeCloseTo(Math.sqrt(3 / 35), 3);
    const ks = (['XS', 'S', 'L', 'XL'] as const).map((g) => symmetricSignChangeFactor(NAMED_GRIDS[g].W, 15));
    expect(ks.every((x, i) => i === 0 || x > ks[i - 1])).toBe(true);
  });

  it('centres the fitting budgets at 1e19', () => {
    expect(centreBudget([1e17, 1e18, 1e19, 1e20, 1e21])).toBeCloseTo(1e19, -6);
  });
});

/** Noise-free centred samples with a budget-specific half-width, fitted with Approach 2. */
function simulateVaryingWidths(grids: readonly BudgetGrid[]) {
  const s = SURFACES.chinchilla;
  const N: number[] = [];
  const D: number[] = [];
  const L: number[] = [];
  const C: number[] = [];
  for (const g of grids) {
    for (const w of linspace(-g.W, g.W, g.n)) {
      const n = nOpt(s, g.budget) * Math.pow(10, w);
      const d = g.budget / (FLOPS_PER_PARAM_TOKEN * n);
      N.push(n);
      D.push(d);
      L.push(loss(s, n, d));
      C.push(g.budget);
    }
  }
  return fitApproach2(N, D, L, C);
}

describe('closed-form bias on a real grid layout', () => {
  const { alpha, beta } = SURFACES.chinchilla;

  it('with equal widths keeps the exponent and reproduces the closed-form D* error', () => {
    const grids = [1e18, 1e19, 1e20].map((budget) => ({ budget, n: 15, W: NAMED_GRIDS.L.W }));
    const r = closedFormBias(alpha, beta, grids);
    expect(Math.abs(r.b_err_pct)).toBeLessThan(1e-10);
    expect(r.d_err_pct_1000x / 100).toBeCloseTo(approach2ExtrapolationError(alpha, beta, NAMED_GRIDS.L.W, 15), 12);
  });

  it('matches a simulated Approach 2 fit when widths and counts vary by budget', () => {
    const grids: BudgetGrid[] = [
      { budget: 1e18, n: 9, W: 0.4 },
      { budget: 1e19, n: 12, W: 0.7 },
      { budget: 1e20, n: 15, W: 1.0 },
      { budget: 1e21, n: 8, W: 0.6 },
    ];
    const r = closedFormBias(alpha, beta, grids);
    const fit = simulateVaryingWidths(grids);
    const bTrue = alpha / (alpha + beta);
    expect(Math.abs(r.b_err_pct - (100 * (fit.b - bTrue)) / bTrue)).toBeLessThan(1e-8);
    expect(Math.abs(r.b_err_pct)).toBeGreaterThan(1e-3);
    for (const [m, key] of [
      [10, 'd_err_pct_10x'],
      [1000, 'd_err_pct_1000x'],
    ] as const) {
      const C = m * 1e21;
      const sim = 100 * (extrapolateApproach2(fit, C).D / dOpt(SURFACES.chinchilla, C) - 1);
      expect(Math.abs(r[key] - sim)).toBeLessThan(1e-8);
    }
  });

  it('needs two budgets', () => {
    expect(() => closedFormBias(alpha, beta, [{ budget: 1e18, n: 9, W: 0.4 }])).toThrow(/got 1/);
  });
});
