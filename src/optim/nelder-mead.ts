/**
 * Nelder–Mead downhill simplex, a faithful port of scipy's
 * `_minimize_neldermead` (scipy/optimize/_optimize.py, scipy ≥ 1.7 bounds
 * handling), with non-finite objective values treated as +Infinity.
 *
 * References: J. A. Nelder and R. Mead, "A simplex method for function
 * minimization", Computer Journal 7 (1965) 308–313; F. Gao and L. Han,
 * "Implementing the Nelder-Mead simplex algorithm with adaptive parameters",
 * Comput. Optim. Appl. 51 (2012) 259–277.
 */
import { checkedStart, projectOntoBounds, resolveBounds, type ResolvedBounds } from './bounds.ts';
import { STOP_REASONS, type Bounds, type Objective, type OptimResult, type StopReason } from './types.ts';

/** Options of {@link nelderMead}; every default lives in {@link NELDER_MEAD_DEFAULTS}. */
export interface NelderMeadOptions {
  /** Stop when max_i ‖x_i − x_0‖∞ ≤ xatol over the simplex vertices (and the fatol test holds). */
  readonly xatol: number;
  /** Stop when max_i |f_i − f_0| ≤ fatol over the simplex vertices (and the xatol test holds). */
  readonly fatol: number;
  /** Iteration limit; iterations are counted from 1, as scipy does. */
  readonly maxiter: number;
  /** Limit on objective calls (Infinity for none). */
  readonly maxfev: number;
  /** Use the dimension-dependent coefficients of Gao & Han (2012) instead of (1, 2, 0.5, 0.5). */
  readonly adaptive: boolean;
  /** Optional box; trial points are clipped into it, as scipy ≥ 1.7 does. */
  readonly bounds: Bounds | undefined;
}

/** Defaults of {@link nelderMead} (specs/conventions.md §4: xatol 1e-10, fatol 1e-15, maxiter 10000). */
export const NELDER_MEAD_DEFAULTS: Readonly<NelderMeadOptions> = Object.freeze({
  xatol: 1e-10,
  fatol: 1e-15,
  maxiter: 10000,
  maxfev: Infinity,
  adaptive: false,
  bounds: undefined,
});

/** Relative perturbation of a nonzero coordinate in the initial simplex (scipy `nonzdelt`). */
export const SIMPLEX_NONZERO_DELTA = 0.05;
/** Absolute value given to a zero coordinate in the initial simplex (scipy `zdelt`). */
export const SIMPLEX_ZERO_DELTA = 0.00025;

interface Coefficients {
  readonly rho: number;
  readonly chi: number;
  readonly psi: number;
  readonly sigma: number;
}

/** Reflection ρ, expansion χ, contraction ψ and shrink σ coefficients. */
function coefficients(adaptive: boolean, n: number): Coefficients {
  if (!adaptive) return { rho: 1, chi: 2, psi: 0.5, sigma: 0.5 };
  return { rho: 1, chi: 1 + 2 / n, psi: 0.75 - 1 / (2 * n), sigma: 1 - 1 / n };
}

function resolveOptions(options: Partial<NelderMeadOptions>): NelderMeadOptions {
  const o = { ...NELDER_MEAD_DEFAULTS, ...options };
  for (const key of ['xatol', 'fatol'] as const) {
    if (!(o[key] >= 0)) throw new RangeError(`nelderMead: options.${key} must be >= 0, got ${o[key]}`);
  }
  if (!(Number.isInteger(o.maxiter) && o.maxiter >= 1)) {
    throw new RangeError(`nelderMead: options.maxiter must be an integer >= 1, got ${o.maxiter}`);
  }
  if (!((Number.isInteger(o.maxfev) || o.maxfev === Infinity) && o.maxfev >= 1)) {
    throw new RangeError(`nelderMead: options.maxfev must be an integer >= 1 or Infinity, got ${o.maxfev}`);
  }
  return o;
}

