/**
 * The loss envelope L(C) = L∞ + A·C^(−γ) through the compute-optimal losses
 * of a sweep, the law teams gate decisions on, with a Student-t lack-of-fit
 * interval for its value at a target compute (specs/envelope.md). Of a
 * surface L(N, D) = E + A/N^α + B/D^β the envelope is exact: L∞ = E,
 * γ = αβ/(α+β), A = K·6^γ with K from `lossOptCoefficient`.
 */
import { DegenerateDataError, InvalidInputError, TooFewPointsError } from '../core/errors.ts';
import { lbfgsb } from '../optim/index.ts';
import { studentTQuantile } from '../util/distributions.ts';
import { linspace } from '../util/space.ts';
import type { FitStatus } from './result.ts';
import { smallLsq } from './small-lsq.ts';

/** The envelope's parameters. */
export type EnvelopeParameter = 'Linf' | 'A' | 'gamma';
export const ENVELOPE_PARAMETERS: readonly EnvelopeParameter[] = ['Linf', 'A', 'gamma'];

/** Values held fixed: the asymptote and/or the exponent (A is always fitted). */
export type EnvelopePins = Readonly<{ Linf?: number; gamma?: number }>;

/** Default search range of γ: wide around the 0.05–0.5 of published sweeps. */
export const ENVELOPE_GAMMA_BOUNDS: readonly [number, number] = Object.freeze([1e-3, 3]) as readonly [number, number];
/** Default points of the γ seed grid (log-spaced over the bounds). */
export const ENVELOPE_GRID_SIZE = 400;

export interface EnvelopeOptions {
  /** Pinned L∞ (≥ 0) and/or γ (within the bounds). Default none. */
  fix?: EnvelopePins;
  /** Bounds of γ. Default {@link ENVELOPE_GAMMA_BOUNDS}. */
  gammaBounds?: readonly [number, number];
  /** Points of the γ seed grid. Default {@link ENVELOPE_GRID_SIZE}. */
  gridSize?: number;
}

/** A fitted envelope. */
export interface EnvelopeFit {
  readonly Linf: number;
  /** Coefficient in natural units: L(C) = L∞ + A·C^(−γ), C in FLOPs. */
  readonly A: number;
  readonly gamma: number;
  readonly rss: number;
  readonly nPoints: number;
  /** Fitted (not pinned) parameters, in order. */
  readonly free: readonly EnvelopeParameter[];
  /** n − free: the degrees of freedom of the lack-of-fit variance. */
  readonly dof: number;
  /** √(RSS/dof), the residual standard deviation (NaN when dof = 0). */
  readonly sigma: number;
  readonly pinned: EnvelopePins;
  /** Reference compute C0 (geometric mean of the budgets) the fit is conditioned on. */
  readonly referenceCompute: number;
  /**
   * As for surfaces (specs/fitting.md): the optimiser's `max_iter` or
   * `abnormal` (γ's L-BFGS-B), else `bound_hit` when L∞ = 0 or γ sits at a
   * bound of its search range, else `converged`.
   */
  readonly status: FitStatus;
  readonly message: string;
  /** The compute and loss values fitted. */
  readonly C: Float64Array;
  readonly L: Float64Array;
}

/** L(C) of an envelope. */
export function envelopeLoss(f: Pick<EnvelopeFit, 'Linf' | 'A' | 'gamma'>, C: number): number {
  return f.Linf + f.A * Math.pow(C, -f.gamma);
}

/** The inverse of the envelope: the compute at which it reaches loss L (L > L∞). */
export function envelopeCompute(f: Pick<EnvelopeFit, 'Linf' | 'A' | 'gamma'>, L: number): number {
  if (!(L > f.Linf)) throw new RangeError(`envelopeCompute: loss ${L} must exceed L∞ = ${f.Linf}`);
  return Math.pow((L - f.Linf) / f.A, -1 / f.gamma);
}

function checkInput(C: ArrayLike<number>, L: ArrayLike<number>): void {
  if (C.length !== L.length) throw new InvalidInputError(`fitEnvelope: C has ${C.length} values but L has ${L.length}`, 'L');
  for (let i = 0; i < C.length; i++) {
    if (!(C[i] > 0 && Number.isFinite(C[i]))) throw new InvalidInputError(`fitEnvelope: C[${i}] = ${C[i]} must be positive and finite`, 'C', i, C[i]);
    if (!Number.isFinite(L[i])) throw new InvalidInputError(`fitEnvelope: L[${i}] = ${L[i]} must be finite`, 'L', i, L[i]);
  }
}

