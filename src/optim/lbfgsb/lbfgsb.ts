/**
 * L-BFGS-B: limited-memory BFGS for bound-constrained minimisation,
 * min f(x) subject to l ≤ x ≤ u.
 *
 * A port of the Fortran L-BFGS-B 3.0 driver `mainlb` (as wrapped by scipy's
 * `_minimize_lbfgsb`): generalized Cauchy point ({@link generalizedCauchyPoint}),
 * subspace minimisation ({@link subspaceStep}), Moré–Thuente line search
 * ({@link projectedLineSearch}) and the compact BFGS update ({@link LimitedMemory}).
 *
 * References: R. H. Byrd, P. Lu, J. Nocedal and C. Zhu, "A limited memory
 * algorithm for bound constrained optimization", SIAM J. Sci. Comput. 16(5)
 * (1995) 1190–1208; C. Zhu, R. H. Byrd, P. Lu and J. Nocedal, "Algorithm 778:
 * L-BFGS-B", ACM TOMS 23(4) (1997) 550–560; J. L. Morales and J. Nocedal,
 * "Remark on Algorithm 778", ACM TOMS 38(1) (2011) 7.
 */
import { checkedStart, projectOntoBounds, resolveBounds } from '../bounds.ts';
import { generalizedCauchyPoint, makeCauchyWork } from './cauchy.ts';
import { dot } from '../dense.ts';
import { LimitedMemory } from './lbfgs-memory.ts';
import { initialiseActiveSet, makeBox, projectedGradientNorm } from './box.ts';
import { GradientEvaluator, isFiniteValueAndGradient, projectedLineSearch } from './line-search.ts';
import type { LineSearchTask } from '../more-thuente.ts';
import { formReducedMatrix, makeSubspaceWork, partitionFreeVariables, reducedGradient, subspaceStep } from './subspace.ts';
import { STOP_REASONS, lineSearchFailedMessage, type Bounds, type ObjectiveWithGradient, type OptimResult, type StopReason } from '../types.ts';

/** Options of {@link lbfgsb}; every default lives in {@link LBFGSB_DEFAULTS}. */
export interface LbfgsbOptions {
  /** Number of correction pairs kept (scipy `maxcor`). */
  readonly m: number;
  /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol (scipy `ftol` = factr·ε). */
  readonly ftol: number;
  /** Stop when max_i |proj g_i| ≤ gtol (scipy `gtol`, Fortran `pgtol`). */
  readonly gtol: number;
  /** Limit on iterations (accepted steps). */
  readonly maxiter: number;
  /** Stop after the iteration in which the objective calls exceed maxfun. */
  readonly maxfun: number;
  /** Objective calls allowed in one line search. */
  readonly maxls: number;
  /** Optional box; x0 is projected into it and every evaluated point lies in it. */
  readonly bounds: Bounds | undefined;
  /** What f is, in the words of the `abnormal` message (e.g. `RSS`); default `objective`. */
  readonly objectiveName: string;
}

/** Defaults of {@link lbfgsb} (specs/fitting.md: ftol 1e-15, gtol 1e-15, maxiter 10000, m 10). */
export const LBFGSB_DEFAULTS: Readonly<LbfgsbOptions> = Object.freeze({
  m: 10,
  ftol: 1e-15,
  gtol: 1e-15,
  maxiter: 10000,
  maxfun: 15000,
  maxls: 20,
  bounds: undefined,
  objectiveName: 'objective',
});

/** Machine epsilon (Fortran `epsmch`), used in the curvature test and the Cauchy safeguard. */
const EPSMCH = Number.EPSILON;

/** A backtrack count (Fortran `iback`) from which a final relative-reduction stop is flagged (Fortran info = −5). */
export const LONG_LINE_SEARCH_BACKTRACKS = 10;

