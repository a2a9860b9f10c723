/**
 * The fitting step of the `fit` command, shared by the main thread and the
 * bootstrap workers: one method on (N, D, L) plus the IsoFLOP group of every
 * point, and the quantities the command reports. Pure: no I/O, no globals.
 *
 * Units. Surface methods fit N/nScale and D/dScale, so E, A, B are for those
 * units. Everything about allocations (a0, b0, N*, D* at the target) is in
 * natural units: parameters, tokens and FLOPs. Approach 2 is invariant to the
 * scales (they only shift log N and log D) and always runs on natural units.
 */
import { DegenerateDataError, NoScalingError, TooFewPointsError } from '../core/errors.ts';
import { checkSurfaceData, SURFACE_PARAMETERS } from '../fit/validate.ts';
import { formatCompute } from '../util/format.ts';
import { extrapolateApproach2, fitApproach2, type Approach2Result } from '../fit/approach2.ts';
import { DEFAULT_SEED_GRID5_SIZE, seedGrid5 } from '../fit/grids5.ts';
import { DEFAULT_HUBER_DELTA, fitSurfaceMethod, type SurfaceMethodId, type SurfaceMethodOptions } from '../fit/methods.ts';
import type { PinnedParameters } from '../fit/pinned.ts';
import type { FitStatus, SurfaceFitResult } from '../fit/result.ts';
import { VPNLS_GRID } from '../fit/vpnls.ts';
import { dOpt, intercepts, lossOpt, nOpt, type LossSurface } from '../surface/loss-surface.ts';

/** `--method`. */
export type MethodName = 'vpnls' | 'approach2' | 'approach3' | 'grid';
export const METHOD_NAMES: readonly MethodName[] = ['vpnls', 'approach2', 'approach3', 'grid'];

/** `--optimizer`: the local refinement (VPNLS: all three; Approach 3: lbfgsb only). */
export type OptimizerName = 'lbfgsb' | 'nelder-mead' | 'none';
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['lbfgsb', 'nelder-mead', 'none'];

/** `--objective` (Approach 3 only): squared error or Huber loss on the residuals. */
export type ObjectiveName = 'mse' | 'huber';
export const OBJECTIVE_NAMES: readonly ObjectiveName[] = ['mse', 'huber'];

/** Default `--huber-delta`: the registry's (the threshold Hoffmann et al. used on log-loss residuals). */
export { DEFAULT_HUBER_DELTA };
/** Default `--grid-size` of the 5-D grid of Approach 3 (seed) and `--method grid`: the library's 4⁵ grid. */
export const DEFAULT_GRID5_SIZE = DEFAULT_SEED_GRID5_SIZE;
/** Largest `--grid-size` for the 5-D grids (16⁵ ≈ 10⁶ points). */
export const MAX_GRID5_SIZE = 16;
/** Largest `--grid-size` for the VPNLS exponent grid. */
export const MAX_VPNLS_GRID_SIZE = 2048;

/** A fully resolved method choice (validated by the command-line parser). */
export interface MethodSpec {
  readonly method: MethodName;
  /** VPNLS refinement, or `lbfgsb` for Approach 3; ignored by approach2 and grid. */
  readonly optimizer: OptimizerName;
  readonly objective: ObjectiveName;
  readonly huberDelta: number;
  /** Approach 3: fit log E, log A, log B (LSE parameterization). */
  readonly lse: boolean;
  /** Approach 3: residuals on ln L instead of L. */
  readonly logLoss: boolean;
  /** Grid size per axis: VPNLS exponent grid (default 32), or the 5-D grid (default 4). */
  readonly gridSize: number | null;
  /** `--fix`: surface parameters held at given values (VPNLS and Approach 3; specs/pinned.md). Absent: none. */
  readonly fix?: PinnedParameters;
}

/** Divisors applied to N and D before a surface fit. */
export interface Scales {
  readonly n: number;
  readonly d: number;
}

/** The data a fit needs, in natural units, with each point's IsoFLOP group (its nominal budget in FLOPs). */
export interface FitInput {
  readonly N: Float64Array;
  readonly D: Float64Array;
  readonly L: Float64Array;
  readonly groups: Float64Array;
}

/** Allocation at the target budget, natural units. */
export interface TargetAllocation {
  readonly compute: number;
  readonly N: number;
  readonly D: number;
  /** Tokens per parameter, D* ÷ N*. */
  readonly D_over_N: number;
  /** Compute-optimal loss L_opt(C); null for Approach 2 (no surface). */
  readonly loss: number | null;
}

