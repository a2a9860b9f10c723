import { type LossSurface, loss, nOpt, FLOPS_PER_PARAM_TOKEN } from '../surface/loss-surface.ts';
import { type SamplingBias, NO_BIAS, centerOffset } from './center-offset.ts';
import { DEFAULT_BUDGETS, DEFAULT_POINTS_PER_CURVE } from './grids.ts';
import type { RandomSource } from '../util/random.ts';
import { linspace } from '../util/space.ts';

/** Pooled IsoFLOP samples: one entry per training run, budgets ascending, N ascending within a budget. */
export interface IsoflopSamples {
  readonly N: Float64Array;
  readonly D: Float64Array;
  readonly L: Float64Array;
  /** The budget C of each point (the Approach 2 grouping key). */
  readonly C: Float64Array;
}

export interface SampleOptions {
  /** Budgets in FLOPs. Default {@link DEFAULT_BUDGETS}. */
  budgets?: readonly number[];
  /** Points per curve. Default {@link DEFAULT_POINTS_PER_CURVE}. */
  pointsPerCurve?: number;
  /** Grid half-width W in log10 N units (required). */
  W: number;
  /** Sampling-centre bias. Default none. */
  bias?: SamplingBias;
  /** Standard deviation of Gaussian noise added to L. Default 0. */
  noiseStd?: number;
  /** Generator for the noise; required when noiseStd > 0. One standard normal per point, in sample order. */
  rng?: RandomSource;
}

/**
 * Sample IsoFLOP curves from a surface (specs/conventions.md §2): per budget C the
 * centre c = log10 N*(C) + offset(C); N log-spaced from 10^(c−W) to 10^(c+W)
 * inclusive; D = C/(6N); L = L(N, D) + σ·z. Noise is drawn budget by budget
 * in ascending order, points in ascending N, one standard normal each
 * (so with numpy's generator a budget's noise is `normal(0, σ, size=n)`).
 *
 * @example sampleIsoflops(SURFACES.chinchilla, { W: Math.log10(16) }).N.length // 75
 */
export function sampleIsoflops(surface: LossSurface, options: SampleOptions): IsoflopSamples {
  const budgets = options.budgets ?? DEFAULT_BUDGETS;
  const n = options.pointsPerCurve ?? DEFAULT_POINTS_PER_CURVE;
  const bias = options.bias ?? NO_BIAS;
  const sigma = options.noiseStd ?? 0;
  const { W } = options;
  if (budgets.length === 0) throw new RangeError('sampleIsoflops: budgets must not be empty');
  for (const C of budgets) {
    if (!(C > 0) || !Number.isFinite(C)) throw new RangeError(`sampleIsoflops: budget ${C} must be a positive finite number`);
  }
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`sampleIsoflops: pointsPerCurve must be a positive integer, got ${n}`);
  if (!(W >= 0) || !Number.isFinite(W)) throw new RangeError(`sampleIsoflops: W must be a finite number ≥ 0, got ${W}`);
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new RangeError(`sampleIsoflops: noiseStd must be finite and ≥ 0, got ${sigma}`);
  if (sigma > 0 && !options.rng) throw new TypeError('sampleIsoflops: noiseStd > 0 needs an rng');

  const sorted = [...budgets].sort((x, y) => x - y);
  const cMin = sorted[0];
  const cMax = sorted[sorted.length - 1];
  const total = sorted.length * n;
  const N = new Float64Array(total);
  const D = new Float64Array(total);
  const L = new Float64Array(total);
  const Cs = new Float64Array(total);
  let k = 0;
  for (const C of sorted) {
    const c = Math.log10(nOpt(surface, C)) + centerOffset(bias, C, cMin, cMax);
    const logN = linspace(c - W, c + W, n);
    for (let i = 0; i < n; i++, k++) {
      const Ni = Math.pow(10, logN[i]);
      const Di = C / (FLOPS_PER_PARAM_TOKEN * Ni);
      N[k] = Ni;
      D[k] = Di;
      Cs[k] = C;
      L[k] = loss(surface, Ni, Di) + (sigma > 0 ? sigma * options.rng!.standardNormal() : 0);
    }
  }
  return { N, D, L, C: Cs };
}
