/**
 * The method registry: every fit recipe by its identifier (specs/experiments.md
 * §B.8, plus the `fit` command's variants), with its label, what it does, how
 * to run it and when it counts as failed. The `fit` command and the
 * experiments call methods only through here, so an identifier means one
 * recipe everywhere (specs/fitting.md, "Method registry").
 *
 * A surface method's `fit` takes the prepared data and an options object.
 * The options change only what the identifier leaves open (a seed grid, an
 * iteration limit, a start point); the result's `method` names the recipe
 * that ran (a VPNLS grid size other than the identifier's adds a suffix).
 */
import { prepareData, type Kernels, type PreparedData } from '../kernels/index.ts';
import type { LossSurface } from '../surface/loss-surface.ts';
import type { RandomSource } from '../util/random.ts';
import { fitApproach2, type Approach2Result } from './approach2.ts';
import { fitApproach3Prepared, type Approach3Options } from './approach3.ts';
import { FitError, InvalidInputError } from '../core/errors.ts';
import { fitGridSearchPrepared } from './grid-search.ts';
import { grid4, type SeedGrid5 } from './grids5.ts';
import type { PinnedParameters } from './pinned.ts';
import type { FitStatus, SurfaceFitResult } from './result.ts';
import { METHOD_LABELS, type Approach3MethodId, type MethodId, type SurfaceMethodId, type VpnlsMethodId } from './method-ids.ts';
import { checkSurfaceData } from './validate.ts';
import { fitVpnlsPrepared, VPNLS_DEFAULT_REFINEMENT, VPNLS_FINE_GRID, VPNLS_GRID, type ExponentGrid, type VpnlsRefinement } from './vpnls.ts';

/** Default Huber threshold of the `_huber` methods (the one Hoffmann et al. used on log-loss residuals). */
export const DEFAULT_HUBER_DELTA = 1e-3;

/** What a surface method's identifier leaves open. Every field is optional; defaults as stated. */
export interface SurfaceMethodOptions {
  /** VPNLS: the exponent grid. Default the identifier's: 256×256 for `_256`/`grid256`, else 32×32. */
  readonly exponentGrid?: ExponentGrid;
  /** Approach 3 (seed) and grid search: the 5-D grid. Default 4⁵ ({@link grid4}). */
  readonly seedGrid?: SeedGrid5;
  /**
   * Approach 3 (not `_naive`): start here instead of at the best point of `seedGrid`.
   * Passing that best point gives the same fit; callers fitting several
   * Approach 3 variants to one data set compute it once.
   */
  readonly startPoint?: LossSurface;
  /** `approach3_naive`: the generator of the uniform start (required there). */
  readonly rng?: RandomSource;
  /** L-BFGS-B iteration limit (Approach 3 and VPNLS L-BFGS-B). Default the optimiser's (specs/conventions.md §4). */
  readonly maxiter?: number;
  /** `_huber` methods: the threshold δ. Default {@link DEFAULT_HUBER_DELTA}. */
  readonly huberDelta?: number;
  /** VPNLS and Approach 3: parameters held at given values (specs/fitting.md). Default none. */
  readonly fix?: PinnedParameters;
  /** Kernels to use. Default the loaded core (`getKernels()`). */
  readonly kernels?: Kernels;
}

/** Points grouped into IsoFLOP curves, as Approach 2 needs them. */
export interface Approach2Data {
  readonly N: ArrayLike<number>;
  readonly D: ArrayLike<number>;
  readonly L: ArrayLike<number>;
  /** The budget (IsoFLOP group) of each point. */
  readonly C: ArrayLike<number>;
}

interface MethodInfo<Id extends MethodId> {
  readonly id: Id;
  /** The label the article and the `fit` command's report use. */
  readonly label: string;
  /** The recipe in words (specs/experiments.md §B.8). */
  readonly recipe: string;
}

