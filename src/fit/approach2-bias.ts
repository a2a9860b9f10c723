/**
 * Closed form for the bias of Approach 2 under centred sampling
 * (specs/experiments.md §C.6; derivation in specs/approach2-bias.md).
 *
 * On one budget put w = log10(N/N*). Along the IsoFLOP curve
 * L(w) = E + P·10^(−αw) + R·10^(βw) with α·P = β·R. The least-squares parabola
 * on the symmetric grid w_i = linspace(−W, W, n) has its vertex at δw, which
 * depends on (α, β, W, n) only. Hence N̂* = N*·10^δw and D̂* = D*·10^(−δw) at
 * every budget: the fitted exponents are exact and only the intercepts move.
 */
import type { LossSurface } from '../surface/loss-surface.ts';
import { InvalidInputError, NonFiniteResultError } from '../core/errors.ts';

const LN10 = Math.LN10;

function checkPositive(fn: string, name: string, v: number): void {
  if (!(Number.isFinite(v) && v > 0)) {
    throw new InvalidInputError(`${fn}: ${name} = ${v} must be a positive finite number`, name, undefined, v);
  }
}

function checkArgs(fn: string, alpha: number, beta: number, W: number, n: number): void {
  checkPositive(fn, 'alpha', alpha);
  checkPositive(fn, 'beta', beta);
  checkPositive(fn, 'W', W);
  if (!(Number.isInteger(n) && n >= 3)) {
    throw new InvalidInputError(`${fn}: n = ${n} must be an integer ≥ 3 (a parabola needs 3 points)`, 'n', undefined, n);
  }
}

/** cosh x − 1 without cancellation: cosh x − 1 = 2·sinh(x/2)². */
function coshm1(x: number): number {
  const s = Math.sinh(x / 2);
  return 2 * s * s;
}

/** Below this max(α, β)·t the odd part is summed as a series (its terms never cancel). */
const ODD_SERIES_LIMIT = 2;
/** The series stops once a term is below this fraction of the partial sum. */
const ODD_SERIES_TOL = Number.EPSILON / 4;

/**
 * β·sinh(αt) − α·sinh(βt) for t > 0. For small arguments it is the series
 * αβ·Σ_{k≥1} (α^{2k} − β^{2k})·t^{2k+1}/(2k+1)!, with
 * α^{2k} − β^{2k} = α²·(α^{2k−2} − β^{2k−2}) + β^{2k−2}·(α − β)(α + β):
 * every term has the sign of α − β, so nothing cancels and the value is
 * accurate to a few ulps even for tiny t or α ≈ β (and exactly 0 for α = β).
 * For larger arguments the two sinh terms differ enough to subtract directly.
 */
function oddPart(alpha: number, beta: number, t: number): number {
  if (Math.max(alpha, beta) * t > ODD_SERIES_LIMIT) return beta * Math.sinh(alpha * t) - alpha * Math.sinh(beta * t);
  const a2 = alpha * alpha;
  const b2 = beta * beta;
  const diff2 = (alpha - beta) * (alpha + beta);
  const t2 = t * t;
  let d = diff2; // α^{2k} − β^{2k}, k = 1
  let b2k = 1; // β^{2k−2}
  let tk = (t2 * t) / 6; // t^{2k+1}/(2k+1)!, k = 1
  let sum = d * tk;
  for (let k = 2; k < 100; k++) {
    b2k *= b2;
    d = a2 * d + b2k * diff2;
    tk *= t2 / (2 * k * (2 * k + 1));
    const term = d * tk;
    sum += term;
    if (Math.abs(term) <= ODD_SERIES_TOL * Math.abs(sum)) break;
  }
  return alpha * beta * sum;
}

function vertexShift(alpha: number, beta: number, W: number, n: number): number {
  // Exactly antisymmetric grid: w_k = W·k/(n−1) for k = −(n−1), −(n−3), …, n−1,
  // so every sum below is taken over the half w > 0 with multiplicity 2 (the
  // centre point w = 0 of odd n adds nothing to Σw², Σw·odd or Σu·even).
  const m = n - 1;
  let S2 = 0; // Σ w²
  for (let k = m; k > 0; k -= 2) {
    const w = (W * k) / m;
    S2 += 2 * w * w;
  }
  const M2 = S2 / n; // mean of w²
  // Σ u² with u = w² − M2 (= Σw⁴ − (Σw²)²/n), summed from the centred values.
  let Suu = n % 2 === 1 ? M2 * M2 : 0;
  let odd = 0; // −Σ w·g_odd(w) = Σ w·(β·sinh(αt) − α·sinh(βt))
  let even = 0; // Σ u·(g_even(w) − (α+β)) = Σ u·(β·(cosh αt − 1) + α·(cosh βt − 1))
  for (let k = m; k > 0; k -= 2) {
    const w = (W * k) / m;
    const t = w * LN10;
    const u = w * w - M2;
    Suu += 2 * u * u;
    odd += 2 * w * oddPart(alpha, beta, t);
    even += 2 * u * (beta * coshm1(alpha * t) + alpha * coshm1(beta * t));
  }
  // c1 = −(R/α)·odd/S2, c2 = (R/α)·even/Suu, δw = −c1/(2·c2).
  return (odd / S2) * (Suu / (2 * even));
}

