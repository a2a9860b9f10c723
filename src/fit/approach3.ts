import { getKernels, prepareData, type Kernels, type PreparedData } from '../kernels/index.ts';
import { lbfgsb, withFiniteDifferences, type LbfgsbOptions } from '../optim/index.ts';
import type { LossSurface } from '../surface/loss-surface.ts';
import type { RandomSource } from '../util/random.ts';
import { checkSurfaceData } from './validate.ts';
import { InvalidInputError } from '../core/errors.ts';
import { pinGrid, refineApproach3Pinned } from './approach3-pinned.ts';
import { checkPinned, hasPins, type PinnedParameters } from './pinned.ts';
import { APPROACH3_BOUNDS, bestGridPoint, grid4, type SeedGrid5 } from './grids5.ts';
import { APPROACH3_KERNELS, type Approach3Kernels } from './approach3-kernels.ts';
import {
  approach3Objective,
  fromNatural,
  toNatural,
  type ErrorFunction,
  type GradientSource,
  type Parameterization,
  type ResidualScale,
} from './approach3-objective.ts';
import {
  PARAMETER_NAMES,
  boundHits,
  fitMessage,
  fitStatus,
  hitParameters,
  stopDiagnostics,
  surfaceFitResult,
  type SurfaceBounds,
  type SurfaceFitResult,
} from './result.ts';

/** Where the optimiser starts. */
export type Approach3Start =
  | { readonly kind: 'grid'; readonly grid?: SeedGrid5 }
  | { readonly kind: 'random'; readonly rng: RandomSource }
  | { readonly kind: 'point'; readonly surface: LossSurface };

// How the gradient is obtained: its home is ./approach3-objective.ts (the pinned path uses it too).
export type { GradientSource } from './approach3-objective.ts';

export interface Approach3Options {
  /** 'natural' (default) or 'lse': (E, A, B) = exp(e, a, b). */
  parameterization?: Parameterization;
  /** Residuals on L ('linear', default) or on ln L ('log', the log-loss). */
  scale?: ResidualScale;
  /** Squared error (default) or Huber with threshold δ. */
  error?: ErrorFunction;
  /** Gradient: analytic (default) or finite differences. */
  gradient?: GradientSource;
  /** Start: the best point of the 4⁵ grid (default), a seeded random point, or a given point. */
  start?: Approach3Start;
  /** Natural-scale bounds. Default {@link APPROACH3_BOUNDS}. */
  bounds?: SurfaceBounds;
  /** L-BFGS-B options (specs/conventions.md §4 defaults). */
  lbfgsb?: Partial<LbfgsbOptions>;
  /** Method identifier in the result. Default derived from the options (specs/experiments.md §B.8 names). */
  method?: string;
  kernels?: Kernels;
  /** Per-point or fused Approach 3 kernels (same bits). Default {@link APPROACH3_KERNELS}, the one switch. */
  approach3Kernels?: Approach3Kernels;
  /**
   * Parameters held at given values (specs/pinned.md); default none. Only the
   * free ones are optimised; the seed grid keeps the pinned value on pinned
   * axes. The result carries `pinned`.
   */
  fix?: PinnedParameters;
}

function defaultMethodId(par: Parameterization, scale: ResidualScale, error: ErrorFunction, gradient: GradientSource, start: Approach3Start): string {
  let id = 'approach3';
  if (start.kind === 'random') id += '_naive';
  if (par === 'lse') id += '_lse';
  if (scale === 'log') id += '_logloss';
  if (error.kind === 'huber') id += '_huber';
  if (gradient.kind !== 'analytic') id += '_fd';
  return id;
}

/** Five uniform(lo, hi) draws over the natural-scale bounds, in the order E, A, B, α, β. */
function randomStart(rng: RandomSource, bounds: SurfaceBounds): LossSurface {
  const draw = (k: (typeof PARAMETER_NAMES)[number]): number => rng.uniform(bounds[k][0], bounds[k][1]);
  const E = draw('E');
  const A = draw('A');
  const B = draw('B');
  const alpha = draw('alpha');
  const beta = draw('beta');
  return { E, A, B, alpha, beta };
}

const asVector = (s: LossSurface): Float64Array => Float64Array.of(s.E, s.A, s.B, s.alpha, s.beta);
const asSurface = (p: ArrayLike<number>): LossSurface => ({ E: p[0], A: p[1], B: p[2], alpha: p[3], beta: p[4] });

