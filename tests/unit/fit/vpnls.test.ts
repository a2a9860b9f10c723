import { describe, expect, it } from 'vitest';
import { SURFACES, type LossSurface } from '../../../src/surface/index.ts';
import { sampleIsoflops, NAMED_GRIDS } from '../../../src/sampling/index.ts';
import { fitVpnls, type VpnlsRefinement } from '../../../src/fit/vpnls.ts';
import { DegenerateDataError, TooFewPointsError, InvalidInputError } from '../../../src/core/errors.ts';
import { tsKernels } from '../../../src/kernels/index.ts';
import { loadEpochChinchillaRaw, EPOCH_CHINCHILLA_REFERENCE_FILTER } from '../../../src/data/index.ts';
import { haveRealData, SHARED_DATA_DIR } from '../../helpers/data.ts';
import { EPOCH_VPNLS } from '../../helpers/reference.ts';

const maxRelError = (fit: LossSurface, truth: LossSurface): number =>
  Math.max(...(['E', 'A', 'B', 'alpha', 'beta'] as const).map((k) => Math.abs(fit[k] / truth[k] - 1)));

const REFINEMENTS: Array<[string, VpnlsRefinement]> = [
  ['L-BFGS-B, analytic gradient', { method: 'lbfgsb', gradient: 'analytic' }],
  ['L-BFGS-B, central differences', { method: 'lbfgsb', gradient: 'central' }],
  ['Nelder-Mead', { method: 'nelder-mead' }],
];

describe('VPNLS noise-free recovery', () => {
  for (const name of ['symmetric', 'chinchilla', 'asymmetric'] as const) {
    for (const grid of ['XS', 'L', 'XL'] as const) {
      for (const [label, refine] of REFINEMENTS) {
        it(`recovers all five ${name} parameters to 1e-6 on the ${grid} grid with ${label}`, () => {
          const s = sampleIsoflops(SURFACES[name], { W: NAMED_GRIDS[grid].W });
          const fit = fitVpnls(s.N, s.D, s.L, { refine });
          expect(fit.status).toBe('converged');
          expect(maxRelError(fit, SURFACES[name])).toBeLessThan(1e-6);
          expect(fit.a).toBeCloseTo(SURFACES[name].beta / (SURFACES[name].alpha + SURFACES[name].beta), 8);
          expect(fit.nPoints).toBe(75);
        });
      }
    }
  }

  it('recovers the asymmetric surface on the TypeScript kernels as well', () => {
    const s = sampleIsoflops(SURFACES.asymmetric, { W: NAMED_GRIDS.L.W, bias: { driftRate: 0.4, centerScale: 2 } });
    expect(maxRelError(fitVpnls(s.N, s.D, s.L, { kernels: tsKernels }), SURFACES.asymmetric)).toBeLessThan(1e-6);
  });

  it('stays within one grid step with the refinement-free 256² grid', () => {
    const s = sampleIsoflops(SURFACES.chinchilla, { W: NAMED_GRIDS.L.W });
    const fit = fitVpnls(s.N, s.D, s.L, { refine: { method: 'none' } });
    expect(fit.method).toBe('vpnls_grid256');
    expect(Math.abs(fit.alpha - 0.34)).toBeLessThan(0.9 / 255);
    expect(Math.abs(fit.beta - 0.28)).toBeLessThan(0.9 / 255);
  });
});

describe.skipIf(!haveRealData(['epochai_chinchilla.csv'], 'VPNLS on the Epoch AI Chinchilla points'))(
  'VPNLS on the Epoch AI Chinchilla points (specs/conventions.md §5)',
  () => {
    it('reproduces E, A, B, α, β and RSS to 4 significant digits', async () => {
      const d = await loadEpochChinchillaRaw({ dataDir: SHARED_DATA_DIR, ...EPOCH_CHINCHILLA_REFERENCE_FILTER });
      expect(d.N.length).toBe(217);
      const fit = fitVpnls(
        d.N.map((v) => v / 1e6),
        d.D.map((v) => v / 1e9),
        d.L,
      );
      const expected = EPOCH_VPNLS;
      for (const [k, v] of Object.entries(expected)) {
        expect(Number(fit[k as keyof typeof expected].toPrecision(4))).toBe(Number(v.toPrecision(4)));
        expect(Math.abs(fit[k as keyof typeof expected] / v - 1)).toBeLessThan(5e-6);
      }
      expect(fit.status).toBe('converged');
    });
  },
);

