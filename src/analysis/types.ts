/**
 * Shared types of the conditioning analysis (specs/experiments.md §C.8).
 */

/** A dense square matrix as rows; Hessians here are symmetric. */
export type SquareMatrix = number[][];

/** Parameter order of every 5-D vector and Hessian: the kernels' order. */
export const PARAMETER_NAMES_5 = ['E', 'A', 'B', 'alpha', 'beta'] as const;

/** Parameter order of the 2-D VPNLS objective RSS(α, β). */
export const PARAMETER_NAMES_2 = ['alpha', 'beta'] as const;

/** Eigen-decomposition of a symmetric matrix. */
export interface Spectrum {
  /** Eigenvalues in ascending order. */
  readonly eigenvalues: readonly number[];
  /**
   * Unit eigenvectors: `eigenvectors[k]` belongs to `eigenvalues[k]`. Sign
   * fixed so that the component of largest magnitude is positive.
   */
  readonly eigenvectors: readonly (readonly number[])[];
  /**
   * κ = λmax/λmin when λmin > 0; Infinity when λmin ≤ 0 (the matrix is not
   * positive definite, so the quadratic model has a flat or downhill direction).
   */
  readonly conditionNumber: number;
  /** True when λmin > 0. */
  readonly positiveDefinite: boolean;
}
