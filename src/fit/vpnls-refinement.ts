/**
 * The VPNLS exponent grid and local refinement (specs/fitting.md "VPNLS"):
 * their types and defaults, used by the unpinned fit (./vpnls.ts) and the
 * pinned one (./vpnls-pinned.ts).
 */
import type { LbfgsbOptions, NelderMeadOptions } from '../optim/index.ts';

/** Exponent grid of the VPNLS seed search (specs/conventions.md §4): linspace(lo, hi, size) for α and β. */
export interface ExponentGrid {
  readonly size: number;
  readonly lo: number;
  readonly hi: number;
}

/** Default seed grid: 32×32 over [0.05, 0.95]. */
export const VPNLS_GRID: ExponentGrid = Object.freeze({ size: 32, lo: 0.05, hi: 0.95 });
/** The fine-grid variant: 256×256, no refinement. */
export const VPNLS_FINE_GRID: ExponentGrid = Object.freeze({ size: 256, lo: 0.05, hi: 0.95 });
/** Bounds on α and β during refinement (specs/conventions.md §4). */
export const VPNLS_EXPONENT_BOUNDS: readonly [number, number] = Object.freeze([0.01, 0.99]) as readonly [number, number];

/** The local refinement after the grid: a discriminated union, so only valid combinations exist. */
export type VpnlsRefinement =
  | {
      readonly method: 'lbfgsb';
      readonly gradient: 'analytic' | 'forward' | 'central';
      readonly step?: number;
      readonly options?: Partial<LbfgsbOptions>;
      /**
       * Inner solve of the refined profile and of the final E, A, B. 'ols'
       * (the default here) is the original study's recipe: unconstrained, so
       * E, A or B can come out negative on data that do not show scaling.
       * 'nnls' keeps E, A, B ≥ 0 (method id gets `_nnls`).
       */
      readonly inner?: 'ols' | 'nnls';
    }
  | { readonly method: 'nelder-mead'; readonly options?: Partial<NelderMeadOptions> }
  | { readonly method: 'none' };

/**
 * Default refinement: L-BFGS-B with the envelope-theorem gradient on the NNLS
 * profile, so the library's default never returns negative E, A or B
 * (`vpnls_lbfgsb_grad_nnls`). Where the OLS optimum has E, A, B > 0 both
 * profiles agree near it. The study's recipe (OLS profile) is
 * `{ method: 'lbfgsb', gradient: 'analytic' }`, id `vpnls_lbfgsb_grad`.
 */
export const VPNLS_DEFAULT_REFINEMENT: VpnlsRefinement = Object.freeze({ method: 'lbfgsb', gradient: 'analytic', inner: 'nnls' });
