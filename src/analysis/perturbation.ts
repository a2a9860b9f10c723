/**
 * Gradient diagnostics along eigen-directions (specs/experiments.md §C.8 steps 3–4).
 */
import { getKernels, type Kernels, type PreparedData } from '../kernels/index.ts';
import { InvalidInputError } from '../core/errors.ts';
import { checkVector } from '../core/validate.ts';
import type { Spectrum } from './types.ts';

/** Size of the step along each unit eigenvector in the perturbation test (specs/experiments.md §C.8 step 4). */
export const PERTURBATION_DELTA = 1e-4;

/**
 * Components of a vector g in the eigenbasis: c_k = v_kᵀ·g, k in the
 * spectrum's (ascending-eigenvalue) order.
 *
 * @throws InvalidInputError if g's length differs from the eigenvectors'
 * @example projectOnEigenvectors([1, 0], symmetricSpectrum([[2, 1], [1, 2]])) // [0.7071, 0.7071]
 */
export function projectOnEigenvectors(g: ArrayLike<number>, spectrum: Spectrum): number[] {
  const m = spectrum.eigenvalues.length;
  const v = checkVector('projectOnEigenvectors', 'g', g, m);
  return spectrum.eigenvectors.map((e) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += e[i] * v[i];
    return s;
  });
}

export interface PerturbationOptions {
  /** Step along each unit eigenvector. Default {@link PERTURBATION_DELTA}. */
  readonly delta?: number;
  /** Kernel backend. Default `getKernels()`. */
  readonly kernels?: Kernels;
}

/**
 * ‖∇RSS(p + δ·v_k)‖₂ for each unit eigenvector v_k of a 5-D RSS Hessian
 * (analytic gradient `kernels.rss5`). Near a zero-residual minimum this is
 * δ·λ_k + O(δ²), so a tiny λ_k means a direction along which the optimiser gets
 * almost no gradient signal.
 *
 * @throws InvalidInputError for a bad p, a non-5-D spectrum or a non-positive δ
 * @example perturbedGradientNorms(data, truth, spectrum5) // ≈ 1e−4·λ_k, ascending
 */
export function perturbedGradientNorms(data: PreparedData, p: ArrayLike<number>, spectrum: Spectrum, options: PerturbationOptions = {}): number[] {
  const base = checkVector('perturbedGradientNorms', 'p', p, 5);
  const delta = options.delta ?? PERTURBATION_DELTA;
  if (!(Number.isFinite(delta) && delta > 0)) {
    throw new InvalidInputError(`perturbedGradientNorms: delta = ${delta} must be a positive finite number`, 'delta', undefined, delta);
  }
  if (spectrum.eigenvalues.length !== 5) {
    throw new InvalidInputError(`perturbedGradientNorms: the spectrum has ${spectrum.eigenvalues.length} eigenvectors; expected 5`, 'spectrum');
  }
  const kernels = options.kernels ?? getKernels();
  const q = new Float64Array(5);
  const g = new Float64Array(5);
  return spectrum.eigenvectors.map((v) => {
    for (let i = 0; i < 5; i++) q[i] = base[i] + delta * v[i];
    kernels.rss5(data, q, g);
    let norm = 0;
    for (let i = 0; i < 5; i++) norm = Math.hypot(norm, g[i]);
    return norm;
  });
}
