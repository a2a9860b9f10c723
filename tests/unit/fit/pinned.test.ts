import { describe, expect, it } from 'vitest';
import { SURFACES, type LossSurface } from '../../../src/surface/index.ts';
import { sampleIsoflops } from '../../../src/sampling/index.ts';
import { fitVpnls, type VpnlsRefinement } from '../../../src/fit/vpnls.ts';
import { fitApproach3 } from '../../../src/fit/approach3.ts';
import { PinnedParameterError, type PinnedParameters } from '../../../src/fit/pinned.ts';
import { PARAMETER_NAMES, type ParameterName } from '../../../src/fit/result.ts';
import { smallLsq } from '../../../src/fit/small-lsq.ts';

const TRUTH = SURFACES.chinchilla;
const data = sampleIsoflops(TRUTH, { W: Math.log10(8) });

/** Every non-empty subset of the five parameters, pinned at its true value. */
function subsets(truth: LossSurface): PinnedParameters[] {
  const out: PinnedParameters[] = [];
  for (let mask = 1; mask < 32; mask++) {
    const fix: Partial<Record<ParameterName, number>> = {};
    PARAMETER_NAMES.forEach((p, i) => {
      if (mask & (1 << i)) fix[p] = truth[p];
    });
    out.push(fix);
  }
  return out;
}

const maxRelError = (fit: LossSurface, truth: LossSurface): number => Math.max(...PARAMETER_NAMES.map((k) => Math.abs(fit[k] / truth[k] - 1)));

