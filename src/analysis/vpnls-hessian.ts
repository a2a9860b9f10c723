/**
 * Hessian of the VPNLS objective RSS(α, β) = min_{E,A,B} Σ (L_i − E − A·N_i^−α − B·D_i^−β)²
 * (inner NNLS or OLS solved), specs/experiments.md §C.8 step 5.
 */
import { getKernels, type InnerSolve, type Kernels, type PointResult, type PreparedData } from '../kernels/index.ts';
import { DegenerateDataError, NonFiniteResultError } from '../core/errors.ts';
import { lstsq } from '../util/lstsq.ts';
import { checkFinite, checkPositiveFinite } from '../core/validate.ts';
import { symmetrise, zeros } from './matrix.ts';
import { GRADIENT_DIFFERENCE_STEP, VALUE_DIFFERENCE_STEP, stepFor } from './steps.ts';
import type { SquareMatrix } from './types.ts';

interface VpnlsCommon {
  /** Inner solve. Default {@link VPNLS_HESSIAN_INNER} (NNLS, as specs/experiments.md §C.8 asks). */
  readonly inner?: InnerSolve;
  /** Kernel backend. Default `getKernels()`. */
  readonly kernels?: Kernels;
}

/**
 * How to compute the 2-D Hessian. The NNLS objective is smooth only where the
 * active set does not change; all three methods assume an interior inner
 * optimum (E, A, B > 0) near (α, β).
 */
export type VpnlsHessianOptions =
  /**
   * Central differences of the envelope-theorem gradient (`vpnlsPoint` gradAlpha,
   * gradBeta), h_j = step·max(|θ_j|, 1), symmetrised. Step default {@link GRADIENT_DIFFERENCE_STEP}.
   */
  | (VpnlsCommon & { readonly method: 'gradient-difference'; readonly step?: number })
  /** Central second differences of `vpnlsPoint(...).rss`. Step default {@link VALUE_DIFFERENCE_STEP}. */
  | (VpnlsCommon & { readonly method: 'value-difference'; readonly step?: number })
  /**
   * 2·(P⊥J₂)ᵀ(P⊥J₂): J₂ = [−A·ln N·N^−α, −B·ln D·D^−β] with A, B from the inner
   * solve, P⊥ the projector off span[1, N^−α, D^−β] (Householder QR). Exact
   * where the residuals vanish (Golub & Pereyra 1973; Kaufman 1975).
   */
  | (VpnlsCommon & { readonly method: 'gauss-newton' });

/** Inner solve used unless the options say otherwise. */
export const VPNLS_HESSIAN_INNER: InnerSolve = 'nnls';

/** The default method: central differences of the envelope gradient with NNLS. */
export const VPNLS_HESSIAN_DEFAULT: VpnlsHessianOptions = Object.freeze({ method: 'gradient-difference' });

function point(kernels: Kernels, data: PreparedData, alpha: number, beta: number, inner: InnerSolve): PointResult {
  const r = kernels.vpnlsPoint(data, alpha, beta, inner);
  if (!Number.isFinite(r.rss) || !Number.isFinite(r.gradAlpha) || !Number.isFinite(r.gradBeta)) {
    throw new NonFiniteResultError(`vpnlsHessian: the VPNLS objective is not finite at alpha = ${alpha}, beta = ${beta} (inner ${inner})`);
  }
  return r;
}

function gradientDifference(theta: Float64Array, step: number, f: (a: number, b: number) => PointResult): SquareMatrix {
  const H = zeros(2);
  for (let j = 0; j < 2; j++) {
    const h = stepFor(theta[j], step);
    const up = Float64Array.from(theta);
    const down = Float64Array.from(theta);
    up[j] += h;
    down[j] -= h;
    const width = up[j] - down[j];
    const gp = f(up[0], up[1]);
    const gm = f(down[0], down[1]);
    H[0][j] = (gp.gradAlpha - gm.gradAlpha) / width;
    H[1][j] = (gp.gradBeta - gm.gradBeta) / width;
  }
  return symmetrise(H);
}

