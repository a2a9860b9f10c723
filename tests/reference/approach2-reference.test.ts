import { describe, expect, it } from 'vitest';
import { SURFACES, dOpt, type SurfaceName } from '../../src/surface/index.ts';
import { sampleIsoflops, NAMED_GRIDS, type GridName } from '../../src/sampling/index.ts';
import { fitApproach2, extrapolateApproach2 } from '../../src/fit/approach2.ts';

// conventions.md §5: noise-free Approach 2, 5 budgets 1e17–1e21, 15 points,
// extrapolated D* at 1e24 FLOPs, relative error in percent.
const REFERENCE: Partial<Record<SurfaceName, Record<GridName, number>>> = {
  chinchilla: { XS: -0.326937803732719, S: -1.3011250437043, L: -2.902904738135434, XL: -5.100244551712022 },
  asymmetric: { XS: -1.674747716507073, S: -6.497778742083532, L: -13.910418584294648, XL: -23.116308048545221 },
};
const OFFSET_3X: Partial<Record<GridName, number>> = { XS: 3.974243556888148, XL: 1.509792259842919 };
const TARGET = 1e24;

function dErrPct(surface: SurfaceName, grid: GridName, centerScale = 1): number {
  const s = sampleIsoflops(SURFACES[surface], { W: NAMED_GRIDS[grid].W, bias: { driftRate: 0, centerScale } });
  const fit = fitApproach2(s.N, s.D, s.L, s.C);
  return (100 * (extrapolateApproach2(fit, TARGET).D - dOpt(SURFACES[surface], TARGET))) / dOpt(SURFACES[surface], TARGET);
}

describe('published Approach 2 reference values (conventions §5)', () => {
  for (const [surface, row] of Object.entries(REFERENCE) as Array<[SurfaceName, Record<GridName, number>]>) {
    for (const [grid, expected] of Object.entries(row) as Array<[GridName, number]>) {
      it(`reproduces the ${surface} ${grid} extrapolation error ${expected}% to 1e-9 relative`, () => {
        const got = dErrPct(surface, grid);
        expect(Math.abs(got - expected) / Math.abs(expected)).toBeLessThan(1e-9);
      });
    }
  }

  for (const grid of ['XS', 'S', 'L', 'XL'] as const) {
    it(`recovers D* on the symmetric surface on the ${grid} grid (|err| < 1e-8 %)`, () => {
      expect(Math.abs(dErrPct('symmetric', grid))).toBeLessThan(1e-8);
    });
  }

  for (const [grid, expected] of Object.entries(OFFSET_3X) as Array<[GridName, number]>) {
    it(`reproduces the symmetric surface offset by 3x on ${grid}: ${expected}%`, () => {
      const got = dErrPct('symmetric', grid, 3);
      expect(Math.abs(got - expected) / Math.abs(expected)).toBeLessThan(1e-9);
    });
  }

  it('gives the true D*(1e24) on the chinchilla surface as 4.035834749563681e12 tokens', () => {
    expect(Math.abs(dOpt(SURFACES.chinchilla, TARGET) / 4.035834749563681e12 - 1)).toBeLessThan(1e-12);
  });
});