describe('pinned VPNLS', () => {
  for (const fix of subsets(TRUTH)) {
    it(`pinning ${Object.keys(fix).join(', ')} at the true values recovers the rest to 1e-9`, () => {
      const fit = fitVpnls(data.N, data.D, data.L, { fix });
      expect(maxRelError(fit, TRUTH)).toBeLessThanOrEqual(1e-9);
      expect(fit.pinned).toEqual(fix);
      for (const p of Object.keys(fix) as ParameterName[]) expect(fit[p]).toBe(fix[p]);
      expect(fit.status).toBe('converged');
    });
  }

  const others: Array<[string, VpnlsRefinement]> = [
    ['Nelder-Mead', { method: 'nelder-mead' }],
    ['central differences', { method: 'lbfgsb', gradient: 'central', inner: 'nnls' }],
    ['the OLS profile', { method: 'lbfgsb', gradient: 'analytic' }],
  ];
  for (const [label, refine] of others) {
    it(`pins E with ${label} too`, () => {
      const fit = fitVpnls(data.N, data.D, data.L, { fix: { E: TRUTH.E }, refine });
      expect(maxRelError(fit, TRUTH)).toBeLessThan(1e-7);
    });
  }

  it('the grid-only refinement searches one axis when an exponent is pinned', () => {
    const fit = fitVpnls(data.N, data.D, data.L, { fix: { alpha: TRUTH.alpha }, refine: { method: 'none' } });
    expect(fit.diagnostics.nfev).toBe(256);
    expect(fit.alpha).toBe(TRUTH.alpha);
  });

  it('leaves the unpinned fit unchanged (an empty fix is no fix)', () => {
    const a = fitVpnls(data.N, data.D, data.L);
    const b = fitVpnls(data.N, data.D, data.L, { fix: {} });
    expect(b).toEqual(a);
    expect(a.pinned).toBeUndefined();
  });

  /*
   * Closed form for a wrong E with both exponents pinned at their true values:
   * with x = N^−α, y = D^−β, the data are L = E + A·x + B·y, and the fit
   * minimises Σ(L − E' − A'x − B'y)² = Σ((A − A')x + (B − B')y − δ)² over
   * A', B' (δ = E' − E). So (A − A', B − B') = δ·(XᵀX)⁻¹Xᵀ1 with X = [x, y],
   * and RSS = δ²·(n − 1ᵀX(XᵀX)⁻¹Xᵀ1) (while A', B' stay positive).
   */
  for (const delta of [0.05, -0.2]) {
    it(`pinning E at E ${delta > 0 ? '+' : '−'} ${Math.abs(delta)} shifts A and B and the RSS as the closed form says`, () => {
      const n = data.N.length;
      const x = Float64Array.from(data.N, (N) => Math.pow(N, -TRUTH.alpha));
      const y = Float64Array.from(data.D, (D) => Math.pow(D, -TRUTH.beta));
      let sxx = 0,
        sxy = 0,
        syy = 0,
        sx = 0,
        sy = 0;
      for (let i = 0; i < n; i++) {
        sxx += x[i]! * x[i]!;
        sxy += x[i]! * y[i]!;
        syy += y[i]! * y[i]!;
        sx += x[i]!;
        sy += y[i]!;
      }
      const det = sxx * syy - sxy * sxy;
      const cx = (syy * sx - sxy * sy) / det;
      const cy = (sxx * sy - sxy * sx) / det;
      const fit = fitVpnls(data.N, data.D, data.L, { fix: { E: TRUTH.E + delta, alpha: TRUTH.alpha, beta: TRUTH.beta } });
      expect(fit.A).toBeCloseTo(TRUTH.A - delta * cx, 6);
      expect(fit.B).toBeCloseTo(TRUTH.B - delta * cy, 6);
      const rss = delta * delta * (n - (cx * sx + cy * sy));
      expect(Math.abs(fit.rss / rss - 1)).toBeLessThan(1e-6);
      // Freeing the exponents can only lower the RSS, and E stays where it was pinned.
      const free = fitVpnls(data.N, data.D, data.L, { fix: { E: TRUTH.E + delta } });
      expect(free.E).toBe(TRUTH.E + delta);
      expect(free.rss).toBeLessThanOrEqual(fit.rss * (1 + 1e-12));
      expect(free.rss).toBeGreaterThan(0);
    });
  }

  it('refuses unknown names and values out of range, naming the parameter and the value', () => {
    const bad: Array<[Record<string, number>, RegExp]> = [
      [{ gamma: 0.3 }, /cannot pin "gamma"/],
      [{ E: -0.1 }, /pinned E = -0.1 must be ≥ 0/],
      [{ A: 0 }, /pinned A = 0 must be positive/],
      [{ B: Number.NaN }, /pinned B = NaN must be a finite number/],
      [{ alpha: 1.2 }, /pinned alpha = 1.2 must lie within the method's bounds \[0.01, 0.99\]/],
      [{ beta: 0.001 }, /pinned beta = 0.001/],
    ];
    for (const [fix, message] of bad) {
      expect(() => fitVpnls(data.N, data.D, data.L, { fix: fix as PinnedParameters })).toThrow(PinnedParameterError);
      expect(() => fitVpnls(data.N, data.D, data.L, { fix: fix as PinnedParameters })).toThrow(message);
      expect(() => fitApproach3(data.N, data.D, data.L, { fix: fix as PinnedParameters })).toThrow(PinnedParameterError);
    }
  });
});

describe('pinned Approach 3', () => {
  const tight = { ftol: 0, gtol: 1e-12, maxiter: 20000, maxfun: 40000 };
  for (const fix of subsets(TRUTH)) {
    // Approach 3 is ill-conditioned (specs/fitting.md: 1e-7–1e-8 unpinned), so 1e-6 here, not VPNLS's 1e-9.
    it(`pinning ${Object.keys(fix).join(', ')} at the true values recovers the rest to 1e-6`, () => {
      const fit = fitApproach3(data.N, data.D, data.L, { fix, lbfgsb: tight });
      expect(maxRelError(fit, TRUTH)).toBeLessThanOrEqual(1e-6);
      expect(fit.pinned).toEqual(fix);
      for (const p of Object.keys(fix) as ParameterName[]) expect(fit[p]).toBe(fix[p]);
    });
  }

  it('optimises only the free parameters, also in the LSE parameterization and the log-loss', () => {
    const fit = fitApproach3(data.N, data.D, data.L, { fix: { E: TRUTH.E, beta: TRUTH.beta }, parameterization: 'lse', scale: 'log', lbfgsb: tight });
    expect(fit.E).toBe(TRUTH.E);
    expect(fit.beta).toBe(TRUTH.beta);
    expect(maxRelError(fit, TRUTH)).toBeLessThan(1e-5);
  });
});

describe('small least squares', () => {
  it('NNLS drops a column whose unconstrained coefficient is negative', () => {
    const a = Float64Array.of(1, 2, 3, 4);
    const b = Float64Array.of(1, 1, 1, 1);
    const y = Float64Array.of(2, 1, 0, -1); // = 3 − a: the OLS coefficient of a is −1
    expect(Array.from(smallLsq([a, b], y, 'ols')!.coef).map((v) => Number(v.toFixed(12)))).toEqual([-1, 3]);
    const nn = smallLsq([a, b], y, 'nnls')!;
    expect(nn.coef[0]).toBe(0);
    expect(nn.coef[1]).toBeCloseTo(0.5, 12);
  });
});
