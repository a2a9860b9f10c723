import { describe, expect, it } from 'vitest';
import { SURFACES, lossOpt, lossOptCoefficient } from '../../../src/surface/index.ts';
import { Rng } from '../../../src/util/rng.ts';
import { envelopeCompute, envelopeInterval, envelopeLoss, fitEnvelope } from '../../../src/fit/envelope.ts';

const BUDGETS = [1e17, 1e18, 1e19, 1e20, 1e21];

describe('envelope fit', () => {
  for (const name of ['symmetric', 'chinchilla', 'asymmetric'] as const) {
    it(`recovers L∞ = E, γ = αβ/(α+β) and A = K·6^γ from the noise-free compute-optimal losses of the ${name} surface`, () => {
      const s = SURFACES[name];
      const gamma = (s.alpha * s.beta) / (s.alpha + s.beta);
      const f = fitEnvelope(
        BUDGETS,
        BUDGETS.map((C) => lossOpt(s, C)),
      );
      expect(Math.abs(f.Linf / s.E - 1)).toBeLessThan(1e-9);
      expect(Math.abs(f.gamma / gamma - 1)).toBeLessThan(1e-9);
      expect(Math.abs(f.A / (lossOptCoefficient(s) * Math.pow(6, gamma)) - 1)).toBeLessThan(1e-9);
      expect(f.status).toBe('converged');
      expect(f.dof).toBe(2);
      expect(envelopeLoss(f, 1e24)).toBeCloseTo(lossOpt(s, 1e24), 9);
      expect(envelopeCompute(f, envelopeLoss(f, 3e22)) / 3e22).toBeCloseTo(1, 9);
    });
  }

  it('pins L∞ and γ: the free count and the degrees of freedom follow', () => {
    const s = SURFACES.chinchilla;
    const L = BUDGETS.map((C) => lossOpt(s, C));
    const gamma = (s.alpha * s.beta) / (s.alpha + s.beta);
    const a = fitEnvelope(BUDGETS, L, { fix: { Linf: s.E } });
    expect(a.free).toEqual(['A', 'gamma']);
    expect(a.dof).toBe(3);
    expect(Math.abs(a.gamma / gamma - 1)).toBeLessThan(1e-9);
    const b = fitEnvelope(BUDGETS, L, { fix: { Linf: s.E, gamma } });
    expect(b.free).toEqual(['A']);
    expect(b.dof).toBe(4);
    expect(b.Linf).toBe(s.E);
    expect(b.gamma).toBe(gamma);
  });

  it('refuses too few budgets, bad pins and losses that rise with compute', () => {
    expect(() => fitEnvelope([1e18, 1e19, 1e20], [3, 2.8, 2.7])).toThrow(/needs at least 4 budgets; got 3/);
    expect(() => fitEnvelope(BUDGETS, [3, 2.9, 2.8, 2.7, 2.6], { fix: { Linf: -1 } })).toThrow(/pinned Linf = -1/);
    expect(() => fitEnvelope(BUDGETS, [3, 2.9, 2.8, 2.7, 2.6], { fix: { gamma: 5 } })).toThrow(/pinned gamma = 5/);
    expect(() => fitEnvelope(BUDGETS, [2, 2.1, 2.2, 2.3, 2.4])).toThrow(/does not decrease with compute/);
  });

  /*
   * Coverage of the Student-t lack-of-fit interval: 1,000 seeded sweeps of
   * five budgets, the chinchilla envelope plus N(0, 0.005²) noise on each
   * compute-optimal loss, 90 % interval at 1e24 FLOPs (1000× the largest
   * budget). Nominal coverage within sampling error (±2 standard errors ≈ 0.02).
   */
  const truth = SURFACES.chinchilla;
  for (const [label, fix] of [
    ['L∞, A, γ free', {}],
    ['γ pinned (linear in L∞, A: exact t interval)', { gamma: (truth.alpha * truth.beta) / (truth.alpha + truth.beta) }],
  ] as const) {
    it(`the 90% interval covers the true L(1e24) in 0.88–0.92 of 1,000 simulated sweeps (${label})`, () => {
      const rng = new Rng(7);
      const target = lossOpt(truth, 1e24);
      let covered = 0;
      for (let k = 0; k < 1000; k++) {
        const L = BUDGETS.map((C) => lossOpt(truth, C) + 0.005 * rng.normal());
        const iv = envelopeInterval(fitEnvelope(BUDGETS, L, { fix }), 1e24, 0.9);
        if (iv.lo <= target && target <= iv.hi) covered++;
      }
      expect(covered / 1000).toBeGreaterThanOrEqual(0.88);
      expect(covered / 1000).toBeLessThanOrEqual(0.92);
    }, 30_000);
  }

  it('uses Student t on n − free degrees of freedom', () => {
    const L = BUDGETS.map((C, i) => lossOpt(truth, C) + [0.003, -0.002, 0.001, 0.004, -0.003][i]!);
    const iv = envelopeInterval(fitEnvelope(BUDGETS, L), 1e24, 0.9);
    expect(iv.dof).toBe(2);
    expect(iv.t).toBeCloseTo(2.919985580353727, 10);
    expect(iv.hi - iv.loss).toBeCloseTo(iv.t * iv.se, 12);
  });
});
