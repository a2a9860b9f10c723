import { describe, expect, it } from 'vitest';
import { SURFACES, type LossSurface } from '../../../src/surface/index.ts';
import { sampleIsoflops, NAMED_GRIDS } from '../../../src/sampling/index.ts';
import { fitApproach3, type Approach3Options } from '../../../src/fit/approach3.ts';
import { fitGridSearch } from '../../../src/fit/grid-search.ts';
import { grid8 } from '../../../src/fit/grids5.ts';
import { Rng } from '../../../src/util/rng.ts';
import { InvalidInputError, DegenerateDataError } from '../../../src/core/errors.ts';
import { loadEpochChinchillaRaw, EPOCH_CHINCHILLA_REFERENCE_FILTER } from '../../../src/data/index.ts';
import { haveRealData, SHARED_DATA_DIR } from '../../helpers/data.ts';

const HAVE_EPOCH = haveRealData(['epochai_chinchilla.csv'], 'Approach 3 on the Epoch AI Chinchilla points');
import { EPOCH_VPNLS } from '../../helpers/reference.ts';

const maxRelError = (fit: LossSurface, truth: LossSurface): number =>
  Math.max(...(['E', 'A', 'B', 'alpha', 'beta'] as const).map((k) => Math.abs(fit[k] / truth[k] - 1)));

describe('Approach 3 noise-free recovery', () => {
  const variants: Array<[string, Approach3Options]> = [
    ['natural MSE', {}],
    ['LSE MSE', { parameterization: 'lse' }],
    ['LSE log-loss', { parameterization: 'lse', scale: 'log' }],
    ['LSE Huber log-loss', { parameterization: 'lse', scale: 'log', error: { kind: 'huber', delta: 1e-3 } }],
  ];
  for (const name of ['symmetric', 'chinchilla', 'asymmetric'] as const) {
    for (const grid of ['S', 'L', 'XL'] as const) {
      for (const [label, options] of variants) {
        it(`recovers the ${name} surface to 1e-4 on the ${grid} grid (${label}, analytic gradient)`, () => {
          const s = sampleIsoflops(SURFACES[name], { W: NAMED_GRIDS[grid].W });
          const fit = fitApproach3(s.N, s.D, s.L, options);
          expect(fit.status).not.toBe('abnormal');
          expect(maxRelError(fit, SURFACES[name])).toBeLessThan(1e-4);
        });
      }
    }
  }

  it('names the variants as specs/experiments.md §B.8 does', () => {
    const s = sampleIsoflops(SURFACES.chinchilla, { W: 0.6 });
    expect(fitApproach3(s.N, s.D, s.L).method).toBe('approach3');
    expect(fitApproach3(s.N, s.D, s.L, { parameterization: 'lse', scale: 'log', gradient: { kind: 'central' } }).method).toBe('approach3_lse_logloss_fd');
    expect(fitApproach3(s.N, s.D, s.L, { start: { kind: 'random', rng: new Rng(3) } }).method).toBe('approach3_naive');
  });

  it('gives the same random start for the same seed', () => {
    const s = sampleIsoflops(SURFACES.asymmetric, { W: 0.6 });
    const a = fitApproach3(s.N, s.D, s.L, { start: { kind: 'random', rng: new Rng(9) } });
    const b = fitApproach3(s.N, s.D, s.L, { start: { kind: 'random', rng: new Rng(9) } });
    expect(a.diagnostics.start).toEqual(b.diagnostics.start);
    expect(a.alpha).toBe(b.alpha);
  });

  it('reports max_iter when stopped after two iterations', () => {
    const s = sampleIsoflops(SURFACES.chinchilla, { W: 0.6 });
    expect(fitApproach3(s.N, s.D, s.L, { lbfgsb: { maxiter: 2 } }).status).toBe('max_iter');
  });

  it('reports bound_hit when E is held below its true value by the bounds', () => {
    const s = sampleIsoflops(SURFACES.chinchilla, { W: 0.6 });
    const fit = fitApproach3(s.N, s.D, s.L, {
      bounds: { E: [1e-6, 1.0], A: [1e-6, 1e6], B: [1e-6, 1e6], alpha: [0.01, 0.99], beta: [0.01, 0.99] },
    });
    expect(fit.status).toBe('bound_hit');
    expect(fit.diagnostics.boundsHit).toContain('E');
    expect(fit.message).toMatch(/; at a bound or grid edge: E = 1 \(upper bound 1\)/);
    expect(fit.diagnostics.projGradInf).toBeGreaterThanOrEqual(0);
  });

  it.skipIf(!HAVE_EPOCH)('matches the Epoch AI reference with LSE from the 8⁵ grid to 4 significant digits', async () => {
    const d = await loadEpochChinchillaRaw({ dataDir: SHARED_DATA_DIR, ...EPOCH_CHINCHILLA_REFERENCE_FILTER });
    const fit = fitApproach3(
      d.N.map((v) => v / 1e6),
      d.D.map((v) => v / 1e9),
      d.L,
      { parameterization: 'lse', start: { kind: 'grid', grid: grid8() } },
    );
    expect(fit.alpha).toBeCloseTo(EPOCH_VPNLS.alpha, 4);
    expect(fit.beta).toBeCloseTo(EPOCH_VPNLS.beta, 4);
    expect(fit.E).toBeCloseTo(EPOCH_VPNLS.E, 4);
  });
});

describe('Approach 3 bad input', () => {
  const s = sampleIsoflops(SURFACES.chinchilla, { W: 0.5 });
  it('rejects a non-positive Huber delta', () => {
    expect(() => fitApproach3(s.N, s.D, s.L, { error: { kind: 'huber', delta: 0 } })).toThrow('approach3_huber: Huber delta = 0 must be positive and finite');
  });
  it('rejects non-positive losses for the log-loss', () => {
    const L = Float64Array.from(s.L);
    L[3] = -1;
    expect(() => fitApproach3(s.N, s.D, L, { parameterization: 'lse', scale: 'log' })).toThrow(
      new InvalidInputError('approach3_lse_logloss: the log-loss needs positive losses but L[3] = -1', 'L', 3, -1),
    );
  });
  it('rejects all-equal losses', () => {
    expect(() => fitApproach3(s.N, s.D, new Float64Array(75).fill(3))).toThrow(DegenerateDataError);
  });
});

describe('5-D grid search', () => {
  it('returns the best grid point and flags an optimum on the grid edge', () => {
    // On the ±8× chinchilla samples the best 4⁵ point has β = 0.05, the axis minimum.
    const s = sampleIsoflops(SURFACES.chinchilla, { W: NAMED_GRIDS.L.W });
    const fit = fitGridSearch(s.N, s.D, s.L);
    expect(fit.method).toBe('grid_search');
    expect(fit.iterations).toBe(0);
    expect(fit.diagnostics.nfev).toBe(1024);
    expect(fit.status).toBe('bound_hit');
    expect(fit.diagnostics.boundsHit).toContain('beta');
  });

  it('finds the truth when the grid contains it, away from the edges', () => {
    const s = sampleIsoflops(SURFACES.chinchilla, { W: 0.6 });
    const axis = (v: number): Float64Array => Float64Array.of(v * 0.9, v, v * 1.1);
    const fit = fitGridSearch(s.N, s.D, s.L, { grid: { E: axis(1.69), A: axis(406.4), B: axis(410.7), alpha: axis(0.34), beta: axis(0.28) } });
    expect(fit.status).toBe('converged');
    expect(fit.alpha).toBe(0.34);
    expect(fit.rss).toBeLessThan(1e-20);
  });
});
