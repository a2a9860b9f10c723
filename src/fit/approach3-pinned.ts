/**
 * Approach 3 with pinned parameters (specs/pinned.md): L-BFGS-B over the
 * free parameters only, the pinned ones inserted into every evaluation of the
 * five-parameter objective; the seed grid keeps one value (the pinned one)
 * on each pinned axis.
 */
import type { Kernels, PreparedData } from '../kernels/index.ts';
import { lbfgsb, withFiniteDifferences, type ObjectiveWithGradient } from '../optim/index.ts';
import type { LossSurface } from '../surface/loss-surface.ts';
import { approach3Objective, fromNatural, type Approach3ObjectiveSpec, type GradientSource } from './approach3-objective.ts';
import type { SeedGrid5 } from './grids5.ts';
import type { PinnedParameters } from './pinned.ts';
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

/** The seed grid with each pinned axis reduced to the pinned value. */
export function pinGrid(grid: SeedGrid5, fix: PinnedParameters): SeedGrid5 {
  const axis = (p: (typeof PARAMETER_NAMES)[number]): Float64Array => (fix[p] === undefined ? grid[p] : Float64Array.of(fix[p]!));
  return { E: axis('E'), A: axis('A'), B: axis('B'), alpha: axis('alpha'), beta: axis('beta') };
}

/** A surface with the pinned values put in. */
export function withPins(s: LossSurface, fix: PinnedParameters): LossSurface {
  return { E: fix.E ?? s.E, A: fix.A ?? s.A, B: fix.B ?? s.B, alpha: fix.alpha ?? s.alpha, beta: fix.beta ?? s.beta };
}

/** What {@link refineApproach3Pinned} needs, resolved by `fitApproach3Prepared`. */
export interface PinnedApproach3Settings {
  readonly fix: PinnedParameters;
  readonly seed: LossSurface;
  readonly seedEvaluations: number;
  readonly spec: Approach3ObjectiveSpec;
  readonly gradient: GradientSource;
  readonly bounds: SurfaceBounds;
  readonly lbfgsbOptions: Parameters<typeof lbfgsb>[2];
  readonly objectiveName: string;
  readonly method: string;
  readonly kernels: Kernels;
}

/**
 * L-BFGS-B on the free coordinates of the optimiser's vector (natural or
 * LSE); the objective and its analytic gradient are the five-parameter ones
 * with the pinned coordinates held. The reported RSS is on the natural scale.
 */
export function refineApproach3Pinned(data: PreparedData, s: PinnedApproach3Settings): SurfaceFitResult {
  const { fix, spec, bounds, method } = s;
  const par = spec.parameterization;
  const seed = withPins(s.seed, fix);
  const free = PARAMETER_NAMES.map((p, i) => [p, i] as const)
    .filter(([p]) => fix[p] === undefined)
    .map(([, i]) => i);
  const template = fromNatural(Float64Array.of(seed.E, seed.A, seed.B, seed.alpha, seed.beta), par);
  const lowerAll = fromNatural(
    PARAMETER_NAMES.map((p) => bounds[p][0]),
    par,
  );
  const upperAll = fromNatural(
    PARAMETER_NAMES.map((p) => bounds[p][1]),
    par,
  );
  const box = { lower: free.map((i) => lowerAll[i]!), upper: free.map((i) => upperAll[i]!) };
  const full5 = approach3Objective(data, spec, s.kernels);
  const theta = Float64Array.from(template);
  const grad5 = new Float64Array(5);
  const put = (z: ArrayLike<number>): Float64Array => {
    free.forEach((i, j) => (theta[i] = z[j]!));
    return theta;
  };
  const fg: ObjectiveWithGradient =
    s.gradient.kind === 'analytic'
      ? (z, g) => {
          const f = full5(put(z), grad5);
          free.forEach((i, j) => (g[j] = grad5[i]!));
          return f;
        }
      : withFiniteDifferences((z) => full5(put(z), grad5), { scheme: s.gradient.kind, step: s.gradient.step, bounds: box });

  let natural = Float64Array.of(seed.E, seed.A, seed.B, seed.alpha, seed.beta);
  let opt = null;
  if (free.length > 0) {
    opt = lbfgsb(
      fg,
      free.map((i) => template[i]!),
      { ...s.lbfgsbOptions, bounds: box, objectiveName: s.objectiveName },
    );
    const x = put(opt.x);
    natural = Float64Array.from(x, (v, i) => (par === 'lse' && i < 3 ? Math.exp(v) : v));
  }
  // Pinned values exactly as given (exp(log E) may differ in the last bit).
  PARAMETER_NAMES.forEach((p, i) => {
    if (fix[p] !== undefined) natural[i] = fix[p]!;
  });
  const fitted: LossSurface = { E: natural[0]!, A: natural[1]!, B: natural[2]!, alpha: natural[3]!, beta: natural[4]! };
  const freeBounds = Object.fromEntries(PARAMETER_NAMES.filter((p) => fix[p] === undefined).map((p) => [p, bounds[p]])) as Partial<SurfaceBounds>;
  const hits = boundHits(fitted, freeBounds);
  const optimizerMessage = opt === null ? 'every parameter pinned: nothing to fit' : opt.message;
  return surfaceFitResult(fitted, {
    rss: s.kernels.rss5(data, natural),
    nPoints: data.n,
    method,
    iterations: opt?.iterations ?? 0,
    status: fitStatus(opt?.status ?? 'none', hits),
    message: fitMessage(optimizerMessage, hits),
    diagnostics: {
      nfev: (opt?.nfev ?? 0) + s.seedEvaluations,
      boundsHit: hitParameters(hits),
      start: seed,
      objective: opt?.fun ?? full5(theta, grad5),
      ...stopDiagnostics(opt),
    },
    pinned: Object.freeze({ ...fix }),
  });
}