/** What one fit reports, method-independent. Surface fields are null for Approach 2. */
export interface FitOutcome {
  readonly methodName: MethodName;
  /** Method identifier, e.g. `vpnls_lbfgsb_grad` or `approach2`. */
  readonly method: string;
  readonly E: number | null;
  readonly A: number | null;
  readonly B: number | null;
  readonly alpha: number | null;
  readonly beta: number | null;
  /** N* ∝ C^a, D* ∝ C^b. */
  readonly a: number;
  readonly b: number;
  /** log10 N* = a·log10 C + a0 and log10 D* = b·log10 C + b0 (N in parameters, D in tokens, C in FLOPs). */
  readonly a0: number;
  readonly b0: number;
  /** Σ(L − L̂)² of the surface; null for Approach 2. */
  readonly rss: number | null;
  readonly nPoints: number;
  readonly status: FitStatus;
  readonly message: string;
  readonly iterations: number;
  readonly target: TargetAllocation;
  /** The fitted surface converted to natural units (null for Approach 2). */
  readonly surface: LossSurface | null;
  /** The library result of a surface fit (scaled units). */
  readonly surfaceFit: SurfaceFitResult | null;
  /** The Approach 2 result (natural units). */
  readonly approach2: Approach2Result | null;
  /** What makes this fit weakly determined, in words (empty when nothing does). */
  readonly warnings: readonly string[];
}

/** Fewer points than this (twice the surface's parameters) make a fit weakly determined: a warning. */
export const WEAK_FIT_POINTS = 2 * SURFACE_PARAMETERS;
/** Fewer IsoFLOP groups than this make the allocation exponents weakly determined: a warning. */
export const WEAK_FIT_GROUPS = 3;

function distinctCount(x: Float64Array): number {
  return new Set(x).size;
}

/**
 * Identifiability checks run before any method (specs/fitting.md): the
 * surface checks of the library ({@link checkSurfaceData}: ≥ 6 points, 2
 * distinct N and D, varying losses, points not on one line in log N–log D)
 * and at least 2 IsoFLOP groups. Returns the warnings for data that a fit can
 * use but only weakly determine.
 * @throws TooFewPointsError, DegenerateDataError naming what the data lack
 */
export function checkIdentifiable(input: FitInput, groupingNote = ''): string[] {
  checkSurfaceData(input.N, input.D, input.L);
  const n = input.N.length;
  const groups = distinctCount(input.groups);
  const note = groupingNote === '' ? '' : ` (${groupingNote})`;
  if (groups < 2) {
    throw new DegenerateDataError(`all ${n} points are in one IsoFLOP group${note}; a fit needs runs at 2 or more budgets`);
  }
  const warnings: string[] = [];
  if (n < WEAK_FIT_POINTS) {
    warnings.push(`only ${n} points for ${SURFACE_PARAMETERS} surface parameters: the fit is weakly determined (use ${WEAK_FIT_POINTS} or more)`);
  }
  let nMin = Infinity;
  for (const x of input.N) nMin = Math.min(nMin, x);
  if (nMin < 1) {
    warnings.push(
      `N goes down to ${nMin}, below one parameter: N must be a parameter count (if it is in millions or billions, multiply it out), or the reported N*, a0 and D*/N* are in the wrong units`,
    );
  }
  if (groups < WEAK_FIT_GROUPS) {
    warnings.push(`only ${groups} IsoFLOP groups${note}: the scaling of N* and D* with compute rests on ${groups} curves (use ${WEAK_FIT_GROUPS} or more)`);
  }
  return warnings;
}

/**
 * The allocation at the target budget, refused when it is not a positive
 * finite number (a fit whose exponents sit at their bounds can put N* or D*
 * beyond double precision): never a quiet null or NaN in the output.
 * @throws DegenerateDataError naming the target and the values
 */
function checkedTarget(compute: number, N: number, D: number, loss: number | null, method: string): FitOutcome['target'] {
  const bad = (x: number): boolean => !(Number.isFinite(x) && x > 0);
  // Words, not "Infinity" or "NaN": the message reaches the user's output.
  const say = (name: string, x: number): string =>
    Number.isNaN(x) ? `${name} is undefined` : x === Infinity ? `${name} overflows` : x <= 0 ? `${name} underflows to zero` : `${name} = ${x.toPrecision(4)}`;
  if (bad(N) || bad(D) || (loss !== null && !Number.isFinite(loss))) {
    const parts = [say('N*', N), say('D*', D), ...(loss !== null && !Number.isFinite(loss) ? [say('the loss', loss)] : [])];
    throw new DegenerateDataError(
      `the ${method} fit puts the optimum at the target C = ${formatCompute(compute)} outside double precision ` +
        `(${parts.join(', ')}); the fitted exponents do not describe how loss scales with compute here`,
    );
  }
  return { compute, N, D, D_over_N: D / N, loss };
}

