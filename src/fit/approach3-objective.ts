import type { Kernels, PreparedData } from '../kernels/index.ts';
import type { ObjectiveWithGradient } from '../optim/index.ts';
import { APPROACH3_KERNELS, type Approach3Kernels } from './approach3-kernels.ts';

/**
 * Objectives of direct 5-D fitting (specs/conventions.md §4). θ is the optimiser's
 * vector: (E, A, B, α, β) for the natural parameterisation, or
 * (e, a, b, α, β) with (E, A, B) = exp(e, a, b) for LSE, where
 * ln L̂ = logsumexp(e, a − α·ln N, b − β·ln D).
 */
export type Parameterization = 'natural' | 'lse';

/** How the gradient is obtained. */
export type GradientSource = { readonly kind: 'analytic' } | { readonly kind: 'forward' | 'central'; readonly step?: number };

/** Residual scale: r = L − L̂ ('linear') or r = ln L − ln L̂ ('log', the log-loss). */
export type ResidualScale = 'linear' | 'log';

/** Error function on the residuals: Σ r² or Σ huber_δ(r). */
export type ErrorFunction = { readonly kind: 'squared' } | { readonly kind: 'huber'; readonly delta: number };

export interface Approach3ObjectiveSpec {
  readonly parameterization: Parameterization;
  readonly scale: ResidualScale;
  readonly error: ErrorFunction;
}

/** Natural-scale parameters from the optimiser's vector. */
export function toNatural(theta: ArrayLike<number>, par: Parameterization): Float64Array {
  return par === 'lse' ? Float64Array.of(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), theta[3], theta[4]) : Float64Array.from(theta);
}

/** The optimiser's vector from natural-scale parameters. */
export function fromNatural(p: ArrayLike<number>, par: Parameterization): Float64Array {
  return par === 'lse' ? Float64Array.of(Math.log(p[0]), Math.log(p[1]), Math.log(p[2]), p[3], p[4]) : Float64Array.from(p);
}

/**
 * The objective with its analytic gradient. With the 'per-point' kernels
 * (src/fit/approach3-kernels.ts) squared error on the linear scale in
 * natural parameters is the RSS kernel itself (WebAssembly where available)
 * and the other variants are evaluated here; with 'fused' every variant is
 * one approach3Objective kernel call (same operations, same bits). Huber:
 * ρ(r) = r²/2 for |r| ≤ δ, δ·(|r| − δ/2) beyond, ψ = ρ'.
 */
export function approach3Objective(
  data: PreparedData,
  spec: Approach3ObjectiveSpec,
  k: Kernels,
  kernels: Approach3Kernels = APPROACH3_KERNELS,
): ObjectiveWithGradient {
  const { parameterization: par, scale, error } = spec;
  if (kernels === 'fused') {
    const mode = { lse: par === 'lse', logScale: scale === 'log', huberDelta: error.kind === 'huber' ? error.delta : null };
    return (theta, grad) => k.approach3Objective(data, mode, theta, grad);
  }
  if (par === 'natural' && scale === 'linear' && error.kind === 'squared') {
    return (theta, grad) => k.rss5(data, theta, grad);
  }
  const { n, lnN, lnD, L } = data;
  const logL = scale === 'log' ? L.map(Math.log) : null;
  const delta = error.kind === 'huber' ? error.delta : Infinity;
  return (theta, grad) => {
    const E = par === 'lse' ? Math.exp(theta[0]) : theta[0];
    const A = par === 'lse' ? Math.exp(theta[1]) : theta[1];
    const B = par === 'lse' ? Math.exp(theta[2]) : theta[2];
    const al = theta[3];
    const be = theta[4];
    let f = 0;
    let g0 = 0,
      g1 = 0,
      g2 = 0,
      g3 = 0,
      g4 = 0;
    for (let i = 0; i < n; i++) {
      const x = Math.exp(-al * lnN[i]);
      const y = Math.exp(-be * lnD[i]);
      const tx = A * x;
      const ty = B * y;
      const pred = E + tx + ty;
      // r and dr/dL̂ on the chosen scale.
      let r: number;
      let drdPred: number;
      if (logL) {
        r = logL[i] - Math.log(pred);
        drdPred = -1 / pred;
      } else {
        r = L[i] - pred;
        drdPred = -1;
      }
      let psi: number;
      if (Math.abs(r) <= delta) {
        f += error.kind === 'huber' ? 0.5 * r * r : r * r;
        psi = error.kind === 'huber' ? r : 2 * r;
      } else {
        f += delta * (Math.abs(r) - 0.5 * delta);
        psi = r > 0 ? delta : -delta;
      }
      const w = psi * drdPred;
      // dL̂/dθ: natural [1, x, y, −A·lnN·x, −B·lnD·y]; lse [E, A·x, B·y, same].
      g0 += w * (par === 'lse' ? E : 1);
      g1 += w * (par === 'lse' ? tx : x);
      g2 += w * (par === 'lse' ? ty : y);
      g3 -= w * tx * lnN[i];
      g4 -= w * ty * lnD[i];
    }
    grad[0] = g0;
    grad[1] = g1;
    grad[2] = g2;
    grad[3] = g3;
    grad[4] = g4;
    return f;
  };
}
