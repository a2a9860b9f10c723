/**
 * Least squares on a handful of columns (k ≤ 3), unconstrained or with
 * non-negative coefficients: the inner solve of the pinned VPNLS profile and
 * of the envelope fit. Each candidate is a Householder QR solve
 * ({@link lstsq}); NNLS enumerates the supports (2^k of them), which is exact
 * for so few columns: the NNLS optimum is the least-squares solution on its
 * own support, and every feasible candidate is a point of the constraint set.
 */
import { lstsq } from '../util/lstsq.ts';

/** Coefficients (0 for columns left out) and Σ r², or null when no candidate could be solved. */
export interface SmallLsqResult {
  readonly coef: Float64Array;
  readonly rss: number;
}

function residualSumOfSquares(columns: readonly Float64Array[], coef: ArrayLike<number>, y: ArrayLike<number>): number {
  let rss = 0;
  for (let i = 0; i < y.length; i++) {
    let r = y[i];
    for (let j = 0; j < columns.length; j++) r -= coef[j] * columns[j][i];
    rss += r * r;
  }
  return rss;
}

/**
 * min ‖Σ c_j·col_j − y‖² over c (`ols`) or over c ≥ 0 (`nnls`).
 * @returns null when the columns are rank-deficient (ols) or no support can be solved (nnls)
 */
export function smallLsq(columns: readonly Float64Array[], y: ArrayLike<number>, inner: 'nnls' | 'ols'): SmallLsqResult | null {
  const k = columns.length;
  if (k === 0) return { coef: new Float64Array(0), rss: residualSumOfSquares(columns, [], y) };
  const full = lstsq(columns, y);
  if (inner === 'ols') return full === null ? null : { coef: full, rss: residualSumOfSquares(columns, full, y) };
  if (full?.every((c) => c >= 0)) return { coef: full, rss: residualSumOfSquares(columns, full, y) };
  let best: SmallLsqResult | null = null;
  // Proper subsets, the empty one included (mask 0: every coefficient zero).
  for (let mask = 0; mask < (1 << k) - 1; mask++) {
    const idx: number[] = [];
    for (let j = 0; j < k; j++) if (mask & (1 << j)) idx.push(j);
    const sub =
      idx.length === 0
        ? new Float64Array(0)
        : lstsq(
            idx.map((j) => columns[j]!),
            y,
          );
    if (sub === null || !sub.every((c) => c >= 0)) continue;
    const coef = new Float64Array(k);
    idx.forEach((j, t) => (coef[j] = sub[t]!));
    const rss = residualSumOfSquares(columns, coef, y);
    if (best === null || rss < best.rss) best = { coef, rss };
  }
  return best;
}
