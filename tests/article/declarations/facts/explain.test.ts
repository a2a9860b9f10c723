import { describe, expect, it } from 'vitest';
import { curveDepths } from '../../../../article/declarations/facts/explain.ts';
import { BIASES } from '../../../../src/sampling/index.ts';
import { dOpt, loss, nOpt, SURFACES } from '../../../../src/surface/index.ts';

describe('IsoFLOP curve depth (noise against curve depth, article §8.4–8.5)', () => {
  it('on a centered grid of the Symmetric surface equals the loss at the grid edge minus the optimal loss', () => {
    const s = SURFACES.symmetric;
    const W = Math.log10(4);
    const budgets = [1e17, 1e21];
    const depths = curveDepths(s, { W, budgets, points: 15, bias: BIASES.centered });
    budgets.forEach((C, i) => {
      const N = nOpt(s, C);
      const D = dOpt(s, C);
      // Equal exponents: both edges of the grid sit at the same loss, the highest on the curve.
      const edge = loss(s, N * 10 ** W, D * 10 ** -W);
      expect(depths[i]).toBeCloseTo(edge - loss(s, N, D), 12);
    });
  });

  it('grows with the grid width and shrinks with the budget', () => {
    const s = SURFACES.symmetric;
    const o = { budgets: [1e17, 1e21], points: 21, bias: BIASES.centered };
    const narrow = curveDepths(s, { ...o, W: Math.log10(2) });
    const wide = curveDepths(s, { ...o, W: Math.log10(8) });
    expect(wide[0]).toBeGreaterThan(narrow[0]);
    expect(wide[1]).toBeGreaterThan(narrow[1]);
    expect(narrow[1]).toBeLessThan(narrow[0]);
  });
});
