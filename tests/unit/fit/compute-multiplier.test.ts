import { describe, expect, it } from 'vitest';
import { envelopeMultiplier, surfaceMultiplier } from '../../../src/fit/compute-multiplier.ts';
import { fitEnvelope } from '../../../src/fit/envelope.ts';
import { SURFACES, lossOpt, type LossSurface } from '../../../src/surface/index.ts';

/** L_var(N, D) = L_base(√m·N, √m·D): the variant's L_opt at C is the baseline's at m·C (specs/envelope.md). */
const variant = (s: LossSurface, m: number): LossSurface => ({ ...s, A: s.A * Math.pow(m, -s.alpha / 2), B: s.B * Math.pow(m, -s.beta / 2) });

describe('effective compute multiplier', () => {
  for (const name of ['chinchilla', 'asymmetric'] as const) {
    it(`from surfaces: the √m-scaled ${name} variant is worth m at every compute`, () => {
      const base = SURFACES[name];
      for (const m of [0.5, 1, 1.3, 4]) {
        const v = variant(base, m);
        for (const C of [1e17, 1e20, 1e24]) {
          expect(lossOpt(v, C)).toBeCloseTo(lossOpt(base, m * C), 12);
          expect(surfaceMultiplier(base, v, C)).toBeCloseTo(m, 9);
        }
      }
    });
  }

  it('from envelopes with a shared L∞ and γ: ((L_base − L∞)/(L_variant − L∞))^(1/γ), the same at every C', () => {
    const base = { Linf: 1.7, A: 900, gamma: 0.15 };
    const v = { Linf: 1.7, A: 800, gamma: 0.15 };
    for (const C of [1e18, 1e21, 1e24]) {
      const Lb = base.Linf + base.A * Math.pow(C, -base.gamma);
      const Lv = v.Linf + v.A * Math.pow(C, -v.gamma);
      expect(envelopeMultiplier(base, v, C)).toBeCloseTo(Math.pow((Lb - 1.7) / (Lv - 1.7), 1 / 0.15), 10);
      expect(envelopeMultiplier(base, v, C)).toBeCloseTo(Math.pow(900 / 800, 1 / 0.15), 10);
    }
  });

  it('agrees between surfaces and their exact envelopes', () => {
    const base = SURFACES.chinchilla;
    const v = variant(base, 1.3);
    const C = [1e18, 1e19, 1e20, 1e21, 1e22];
    const eb = fitEnvelope(
      C,
      C.map((c) => lossOpt(base, c)),
    );
    const ev = fitEnvelope(
      C,
      C.map((c) => lossOpt(v, c)),
    );
    expect(envelopeMultiplier(eb, ev, 1e24)).toBeCloseTo(1.3, 7);
  });

  it('is infinite when the variant goes below the baseline’s irreducible loss', () => {
    const base = SURFACES.chinchilla;
    const better = { ...base, E: base.E - 0.5 };
    expect(surfaceMultiplier(base, better, 1e30)).toBe(Infinity);
    expect(envelopeMultiplier({ Linf: 2, A: 100, gamma: 0.2 }, { Linf: 1, A: 100, gamma: 0.2 }, 1e30)).toBe(Infinity);
  });
});