export interface SurfaceMethod extends MethodInfo<SurfaceMethodId> {
  readonly kind: 'surface';
  readonly fit: (data: PreparedData, options?: SurfaceMethodOptions) => SurfaceFitResult;
}

export interface Approach2Method extends MethodInfo<'approach2'> {
  readonly kind: 'approach2';
  readonly fit: (data: Approach2Data) => Approach2Result;
}

export type Method = Approach2Method | SurfaceMethod;

function vpnls(id: VpnlsMethodId, recipe: string, refine: VpnlsRefinement, grid: ExponentGrid): SurfaceMethod {
  return {
    kind: 'surface',
    id,
    label: METHOD_LABELS[id],
    recipe,
    fit: (data, o = {}) => {
      const r = o.maxiter !== undefined && refine.method === 'lbfgsb' ? { ...refine, options: { maxiter: o.maxiter } } : refine;
      return fitVpnlsPrepared(data, {
        grid: o.exponentGrid ?? grid,
        refine: r,
        ...(o.fix ? { fix: o.fix } : {}),
        ...(o.kernels ? { kernels: o.kernels } : {}),
      });
    },
  };
}

function approach3(id: Approach3MethodId, recipe: string): SurfaceMethod {
  const naive = id.includes('_naive');
  const huber = id.includes('_huber');
  const base: Approach3Options = {
    parameterization: id.includes('_lse') ? 'lse' : 'natural',
    scale: id.includes('_logloss') ? 'log' : 'linear',
    gradient: id.endsWith('_fd') ? { kind: 'central' } : { kind: 'analytic' },
    method: id,
  };
  return {
    kind: 'surface',
    id,
    label: METHOD_LABELS[id],
    recipe,
    fit: (data, o = {}) => {
      if (naive && o.rng === undefined) throw new InvalidInputError(`${id}: the random start needs a generator (options.rng)`, 'rng');
      const start: Approach3Options['start'] = naive
        ? { kind: 'random', rng: o.rng! }
        : o.startPoint !== undefined
          ? { kind: 'point', surface: o.startPoint }
          : { kind: 'grid', grid: o.seedGrid ?? grid4() };
      return fitApproach3Prepared(data, {
        ...base,
        ...(huber ? { error: { kind: 'huber', delta: o.huberDelta ?? DEFAULT_HUBER_DELTA } } : {}),
        start,
        ...(o.maxiter !== undefined ? { lbfgsb: { maxiter: o.maxiter } } : {}),
        ...(o.fix ? { fix: o.fix } : {}),
        ...(o.kernels ? { kernels: o.kernels } : {}),
      });
    },
  };
}

const OLS_GRAD: VpnlsRefinement = Object.freeze({ method: 'lbfgsb', gradient: 'analytic' });

