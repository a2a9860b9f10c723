import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { InvalidInputError } from '../core/errors.ts';
import type { SquareMatrix, Spectrum } from './types.ts';

/** Relative asymmetry |H_ij − H_ji| / max|H| above which a matrix is rejected as not symmetric. */
export const SYMMETRY_TOLERANCE = 1e-6;

function checkSquare(H: readonly (readonly number[])[]): number {
  const m = H.length;
  if (m === 0) throw new InvalidInputError('symmetricSpectrum: the matrix is empty', 'H');
  let scale = 0;
  for (let i = 0; i < m; i++) {
    if (H[i].length !== m) {
      throw new InvalidInputError(`symmetricSpectrum: row ${i} has ${H[i].length} entries; a ${m}×${m} matrix needs ${m}`, 'H', i);
    }
    for (let j = 0; j < m; j++) {
      const v = H[i][j];
      if (!Number.isFinite(v)) throw new InvalidInputError(`symmetricSpectrum: H[${i}][${j}] = ${v} is not finite`, 'H', i * m + j, v);
      scale = Math.max(scale, Math.abs(v));
    }
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < i; j++) {
      const d = Math.abs(H[i][j] - H[j][i]);
      if (d > SYMMETRY_TOLERANCE * scale) {
        throw new InvalidInputError(
          `symmetricSpectrum: H[${i}][${j}] = ${H[i][j]} and H[${j}][${i}] = ${H[j][i]} differ by more than ${SYMMETRY_TOLERANCE} of max|H| = ${scale}`,
          'H',
          i * m + j,
          H[i][j],
        );
      }
    }
  }
  return m;
}

/**
 * Eigenvalues (ascending), unit eigenvectors and condition number of a
 * symmetric matrix, via ml-matrix's EigenvalueDecomposition on the
 * symmetrised matrix (H + Hᵀ)/2 (Householder tridiagonalisation + QL, as in
 * JAMA/EISPACK tred2/tql2; eigenvalue errors ≈ ε·max|λ|).
 *
 * κ = λmax/λmin if λmin > 0, else Infinity (not positive definite).
 *
 * @throws InvalidInputError for an empty, non-square, non-finite or clearly asymmetric matrix
 *   (asymmetry above {@link SYMMETRY_TOLERANCE} of max|H|)
 * @example symmetricSpectrum([[2, 1], [1, 2]]) // { eigenvalues: [1, 3], eigenvectors: [[0.7071, −0.7071], [0.7071, 0.7071]], conditionNumber: 3, positiveDefinite: true }
 */
export function symmetricSpectrum(H: readonly (readonly number[])[]): Spectrum {
  const m = checkSquare(H);
  const S: SquareMatrix = [];
  for (let i = 0; i < m; i++) {
    S.push([]);
    for (let j = 0; j < m; j++) S[i].push(i === j ? H[i][i] : 0.5 * (H[i][j] + H[j][i]));
  }
  const evd = new EigenvalueDecomposition(new Matrix(S), { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const order = values.map((_, k) => k).sort((p, q) => values[p] - values[q]);
  const eigenvalues = order.map((k) => values[k]);
  const eigenvectors = order.map((k) => {
    const v = V.getColumn(k);
    let norm = 0;
    let big = 0;
    for (let i = 0; i < m; i++) {
      norm = Math.hypot(norm, v[i]);
      if (Math.abs(v[i]) > Math.abs(v[big])) big = i;
    }
    const sign = v[big] < 0 ? -1 : 1;
    return v.map((x) => (sign * x) / norm);
  });
  const lmin = eigenvalues[0];
  const lmax = eigenvalues[m - 1];
  const positiveDefinite = lmin > 0;
  return { eigenvalues, eigenvectors, conditionNumber: positiveDefinite ? lmax / lmin : Infinity, positiveDefinite };
}
