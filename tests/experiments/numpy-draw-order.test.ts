/**
 * With `--rng numpy --seed 42`, experiments 7 and 9 draw the original
 * study's numbers in the original's order (specs/random.md). The reference
 * values in tests/fixtures/numpy-random/experiments.json were made by
 * tests/fixtures/numpy-random/make-fixtures.py with numpy 2.4.6 (the noise
 * arrays, the spawned child's first uniforms, and Approach 2 by np.polyfit
 * on data built in Python); no Python is needed here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as exp7 from '../../experiments/exp7/exp7-exponent-inference.ts';
import * as exp9 from '../../experiments/exp9/exp9-data-efficiency.ts';
import { APPROACH3_BOUNDS, fitApproach2, fitApproach3 } from '../../src/fit/index.ts';
import { BIASES, sampleIsoflops, type SampleOptions } from '../../src/sampling/index.ts';
import { SURFACES } from '../../src/surface/index.ts';
import { createRandom } from '../../src/util/random.ts';
import { logspace } from '../../src/util/space.ts';

interface Fixture {
  'exp7_repeat0_sigma0.05_nb2': Array<{ n_points: number; noise: number[][]; child_random: number[] }>;
  exp9_first_datasets: Array<{ n_budgets: number; noise: number[][]; approach2_a: number; approach2_b: number }>;
}

const fx = JSON.parse(readFileSync(new URL('../fixtures/numpy-random/experiments.json', import.meta.url), 'utf8')) as Fixture;

/** Noisy and noise-free samples of the same design; the noise must be exactly the fixture's, budget by budget. */
function expectNoise(surface: keyof typeof SURFACES, options: SampleOptions, noise: number[][]): ReturnType<typeof sampleIsoflops> {
  const noisy = sampleIsoflops(SURFACES[surface], options);
  const clean = sampleIsoflops(SURFACES[surface], { ...options, noiseStd: 0, rng: undefined });
  const flat = noise.flat();
  expect(flat.length).toBe(noisy.L.length);
  flat.forEach((z, k) => expect(noisy.L[k]).toBe(clean.L[k] + z));
  return noisy;
}

describe('numpy draw order of experiment 7 (repeat 0, σ = 0.05, two budgets)', () => {
  const config = exp7.defaultConfig;
  const budgets = exp7.conditionBudgets(config, 2);

  it('adds normal(0, σ, n) per budget ascending for n = 4, 8, 16, 32, then starts approach3_naive from a spawned child', () => {
    const rng = createRandom('numpy', 42);
    const names = ['E', 'A', 'B', 'alpha', 'beta'] as const;
    for (const step of fx['exp7_repeat0_sigma0.05_nb2']) {
      const s = expectNoise(
        config.surface,
        {
          W: Math.log10(config.gridFactor),
          budgets,
          pointsPerCurve: step.n_points,
          bias: BIASES[config.bias],
          noiseStd: 0.05,
          rng,
        },
        step.noise,
      );
      const child = rng.spawn();
      const fit = fitApproach3(s.N, s.D, s.L, { start: { kind: 'random', rng: child }, lbfgsb: { maxiter: 1 } });
      const start = fit.diagnostics.start as Record<(typeof names)[number], number>;
      names.forEach((p, i) => {
        const [lo, hi] = APPROACH3_BOUNDS[p];
        expect(start[p]).toBe(lo + (hi - lo) * step.child_random[i]);
      });
    }
  });
});

describe('numpy draw order of experiment 9 (first data sets of the loop)', () => {
  const config = exp9.defaultConfig;
  const [cLo, cHi] = config.budgetRange.map(Math.log10);

  it('draws normal(0, σ, points) per budget from one stream and gives numpy’s Approach 2 estimate', () => {
    const rng = createRandom('numpy', 42);
    for (const set of fx.exp9_first_datasets) {
      const s = expectNoise(
        config.surface,
        {
          W: Math.log10(config.gridFactors[0]),
          budgets: Array.from(logspace(cLo, cHi, set.n_budgets)),
          pointsPerCurve: config.nPointsValues[0],
          noiseStd: config.noiseLevels[0],
          rng,
        },
        set.noise,
      );
      const fit = fitApproach2(s.N, s.D, s.L, s.C);
      // np.polyfit and the project's least squares agree to rounding, not bit for bit.
      expect(fit.a).toBeCloseTo(set.approach2_a, 10);
      expect(fit.b).toBeCloseTo(set.approach2_b, 10);
    }
  });
});
