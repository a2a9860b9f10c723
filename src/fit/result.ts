import type { LossSurface } from '../surface/loss-surface.ts';
import { exponentA, exponentB } from '../surface/loss-surface.ts';
import { NonFiniteResultError } from '../core/errors.ts';
import type { LbfgsbResult, OptimResult, OptimStatus } from '../optim/index.ts';

/**
 * How a surface fit ended (specs/conventions.md §4):
 * - `converged`: the optimiser's convergence test passed, inside the bounds;
 * - `max_iter`: an iteration or evaluation limit stopped it;
 * - `abnormal`: the optimiser gave up (e.g. a line search made no progress);
 * - `bound_hit`: a parameter sits at a bound or at the grid edge, or E, A or B is near zero.
 */
export type FitStatus = 'converged' | 'max_iter' | 'abnormal' | 'bound_hit';

/** Absolute tolerance on the natural-scale value for bound checks (specs/experiments.md §B.8). */
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
  /** ‖proj g‖∞ where L-BFGS-B stopped; null for fits without L-BFGS-B. */
  readonly projGradInf: number | null;
  /**
   * (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) of L-BFGS-B's last accepted step
   * (the ftol quantity, on the optimiser's objective); NaN if no step was
   * accepted, null for fits without L-BFGS-B.
   */
  readonly lastRelChange: number | null;
}

/** The L-BFGS-B stop diagnostics of an optimiser result; nulls for other optimisers or none. */
export function stopDiagnostics(opt: OptimResult | LbfgsbResult | null): Pick<FitDiagnostics, 'projGradInf' | 'lastRelChange'> {
  if (opt === null || !('diagnostics' in opt)) return { projGradInf: null, lastRelChange: null };
  return { projGradInf: opt.diagnostics.projectedGradientNorm, lastRelChange: opt.diagnostics.lastRelativeChange };
}

/** Result of every surface fit: the same required fields whatever the method. */
export interface SurfaceFitResult extends LossSurface {
  /** Allocation exponents of the fitted surface: a = β/(α+β), b = α/(α+β). */
  readonly a: number;
  readonly b: number;
  /** Σ (L − L̂)² on the natural loss scale. */
  readonly rss: number;
  readonly nPoints: number;
  /** Method identifier (specs/experiments.md §B.8 style, e.g. `vpnls_lbfgsb_grad`). */
  readonly method: string;
  readonly iterations: number;
  readonly status: FitStatus;
  readonly message: string;
  readonly diagnostics: FitDiagnostics;
  /** Parameters held fixed by the `fix` option and their values; absent when none was pinned (specs/pinned.md). */
  readonly pinned?: Readonly<Partial<Record<ParameterName, number>>>;
}

/** One parameter that makes a fit `bound_hit`, with the bound it sits at. */
export interface BoundHit {
  readonly parameter: ParameterName;
  readonly value: number;
  /**
   * `lower` / `upper`: within {@link BOUND_TOLERANCE} of that box bound;
   * `grid_first` / `grid_last`: on the first or last value of a search-grid axis;
   * `near_zero`: E, A or B at or below {@link BOUND_TOLERANCE}.
   */
  readonly where: 'lower' | 'upper' | 'grid_first' | 'grid_last' | 'near_zero';
  /** The bound, the grid end value, or {@link BOUND_TOLERANCE} for `near_zero`. */
  readonly bound: number;
}

/** Parameters of `s` within {@link BOUND_TOLERANCE} of a box bound, with that bound. */
export function boundHits(s: LossSurface, bounds: Partial<SurfaceBounds>): BoundHit[] {
  const hits: BoundHit[] = [];
  for (const k of PARAMETER_NAMES) {
    const b = bounds[k];
    if (!b) continue;
    if (s[k] - b[0] <= BOUND_TOLERANCE) hits.push({ parameter: k, value: s[k], where: 'lower', bound: b[0] });
    else if (b[1] - s[k] <= BOUND_TOLERANCE) hits.push({ parameter: k, value: s[k], where: 'upper', bound: b[1] });
  }
  return hits;
}

