import { getKernels, prepareData, type Kernels, type PreparedData } from '../kernels/index.ts';
import { lbfgsb, nelderMead, withFiniteDifferences, type OptimResult } from '../optim/index.ts';
import { linspace } from '../util/space.ts';
import type { LossSurface } from '../surface/loss-surface.ts';
import { checkSurfaceData } from './validate.ts';
import { InvalidInputError } from '../core/errors.ts';
import { checkPinned, hasPins, type PinnedParameters } from './pinned.ts';
import { fitVpnlsPinned } from './vpnls-pinned.ts';
import { VPNLS_DEFAULT_REFINEMENT, VPNLS_EXPONENT_BOUNDS, VPNLS_FINE_GRID, VPNLS_GRID, type ExponentGrid, type VpnlsRefinement } from './vpnls-refinement.ts';
import {
  boundHits,
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

// The grid and refinement types live in ./vpnls-refinement.ts (shared with the pinned path, ./vpnls-pinned.ts).
export {
  VPNLS_DEFAULT_REFINEMENT,
  VPNLS_EXPONENT_BOUNDS,
  VPNLS_FINE_GRID,
  VPNLS_GRID,
  type ExponentGrid,
  type VpnlsRefinement,
} from './vpnls-refinement.ts';

export interface VpnlsOptions {
  /** Seed grid. Default {@link VPNLS_GRID} (32×32), or {@link VPNLS_FINE_GRID} when refine is 'none'. */
  grid?: ExponentGrid;
  /** Local refinement. Default {@link VPNLS_DEFAULT_REFINEMENT}. */
  refine?: VpnlsRefinement;
  /** Bounds on α and β for refinement. Default {@link VPNLS_EXPONENT_BOUNDS}. */
  bounds?: readonly [number, number];
  /** Kernels to use. Default {@link getKernels}. */
  kernels?: Kernels;
  /**
   * Parameters held at given values (specs/pinned.md); default none. A pinned
   * E, A or B leaves the inner solve, a pinned exponent its grid axis and its
   * coordinate of the refinement. The result carries `pinned`.
   */
  fix?: PinnedParameters;
}

function methodId(refine: VpnlsRefinement, grid: ExponentGrid): string {
  const suffix = grid.size === VPNLS_GRID.size ? '' : `_${grid.size}`;
  switch (refine.method) {
    case 'lbfgsb':
      return `vpnls_lbfgsb_${refine.gradient === 'analytic' ? 'grad' : 'fd'}${refine.inner === 'nnls' ? '_nnls' : ''}${suffix}`;
    case 'nelder-mead':
      return `vpnls_nelder_mead${suffix}`;
    case 'none':
      return `vpnls_grid${grid.size}`;
  }
}

function checkGrid(g: ExponentGrid): void {
  if (!(Number.isInteger(g.size) && g.size >= 2)) throw new InvalidInputError(`grid size = ${g.size} must be an integer ≥ 2`, 'grid.size', undefined, g.size);
  if (!(g.lo > 0 && g.hi > g.lo && Number.isFinite(g.hi))) {
    throw new InvalidInputError(`grid range [${g.lo}, ${g.hi}] must satisfy 0 < lo < hi < ∞`, 'grid');
  }
}

/**
 * Variable projection with non-negative least squares (specs/conventions.md §4).
 * For fixed (α, β) the model is linear in (E, A, B) with columns
 * [1, N^−α, D^−β]; the closed-form NNLS gives the profile RSS(α, β). A grid
 * scan (WebAssembly kernel) finds the best cell, which seeds either
 * L-BFGS-B on the NNLS profile (default) or the OLS one (the study's recipe;
 * analytic envelope gradient
 * ∂RSS/∂α = 2A·Σ r·ln N·N^−α, or finite differences) or Nelder-Mead on the
 * NNLS profile. E, A, B come from the inner solve at the final (α, β).
 *
 * @example
 * const s = sampleIsoflops(SURFACES.asymmetric, { W: Math.log10(8) });
 * fitVpnls(s.N, s.D, s.L).alpha // 0.465 (to ~1e-9)
 */
export function fitVpnls(N: ArrayLike<number>, D: ArrayLike<number>, L: ArrayLike<number>, options: VpnlsOptions = {}): SurfaceFitResult {
  checkSurfaceData(N, D, L);
  return fitVpnlsPrepared(prepareData(N, D, L), options);
}

/** {@link fitVpnls} on data already prepared (and validated) once, e.g. for repeated fits. */
export function fitVpnlsPrepared(data: PreparedData, options: VpnlsOptions = {}): SurfaceFitResult {
  const refine = options.refine ?? VPNLS_DEFAULT_REFINEMENT;
  const grid = options.grid ?? (refine.method === 'none' ? VPNLS_FINE_GRID : VPNLS_GRID);
  const bounds = options.bounds ?? VPNLS_EXPONENT_BOUNDS;
  const k = options.kernels ?? getKernels();
  checkGrid(grid);
  const method = methodId(refine, grid);
  if (options.fix !== undefined) {
    const fix = checkPinned(options.fix, { alpha: bounds, beta: bounds }, method);
    if (hasPins(fix)) return fitVpnlsPinned(data, { fix, refine, grid, bounds, method });
  }

  const axis = linspace(grid.lo, grid.hi, grid.size);
  const cell = k.vpnlsGrid(data, axis, axis);
  if (cell.bestIndex < 0) throw new InvalidInputError(`${method}: every grid cell gave a non-finite RSS`, 'data');
  const start: LossSurface = { E: cell.E, A: cell.A, B: cell.B, alpha: cell.alpha, beta: cell.beta };

  if (refine.method === 'none') {
    const edges = [gridEdgeHit('alpha', axis, cell.alphaIndex), gridEdgeHit('beta', axis, cell.betaIndex)].filter((h): h is BoundHit => h !== null);
    const final = k.vpnlsPoint(data, cell.alpha, cell.beta, 'nnls');
    const hits = [...edges, ...vanishingHits(start)];
    return surfaceFitResult(start, {
      rss: final.rss,
      nPoints: data.n,
      method,
      iterations: 0,
      status: fitStatus('none', hits),
      message: fitMessage('best cell of the exponent grid', hits),
      diagnostics: { nfev: grid.size * grid.size, boundsHit: hitParameters(hits), start, objective: cell.rss, ...stopDiagnostics(null) },
    });
  }

  const box = { lower: [bounds[0], bounds[0]], upper: [bounds[1], bounds[1]] };
  const x0 = [cell.alpha, cell.beta];
  let opt: OptimResult;
  const inner = refine.method === 'nelder-mead' ? 'nnls' : (refine.inner ?? 'ols');
  if (refine.method === 'nelder-mead') {
    opt = nelderMead((x) => k.vpnlsPoint(data, x[0], x[1], 'nnls').rss, x0, { ...refine.options, bounds: box });
  } else if (refine.gradient === 'analytic') {
    opt = lbfgsb(
      (x, g) => {
        const p = k.vpnlsPoint(data, x[0], x[1], inner);
        g[0] = p.gradAlpha;
        g[1] = p.gradBeta;
        return p.rss;
      },
      x0,
      { ...refine.options, bounds: box, objectiveName: 'RSS' },
    );
  } else {
    const f = withFiniteDifferences((x) => k.vpnlsPoint(data, x[0], x[1], inner).rss, { scheme: refine.gradient, step: refine.step, bounds: box });
    opt = lbfgsb(f, x0, { ...refine.options, bounds: box, objectiveName: 'RSS' });
  }
  const [alpha, beta] = opt.x;
  const p = k.vpnlsPoint(data, alpha, beta, inner);
  const fitted: LossSurface = { E: p.E, A: p.A, B: p.B, alpha, beta };
  const hits = [...boundHits(fitted, { alpha: bounds, beta: bounds }), ...vanishingHits(fitted)];
  return surfaceFitResult(fitted, {
    rss: p.rss,
    nPoints: data.n,
    method,
    iterations: opt.iterations,
    status: fitStatus(opt.status, hits),
    message: fitMessage(opt.message, hits),
    diagnostics: { nfev: opt.nfev, boundsHit: hitParameters(hits), start, objective: opt.fun, ...stopDiagnostics(opt) },
  });
}