/** What happened inside an L-BFGS-B run, beyond the common result fields. */
export interface LbfgsbDiagnostics {
  readonly reason: StopReason;
  /** ‖proj g‖∞ at the returned x. */
  readonly projectedGradientNorm: number;
  /**
   * (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) of the last accepted step, the
   * quantity the ftol test compares; NaN when no step was accepted.
   */
  readonly lastRelativeChange: number;
  /** Memory resets after a failed line search (Fortran RESTART_FROM_LNSRCH). */
  readonly lineSearchRestarts: number;
  /** Memory resets after a singular or indefinite factorisation in the Cauchy/subspace steps or the update. */
  readonly factorizationRestarts: number;
  /** BFGS updates skipped because sᵀy ≤ ε·(−sᵀg_old). */
  readonly skippedUpdates: number;
  /** Accepted steps on which the line search ended with a `warning_*` task instead of `'convergence'`. */
  readonly warningSteps: number;
  /** How the last successful line search ended (`'none'` if there was none). */
  readonly lastLineSearchTask: LineSearchTask | 'none';
  /** The run stopped on relative reduction right after a line search with ≥ 10 backtracks (Fortran info = −5). */
  readonly longFinalLineSearch: boolean;
}

export interface LbfgsbResult extends OptimResult {
  readonly diagnostics: LbfgsbDiagnostics;
}

/** A diagnostic number in messages: two significant digits, e.g. `3.1e-9`. */
function formatDiagnostic(x: number): string {
  return x.toExponential(1).replace('e+', 'e');
}

/**
 * Last relative change of f at or below which an `abnormal` stop is put down to
 * rounding. On noisy IsoFLOP data the abnormal stops end with changes of
 * 1e-15 … 1e-12 and are as close to the optimum as converged fits; a change
 * this small cannot move the estimate in any digit that matters.
 */
export const ROUNDING_FLOOR_RELATIVE_CHANGE = 1e-10;

/**
 * The message of a stop: the {@link STOP_REASONS} text, except for an
 * `abnormal` line-search stop, which says in words why the run ended, with
 * ‖proj g‖∞ and the last relative change of f, and that the point is kept.
 */
export function lbfgsbStopMessage(d: LbfgsbDiagnostics, objectiveName = LBFGSB_DEFAULTS.objectiveName): string {
  if (d.reason !== 'line_search_failed') return STOP_REASONS[d.reason].message;
  const change = d.lastRelativeChange;
  const numbers = `‖proj g‖∞ = ${formatDiagnostic(d.projectedGradientNorm)}${
    Number.isNaN(change) ? '' : `, last relative change of the ${objectiveName} ${formatDiagnostic(change)}`
  }`;
  const why = Number.isNaN(change)
    ? `no step from the starting point lowered the ${objectiveName}; the starting point is kept as the estimate, which may not be the optimum`
    : change <= ROUNDING_FLOOR_RELATIVE_CHANGE
      ? `the fit stopped at the rounding floor of the ${objectiveName}; the estimate is kept`
      : `no step along the search direction lowered the ${objectiveName} although it was still changing; the estimate is kept but may not be the optimum`;
  return `${lineSearchFailedMessage(objectiveName)} (${numbers}): ${why}`;
}

function resolveOptions(options: Partial<LbfgsbOptions>): LbfgsbOptions {
  const o = { ...LBFGSB_DEFAULTS, ...options };
  for (const key of ['m', 'maxiter', 'maxfun', 'maxls'] as const) {
    if (!(Number.isInteger(o[key]) && o[key] >= 1)) {
      throw new RangeError(`lbfgsb: options.${key} must be an integer >= 1, got ${o[key]}`);
    }
  }
  for (const key of ['ftol', 'gtol'] as const) {
    if (!(o[key] >= 0)) throw new RangeError(`lbfgsb: options.${key} must be >= 0, got ${o[key]}`);
  }
  if (typeof o.objectiveName !== 'string' || o.objectiveName === '') {
    throw new RangeError(`lbfgsb: options.objectiveName must be a non-empty string, got ${String(o.objectiveName)}`);
  }
  return o;
}

