import type { LossSurface } from '../surface/loss-surface.ts';
import { exponentA, exponentB } from '../surface/loss-surface.ts';
import { NonFiniteResultError } from './errors.ts';
import type { OptimStatus } from '../optim/index.ts';

/**
 * How a surface fit ended (conventions §4):
 * - `converged`: the optimiser's convergence test passed, inside the bounds;
 * - `max_iter`: an iteration or evaluation limit stopped it;
 * - `abnormal`: the optimiser gave up (e.g. a line search made no progress);
 * - `bound_hit`: a parameter sits at a bound or at the grid edge, or E, A or B is near zero.
 */
export type FitStatus = 'converged' | 'max_iter' | 'abnormal' | 'bound_hit';

/** Absolute tolerance on the natural-scale value for bound checks (experiments §B.8). */
export const BOUND_TOLERANCE = 1e-6;

/** The five parameters in a fixed order, as in parameter vectors [E, A, B, α, β]. */
export const PARAMETER_NAMES = ['E', 'A', 'B', 'alpha', 'beta'] as const;
export type ParameterName = (typeof PARAMETER_NAMES)[number];

/** Box bounds on the natural-scale parameters. */
export type SurfaceBounds = Readonly<Record<ParameterName, readonly [number, number]>>;

/** Method-specific details, always present with these fields. */
export interface FitDiagnostics {
  /** Objective evaluations of the local optimiser (0 when there was none). */
  readonly nfev: number;
  /** Parameters at a bound, at the grid edge, or (E, A, B) near zero. */
  readonly boundsHit: readonly ParameterName[];
  /** The starting point handed to the local optimiser, or the grid optimum. */
  readonly start: LossSurface;
  /** Objective value the optimiser reports (its own scale, e.g. log-loss), or the grid RSS. */
  readonly objective: number;
}

/** Result of every surface fit: the same required fields whatever the method. */
export interface SurfaceFitResult extends LossSurface {
  /** Allocation exponents of the fitted surface: a = β/(α+β), b = α/(α+β). */
  readonly a: number;
  readonly b: number;
  /** Σ (L − L̂)² on the natural loss scale. */
  readonly rss: number;
  readonly nPoints: number;
  /** Method identifier (experiments §B.8 style, e.g. `vpnls_lbfgsb_grad`). */
  readonly method: string;
  readonly iterations: number;
  readonly status: FitStatus;
  readonly message: string;
  readonly diagnostics: FitDiagnostics;
}

/** Parameters of `s` that lie within {@link BOUND_TOLERANCE} of a bound. */
export function parametersAtBounds(s: LossSurface, bounds: Partial<SurfaceBounds>): ParameterName[] {
  const hit: ParameterName[] = [];
  for (const k of PARAMETER_NAMES) {
    const b = bounds[k];
    if (b && (s[k] - b[0] <= BOUND_TOLERANCE || b[1] - s[k] <= BOUND_TOLERANCE)) hit.push(k);
  }
  return hit;
}

/** E, A or B at or below {@link BOUND_TOLERANCE} (a term the fit switched off). */
export function vanishingCoefficients(s: LossSurface): ParameterName[] {
  return (['E', 'A', 'B'] as const).filter((k) => s[k] <= BOUND_TOLERANCE);
}

/** Status from the optimiser's own outcome and the bound check; optimiser failures take precedence. */
export function fitStatus(optimizer: OptimStatus | 'none', boundsHit: readonly ParameterName[]): FitStatus {
  if (optimizer === 'abnormal' || optimizer === 'max_iter') return optimizer;
  return boundsHit.length > 0 ? 'bound_hit' : 'converged';
}

/** Message that says why the fit stopped and what hit a bound. */
export function fitMessage(optimizerMessage: string, boundsHit: readonly ParameterName[]): string {
  return boundsHit.length === 0 ? optimizerMessage : `${optimizerMessage}; at a bound or grid edge: ${boundsHit.join(', ')}`;
}

/** Assemble a result, refusing non-finite parameters (a hard failure). */
export function surfaceFitResult(
  s: LossSurface,
  fields: Omit<SurfaceFitResult, keyof LossSurface | 'a' | 'b'>,
): SurfaceFitResult {
  for (const k of PARAMETER_NAMES) {
    if (!Number.isFinite(s[k])) throw new NonFiniteResultError(`${fields.method}: the fit produced ${k} = ${s[k]}`);
  }
  if (!Number.isFinite(fields.rss)) throw new NonFiniteResultError(`${fields.method}: the fit produced RSS = ${fields.rss}`);
  return { E: s.E, A: s.A, B: s.B, alpha: s.alpha, beta: s.beta, a: exponentA(s), b: exponentB(s), ...fields };
}
