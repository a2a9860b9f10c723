import { linspace, logspace } from '../util/space.ts';
import type { LossSurface } from '../surface/loss-surface.ts';
import type { Kernels, PreparedData } from '../kernels/index.ts';
import type { SurfaceBounds } from './result.ts';
import { InvalidInputError } from '../core/errors.ts';
import { APPROACH3_KERNELS, type Approach3Kernels } from './approach3-kernels.ts';

/**
 * The 5-D seed grid of Approach 3 and of the `grid` estimator: one axis of
 * candidate values per parameter (E, A, B, α, β). Not the sampling grid of the
 * IsoFLOP runs (`SamplingGrid`) nor the VPNLS exponent grid (`ExponentGrid`).
 */
export interface SeedGrid5 {
  readonly E: Float64Array;
  readonly A: Float64Array;
  readonly B: Float64Array;
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
}

/** Points per axis of the default seed grid. */
export const DEFAULT_SEED_GRID5_SIZE = 4;

/**
 * The 5-D seed grid with `k` values per axis. k = 4 is the default grid of
 * specs/conventions.md §4 (E on linspace(0.1, 5, 4), A and B on
 * logspace(1, 4, 4), α and β on linspace(0.05, 0.95, 4)); any other k keeps
 * the ranges of the 8⁵ grid of specs/experiments.md §B.8 (A and B on
 * logspace(1, 6, k)).
 * @throws InvalidInputError unless k is an integer ≥ 2
 */
export function seedGrid5(k: number = DEFAULT_SEED_GRID5_SIZE): SeedGrid5 {
  if (!(Number.isInteger(k) && k >= 2)) throw new InvalidInputError(`seed grid size = ${k} must be an integer ≥ 2`, 'k', undefined, k);
  const hi = k === DEFAULT_SEED_GRID5_SIZE ? 4 : 6;
  return { E: linspace(0.1, 5, k), A: logspace(1, hi, k), B: logspace(1, hi, k), alpha: linspace(0.05, 0.95, k), beta: linspace(0.05, 0.95, k) };
}

/** The default Approach 3 seed grid, 4⁵ = 1024 points (specs/conventions.md §4). */
export function grid4(): SeedGrid5 {
  return seedGrid5(4);
}

/** The finer 8⁵ = 32768-point seed grid of specs/experiments.md §B.8. */
export function grid8(): SeedGrid5 {
  return seedGrid5(8);
}

/** Natural-scale bounds of Approach 3 (specs/conventions.md §4). */
export const APPROACH3_BOUNDS: SurfaceBounds = Object.freeze({
  E: [1e-6, 10],
  A: [1e-6, 1e6],
  B: [1e-6, 1e6],
  alpha: [0.01, 0.99],
  beta: [0.01, 0.99],
});

export interface GridBest {
  readonly surface: LossSurface;
  readonly rss: number;
  /** Index of the best value on each axis. */
  readonly index: readonly [number, number, number, number, number];
  readonly evaluations: number;
}

/** The grid point of least RSS on L (ties: first in E-major order). */
export function bestGridPoint(data: PreparedData, grid: SeedGrid5, k: Kernels, kernels: Approach3Kernels = APPROACH3_KERNELS): GridBest {
  const axes = [grid.E, grid.A, grid.B, grid.alpha, grid.beta] as const;
  if (kernels === 'fused') return fusedBest(k.approach3Grid(data, grid), axes);
  const p = new Float64Array(5);
  let best = Infinity;
  let bestIdx: [number, number, number, number, number] = [-1, -1, -1, -1, -1];
  let count = 0;
  for (let i0 = 0; i0 < axes[0].length; i0++) {
    p[0] = axes[0][i0];
    for (let i1 = 0; i1 < axes[1].length; i1++) {
      p[1] = axes[1][i1];
      for (let i2 = 0; i2 < axes[2].length; i2++) {
        p[2] = axes[2][i2];
        for (let i3 = 0; i3 < axes[3].length; i3++) {
          p[3] = axes[3][i3];
          for (let i4 = 0; i4 < axes[4].length; i4++) {
            p[4] = axes[4][i4];
            const r = k.rss5(data, p);
            count++;
            if (r < best) {
              best = r;
              bestIdx = [i0, i1, i2, i3, i4];
            }
          }
        }
      }
    }
  }
  const [i0, i1, i2, i3, i4] = bestIdx;
  const surface =
    i0 < 0 ? { E: NaN, A: NaN, B: NaN, alpha: NaN, beta: NaN } : { E: axes[0][i0], A: axes[1][i1], B: axes[2][i2], alpha: axes[3][i3], beta: axes[4][i4] };
  return { surface, rss: best, index: bestIdx, evaluations: count };
}

/** Decode the fused kernel's E-major index into per-axis indices and the surface. */
function fusedBest(best: { index: number; rss: number }, axes: readonly [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array]): GridBest {
  const evaluations = axes.reduce((m, a) => m * a.length, 1);
  if (best.index < 0) return { surface: { E: NaN, A: NaN, B: NaN, alpha: NaN, beta: NaN }, rss: best.rss, index: [-1, -1, -1, -1, -1], evaluations };
  const idx = [0, 0, 0, 0, 0] as [number, number, number, number, number];
  let rest = best.index;
  for (let j = 4; j >= 0; j--) {
    idx[j] = rest % axes[j].length;
    rest = Math.floor(rest / axes[j].length);
  }
  const [i0, i1, i2, i3, i4] = idx;
  return { surface: { E: axes[0][i0], A: axes[1][i1], B: axes[2][i2], alpha: axes[3][i3], beta: axes[4][i4] }, rss: best.rss, index: idx, evaluations };
}
