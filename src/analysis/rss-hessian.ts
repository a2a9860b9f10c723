/**
 * Hessian of the 5-parameter RSS(p) = Σ (L_i − f(N_i, D_i; p))², with
 * f = E + A·N^−α + B·D^−β and p = [E, A, B, α, β] (specs/experiments.md §C.8 step 2).
 */
import { getKernels, type Kernels, type PreparedData } from '../kernels/index.ts';
import { InvalidInputError, NonFiniteResultError } from '../core/errors.ts';
import { checkPositiveFinite, checkVector } from '../core/validate.ts';
import { symmetrise, zeros } from './matrix.ts';
import { rescaleHessian } from './scaling.ts';
import { GRADIENT_DIFFERENCE_STEP, stepFor } from './steps.ts';
import type { SquareMatrix } from './types.ts';

/** How to compute the 5-D Hessian. */
export type RssHessianOptions =
  /** Analytic 2·JᵀJ − 2·Σ r_i·∇²f_i: exact for any residuals. */
  | { readonly method: 'exact' }
  /** Analytic 2·JᵀJ only: equals 'exact' where the residuals vanish (noise-free data at the truth). */
  | { readonly method: 'gauss-newton' }
  /**
   * Central differences of the analytic gradient `kernels.rss5`, column j from
   * p ± h_j·e_j with h_j = step·max(|p_j|, 1), then symmetrised. Errors are
   * ≈ ε^(2/3)·max|H|, too large for the smallest eigenvalues of an
   * ill-conditioned problem; prefer 'exact' there.
   */
  | {
      readonly method: 'gradient-difference';
      /** Relative step. Default {@link GRADIENT_DIFFERENCE_STEP}. */
      readonly step?: number;
      /** Kernel backend. Default `getKernels()`. */
      readonly kernels?: Kernels;
    };

/** The default method: the exact analytic Hessian. */
export const RSS_HESSIAN_DEFAULT: RssHessianOptions = Object.freeze({ method: 'exact' });

/**
 * Jacobian of the predictions with respect to p = [E, A, B, α, β], n×5
 * row-major: row i = [1, x_i, y_i, −A·ln N_i·x_i, −B·ln D_i·y_i] with
 * x_i = N_i^−α, y_i = D_i^−β.
 *
 * @throws InvalidInputError if p is not 5 finite numbers
 * @example predictionJacobian5(prepareData([1], [1], [0]), [1, 2, 3, 0.5, 0.5]) // Float64Array [1, 1, 1, −0, −0]
 */
export function predictionJacobian5(data: PreparedData, p: ArrayLike<number>): Float64Array {
  const [, A, B, alpha, beta] = checkVector('predictionJacobian5', 'p', p, 5);
  const { n, lnN, lnD } = data;
  const J = new Float64Array(n * 5);
  for (let i = 0; i < n; i++) {
    const x = Math.exp(-alpha * lnN[i]);
    const y = Math.exp(-beta * lnD[i]);
    const row = i * 5;
    J[row] = 1;
    J[row + 1] = x;
    J[row + 2] = y;
    J[row + 3] = -A * lnN[i] * x;
    J[row + 4] = -B * lnD[i] * y;
  }
  return J;
}

function analyticHessian(data: PreparedData, p: Float64Array, withResidualTerm: boolean): SquareMatrix {
  const [E, A, B] = p;
  const { n, lnN, lnD, L } = data;
  const J = predictionJacobian5(data, p);
  const H = zeros(5);
  for (let i = 0; i < n; i++) {
    const row = i * 5;
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b <= a; b++) H[a][b] += 2 * J[row + a] * J[row + b];
    }
    if (withResidualTerm) {
      // −2·r·∇²f: the only non-zero second derivatives of f are
      // ∂²f/∂A∂α = −ln N·x, ∂²f/∂α² = A·ln²N·x, ∂²f/∂B∂β = −ln D·y, ∂²f/∂β² = B·ln²D·y.
      const x = J[row + 1];
      const y = J[row + 2];
      const r = L[i] - (E + A * x + B * y);
      H[3][1] += 2 * r * lnN[i] * x;
      H[3][3] -= 2 * r * A * lnN[i] * lnN[i] * x;
      H[4][2] += 2 * r * lnD[i] * y;
      H[4][4] -= 2 * r * B * lnD[i] * lnD[i] * y;
    }
  }
  for (let a = 0; a < 5; a++) for (let b = 0; b < a; b++) H[b][a] = H[a][b];
  return H;
}

function differenceHessian(data: PreparedData, p: Float64Array, step: number, kernels: Kernels): SquareMatrix {
  const H = zeros(5);
  const q = new Float64Array(5);
  const gp = new Float64Array(5);
  const gm = new Float64Array(5);
  for (let j = 0; j < 5; j++) {
    const h = stepFor(p[j], step);
    q.set(p);
    q[j] = p[j] + h;
    const hp = q[j] - p[j]; // the step actually taken (exact in binary)
    kernels.rss5(data, q, gp);
    q[j] = p[j] - h;
    const hm = p[j] - q[j];
    kernels.rss5(data, q, gm);
    for (let i = 0; i < 5; i++) H[i][j] = (gp[i] - gm[i]) / (hp + hm);
  }
  return symmetrise(H);
}