function checkPins(fix: EnvelopePins, bounds: readonly [number, number]): void {
  for (const key of Object.keys(fix)) {
    if (key !== 'Linf' && key !== 'gamma') throw new InvalidInputError(`fitEnvelope: cannot pin "${key}": the envelope pins Linf and gamma`, `fix.${key}`);
  }
  if (fix.Linf !== undefined && !(Number.isFinite(fix.Linf) && fix.Linf >= 0)) {
    throw new InvalidInputError(`fitEnvelope: pinned Linf = ${fix.Linf} must be a finite number ≥ 0`, 'fix.Linf', undefined, fix.Linf);
  }
  if (fix.gamma !== undefined && !(fix.gamma >= bounds[0] && fix.gamma <= bounds[1])) {
    throw new InvalidInputError(`fitEnvelope: pinned gamma = ${fix.gamma} must lie within [${bounds[0]}, ${bounds[1]}]`, 'fix.gamma', undefined, fix.gamma);
  }
}

interface Profile {
  readonly Linf: number;
  /** Coefficient at the reference compute: L = L∞ + a·(C/C0)^(−γ). */
  readonly a: number;
  readonly rss: number;
  readonly grad: number;
}

/**
 * L(C) = L∞ + A·C^(−γ) by variable projection: for each γ the model is linear
 * in (L∞, a) with a = A·C0^(−γ) at the reference compute C0 (the geometric
 * mean of C, for conditioning), solved with L∞, a ≥ 0; γ by a log-spaced
 * grid and L-BFGS-B with the envelope gradient ∂RSS/∂γ = 2a·Σ r·ln u·u^(−γ),
 * u = C/C0. Pinned L∞ or γ leave the linear solve or the search.
 * @throws TooFewPointsError with fewer points than free parameters + 1
 * @throws DegenerateDataError when the best fit does not decrease with compute (a = 0)
 */
export function fitEnvelope(C: ArrayLike<number>, L: ArrayLike<number>, options: EnvelopeOptions = {}): EnvelopeFit {
  checkInput(C, L);
  const fix = options.fix ?? {};
  const bounds = options.gammaBounds ?? ENVELOPE_GAMMA_BOUNDS;
  checkPins(fix, bounds);
  const free = ENVELOPE_PARAMETERS.filter((p) => p === 'A' || fix[p] === undefined);
  const n = C.length;
  if (n < free.length + 1) {
    throw new TooFewPointsError(
      `the envelope has ${free.length} free parameter${free.length === 1 ? '' : 's'} (${free.join(', ')}) and needs at least ${free.length + 1} budgets; got ${n}`,
      null,
      n,
      free.length + 1,
    );
  }
  if (new Set(Array.from(C)).size < 2) throw new DegenerateDataError('the envelope needs at least 2 distinct budgets');
  let lnC0 = 0;
  for (let i = 0; i < n; i++) lnC0 += Math.log(C[i]);
  lnC0 /= n;
  const lnu = Float64Array.from(C, (c) => Math.log(c) - lnC0);
  const Lv = Float64Array.from(L);
  const ones = new Float64Array(n).fill(1);

  const profile = (gamma: number): Profile => {
    const z = Float64Array.from(lnu, (l) => Math.exp(-gamma * l));
    const target = fix.Linf === undefined ? Lv : Float64Array.from(Lv, (l) => l - fix.Linf!);
    const sol = smallLsq(fix.Linf === undefined ? [ones, z] : [z], target, 'nnls');
    if (sol === null) return { Linf: NaN, a: NaN, rss: NaN, grad: NaN };
    const Linf = fix.Linf ?? sol.coef[0]!;
    const a = sol.coef[fix.Linf === undefined ? 1 : 0]!;
    let rss = 0;
    let g = 0;
    for (let i = 0; i < n; i++) {
      const r = Lv[i]! - Linf - a * z[i]!;
      rss += r * r;
      g += r * lnu[i]! * z[i]!;
    }
    return { Linf, a, rss, grad: 2 * a * g };
  };

  let gamma: number;
  let best: Profile;
  let note = '';
  let optStatus: 'converged' | 'max_iter' | 'abnormal' | 'none' = 'none';
  if (fix.gamma !== undefined) {
    gamma = fix.gamma;
    best = profile(gamma);
  } else {
    const size = options.gridSize ?? ENVELOPE_GRID_SIZE;
    const grid = linspace(Math.log(bounds[0]), Math.log(bounds[1]), size).map(Math.exp);
    let g0 = grid[0]!;
    let r0 = Infinity;
    for (const g of grid) {
      const r = profile(g).rss;
      if (r < r0) {
        r0 = r;
        g0 = g;
      }
    }
    const opt = lbfgsb(
      (x, grad) => {
        const p = profile(x[0]!);
        grad[0] = p.grad;
        return p.rss;
      },
      [g0],
      { bounds: { lower: [bounds[0]], upper: [bounds[1]] }, objectiveName: 'RSS' },
    );
    gamma = opt.x[0]!;
    best = profile(gamma);
    note = opt.message;
    optStatus = opt.status;
  }
  if (!(best.a > 0)) {
    throw new DegenerateDataError(
      `the envelope does not decrease with compute: the best fit with L∞, A ≥ 0 has A = ${best.a} (check that the loss falls as the budget grows)`,
    );
  }
  const A = best.a * Math.exp(gamma * lnC0);
  const hits: string[] = [];
  if (fix.Linf === undefined && best.Linf <= 0) hits.push('Linf = 0 (lower bound)');
  if (fix.gamma === undefined && (gamma - bounds[0] <= 1e-9 || bounds[1] - gamma <= 1e-9)) hits.push(`gamma = ${gamma} (search bound)`);
  const dof = n - free.length;
  const message = fix.gamma !== undefined ? 'gamma pinned: one linear solve' : note;
  return {
    Linf: best.Linf,
    A,
    gamma,
    rss: best.rss,
    nPoints: n,
    free,
    dof,
    sigma: dof > 0 ? Math.sqrt(best.rss / dof) : NaN,
    pinned: Object.freeze({ ...fix }),
    referenceCompute: Math.exp(lnC0),
    status: optStatus === 'abnormal' || optStatus === 'max_iter' ? optStatus : hits.length > 0 ? 'bound_hit' : 'converged',
    message: hits.length > 0 ? `${message}; at a bound: ${hits.join(', ')}` : message,
    C: Float64Array.from(C),
    L: Lv,
  };
}