/** E, A or B at or below {@link BOUND_TOLERANCE} (a term the fit switched off). */
export function vanishingHits(s: LossSurface): BoundHit[] {
  return (['E', 'A', 'B'] as const)
    .filter((k) => s[k] <= BOUND_TOLERANCE)
    .map((k) => ({ parameter: k, value: s[k], where: 'near_zero' as const, bound: BOUND_TOLERANCE }));
}

/** A parameter on the first (index 0) or last value of a grid axis of `size` values; null inside. */
export function gridEdgeHit(parameter: ParameterName, axis: ArrayLike<number>, index: number): BoundHit | null {
  if (axis.length < 2 || (index !== 0 && index !== axis.length - 1)) return null;
  return { parameter, value: axis[index]!, where: index === 0 ? 'grid_first' : 'grid_last', bound: axis[index]! };
}

/** Parameters of `s` that lie within {@link BOUND_TOLERANCE} of a bound. */
export function parametersAtBounds(s: LossSurface, bounds: Partial<SurfaceBounds>): ParameterName[] {
  return boundHits(s, bounds).map((h) => h.parameter);
}

/** E, A or B at or below {@link BOUND_TOLERANCE} (a term the fit switched off). */
export function vanishingCoefficients(s: LossSurface): ParameterName[] {
  return vanishingHits(s).map((h) => h.parameter);
}

/** The distinct parameter names of some hits, in order (for `diagnostics.boundsHit`). */
export function hitParameters(hits: readonly BoundHit[]): ParameterName[] {
  return [...new Set(hits.map((h) => h.parameter))];
}

/** Status from the optimiser's own outcome and the bound check; optimiser failures take precedence. */
export function fitStatus(optimizer: OptimStatus | 'none', boundsHit: readonly (ParameterName | BoundHit)[]): FitStatus {
  if (optimizer === 'abnormal' || optimizer === 'max_iter') return optimizer;
  return boundsHit.length > 0 ? 'bound_hit' : 'converged';
}

/** A number in a status message: up to 6 significant digits. */
function formatValue(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/** `alpha = 0.99 (upper bound 0.99)`, `E = 2e-7 (near zero, ≤ 1e-6)`, `beta = 0.05 (first value of the search grid)`. */
export function describeBoundHit(h: BoundHit): string {
  const where = {
    lower: `lower bound ${formatValue(h.bound)}`,
    upper: `upper bound ${formatValue(h.bound)}`,
    grid_first: 'first value of the search grid',
    grid_last: 'last value of the search grid',
    near_zero: `near zero, ≤ ${formatValue(h.bound)}`,
  }[h.where];
  return `${h.parameter} = ${formatValue(h.value)} (${where})`;
}

/** Message that says why the fit stopped and which parameter sits at which bound. */
export function fitMessage(optimizerMessage: string, hits: readonly BoundHit[]): string {
  return hits.length === 0 ? optimizerMessage : `${optimizerMessage}; at a bound or grid edge: ${hits.map(describeBoundHit).join(', ')}`;
}

/** Assemble a result, refusing non-finite parameters (a hard failure). */
export function surfaceFitResult(s: LossSurface, fields: Omit<SurfaceFitResult, keyof LossSurface | 'a' | 'b'>): SurfaceFitResult {
  for (const k of PARAMETER_NAMES) {
    if (!Number.isFinite(s[k])) throw new NonFiniteResultError(`${fields.method}: the fit produced ${k} = ${s[k]}`);
  }
  if (!Number.isFinite(fields.rss)) throw new NonFiniteResultError(`${fields.method}: the fit produced RSS = ${fields.rss}`);
  return { E: s.E, A: s.A, B: s.B, alpha: s.alpha, beta: s.beta, a: exponentA(s), b: exponentB(s), ...fields };
}