const ENTRIES: readonly Method[] = [
  {
    kind: 'approach2',
    id: 'approach2',
    label: METHOD_LABELS.approach2,
    recipe: 'parabolas in log10 N and log10 D through each IsoFLOP curve, lines through their vertices (specs/conventions.md §3)',
    fit: (d) => fitApproach2(d.N, d.D, d.L, d.C),
  },
  vpnls('vpnls_lbfgsb_grad', 'VPNLS, 32×32 seed grid, L-BFGS-B on the OLS profile, analytic gradient', OLS_GRAD, VPNLS_GRID),
  vpnls(
    'vpnls_lbfgsb_grad_nnls',
    'VPNLS, 32×32 seed grid, L-BFGS-B on the NNLS profile (E, A, B ≥ 0), analytic gradient: the library default',
    VPNLS_DEFAULT_REFINEMENT,
    VPNLS_GRID,
  ),
  vpnls('vpnls_lbfgsb_fd', 'as vpnls_lbfgsb_grad, gradient by central differences', { method: 'lbfgsb', gradient: 'central' }, VPNLS_GRID),
  vpnls('vpnls_nelder_mead', 'VPNLS, 32×32 seed grid, Nelder-Mead on the NNLS profile', { method: 'nelder-mead' }, VPNLS_GRID),
  vpnls('vpnls_grid256', 'VPNLS, best cell of a 256×256 grid, no refinement', { method: 'none' }, VPNLS_FINE_GRID),
  vpnls('vpnls_lbfgsb_grad_256', 'VPNLS, 256×256 seed grid, then L-BFGS-B on the OLS profile, analytic gradient', OLS_GRAD, VPNLS_FINE_GRID),
  approach3('approach3', '5-D L-BFGS-B, squared error on L, natural-scale parameters, analytic gradient, seeded from the 5-D grid'),
  approach3('approach3_naive', 'as approach3, started uniformly within the natural-scale bounds'),
  approach3('approach3_lse', 'as approach3 with E, A, B fitted as logs'),
  approach3('approach3_logloss', 'as approach3, squared error on ln L'),
  approach3('approach3_lse_logloss', 'LSE parameters, squared error on ln L'),
  approach3('approach3_lse_logloss_fd', 'as approach3_lse_logloss, central-difference gradient'),
  approach3('approach3_huber', 'as approach3, Huber error on L'),
  approach3('approach3_lse_huber', 'LSE parameters, Huber error on L'),
  approach3('approach3_logloss_huber', 'natural parameters, Huber error on ln L'),
  approach3('approach3_lse_logloss_huber', 'LSE parameters, Huber error on ln L: the objective of Hoffmann et al.'),
  {
    kind: 'surface',
    id: 'grid_search',
    label: METHOD_LABELS.grid_search,
    recipe: 'the point of least RSS on L of the 5-D grid, no refinement',
    fit: (data, o = {}) => fitGridSearchPrepared(data, { grid: o.seedGrid ?? grid4(), ...(o.kernels ? { kernels: o.kernels } : {}) }),
  },
];

/** The registry, by identifier. */
export const METHODS: { readonly approach2: Approach2Method } & Readonly<Record<SurfaceMethodId, SurfaceMethod>> = Object.freeze(
  Object.fromEntries(ENTRIES.map((m) => [m.id, m])),
) as { readonly approach2: Approach2Method } & Readonly<Record<SurfaceMethodId, SurfaceMethod>>;

/** Every identifier, in registry order. */
export const METHOD_IDS: readonly MethodId[] = Object.freeze(ENTRIES.map((m) => m.id));

/** Whether a string is a registered identifier. */
export function isMethodId(s: string): s is MethodId {
  return Object.hasOwn(METHODS, s);
}

export { METHOD_LABELS, type Approach3MethodId, type MethodId, type SurfaceMethodId, type VpnlsMethodId };

/**
 * Runs a surface method on plain arrays: checks the data as the library's
 * fit functions do (specs/fitting.md), prepares it and fits.
 * @throws TooFewPointsError, DegenerateDataError, InvalidInputError on data no surface fit can use
 */
export function fitSurfaceMethod(
  id: SurfaceMethodId,
  N: ArrayLike<number>,
  D: ArrayLike<number>,
  L: ArrayLike<number>,
  options: SurfaceMethodOptions = {},
): SurfaceFitResult {
  checkSurfaceData(N, D, L);
  return METHODS[id].fit(prepareData(N, D, L), options);
}

/**
 * Failure rule of specs/experiments.md §B.8, the thrown half: a fit that
 * throws a {@link FitError} or an {@link InvalidInputError} has failed (its
 * row keeps empty estimates); anything else is a bug and should propagate.
 */
export function isFitFailure(err: unknown): err is FitError | InvalidInputError {
  return err instanceof FitError || err instanceof InvalidInputError;
}

/** The status half, where an experiment applies it: a fit stopped at a bound has failed. */
export function failsOnStatus(status: FitStatus): boolean {
  return status === 'bound_hit';
}
