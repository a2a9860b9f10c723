import { describe, expect, it } from 'vitest';
import { SURFACES, dOpt, type SurfaceName } from '../../src/surface/index.ts';
import { sampleIsoflops, NAMED_GRIDS, type SamplingGridName } from '../../src/sampling/index.ts';
import { fitApproach2, extrapolateApproach2 } from '../../src/fit/approach2.ts';
import { APPROACH2_D_ERR_PCT, APPROACH2_D_ERR_PCT_SYMMETRIC_OFFSET_3X, CHINCHILLA_D_OPT_1E24 } from '../helpers/reference.ts';

// specs/conventions.md §5: noise-free Approach 2, 5 budgets 1e17–1e21, 15 points,
// extrapolated D* at 1e24 FLOPs, relative error in percent.
const REFERENCE: Partial<Record<SurfaceName, Record<SamplingGridName, number>>> = APPROACH2_D_ERR_PCT;
const OFFSET_3X: Partial<Record<SamplingGridName, number>> = APPROACH2_D_ERR_PCT_SYMMETRIC_OFFSET_3X;
const TARGET = 1e24;

function dErrPct(surface: SurfaceName, grid: SamplingGridName, centerScale = 1): number {
  const s = sampleIsoflops(SURFACES[surface], { W: NAMED_GRIDS[grid].W, bias: { driftRate: 0, centerScale } });
  const fit = fitApproach2(s.N, s.D, s.L, s.C);
  return (100 * (extrapolateApproach2(fit, TARGET).D - dOpt(SURFACES[surface], TARGET))) / dOpt(SURFACES[surface], TARGET);
}

describe('published Approach 2 reference values (specs/conventions.md §5)', () => {
  for (const [surface, row] of Object.entries(REFERENCE) as Array<[SurfaceName, Record<SamplingGridName, number>]>) {
    for (const [grid, expected] of Object.entries(row) as Array<[SamplingGridName, number]>) {
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

  for (const [grid, expected] of Object.entries(OFFSET_3X) as Array<[SamplingGridName, number]>) {
    it(`reproduces the symmetric surface offset by 3x on ${grid}: ${expected}%`, () => {
      const got = dErrPct('symmetric', grid, 3);
      expect(Math.abs(got - expected) / Math.abs(expected)).toBeLessThan(1e-9);
    });
  }

  it('gives the true D*(1e24) on the chinchilla surface as 4.035834749563681e12 tokens', () => {
    expect(Math.abs(dOpt(SURFACES.chinchilla, TARGET) / CHINCHILLA_D_OPT_1E24 - 1)).toBeLessThan(1e-12);
  });
});