describe('VPNLS statuses', () => {
  const s = sampleIsoflops(SURFACES.chinchilla, { W: NAMED_GRIDS.L.W });

  it('reports bound_hit when α is pinned at a bound', () => {
    const fit = fitVpnls(s.N, s.D, s.L, { bounds: [0.5, 0.99], grid: { size: 16, lo: 0.5, hi: 0.95 } });
    expect(fit.status).toBe('bound_hit');
    expect(fit.diagnostics.boundsHit).toContain('alpha');
    expect(fit.message).toMatch(/at a bound or grid edge: alpha/);
    expect(fit.message).toMatch(/; at a bound or grid edge: alpha = 0\.5 \(lower bound 0\.5\)/);
  });

  it('exposes where L-BFGS-B stopped (‖proj g‖∞, last relative change), and nulls for the grid-only variant', () => {
    const fit = fitVpnls(s.N, s.D, s.L);
    expect(fit.diagnostics.projGradInf).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(fit.diagnostics.lastRelChange)).toBe(true);
    const grid = fitVpnls(s.N, s.D, s.L, { refine: { method: 'none' }, grid: { size: 16, lo: 0.05, hi: 0.95 } });
    expect([grid.diagnostics.projGradInf, grid.diagnostics.lastRelChange]).toEqual([null, null]);
  });

  it('reports max_iter when L-BFGS-B is stopped after one iteration', () => {
    const fit = fitVpnls(s.N, s.D, s.L, { refine: { method: 'lbfgsb', gradient: 'analytic', options: { maxiter: 1 } } });
    expect(fit.status).toBe('max_iter');
    expect(fit.iterations).toBe(1);
  });

  it('reports max_iter when Nelder-Mead is stopped early', () => {
    const fit = fitVpnls(s.N, s.D, s.L, { refine: { method: 'nelder-mead', options: { maxiter: 3 } } });
    expect(fit.status).toBe('max_iter');
  });

  it('reports bound_hit when the grid optimum lies on the grid edge', () => {
    const fit = fitVpnls(s.N, s.D, s.L, { refine: { method: 'none' }, grid: { size: 8, lo: 0.4, hi: 0.9 } });
    expect(fit.status).toBe('bound_hit');
  });
});

describe('VPNLS bad input', () => {
  const s = sampleIsoflops(SURFACES.chinchilla, { W: 0.5 });
  it('rejects all-equal losses', () => {
    expect(() => fitVpnls(s.N, s.D, new Float64Array(75).fill(2.5))).toThrow(
      new DegenerateDataError('all 75 losses equal 2.5; a surface fit needs losses that vary'),
    );
  });
  it('rejects a single budget', () => {
    expect(() => fitVpnls(s.N.slice(0, 15), s.D.slice(0, 15), s.L.slice(0, 15))).toThrow(
      /all points share one compute budget \(6·N·D = 1e17\); a surface fit needs at least 2 budgets/,
    );
  });
  it('rejects fewer points than parameters', () => {
    expect(() => fitVpnls([1e8, 1e9, 1e10], [1e9, 1e10, 1e9], [3, 2.5, 2.6])).toThrow(TooFewPointsError);
    expect(() => fitVpnls([1e8, 1e9, 1e10], [1e9, 1e10, 1e9], [3, 2.5, 2.6])).toThrow('3 data points but the fit needs at least 6');
  });
  it('rejects NaN losses and a bad grid', () => {
    const L = Float64Array.from(s.L);
    L[4] = NaN;
    expect(() => fitVpnls(s.N, s.D, L)).toThrow('L[4] = NaN is not finite');
    expect(() => fitVpnls(s.N, s.D, s.L, { grid: { size: 1, lo: 0.1, hi: 0.9 } })).toThrow(InvalidInputError);
  });
});
