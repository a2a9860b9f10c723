/**
 * Small dense least squares by Householder QR: min ‖X·c − y‖₂ for an m×k
 * design X given column-major as k columns of length m (k ≪ m). Orthogonal
 * factorisation keeps the accuracy that normal equations lose on
 * ill-conditioned Vandermonde columns (Golub & Van Loan, §5.3).
 * Returns null when X is rank-deficient to working precision.
 */
export function lstsq(columns: readonly Float64Array[], y: ArrayLike<number>): Float64Array | null {
  const k = columns.length;
  const m = y.length;
  if (m < k) return null;
  const R = columns.map((c) => Float64Array.from(c));
  const b = Float64Array.from(y);
  const scale = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s = Math.max(s, Math.abs(R[j][i]));
    scale[j] = s;
    if (s === 0) return null;
  }
  for (let j = 0; j < k; j++) {
    const col = R[j];
    let norm = 0;
    for (let i = j; i < m; i++) norm = Math.hypot(norm, col[i]);
    if (norm <= 1e-14 * scale[j] * Math.sqrt(m)) return null;
    const alpha = col[j] > 0 ? -norm : norm;
    // Householder vector v = col[j:] − alpha·e1, stored in place.
    col[j] -= alpha;
    let vv = 0;
    for (let i = j; i < m; i++) vv += col[i] * col[i];
    const apply = (target: Float64Array): void => {
      let dot = 0;
      for (let i = j; i < m; i++) dot += col[i] * target[i];
      const f = (2 * dot) / vv;
      for (let i = j; i < m; i++) target[i] -= f * col[i];
    };
    for (let jj = j + 1; jj < k; jj++) apply(R[jj]);
    apply(b);
    col[j] = alpha; // diagonal of R; the rest of col is no longer needed
  }
  const c = new Float64Array(k);
  for (let j = k - 1; j >= 0; j--) {
    let s = b[j];
    for (let jj = j + 1; jj < k; jj++) s -= R[jj][j] * c[jj];
    c[j] = s / R[j][j];
  }
  return c;
}