/**
 * Minimise f subject to optional box bounds by L-BFGS-B.
 *
 * Each iteration: (1) the generalized Cauchy point z of the model
 * m(x) = f + gᵀ(x−x_k) + ½(x−x_k)ᵀB(x−x_k) along P(x_k − t·g); (2) on the
 * variables still free at z, the subspace minimiser of m, projected or
 * backtracked into the box; (3) a strong-Wolfe line search along d = z − x_k;
 * (4) the BFGS update with s = x_{k+1} − x_k, y = g_{k+1} − g_k unless
 * sᵀy ≤ ε·(−sᵀg_k). Unconstrained problems skip (1) once memory exists.
 *
 * Stops (checked in scipy's order after each iteration): `max_iter` when the
 * iteration count reaches maxiter or the evaluation count exceeds maxfun (also
 * for a line-search failure after maxfun was exceeded, as scipy's warnflag 1);
 * `converged` when ‖proj g‖∞ ≤ gtol or (f_k − f_{k+1})/max(|f_k|,|f_{k+1}|,1)
 * ≤ ftol; `abnormal` when a line search fails (no acceptable step in maxls
 * trials, or d is not a descent direction) with no memory to discard — after
 * a failure with memory, the memory is reset and the iteration retried once
 * from steepest descent, as the Fortran code does. Non-finite f or gradient at
 * x0 stops at once (`abnormal`); at a trial point it counts as a failed trial.
 *
 * @param fg objective filling the gradient; see {@link ObjectiveWithGradient}.
 * @param x0 starting point (projected into the bounds).
 * @param options see {@link LbfgsbOptions}; defaults {@link LBFGSB_DEFAULTS}.
 * @example
 * lbfgsb((x, g) => { g[0] = 2 * (x[0]! - 3); return (x[0]! - 3) ** 2; }, [0],
 *   { bounds: { lower: [-1], upper: [2] } }).x // [2]
 */
