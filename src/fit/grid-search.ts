import { getKernels, prepareData, type Kernels } from '../kernels/index.ts';
import { checkSurfaceData } from './validate.ts';
import { grid4, bestGridPoint, type Grid5 } from './grids5.ts';
import { PARAMETER_NAMES, fitMessage, fitStatus, surfaceFitResult, vanishingCoefficients, type ParameterName, type SurfaceFitResult } from './result.ts';

export interface GridSearchOptions {
  /** The 5-D grid. Default the 4⁵ Approach 3 seed grid ({@link grid4}). */
  grid?: Grid5;
  kernels?: Kernels;
}

/**
 * 5-D grid search: the grid point of least RSS on L, no refinement. Reports
 * `bound_hit` when the best point lies on the edge of any axis (the true
 * optimum may lie beyond it) or E, A or B is near zero.
 */
export function fitGridSearch(N: ArrayLike<number>, D: ArrayLike<number>, L: ArrayLike<number>, options: GridSearchOptions = {}): SurfaceFitResult {
  checkSurfaceData(N, D, L);
  const data = prepareData(N, D, L);
  const grid = options.grid ?? grid4();
  const best = bestGridPoint(data, grid, options.kernels ?? getKernels());
  const axes = [grid.E, grid.A, grid.B, grid.alpha, grid.beta];
  const edges: ParameterName[] = PARAMETER_NAMES.filter((_, j) => axes[j].length > 1 && (best.index[j] === 0 || best.index[j] === axes[j].length - 1));
  const hit = [...new Set([...edges, ...vanishingCoefficients(best.surface)])];
  return surfaceFitResult(best.surface, {
    rss: best.rss, nPoints: data.n, method: 'grid_search', iterations: 0,
    status: fitStatus('none', hit), message: fitMessage(`best of ${best.evaluations} grid points`, hit),
    diagnostics: { nfev: best.evaluations, boundsHit: hit, start: best.surface, objective: best.rss },
  });
}
