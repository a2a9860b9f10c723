/**
 * The surface-fit recipes of experiments 11 and 12 (specs/experiments.md §B.8), on
 * plain arrays.
 */
import { fitApproach3, fitVpnls, grid8, type SurfaceFitResult, VPNLS_FINE_GRID } from '../../../src/fit/index.ts';

type Arrays = { readonly N: ArrayLike<number>; readonly D: ArrayLike<number>; readonly L: ArrayLike<number> };

/** `vpnls_lbfgsb_grad_256`: 256×256 exponent grid, then L-BFGS-B with the analytic gradient. */
export function fitVpnlsGrad256(d: Arrays): SurfaceFitResult {
  return fitVpnls(d.N, d.D, d.L, { grid: VPNLS_FINE_GRID, refine: { method: 'lbfgsb', gradient: 'analytic' } });
}

/** `approach3_lse_logloss` seeded from grid 8⁵. */
export function fitApproach3LseLogloss(d: Arrays): SurfaceFitResult {
  return fitApproach3(d.N, d.D, d.L, { parameterization: 'lse', scale: 'log', start: { kind: 'grid', grid: grid8() } });
}

/** `approach3_lse` (linear loss) seeded from grid 8⁵. */
export function fitApproach3Lse(d: Arrays): SurfaceFitResult {
  return fitApproach3(d.N, d.D, d.L, { parameterization: 'lse', scale: 'linear', start: { kind: 'grid', grid: grid8() } });
}