/**
 * Approach 3: fit all five parameters at once by L-BFGS-B within box bounds
 * (specs/conventions.md §4), from the best point of a 5-D grid (least RSS on L), a
 * seeded random point inside the bounds, or a given point. In LSE mode the
 * bounds on E, A, B apply to their logs. The reported RSS is Σ (L − L̂)² on the
 * natural scale whatever objective was minimised.
 *
 * @example
 * const s = sampleIsoflops(SURFACES.chinchilla, { W: Math.log10(8) });
 * fitApproach3(s.N, s.D, s.L).alpha // ≈ 0.34
 */
export function fitApproach3(N: ArrayLike<number>, D: ArrayLike<number>, L: ArrayLike<number>, options: Approach3Options = {}): SurfaceFitResult {
  checkSurfaceData(N, D, L);
  return fitApproach3Prepared(prepareData(N, D, L), options);
}

/** {@link fitApproach3} on data already prepared once. */
export function fitApproach3Prepared(data: PreparedData, options: Approach3Options = {}): SurfaceFitResult {
  const par = options.parameterization ?? 'natural';
  const scale = options.scale ?? 'linear';
  const error = options.error ?? { kind: 'squared' };
  const gradient = options.gradient ?? { kind: 'analytic' };
  const start = options.start ?? { kind: 'grid' };
  const bounds = options.bounds ?? APPROACH3_BOUNDS;
  const k = options.kernels ?? getKernels();
  const a3k = options.approach3Kernels ?? APPROACH3_KERNELS;
  const method = options.method ?? defaultMethodId(par, scale, error, gradient, start);
  if (error.kind === 'huber' && !(error.delta > 0 && Number.isFinite(error.delta))) {
    throw new InvalidInputError(`${method}: Huber delta = ${error.delta} must be positive and finite`, 'delta', undefined, error.delta);
  }
  if (scale === 'log') {
    const i = data.L.findIndex((l) => !(l > 0));
    if (i >= 0) throw new InvalidInputError(`${method}: the log-loss needs positive losses but L[${i}] = ${data.L[i]}`, 'L', i, data.L[i]);
  }

  const fix = options.fix === undefined ? undefined : checkPinned(options.fix, bounds, method);
  const pinned = hasPins(fix);

  let seed: LossSurface;
  let seedEvaluations = 0;
  if (start.kind === 'grid') {
    const g = bestGridPoint(data, pinned ? pinGrid(start.grid ?? grid4(), fix) : (start.grid ?? grid4()), k, a3k);
    if (!Number.isFinite(g.rss)) throw new InvalidInputError(`${method}: no point of the seed grid gave a finite RSS`, 'data');
    seed = g.surface;
    seedEvaluations = g.evaluations;
  } else if (start.kind === 'random') {
    seed = randomStart(start.rng, bounds);
  } else {
    seed = start.surface;
  }
  if (pinned) {
    const objectiveName = error.kind === 'huber' ? 'Huber loss' : scale === 'log' ? 'log-loss' : 'RSS';
    return refineApproach3Pinned(data, {
      fix,
      seed,
      seedEvaluations,
      spec: { parameterization: par, scale, error },
      gradient,
      bounds,
      lbfgsbOptions: options.lbfgsb,
      objectiveName,
      method,
      kernels: k,
    });
  }

  const lower = PARAMETER_NAMES.map((p) => bounds[p][0]);
  const upper = PARAMETER_NAMES.map((p) => bounds[p][1]);
  const box = { lower: fromNatural(lower, par), upper: fromNatural(upper, par) };
  const spec = { parameterization: par, scale, error };
  const fg =
    gradient.kind === 'analytic'
      ? approach3Objective(data, spec, k, a3k)
      : (() => {
          const f = approach3Objective(data, spec, k, a3k);
          const scratch = new Float64Array(5);
          return withFiniteDifferences((x) => f(x, scratch), { scheme: gradient.kind, step: gradient.step, bounds: box });
        })();
  const objectiveName = error.kind === 'huber' ? 'Huber loss' : scale === 'log' ? 'log-loss' : 'RSS';
  const opt = lbfgsb(fg, fromNatural(asVector(seed), par), { ...options.lbfgsb, bounds: box, objectiveName });
  const p = toNatural(opt.x, par);
  const fitted = asSurface(p);
  const hits = boundHits(fitted, bounds);
  return surfaceFitResult(fitted, {
    rss: k.rss5(data, p),
    nPoints: data.n,
    method,
    iterations: opt.iterations,
    status: fitStatus(opt.status, hits),
    message: fitMessage(opt.message, hits),
    diagnostics: { nfev: opt.nfev + seedEvaluations, boundsHit: hitParameters(hits), start: seed, objective: opt.fun, ...stopDiagnostics(opt) },
  });
}