/**
 * Vertex shift δw (log10 units) of the Approach 2 IsoFLOP parabola under
 * centred sampling on the symmetric grid w_i = linspace(−W, W, n), w = log10(N/N*):
 *
 *   g(w) = β·10^(−αw) + α·10^(βw)   (L − E ∝ g because α·P = β·R),
 *   c1 = Σ w·g / Σ w²,   c2 = Σ u·g / Σ u²  with u = w² − mean(w²),
 *   δw = −c1 / (2·c2).
 *
 * Independent of E, A, B and of the budget C. Evaluated with t = w·ln 10 on
 * an exactly symmetric grid from the odd part β·sinh(αt) − α·sinh(βt) (a
 * series of same-signed terms for small arguments) and the centred even part
 * β·(cosh αt − 1) + α·(cosh βt − 1), so the constant terms (E and the level
 * of g) never enter a sum. For α = β every odd term is exactly 0, hence
 * δw = +0 exactly (no special case). Measured error against 60-digit
 * arithmetic: ≤ 3 ulps for W from 1e−6 to 10, n from 3 to 101, α − β down to
 * 1e−12. Range: the sums stay normal doubles for W ≥ 1e−70 and
 * α·W·ln 10, β·W·ln 10 ≤ 700; far below, W⁴-sized sums underflow and accuracy
 * is lost; far above, sinh overflows and a NonFiniteResultError is thrown.
 *
 * Reference: specs/experiments.md §C.6; derivation in specs/approach2-bias.md.
 *
 * @param alpha - exponent α of N (> 0)
 * @param beta - exponent β of D (> 0)
 * @param W - grid half-width in log10 N units (> 0), e.g. log10 16 for ±16×
 * @param n - points per IsoFLOP curve (integer ≥ 3)
 * @throws InvalidInputError naming the bad argument and its value
 * @throws NonFiniteResultError when the result is not finite (sinh overflow, or total underflow)
 * @example approach2VertexShift(0.34, 0.28, Math.log10(16), 15) // ≈ 0.02274 (N* overestimated by ≈ 5.4 %)
 */
export function approach2VertexShift(alpha: number, beta: number, W: number, n: number): number {
  checkArgs('approach2VertexShift', alpha, beta, W, n);
  const dw = vertexShift(alpha, beta, W, n);
  if (!Number.isFinite(dw)) {
    throw new NonFiniteResultError(`approach2VertexShift: δw = ${dw} is not finite for alpha = ${alpha}, beta = ${beta}, W = ${W}, n = ${n}`);
  }
  return dw;
}

/**
 * Relative error of the Approach 2 N* prefactor under centred sampling:
 * N̂* ÷ N* − 1 = 10^δw − 1 with δw = {@link approach2VertexShift}; the exponent
 * a is exact, so this is also the relative error of N̂*(C) at every budget.
 * Computed as expm1(δw·ln 10), so it is exact 0 when α = β.
 *
 * Reference: specs/experiments.md §C.6.
 *
 * @example approach2InterceptError(0.34, 0.28, Math.log10(16), 15) // ≈ 0.05374
 */
export function approach2InterceptError(alpha: number, beta: number, W: number, n: number): number {
  checkArgs('approach2InterceptError', alpha, beta, W, n);
  return Math.expm1(approach2VertexShift(alpha, beta, W, n) * LN10);
}

/**
 * Relative error of the extrapolated D* under centred sampling, at any budget:
 * D̂* ÷ D* − 1 = 10^(−δw) − 1. On an IsoFLOP curve log10(D/D*) = −w, so the
 * D parabola is the mirror image of the N parabola and its vertex sits at −δw.
 *
 * Reference: specs/experiments.md §C.6; specs/conventions.md §5 (chinchilla, XL: −5.100244551712022 %).
 *
 * @example approach2ExtrapolationError(0.34, 0.28, Math.log10(16), 15) // ≈ −0.0510024455 (specs/conventions.md §5: −5.100244551712022 %)
 */
export function approach2ExtrapolationError(alpha: number, beta: number, W: number, n: number): number {
  checkArgs('approach2ExtrapolationError', alpha, beta, W, n);
  // 0 − x rather than −x, so that δw = 0 gives +0, not −0.
  return Math.expm1(0 - approach2VertexShift(alpha, beta, W, n) * LN10);
}

/** All three predictions of the closed form for one surface and grid. */
export interface Approach2BiasPrediction {
  /** Vertex shift δw in log10 units. */
  readonly deltaW: number;
  /** 10^δw − 1: relative error of N̂* (and of the N* prefactor). */
  readonly interceptError: number;
  /** 10^(−δw) − 1: relative error of D̂* (and of the extrapolated D*). */
  readonly extrapolationError: number;
}

/**
 * The closed-form Approach 2 bias of a surface: only its α and β matter.
 *
 * @example approach2Bias(SURFACES.symmetric, Math.log10(16), 15) // { deltaW: 0, interceptError: 0, extrapolationError: 0 }
 */
export function approach2Bias(surface: LossSurface, W: number, n: number): Approach2BiasPrediction {
  const deltaW = approach2VertexShift(surface.alpha, surface.beta, W, n);
  return { deltaW, interceptError: Math.expm1(deltaW * LN10), extrapolationError: Math.expm1(0 - deltaW * LN10) };
}