/** Thrown by the evaluation wrapper when maxfev is reached (scipy's `_MaxFuncCallError`). */
class MaxEvaluationsReached extends Error {}

/**
 * Initial simplex as scipy builds it: x0, then x0 with coordinate k scaled
 * by 1 + 0.05 (or set to 0.00025 if it is zero). With bounds, vertices above
 * an upper bound are reflected into the interior, then all are clipped.
 */
function initialSimplex(x0: Float64Array, bounds: ResolvedBounds | undefined): Float64Array[] {
  const n = x0.length;
  const sim = [Float64Array.from(x0)];
  for (let k = 0; k < n; k++) {
    const y = Float64Array.from(x0);
    y[k] = y[k] !== 0 ? (1 + SIMPLEX_NONZERO_DELTA) * y[k]! : SIMPLEX_ZERO_DELTA;
    sim.push(y);
  }
  if (bounds !== undefined) {
    for (const v of sim) {
      for (let i = 0; i < n; i++) if (v[i]! > bounds.upper[i]!) v[i] = 2 * bounds.upper[i]! - v[i]!;
      projectOntoBounds(v, bounds);
    }
  }
  return sim;
}

/** Stable sort of vertices by function value, best first (numpy's argsort on small arrays is stable). */
function sortSimplex(sim: Float64Array[], fsim: number[]): void {
  const order = fsim.map((_, i) => i).sort((a, b) => fsim[a]! - fsim[b]!);
  const s = order.map((i) => sim[i]!);
  const f = order.map((i) => fsim[i]!);
  for (let i = 0; i < s.length; i++) {
    sim[i] = s[i]!;
    fsim[i] = f[i]!;
  }
}

/** c1·a + c2·b, clipped into the bounds if there are any. */
function combine(c1: number, a: Float64Array, c2: number, b: Float64Array, bounds: ResolvedBounds | undefined): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = c1 * a[i]! + c2 * b[i]!;
  if (bounds !== undefined) projectOntoBounds(out, bounds);
  return out;
}

/** scipy's test: max |x_i − x_0| ≤ xatol and max |f_i − f_0| ≤ fatol over vertices i ≥ 1. */
function simplexConverged(sim: Float64Array[], fsim: number[], o: NelderMeadOptions): boolean {
  let dx = 0;
  let df = 0;
  for (let i = 1; i < sim.length; i++) {
    for (let k = 0; k < sim[0]!.length; k++) dx = Math.max(dx, Math.abs(sim[i]![k]! - sim[0]![k]!));
    df = Math.max(df, Math.abs(fsim[0]! - fsim[i]!));
  }
  return dx <= o.xatol && df <= o.fatol;
}

/**
 * Minimise f by the Nelder–Mead simplex method.
 *
 * Each iteration reflects the worst vertex through the centroid x̄ of the
 * others, x_r = (1+ρ)x̄ − ρx_w, then expands (x_e = (1+ρχ)x̄ − ρχx_w),
 * contracts outside ((1+ψρ)x̄ − ψρx_w) or inside ((1−ψ)x̄ + ψx_w), or shrinks
 * every vertex towards the best, x_j ← x_0 + σ(x_j − x_0).
 *
 * Iterations are counted as scipy counts them: starting at 1, so a run that
 * stops at once reports 1. Non-finite values of f are treated as +Infinity;
 * if f(x0) is not finite the run stops with status `abnormal`.
 *
 * @param f objective; receives a fresh copy of each trial point.
 * @param x0 starting point (clipped into the bounds if outside).
 * @param options see {@link NelderMeadOptions}; defaults {@link NELDER_MEAD_DEFAULTS}.
 * @example
 * nelderMead((x) => (x[0]! - 1) ** 2 + (x[1]! + 2) ** 2, [0, 0]).x // ≈ [1, -2]
 */
