/**
 * What a misallocation costs on a known surface: the extrapolated token error
 * (specs/experiments.md §B.3) and the allocation at a target budget with its
 * Deadweight Compute Loss, DCL (specs/experiments.md §B.4). Pure surface
 * arithmetic, browser-safe (the explorable uses it).
 */
import { computeForLoss, dOpt, FLOPS_PER_PARAM_TOKEN, loss, type LossSurface, nOpt } from './loss-surface.ts';

/** specs/experiments.md §B.3 columns `d_true,d_hat,d_err_abs,d_err_pct`. */
export interface TokenError {
  d_true: number;
  d_hat: number;
  d_err_abs: number;
  d_err_pct: number;
}

/** specs/experiments.md §B.3 for any estimate `dHat` of D*(C). */
export function tokenErrorFor(truth: LossSurface, dHat: number, C: number): TokenError {
  const dTrue = dOpt(truth, C);
  const abs = dHat - dTrue;
  return { d_true: dTrue, d_hat: dHat, d_err_abs: abs, d_err_pct: (100 * abs) / dTrue };
}

/** specs/experiments.md §B.4 quantities at one target budget. */
export interface AllocationCost extends TokenError {
  n_true: number;
  n_hat: number;
  loss_true: number;
  loss_hat: number;
  loss_penalty: number;
  c_equivalent: number;
  dcl_flops: number;
  dcl_pct: number;
}

/**
 * specs/experiments.md §B.4: the run that trains on `dHat` tokens at budget C (so N = C/(6·dHat))
 * reaches loss_hat on the true surface; a compute-optimal run reaches the
 * same loss with c_equivalent FLOPs; the difference is the Deadweight
 * Compute Loss. Values are as computed: for a near-perfect allocation the
 * penalty can come out a rounding error below zero.
 */
export function allocationCost(truth: LossSurface, dHat: number, C: number): AllocationCost {
  const tok = tokenErrorFor(truth, dHat, C);
  const nTrue = nOpt(truth, C);
  const lossTrue = loss(truth, nTrue, tok.d_true);
  const nHat = C / (FLOPS_PER_PARAM_TOKEN * dHat);
  const lossHat = loss(truth, nHat, dHat);
  const cEq = computeForLoss(truth, lossHat);
  const dcl = C - cEq;
  return {
    ...tok,
    n_true: nTrue,
    n_hat: nHat,
    loss_true: lossTrue,
    loss_hat: lossHat,
    loss_penalty: lossHat - lossTrue,
    c_equivalent: cEq,
    dcl_flops: dcl,
    dcl_pct: (100 * dcl) / C,
  };
}

/**
 * Fractional DCL (as a fraction of C, not %) of training on r·D* tokens on a
 * Chinchilla-form surface, exact. With D = D*·e^u, N = N*·e^(−u) along the
 * IsoFLOP curve (u = ln r), the excess loss over the optimum is
 * P·(e^(αu) − 1) + R·(e^(−βu) − 1) with α·P = β·R, and the optimal loss above
 * E is (P + R)·(C'/C)^(−αβ/(α+β)); so C_eq/C depends on (α, β, r) only, not on
 * C, E, A or B. Hence the fractional DCL of a given misallocation does not
 * shrink as the budget grows (only the loss penalty does).
 */
export function dclFractionOfMisallocation(alpha: number, beta: number, ratio: number): number {
  for (const [name, v] of [
    ['alpha', alpha],
    ['beta', beta],
    ['ratio', ratio],
  ] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`dclFractionOfMisallocation: ${name} = ${v} must be a finite positive number`);
  }
  const u = Math.log(ratio);
  const excess = (beta * Math.expm1(alpha * u) + alpha * Math.expm1(-beta * u)) / (alpha + beta);
  const gamma = (alpha * beta) / (alpha + beta);
  // 1 − (1 + excess)^(−1/γ), written without cancellation.
  return -Math.expm1(-Math.log1p(excess) / gamma);
}

/**
 * Coefficient c of the quadratic rule DCL/C ≈ c·(ln(D̂/D*))²: expanding
 * {@link dclFractionOfMisallocation} to second order in u = ln(D̂/D*) gives
 * excess ≈ ½·αβ·u² and DCL/C ≈ excess/γ, so c = (α + β)/2. It depends on the
 * surface only through α + β (0.62 for the symmetric, chinchilla and
 * asymmetric surfaces).
 */
export function dclQuadraticCoefficient(alpha: number, beta: number): number {
  return (alpha + beta) / 2;
}
