import { InvalidInputError } from '../core/errors.ts';
import type { SquareMatrix } from './types.ts';

/**
 * Hessian in rescaled variables q_j = p_j / s_j: H_q = diag(s)·H·diag(s).
 * With s = p it is the Hessian in relative perturbations (p_j·(1 + ε_j)),
 * which removes the units effect of raw parameters of very different size
 * (A ≈ 400 against α ≈ 0.3). specs/experiments.md §C.8 itself reports raw parameters; this is a
 * companion view, not a replacement.
 *
 * @throws InvalidInputError if the scales are not finite and non-zero or the sizes differ
 * @example rescaleHessian([[2, 1], [1, 2]], [10, 1]) // [[200, 10], [10, 2]]
 */
export function rescaleHessian(H: readonly (readonly number[])[], scales: ArrayLike<number>): SquareMatrix {
  const m = H.length;
  if (scales.length !== m) throw new InvalidInputError(`rescaleHessian: ${scales.length} scales for a ${m}×${m} matrix`, 'scales');
  for (let i = 0; i < m; i++) {
    const s = scales[i];
    if (!(Number.isFinite(s) && s !== 0)) throw new InvalidInputError(`rescaleHessian: scales[${i}] = ${s} must be finite and non-zero`, 'scales', i, s);
    if (H[i].length !== m) throw new InvalidInputError(`rescaleHessian: row ${i} has ${H[i].length} entries; a ${m}×${m} matrix needs ${m}`, 'H', i);
  }
  return H.map((row, i) => row.map((h, j) => h * scales[i] * scales[j]));
}

/**
 * Jacobi (diagonal) scaling D^−1/2·H·D^−1/2 with D = diag(H): unit diagonal.
 * For H = 2JᵀJ this is the Hessian after scaling every column of J to unit
 * norm. Its condition number is invariant to any rescaling of the individual
 * parameters (units, or a diagonal reparameterisation such as p_j → ln p_j at
 * a point), and within a factor m of the best diagonal scaling (van der Sluis
 * 1969), so it measures the conditioning that no choice of units removes.
 *
 * @throws InvalidInputError if a diagonal entry is not positive and finite or the matrix is not square
 * @example jacobiScale([[4, 2], [2, 9]]) // [[1, 1/3], [1/3, 1]]
 */
export function jacobiScale(H: readonly (readonly number[])[]): SquareMatrix {
  const m = H.length;
  const scales = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    if (H[i].length !== m) throw new InvalidInputError(`jacobiScale: row ${i} has ${H[i].length} entries; a ${m}×${m} matrix needs ${m}`, 'H', i);
    const d = H[i][i];
    if (!(Number.isFinite(d) && d > 0)) throw new InvalidInputError(`jacobiScale: H[${i}][${i}] = ${d} must be positive and finite`, 'H', i * m + i, d);
    scales[i] = 1 / Math.sqrt(d);
  }
  const S = rescaleHessian(H, scales);
  for (let i = 0; i < m; i++) S[i][i] = 1; // exact, not d·(1/√d)²
  return S;
}