export function nelderMead(f: Objective, x0: ArrayLike<number>, options: Partial<NelderMeadOptions> = {}): OptimResult {
  const o = resolveOptions(options);
  const start = checkedStart(x0, 'nelderMead');
  const n = start.length;
  const bounds = o.bounds === undefined ? undefined : resolveBounds(o.bounds, n, 'nelderMead');
  if (bounds !== undefined) projectOntoBounds(start, bounds);
  const { rho, chi, psi, sigma } = coefficients(o.adaptive, n);

  let nfev = 0;
  const evaluate = (x: Float64Array): number => {
    if (nfev >= o.maxfev) throw new MaxEvaluationsReached();
    nfev++;
    const v = f(Float64Array.from(x));
    return Number.isFinite(v) ? v : Infinity;
  };
  const finish = (reason: StopReason, x: Float64Array, fun: number, iterations: number): OptimResult => ({
    x: Float64Array.from(x),
    fun,
    iterations,
    nfev,
    ngev: 0,
    ...STOP_REASONS[reason],
  });

  const sim = initialSimplex(start, bounds);
  const f0 = f(Float64Array.from(sim[0]!));
  nfev++;
  if (!Number.isFinite(f0)) return finish('nonfinite_start', sim[0]!, f0, 0);
  const fsim: number[] = [f0];
  try {
    for (let k = 1; k <= n; k++) fsim.push(evaluate(sim[k]!));
  } catch (e) {
    if (!(e instanceof MaxEvaluationsReached)) throw e;
    while (fsim.length <= n) fsim.push(Infinity);
  }
  sortSimplex(sim, fsim);

  let iterations = 1;
  while (nfev < o.maxfev && iterations < o.maxiter) {
    try {
      if (simplexConverged(sim, fsim, o)) break;
      const worst = sim[n]!;
      const xbar = new Float64Array(n);
      for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) xbar[k] += sim[j]![k]!;
      for (let k = 0; k < n; k++) xbar[k] /= n;
      const xr = combine(1 + rho, xbar, -rho, worst, bounds);
      const fxr = evaluate(xr);
      let shrink = false;
      if (fxr < fsim[0]!) {
        const xe = combine(1 + rho * chi, xbar, -rho * chi, worst, bounds);
        const fxe = evaluate(xe);
        if (fxe < fxr) [sim[n], fsim[n]] = [xe, fxe];
        else [sim[n], fsim[n]] = [xr, fxr];
      } else if (fxr < fsim[n - 1]!) {
        [sim[n], fsim[n]] = [xr, fxr];
      } else if (fxr < fsim[n]!) {
        const xc = combine(1 + psi * rho, xbar, -psi * rho, worst, bounds);
        const fxc = evaluate(xc);
        if (fxc <= fxr) [sim[n], fsim[n]] = [xc, fxc];
        else shrink = true;
      } else {
        const xcc = combine(1 - psi, xbar, psi, worst, bounds);
        const fxcc = evaluate(xcc);
        if (fxcc < fsim[n]!) [sim[n], fsim[n]] = [xcc, fxcc];
        else shrink = true;
      }
      if (shrink) {
        for (let j = 1; j <= n; j++) {
          const v = new Float64Array(n);
          for (let k = 0; k < n; k++) v[k] = sim[0]![k]! + sigma * (sim[j]![k]! - sim[0]![k]!);
          if (bounds !== undefined) projectOntoBounds(v, bounds);
          sim[j] = v;
          fsim[j] = evaluate(v);
        }
      }
      iterations++;
    } catch (e) {
      if (!(e instanceof MaxEvaluationsReached)) throw e;
    } finally {
      sortSimplex(sim, fsim);
    }
  }

  const reason: StopReason = nfev >= o.maxfev ? 'max_evaluations' : iterations >= o.maxiter ? 'max_iterations' : 'simplex_size';
  return finish(reason, sim[0]!, fsim[0]!, iterations);
}