function valueDifference(theta: Float64Array, step: number, f: (a: number, b: number) => PointResult): SquareMatrix {
  const [a, b] = theta;
  const ha = stepFor(a, step);
  const hb = stepFor(b, step);
  const rss = (da: number, db: number): number => f(a + da, b + db).rss;
  const f0 = rss(0, 0);
  const H = zeros(2);
  H[0][0] = (rss(ha, 0) - 2 * f0 + rss(-ha, 0)) / (ha * ha);
  H[1][1] = (rss(0, hb) - 2 * f0 + rss(0, -hb)) / (hb * hb);
  H[0][1] = H[1][0] = (rss(ha, hb) - rss(ha, -hb) - rss(-ha, hb) + rss(-ha, -hb)) / (4 * ha * hb);
  return H;
}

function gaussNewton(data: PreparedData, theta: Float64Array, inner: PointResult): SquareMatrix {
  const [alpha, beta] = theta;
  const { n, lnN, lnD } = data;
  const one = new Float64Array(n).fill(1);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const ja = new Float64Array(n);
  const jb = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.exp(-alpha * lnN[i]);
    y[i] = Math.exp(-beta * lnD[i]);
    ja[i] = -inner.A * lnN[i] * x[i];
    jb[i] = -inner.B * lnD[i] * y[i];
  }
  const design = [one, x, y];
  const project = (j: Float64Array): Float64Array => {
    const c = lstsq(design, j);
    if (!c) throw new DegenerateDataError('vpnlsHessian: the columns [1, N^−α, D^−β] are rank-deficient; P⊥ is undefined');
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = j[i] - (c[0] + c[1] * x[i] + c[2] * y[i]);
    return out;
  };
  const pa = project(ja);
  const pb = project(jb);
  let saa = 0;
  let sab = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    saa += pa[i] * pa[i];
    sab += pa[i] * pb[i];
    sbb += pb[i] * pb[i];
  }
  return [
    [2 * saa, 2 * sab],
    [2 * sab, 2 * sbb],
  ];
}

/**
 * Hessian of the VPNLS objective RSS(α, β), order [α, β]. At zero residual
 * (noise-free data at the true exponents) it equals 2·(P⊥J₂)ᵀ(P⊥J₂), with J₂
 * the derivatives of the predictions in α and β and P⊥ the projector off
 * span[1, N^−α, D^−β] (specs/experiments.md §C.8 step 5). Eliminating (E, A, B)
 * removes the near-collinear directions that make the 5-D Hessian
 * ill-conditioned.
 *
 * @param options - {@link VpnlsHessianOptions}; default {@link VPNLS_HESSIAN_DEFAULT}
 * @throws InvalidInputError for non-finite α, β or a bad step
 * @throws NonFiniteResultError where the objective is not finite (e.g. a singular OLS design)
 * @throws DegenerateDataError for a rank-deficient design in 'gauss-newton'
 * @example vpnlsHessian(data, 0.465, 0.155) // ≈ [[136, −96], [−96, 1050]] on the asymmetric surface, ±8×, 75 points
 */
export function vpnlsHessian(data: PreparedData, alpha: number, beta: number, options: VpnlsHessianOptions = VPNLS_HESSIAN_DEFAULT): SquareMatrix {
  checkFinite('alpha', alpha, 'vpnlsHessian');
  checkFinite('beta', beta, 'vpnlsHessian');
  const theta = Float64Array.of(alpha, beta);
  const inner = options.inner ?? VPNLS_HESSIAN_INNER;
  const kernels = options.kernels ?? getKernels();
  const f = (a: number, b: number): PointResult => point(kernels, data, a, b, inner);
  let H: SquareMatrix;
  switch (options.method) {
    case 'gradient-difference': {
      const step = options.step ?? GRADIENT_DIFFERENCE_STEP;
      checkPositiveFinite('step', step, 'vpnlsHessian');
      H = gradientDifference(theta, step, f);
      break;
    }
    case 'value-difference': {
      const step = options.step ?? VALUE_DIFFERENCE_STEP;
      checkPositiveFinite('step', step, 'vpnlsHessian');
      H = valueDifference(theta, step, f);
      break;
    }
    case 'gauss-newton':
      H = gaussNewton(data, theta, f(alpha, beta));
      break;
  }
  for (const row of H) {
    for (const v of row)
      if (!Number.isFinite(v)) throw new NonFiniteResultError(`vpnlsHessian: non-finite Hessian entry ${v} at alpha = ${alpha}, beta = ${beta}`);
  }
  return H;
}