/**
 * Hessian of the 5-D RSS at p = [E, A, B, α, β]:
 *
 *   ∇²RSS = 2·JᵀJ − 2·Σ_i r_i·∇²f_i,   r_i = L_i − f_i,  J = ∂f/∂p (see {@link predictionJacobian5}).
 *
 * At the true parameters on noise-free data r = 0 and ∇²RSS = 2·JᵀJ
 * (specs/experiments.md §C.8 step 2). Parameters are raw (not rescaled), so
 * entries span many orders of magnitude (A ≈ 400 against α ≈ 0.3).
 *
 * @param options - {@link RssHessianOptions}; default {@link RSS_HESSIAN_DEFAULT}
 * @throws InvalidInputError if p is not 5 finite numbers or the step is not positive
 * @throws NonFiniteResultError if an entry is not finite
 * @example rssHessian5(data, [1.69, 406.4, 410.7, 0.465, 0.155])[0][0] // 2·n = 150 for 75 points
 */
export function rssHessian5(data: PreparedData, p: ArrayLike<number>, options: RssHessianOptions = RSS_HESSIAN_DEFAULT): SquareMatrix {
  const q = checkVector('rssHessian5', 'p', p, 5);
  let H: SquareMatrix;
  switch (options.method) {
    case 'exact':
      H = analyticHessian(data, q, true);
      break;
    case 'gauss-newton':
      H = analyticHessian(data, q, false);
      break;
    case 'gradient-difference': {
      const step = options.step ?? GRADIENT_DIFFERENCE_STEP;
      checkPositiveFinite('step', step, 'rssHessian5');
      H = differenceHessian(data, q, step, options.kernels ?? getKernels());
      break;
    }
  }
  for (const row of H) {
    for (const v of row) if (!Number.isFinite(v)) throw new NonFiniteResultError(`rssHessian5: non-finite Hessian entry ${v} at p = [${[...q].join(', ')}]`);
  }
  return H;
}

/**
 * Gradient of the 5-D RSS at p = [E, A, B, α, β], −2·Jᵀr (analytic, in
 * TypeScript; the kernels' `rss5` computes the same).
 *
 * @throws InvalidInputError if p is not 5 finite numbers
 */
export function rssGradient5(data: PreparedData, p: ArrayLike<number>): Float64Array {
  const q = checkVector('rssGradient5', 'p', p, 5);
  const J = predictionJacobian5(data, q);
  const [E, A, B] = q;
  const g = new Float64Array(5);
  for (let i = 0; i < data.n; i++) {
    const row = i * 5;
    const r = data.L[i] - (E + A * J[row + 1] + B * J[row + 2]);
    for (let a = 0; a < 5; a++) g[a] -= 2 * r * J[row + a];
  }
  return g;
}

/** Parameter order of the LSE parameterisation: e = ln E, a = ln A, b = ln B, then α, β. */
export const LSE_PARAMETER_NAMES_5 = ['e', 'a', 'b', 'alpha', 'beta'] as const;

/**
 * Hessian of the 5-D RSS in the LSE parameterisation q = [ln E, ln A, ln B, α, β]
 * (the one the benchmarked log-scale Approach 3 fits optimise; RSS still on L),
 * by the chain rule from the raw Hessian H at p:
 *
 *   ∇²_q RSS = S·H·S + diag(g_E·E, g_A·A, g_B·B, 0, 0),  S = diag(E, A, B, 1, 1),  g = ∇_p RSS.
 *
 * The gradient term vanishes at a zero-residual minimum and is left out for
 * `method: 'gauss-newton'` (then this is 2·(JS)ᵀ(JS)).
 *
 * @param options - {@link RssHessianOptions} for the raw Hessian; default {@link RSS_HESSIAN_DEFAULT}
 * @throws InvalidInputError if p is not 5 finite numbers or E, A or B is not positive
 * @example lseHessian5(data, truth)[1][1] // A²·H_AA
 */
export function lseHessian5(data: PreparedData, p: ArrayLike<number>, options: RssHessianOptions = RSS_HESSIAN_DEFAULT): SquareMatrix {
  const q = checkVector('lseHessian5', 'p', p, 5);
  for (let j = 0; j < 3; j++) {
    if (!(q[j] > 0)) throw new InvalidInputError(`lseHessian5: p[${j}] = ${q[j]} must be positive to take its logarithm`, 'p', j, q[j]);
  }
  const H = rssHessian5(data, q, options);
  const out = rescaleHessian(H, [q[0], q[1], q[2], 1, 1]);
  if (options.method !== 'gauss-newton') {
    const g = rssGradient5(data, q);
    for (let j = 0; j < 3; j++) out[j][j] += g[j] * q[j];
  }
  return out;
}