export function lbfgsb(fg: ObjectiveWithGradient, x0: ArrayLike<number>, options: Partial<LbfgsbOptions> = {}): LbfgsbResult {
  const o = resolveOptions(options);
  const x = checkedStart(x0, 'lbfgsb');
  const n = x.length;
  const box = makeBox(resolveBounds(o.bounds, n, 'lbfgsb'));
  const iwhere = new Int8Array(n);
  initialiseActiveSet(box, x, iwhere);

  const ev = new GradientEvaluator(fg, n);
  const g = new Float64Array(n);
  let f = ev.evaluate(x, g);
  let iter = 0;
  let sbgnrm = 0;
  const counts = { lineSearchRestarts: 0, factorizationRestarts: 0, skippedUpdates: 0, warningSteps: 0 };
  let lastLineSearchTask: LineSearchTask | 'none' = 'none';
  let longFinalLineSearch = false;
  let lastRelativeChange = NaN;
  const finish = (stop: StopReason): LbfgsbResult => {
    // scipy: a stop that is not a convergence test counts as max_iter once nfev > maxfun
    // (warnflag 1), e.g. a line search that failed after the limit was passed.
    const reason = stop === 'line_search_failed' && ev.nfev > o.maxfun ? 'max_evaluations' : stop;
    const xOut = Float64Array.from(x);
    projectOntoBounds(xOut, box);
    const diagnostics: LbfgsbDiagnostics = {
      reason,
      projectedGradientNorm: sbgnrm,
      lastRelativeChange,
      ...counts,
      lastLineSearchTask,
      longFinalLineSearch,
    };
    return {
      x: xOut,
      fun: f,
      iterations: iter,
      nfev: ev.nfev,
      ngev: ev.nfev,
      status: STOP_REASONS[reason].status,
      message: lbfgsbStopMessage(diagnostics, o.objectiveName),
      diagnostics,
    };
  };

  if (!isFiniteValueAndGradient(f, g)) {
    sbgnrm = NaN;
    return finish('nonfinite_start');
  }
  sbgnrm = projectedGradientNorm(box, x, g);
  if (sbgnrm <= o.gtol) return finish('projected_gradient');

  const mem = new LimitedMemory(n, o.m);
  const cauchyWork = makeCauchyWork(n, o.m);
  const subWork = makeSubspaceWork(n, o.m);
  const z = new Float64Array(n);
  const c = new Float64Array(2 * o.m);
  const r = new Float64Array(n);
  const d = new Float64Array(n);
  const y = new Float64Array(n);
  const xOld = new Float64Array(n);
  const gOld = new Float64Array(n);
  let nfree = n;
  const resetAfterFactorization = (): void => {
    mem.reset();
    counts.factorizationRestarts++;
  };

  for (;;) {
    // (1) Generalized Cauchy point, and the free variables at it.
    if (!box.constrained && mem.col > 0) {
      z.set(x);
    } else {
      if (generalizedCauchyPoint(box, x, g, iwhere, mem, sbgnrm, EPSMCH, z, c, cauchyWork) !== 0) {
        resetAfterFactorization();
        continue;
      }
      nfree = partitionFreeVariables(iwhere, subWork.index);
    }
    // (2) Subspace minimisation over the free variables.
    if (nfree !== 0 && mem.col !== 0) {
      let info = formReducedMatrix(mem, nfree, subWork);
      if (info === 0) info = reducedGradient(box, mem, x, g, z, c, nfree, r, subWork);
      if (info === 0) info = subspaceStep(box, mem, nfree, z, r, x, g, subWork);
      if (info !== 0) {
        resetAfterFactorization();
        continue;
      }
    }
    // (3) Line search along d = z − x.
    for (let i = 0; i < n; i++) d[i] = z[i]! - x[i]!;
    const fold = f;
    const ls = projectedLineSearch(ev, box, x, g, f, d, z, xOld, gOld, iter, o.maxls);
    if (!ls.ok) {
      x.set(xOld);
      g.set(gOld);
      f = fold;
      if (mem.col === 0) return finish('line_search_failed');
      mem.reset();
      counts.lineSearchRestarts++;
      continue;
    }
    f = ls.f;
    lastRelativeChange = (fold - f) / Math.max(Math.abs(fold), Math.abs(f), 1);
    lastLineSearchTask = ls.task;
    if (ls.task !== 'convergence') counts.warningSteps++;
    iter++;
    sbgnrm = projectedGradientNorm(box, x, g);

    // Stopping tests, in the order scipy's driver and mainlb apply them.
    if (iter >= o.maxiter) return finish('max_iterations');
    if (ev.nfev > o.maxfun) return finish('max_evaluations');
    if (sbgnrm <= o.gtol) return finish('projected_gradient');
    if (fold - f <= o.ftol * Math.max(Math.abs(fold), Math.abs(f), 1)) {
      longFinalLineSearch = ls.trials - 1 >= LONG_LINE_SEARCH_BACKTRACKS;
      return finish('relative_reduction');
    }

    // (4) BFGS update with s = stp·d, y = g − g_old, unless the curvature sᵀy is not positive enough.
    for (let i = 0; i < n; i++) y[i] = g[i]! - gOld[i]!;
    const rr = dot(y, y);
    let dr: number;
    let ddum: number;
    if (ls.stp === 1) {
      dr = ls.gd - ls.gdold;
      ddum = -ls.gdold;
    } else {
      dr = (ls.gd - ls.gdold) * ls.stp;
      for (let i = 0; i < n; i++) d[i] *= ls.stp;
      ddum = -ls.gdold * ls.stp;
    }
    if (dr <= EPSMCH * ddum) {
      counts.skippedUpdates++;
      continue;
    }
    const ss = ls.stp === 1 ? ls.dtd : ls.stp * ls.stp * ls.dtd;
    if (mem.update(d, y, rr, dr, ss) !== 0) resetAfterFactorization();
  }
}
