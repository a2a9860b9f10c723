/**
 * The few dense kernels L-BFGS-B needs on its small (at most 2m × 2m)
 * matrices: LINPACK's `dpofa` (Cholesky) and `dtrsl` (triangular solve), as
 * used by the Fortran L-BFGS-B code. A matrix is a row-major Float64Array
 * with leading dimension `ld`; (i, j) lives at `a[(off + i)·ld + off + j]`, so
 * a diagonal block starting at row and column `off` can be used in place.
 */

/** Dot product of the first `len` entries of a and b. */
export function dot(a: Float64Array, b: Float64Array, len: number = a.length): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Cholesky factorisation A = RᵀR of the symmetric n × n block at `off`,
 * reading the upper triangle and overwriting it with R (LINPACK `dpofa`).
 * @returns 0 on success, else k ≥ 1 when the leading k × k minor is not
 *   positive definite (or not finite).
 */
// Element (i, j) of the block at `off` is a[(off + i)·ld + off + j]; indexed inline
// rather than through a helper closure, which costs a call per element here.
export function cholesky(a: Float64Array, ld: number, off: number, n: number): number {
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < j; k++) {
      let t = a[(off + k) * ld + off + j]!;
      for (let i = 0; i < k; i++) t -= a[(off + i) * ld + off + k]! * a[(off + i) * ld + off + j]!;
      t /= a[(off + k) * ld + off + k]!;
      a[(off + k) * ld + off + j] = t;
      s += t * t;
    }
    s = a[(off + j) * ld + off + j]! - s;
    if (!(s > 0) || !Number.isFinite(s)) return j + 1;
    a[(off + j) * ld + off + j] = Math.sqrt(s);
  }
  return 0;
}

/**
 * Solve R·x = b (`transpose` false, LINPACK `dtrsl` job 01) or Rᵀ·x = b
 * (`transpose` true, job 11) for the upper-triangular n × n block R at `off`;
 * b (entries bOff … bOff+n−1) is overwritten by x.
 * @returns 0 on success, else k ≥ 1 when R(k−1, k−1) = 0 (singular).
 */
export function solveUpper(a: Float64Array, ld: number, off: number, n: number, b: Float64Array, bOff: number, transpose: boolean): number {
  for (let j = 0; j < n; j++) if (a[(off + j) * ld + off + j] === 0) return j + 1;
  if (transpose) {
    for (let j = 0; j < n; j++) {
      let s = b[bOff + j]!;
      for (let k = 0; k < j; k++) s -= a[(off + k) * ld + off + j]! * b[bOff + k]!;
      b[bOff + j] = s / a[(off + j) * ld + off + j]!;
    }
  } else {
    for (let j = n - 1; j >= 0; j--) {
      let s = b[bOff + j]!;
      for (let k = j + 1; k < n; k++) s -= a[(off + j) * ld + off + k]! * b[bOff + k]!;
      b[bOff + j] = s / a[(off + j) * ld + off + j]!;
    }
  }
  return 0;
}