/** A term contributing at most this × the spread of the losses counts as switched off (scale-free). */
export const VANISHING_TERM_RELATIVE = 1e-6;

/**
 * Refuses a surface whose N or D term vanished: with E, A, B ≥ 0 that is how
 * data without scaling (loss not decreasing in N or D) show up. The test is
 * relative — how much the term varies over the points against the spread of
 * the losses — so it holds at any loss scale. The variation, not the value:
 * a term that is nearly constant over the data (an exponent at its lower
 * bound) is only a shift of E and says nothing about how loss scales.
 * @param N, D, L the data the surface was fitted to (its units)
 * @throws NoScalingError saying which term and why
 */
export function checkScaling(fit: LossSurface, N: Float64Array, D: Float64Array, L: Float64Array, method: string): void {
  let lmin = Infinity;
  let lmax = -Infinity;
  let aMin = Infinity;
  let aMax = -Infinity;
  let bMin = Infinity;
  let bMax = -Infinity;
  for (let i = 0; i < L.length; i++) {
    lmin = Math.min(lmin, L[i]!);
    lmax = Math.max(lmax, L[i]!);
    const ta = fit.A * Math.pow(N[i]!, -fit.alpha);
    const tb = fit.B * Math.pow(D[i]!, -fit.beta);
    aMin = Math.min(aMin, ta);
    aMax = Math.max(aMax, ta);
    bMin = Math.min(bMin, tb);
    bMax = Math.max(bMax, tb);
  }
  const tA = aMax - aMin;
  const tB = bMax - bMin;
  const floor = VANISHING_TERM_RELATIVE * (lmax - lmin);
  const gone: ('A' | 'B')[] = [];
  if (!(tA > floor)) gone.push('A');
  if (!(tB > floor)) gone.push('B');
  if (gone.length === 0) return;
  const words = gone.map((t) => (t === 'A' ? `A = ${fit.A} (the loss does not decrease with N)` : `B = ${fit.B} (the loss does not decrease with D)`));
  throw new NoScalingError(
    `the data show no scaling: the best ${method} fit with E, A, B ≥ 0 has ${words.join(' and ')}; ` +
      'N*, D* and the exponents would be meaningless (check the loss column and that loss falls with model size and tokens)',
    gone,
  );
}

/**
 * The registry method (src/fit/methods.ts) and options a `--method` choice
 * runs. VPNLS: `--optimizer` picks the refinement (L-BFGS-B on the NNLS
 * profile, so E, A, B ≥ 0; the study's OLS recipe is for the experiments),
 * `--grid-size` the exponent grid. Approach 3: `--lse`, `--log-loss` and
 * `--objective huber` pick the identifier, `--grid-size` the 5-D seed grid.
 */
export function registryMethod(spec: MethodSpec): { readonly id: SurfaceMethodId; readonly options: SurfaceMethodOptions } {
  switch (spec.method) {
    case 'vpnls': {
      const id: SurfaceMethodId =
        spec.optimizer === 'lbfgsb' ? 'vpnls_lbfgsb_grad_nnls' : spec.optimizer === 'nelder-mead' ? 'vpnls_nelder_mead' : 'vpnls_grid256';
      return {
        id,
        options: {
          ...(spec.gridSize !== null ? { exponentGrid: { size: spec.gridSize, lo: VPNLS_GRID.lo, hi: VPNLS_GRID.hi } } : {}),
          ...(spec.fix !== undefined ? { fix: spec.fix } : {}),
        },
      };
    }
    case 'approach3': {
      const id = `approach3${spec.lse ? '_lse' : ''}${spec.logLoss ? '_logloss' : ''}${spec.objective === 'huber' ? '_huber' : ''}` as SurfaceMethodId;
      return {
        id,
        options: {
          seedGrid: seedGrid5(spec.gridSize ?? DEFAULT_GRID5_SIZE),
          huberDelta: spec.huberDelta,
          ...(spec.fix !== undefined ? { fix: spec.fix } : {}),
        },
      };
    }
    case 'grid':
      return { id: 'grid_search', options: { seedGrid: seedGrid5(spec.gridSize ?? DEFAULT_GRID5_SIZE) } };
    case 'approach2':
      throw new Error('registryMethod: approach2 is not a surface method');
  }
}

/** Runs the chosen surface method on (N, D, L) as given (already scaled). */
export function fitSurface(N: Float64Array, D: Float64Array, L: Float64Array, spec: MethodSpec): SurfaceFitResult {
  const { id, options } = registryMethod(spec);
  return fitSurfaceMethod(id, N, D, L, options);
}

