import { getKernels, prepareData, type Kernels, type PreparedData } from '../kernels/index.ts';
import { checkSurfaceData } from './validate.ts';
import { grid4, bestGridPoint, type SeedGrid5 } from './grids5.ts';
import {
  PARAMETER_NAMES,
  fitMessage,
  fitStatus,
  gridEdgeHit,
  hitParameters,
  stopDiagnostics,
  surfaceFitResult,
  vanishingHits,
  type BoundHit,
  type SurfaceFitResult,
} from './result.ts';

export interface GridSearchOptions {
  /** The 5-D grid. Default the 4⁵ Approach 3 seed grid ({@link grid4}). */
  grid?: SeedGrid5;
  kernels?: Kernels;
}

/**
 * 5-D grid search: the grid point of least RSS on L, no refinement. Reports
 * `bound_hit` when the best point lies on the edge of any axis (the true
 * optimum may lie beyond it) or E, A or B is near zero.
 */
export function fitGridSearch(N: ArrayLike<number>, D: ArrayLike<number>, L: ArrayLike<number>, options: GridSearchOptions = {}): SurfaceFitResult {
  checkSurfaceData(N, D, L);
  return fitGridSearchPrepared(prepareData(N, D, L), options);
}

/** {@link fitGridSearch} on data already prepared (and validated) once. */
export function fitGridSearchPrepared(data: PreparedData, options: GridSearchOptions = {}): SurfaceFitResult {
  const grid = options.grid ?? grid4();
  const best = bestGridPoint(data, grid, options.kernels ?? getKernels());
  const axes = [grid.E, grid.A, grid.B, grid.alpha, grid.beta];
  const edges = PARAMETER_NAMES.map((p, j) => gridEdgeHit(p, axes[j], best.index[j])).filter((h): h is BoundHit => h !== null);
  const hits = [...edges, ...vanishingHits(best.surface)];
  return surfaceFitResult(best.surface, {
    rss: best.rss,
    nPoints: data.n,
    method: 'grid_search',
    iterations: 0,
    status: fitStatus('none', hits),
    message: fitMessage(`best of ${best.evaluations} grid points`, hits),
    diagnostics: { nfev: best.evaluations, boundsHit: hitParameters(hits), start: best.surface, objective: best.rss, ...stopDiagnostics(null) },
  });
}
