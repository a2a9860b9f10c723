import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tsKernels, type Kernels } from '../../src/kernels/index.ts';
import { sampleIsoflops } from '../../src/sampling/index.ts';
import { fitApproach3 } from '../../src/fit/approach3.ts';
import { PARAMETER_NAMES, type SurfaceFitResult } from '../../src/fit/result.ts';
import { Rng } from '../../src/util/rng.ts';
import { wasmDebugKernels } from '../helpers/backends.ts';

// Approach 3 (L-BFGS-B over five parameters from the 4⁵ grid seed) on the
// WebAssembly core and on the TypeScript twin.
//
// Tolerance: zero. Both backends must return the same fit bit for bit (all
// five parameters, RSS, iterations, status). The kernels Approach 3 calls
// (rss5 and its gradient) are bit-identical (tests/parity/kernels.test.ts),
// and L-BFGS-B is deterministic, so any difference is a regression.
//
// Why not a tolerance from the conditioning? The natural one is
// |Δθ_j| ≤ Σ_k |H⁻¹_jk|·(|g_a,k| + |g_b,k|) + Σ_i |J⁺_ji|·ε·|L_i| (how far a
// stopping point with gradient g can be from its optimum, plus how far the
// optimum moves when the losses move by one rounding). It does not hold for
// Approach 3: L-BFGS-B stops on the relative-reduction test (ftol) in long
// flat valleys, far from any stationary point, and which valley it ends in
// depends on last-bit rounding. Changing every third loss by one ulp moved
// the fit beyond that bound by 10× and 700× on 2 of 60 surfaces drawn like
// those below (σ = 0 and 0.005), parameters ending 27× and 42× apart. On the
// reported case below, changing every seventh loss by one ulp (or, before
// the fix, musl's exp in the WebAssembly rss5) sends the fit to E = 1e−6,
// β ≈ 0.95 with RSS ≈ 2e4 (specs/kernels.md).
// Agreement within a rounding-based tolerance is therefore not attainable
// for this method; agreement in every bit is, and is what is asserted.
const wasm = wasmDebugKernels();

function expectSameFit(a: SurfaceFitResult, b: SurfaceFitResult): void {
  for (const k of PARAMETER_NAMES) expect(Object.is(a[k], b[k]), `${k}: wasm ${a[k]} vs ts ${b[k]}`).toBe(true);
  expect(Object.is(a.rss, b.rss), `rss: wasm ${a.rss} vs ts ${b.rss}`).toBe(true);
  expect(a.iterations).toBe(b.iterations);
  expect(a.status).toBe(b.status);
  expect(a.diagnostics.nfev).toBe(b.diagnostics.nfev);
}

function fitBoth(N: ArrayLike<number>, D: ArrayLike<number>, L: ArrayLike<number>): [SurfaceFitResult, SurfaceFitResult] {
  const fit = (k: Kernels) => fitApproach3(N, D, L, { kernels: k });
  return [fit(wasm), fit(tsKernels)];
}

describe('Approach 3 gives the same fit on the WebAssembly and TypeScript backends', () => {
  it('the reported noise-free case: both reach the truth from the corner seed, not E = 1e-6 with RSS 2e4', () => {
    // The reliability report's generator: the fifth surface (noise-free) of
    // a seeded sequence of random surfaces.
    const rng = new Rng(20240601);
    let sample = null;
    let truth = null;
    for (let c = 0; c <= 4; c++) {
      const u = () => rng.uniform();
      truth = { E: 1 + 2 * u(), A: 50 * Math.pow(40, u()), B: 50 * Math.pow(40, u()), alpha: 0.1 + 0.7 * u(), beta: 0.1 + 0.7 * u() };
      const W = 0.3 + 0.9 * u();
      const noiseStd = c % 2 === 0 ? 0 : 0.002 + 0.02 * u();
      sample = sampleIsoflops(truth, { W, noiseStd, rng: new Rng(c + 1) });
    }
    const [a, b] = fitBoth(sample!.N, sample!.D, sample!.L);
    expectSameFit(a, b);
    expect(a.status).toBe('converged');
    expect(a.rss).toBeLessThan(1e-3);
    expect(Math.abs(a.beta - truth!.beta) / truth!.beta).toBeLessThan(0.01);
    expect(Math.abs(a.alpha - truth!.alpha) / truth!.alpha).toBeLessThan(0.01);
  });

  it('random well-posed surfaces, noise-free and noisy: every bit agrees', () => {
    // Well-posed: exponents 0.2–0.6, A and B within a factor 20 of each
    // other, grids at least 0.6 decades wide, 5 budgets × 15 points.
    const caseArb = fc.record({
      E: fc.double({ min: 1, max: 3, noNaN: true }),
      logA: fc.double({ min: 2, max: 3.3, noNaN: true }),
      logB: fc.double({ min: 2, max: 3.3, noNaN: true }),
      alpha: fc.double({ min: 0.2, max: 0.6, noNaN: true }),
      beta: fc.double({ min: 0.2, max: 0.6, noNaN: true }),
      W: fc.double({ min: 0.6, max: 1.2, noNaN: true }),
      noiseStd: fc.constantFrom(0, 0.005, 0.02),
      seed: fc.integer({ min: 0, max: 2 ** 30 }),
    });
    fc.assert(
      fc.property(caseArb, (x) => {
        const surface = { E: x.E, A: 10 ** x.logA, B: 10 ** x.logB, alpha: x.alpha, beta: x.beta };
        const s = sampleIsoflops(surface, { W: x.W, noiseStd: x.noiseStd, rng: new Rng(x.seed) });
        const [a, b] = fitBoth(s.N, s.D, s.L);
        expectSameFit(a, b);
      }),
      { numRuns: 40 },
    );
  });
});