/** A Student-t interval for the envelope's value at one compute. */
export interface EnvelopeInterval {
  readonly compute: number;
  readonly loss: number;
  readonly lo: number;
  readonly hi: number;
  /** Standard error of the fitted value (delta method). */
  readonly se: number;
  readonly level: number;
  readonly dof: number;
  /** The t quantile used. */
  readonly t: number;
}

/** Gradient of L(C) in the free parameters (L∞, a, γ at the reference compute). */
function gradientAt(f: EnvelopeFit, C: number): number[] {
  const lnu = Math.log(C / f.referenceCompute);
  const a = f.A * Math.pow(f.referenceCompute, -f.gamma);
  const z = Math.exp(-f.gamma * lnu);
  return f.free.map((p) => (p === 'Linf' ? 1 : p === 'A' ? z : -a * lnu * z));
}

/** Solves the small symmetric system M·v = b by Gaussian elimination with partial pivoting. */
function solve(M: number[][], b: number[]): number[] {
  const k = b.length;
  const a = M.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = c + 1; r < k; r++) {
      const m = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= k; j++) a[r]![j]! -= m * a[c]![j]!;
    }
  }
  const v = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = a[r]![k]!;
    for (let j = r + 1; j < k; j++) s -= a[r]![j]! * v[j]!;
    v[r] = s / a[r]![r]!;
  }
  return v;
}

/**
 * The lack-of-fit interval of the envelope at compute C: L̂(C) ± t·s·√(gᵀ(JᵀJ)⁻¹g)
 * with s² = RSS/(n − p), p the free parameters, J the n × p Jacobian of the
 * fitted values, g the gradient of L(C), and t the (1 + level)/2 quantile of
 * Student's t on n − p degrees of freedom (specs/envelope.md). The columns
 * are scaled to unit norm before the normal equations are solved.
 * @throws InvalidInputError when the level is not in (0, 1) or the fit has no degrees of freedom
 */
export function envelopeInterval(f: EnvelopeFit, C: number, level = 0.9): EnvelopeInterval {
  if (!(level > 0 && level < 1)) throw new InvalidInputError(`envelopeInterval: level = ${level} must lie in (0, 1)`, 'level', undefined, level);
  if (!(f.dof > 0)) throw new InvalidInputError(`envelopeInterval: the fit has ${f.dof} degrees of freedom`, 'dof');
  const p = f.free.length;
  const rows = Array.from(f.C, (c) => gradientAt(f, c));
  const scale = Array.from({ length: p }, (_, j) => Math.sqrt(rows.reduce((s, r) => s + r[j]! * r[j]!, 0)) || 1);
  const M = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => rows.reduce((s, r) => s + (r[i]! / scale[i]!) * (r[j]! / scale[j]!), 0)));
  const g = gradientAt(f, C).map((v, j) => v / scale[j]!);
  const v = solve(M, g);
  const q = g.reduce((s, gi, i) => s + gi * v[i]!, 0);
  const se = f.sigma * Math.sqrt(Math.max(q, 0));
  const t = studentTQuantile((1 + level) / 2, f.dof);
  const loss = envelopeLoss(f, C);
  return { compute: C, loss, lo: loss - t * se, hi: loss + t * se, se, level, dof: f.dof, t };
}