/** A surface fitted to N/nScale and D/dScale, in natural units: A·nScale^α, B·dScale^β. */
export function unscaleSurface(s: LossSurface, scales: Scales): LossSurface {
  return { E: s.E, A: s.A * Math.pow(scales.n, s.alpha), B: s.B * Math.pow(scales.d, s.beta), alpha: s.alpha, beta: s.beta };
}

/**
 * Approach 2 with the IsoFLOP groups as budgets. A group with too few points
 * is reported with its budget in exponent form and the group's origin.
 */
export function fitApproach2Groups(input: FitInput, groupingNote = ''): Approach2Result {
  try {
    return fitApproach2(input.N, input.D, input.L, input.groups);
  } catch (err) {
    if (err instanceof TooFewPointsError && err.budget !== null) {
      const note = groupingNote === '' ? '' : ` (${groupingNote})`;
      throw new TooFewPointsError(
        `Approach 2: the IsoFLOP group C = ${formatCompute(err.budget)} has ${err.count} point${err.count === 1 ? '' : 's'}; ` +
          `a parabola needs at least ${err.required}${note}`,
        err.budget,
        err.count,
        err.required,
      );
    }
    if (err instanceof Error && !err.message.startsWith('Approach 2')) err.message = `Approach 2: ${err.message}`;
    throw err;
  }
}

function divide(x: Float64Array, s: number): Float64Array {
  return s === 1 ? x : x.map((v) => v / s);
}

/**
 * Fits `input` with the chosen method and reports the allocation at
 * `targetCompute` FLOPs.
 * @param groupingNote how the groups were formed, appended to Approach 2 group errors
 */
export function runFit(input: FitInput, spec: MethodSpec, scales: Scales, targetCompute: number, groupingNote = ''): FitOutcome {
  const warnings = checkIdentifiable(input, groupingNote);
  if (spec.method === 'approach2') {
    const fit = fitApproach2Groups(input, groupingNote);
    const t = extrapolateApproach2(fit, targetCompute);
    return {
      methodName: 'approach2',
      method: 'approach2',
      E: null,
      A: null,
      B: null,
      alpha: null,
      beta: null,
      a: fit.a,
      b: fit.b,
      a0: fit.a0,
      b0: fit.b0,
      rss: null,
      nPoints: fit.nPoints,
      status: 'converged',
      message: `closed form: parabolas in log10 N and log10 D on ${fit.budgets.length} IsoFLOP groups, lines through their vertices`,
      iterations: 0,
      target: checkedTarget(targetCompute, t.N, t.D, null, 'approach2'),
      surface: null,
      surfaceFit: null,
      approach2: fit,
      warnings,
    };
  }
  const Ns = divide(input.N, scales.n);
  const Ds = divide(input.D, scales.d);
  const fit = fitSurface(Ns, Ds, input.L, spec);
  checkScaling(fit, Ns, Ds, input.L, fit.method);
  const natural = unscaleSurface(fit, scales);
  const { a0, b0 } = intercepts(natural);
  const N = nOpt(natural, targetCompute);
  const D = dOpt(natural, targetCompute);
  return {
    methodName: spec.method,
    method: fit.method,
    E: fit.E,
    A: fit.A,
    B: fit.B,
    alpha: fit.alpha,
    beta: fit.beta,
    a: fit.a,
    b: fit.b,
    a0,
    b0,
    rss: fit.rss,
    nPoints: fit.nPoints,
    status: fit.status,
    message: fit.message,
    iterations: fit.iterations,
    target: checkedTarget(targetCompute, N, D, lossOpt(natural, targetCompute), fit.method),
    surface: natural,
    surfaceFit: fit,
    approach2: null,
    warnings,
  };
}

/** The quantities that get bootstrap intervals, in report order. */
export const QUANTITY_KEYS = ['E', 'A', 'B', 'alpha', 'beta', 'a', 'b', 'a0', 'b0', 'rss', 'target.N', 'target.D', 'target.D_over_N', 'target.loss'] as const;
export type QuantityKey = (typeof QUANTITY_KEYS)[number];

/** The reported quantities of one fit as a flat record (null where the method has none). */
export function quantities(o: FitOutcome): Record<QuantityKey, number | null> {
  return {
    E: o.E,
    A: o.A,
    B: o.B,
    alpha: o.alpha,
    beta: o.beta,
    a: o.a,
    b: o.b,
    a0: o.a0,
    b0: o.b0,
    rss: o.rss,
    'target.N': o.target.N,
    'target.D': o.target.D,
    'target.D_over_N': o.target.D_over_N,
    'target.loss': o.target.loss,
  };
}

export { formatCompute };
