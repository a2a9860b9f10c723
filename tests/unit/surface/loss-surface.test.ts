import { describe, expect, it } from 'vitest';
import {
  SURFACES,
  allocationG,
  computeForLoss,
  dOpt,
  exponentA,
  exponentB,
  imbalanceFamily,
  imbalanceSurface,
  intercepts,
  loss,
  lossOpt,
  nOpt,
} from '../../../src/surface/index.ts';

describe('loss surface allocation', () => {
  for (const [name, s] of Object.entries(SURFACES)) {
    it(`${name}: a + b = 1 and N*·D* = C/6 exactly`, () => {
      expect(exponentA(s) + exponentB(s)).toBeCloseTo(1, 15);
      for (const C of [1e17, 1e21, 1e24]) expect((nOpt(s, C) * dOpt(s, C)) / (C / 6)).toBeCloseTo(1, 12);
    });

    it(`${name}: N* minimises L along the IsoFLOP curve`, () => {
      const C = 1e20;
      const at = (N: number): number => loss(s, N, C / (6 * N));
      const n = nOpt(s, C);
      expect(at(n)).toBeLessThan(at(n * 1.001));
      expect(at(n)).toBeLessThan(at(n / 1.001));
    });

    it(`${name}: the log10 intercepts reproduce N* and D*`, () => {
      const { a0, b0 } = intercepts(s);
      const C = 3e22;
      expect(Math.pow(10, exponentA(s) * Math.log10(C) + a0) / nOpt(s, C)).toBeCloseTo(1, 12);
      expect(Math.pow(10, exponentB(s) * Math.log10(C) + b0) / dOpt(s, C)).toBeCloseTo(1, 12);
    });

    it(`${name}: C(L) inverts L_opt(C)`, () => {
      for (const C of [1e18, 1e23]) expect(computeForLoss(s, lossOpt(s, C)) / C).toBeCloseTo(1, 9);
    });
  }

  it('computes G = (αA/(βB))^(1/(α+β))', () => {
    const s = SURFACES.chinchilla;
    expect(allocationG(s)).toBeCloseTo(Math.pow((0.34 * 406.4) / (0.28 * 410.7), 1 / 0.62), 14);
  });

  it('rejects a loss at or below E in the inverse', () => {
    expect(() => computeForLoss(SURFACES.chinchilla, 1.69)).toThrow(/must exceed the irreducible loss E = 1.69/);
  });

  it('builds the imbalance family with α + β = 0.62 and the chinchilla row exact', () => {
    const fam = imbalanceFamily();
    expect(fam.map((f) => f.config)).toEqual(['balanced', 'chinchilla', 'small_imbalance', 'moderate_imbalance', 'high_imbalance', 'extreme_imbalance']);
    for (const f of fam) expect(f.surface.alpha + f.surface.beta).toBeCloseTo(0.62, 15);
    expect(fam[1].surface).toBe(SURFACES.chinchilla);
    const high = imbalanceSurface(3);
    expect(high.alpha).toBeCloseTo(SURFACES.asymmetric.alpha, 15);
    expect(high.beta).toBeCloseTo(SURFACES.asymmetric.beta, 15);
  });
});
