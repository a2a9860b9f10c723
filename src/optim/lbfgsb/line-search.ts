/**
 * The line search step of L-BFGS-B (Fortran 3.0 `lnsrlb`): a Moré–Thuente
 * search along d = z − x with the step bounded so the iterate stays in the
 * box, plus the counting wrapper around the user's objective.
 */
import { dot } from '../dense.ts';
import { projectOntoBounds } from '../bounds.ts';
import { maxFeasibleStep, UNBOUNDED_MAX_STEP, type Box } from './box.ts';
import { LBFGSB_LINE_SEARCH, MoreThuente, type LineSearchTask } from '../more-thuente.ts';
import type { ObjectiveWithGradient } from '../types.ts';

/**
 * Calls the user's objective on a private copy of x, zeroing the gradient
 * first, and counts calls. Like scipy's `ScalarFunction`, a request for the
 * point evaluated last (bitwise equal) reuses that value and gradient without
 * calling the objective again: the Moré–Thuente search re-requests its best
 * step when it cannot make further progress.
 */
export class GradientEvaluator {
  nfev = 0;
  private readonly xEval: Float64Array;
  private readonly lastX: Float64Array;
  private readonly lastG: Float64Array;
  private lastF = NaN;
  private hasLast = false;

  constructor(
    private readonly fg: ObjectiveWithGradient,
    n: number,
  ) {
    this.xEval = new Float64Array(n);
    this.lastX = new Float64Array(n);
    this.lastG = new Float64Array(n);
  }

  /** f(x), with ∇f(x) written to g. */
  evaluate(x: Float64Array, g: Float64Array): number {
    if (this.hasLast && sameValues(x, this.lastX)) {
      g.set(this.lastG);
      return this.lastF;
    }
    this.xEval.set(x);
    g.fill(0);
    this.nfev++;
    const f = this.fg(this.xEval, g);
    this.lastX.set(x);
    this.lastG.set(g);
    this.lastF = f;
    this.hasLast = true;
    return f;
  }
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when f and every g_i are finite. */
export function isFiniteValueAndGradient(f: number, g: Float64Array): boolean {
  if (!Number.isFinite(f)) return false;
  for (let i = 0; i < g.length; i++) if (!Number.isFinite(g[i]!)) return false;
  return true;
}

/** Outcome of one line search; on failure the caller restores x, g, f from the saved copies. */
export type ProjectedSearchOutcome =
  | {
      readonly ok: true;
      readonly f: number;
      readonly stp: number;
      /** gᵀd at the new point and at the old point. */
      readonly gd: number;
      readonly gdold: number;
      /** dᵀd of the (unscaled) direction. */
      readonly dtd: number;
      /** How `dcsrch` ended: `'convergence'` or a warning the step was accepted on. */
      readonly task: LineSearchTask;
      /** Trial points in this search (Fortran `ifun`), including any served from the cache. */
      readonly trials: number;
    }
  | {
      readonly ok: false;
      /** Why: d is not a descent direction, maxls trials without success, or a search error. */
      readonly cause: 'ascent_direction' | 'max_trials' | 'search_error';
      readonly trials: number;
    };

/**
 * Search from x along d = z − x (Fortran `lnsrlb` + `dcsrch`).
 *
 * The step is bounded by stpmax, the largest step keeping x + stp·d in the
 * box (stpmax = 1 on the first iteration of a bounded problem, 1e10 when
 * nothing bounds it). The first trial is stp = min(1/‖d‖, stpmax) on the
 * first iteration unless every variable has both bounds, else stp = 1
 * (which lands exactly on z). Trial points are projected onto the box to
 * absorb rounding. A trial with non-finite f or gradient counts as a failed
 * trial and halves the step towards the best one. At most `maxls`
 * evaluations are made.
 *
 * On entry x, g, f are the current iterate; they are saved to xOld, gOld
 * and x, g are overwritten with the last trial point.
 */
export function projectedLineSearch(
  ev: GradientEvaluator,
  box: Box,
  x: Float64Array,
  g: Float64Array,
  f: number,
  d: Float64Array,
  z: Float64Array,
  xOld: Float64Array,
  gOld: Float64Array,
  iter: number,
  maxls: number,
): ProjectedSearchOutcome {
  const dtd = dot(d, d);
  const dnorm = Math.sqrt(dtd);
  let stpmx = UNBOUNDED_MAX_STEP;
  if (box.constrained) stpmx = iter === 0 ? 1 : maxFeasibleStep(box, x, d);
  let stp = iter === 0 && !box.boxed ? Math.min(1 / dnorm, stpmx) : 1;
  // Rounding in z can put stpmax an ulp below 1; dcsrch would reject stp > stpmax.
  stp = Math.min(stp, stpmx);

  xOld.set(x);
  gOld.set(g);
  const gdold = dot(g, d);
  if (!(gdold < 0)) return { ok: false, cause: 'ascent_direction', trials: 0 };

  const { ftol, gtol, xtol } = LBFGSB_LINE_SEARCH;
  const search = new MoreThuente(ftol, gtol, xtol, 0, stpmx);
  let task = search.start(f, gdold, stp);
  let trials = 0;
  let gd = gdold;
  for (;;) {
    if (task === 'error' || !Number.isFinite(search.stp)) return { ok: false, cause: 'search_error', trials };
    if (task !== 'fg') return { ok: true, f, stp: search.stp, gd, gdold, dtd, task, trials };
    if (trials >= maxls) return { ok: false, cause: 'max_trials', trials };
    trials++;
    stp = search.stp;
    if (stp === 1) {
      x.set(z);
    } else {
      for (let i = 0; i < x.length; i++) x[i] = stp * d[i]! + xOld[i]!;
    }
    if (box.constrained) projectOntoBounds(x, box);
    f = ev.evaluate(x, g);
    if (!isFiniteValueAndGradient(f, g)) {
      search.rejectNonFinite();
      continue;
    }
    gd = dot(g, d);
    task = search.next(f, gd);
  }
}
