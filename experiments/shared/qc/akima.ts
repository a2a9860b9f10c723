/**
 * Akima interpolation (Akima 1970, J. ACM 17(4)) in the classic
 * formulation that scipy's `Akima1DInterpolator` uses (specs/experiments.md §B.7
 * stage 4): node slopes from weighted neighbouring segment slopes, cubic
 * Hermite pieces between nodes, and the first or last piece continued
 * outside the nodes.
 */

/**
 * Relative threshold below which both Akima weights count as zero and the
 * node slope falls back to the mean of the outer segment slopes.
 */
export const AKIMA_FLAT_TOLERANCE = 1e-9;

function checkNodes(x: ArrayLike<number>, y: ArrayLike<number>, min: number): void {
  if (x.length !== y.length) throw new RangeError(`akima: x has ${x.length} values but y has ${y.length}`);
  if (x.length < min) throw new RangeError(`akima: need at least ${min} nodes, got ${x.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`akima: node ${i} is not finite (x = ${x[i]}, y = ${y[i]})`);
    if (i > 0 && !(x[i] > x[i - 1])) throw new RangeError(`akima: x must be strictly increasing, but x[${i}] = ${x[i]} ≤ x[${i - 1}] = ${x[i - 1]}`);
  }
}

/**
 * Node slopes t_i of the Akima interpolant through n ≥ 3 nodes.
 *
 * With segment slopes m_j = (y_{j+1} − y_j)/(x_{j+1} − x_j), j = 0…n−2,
 * extended by m_{−1} = 2m_0 − m_1, m_{−2} = 2m_{−1} − m_0 and symmetrically
 * on the right, t_i = (w1·m_{i−1} + w2·m_i)/(w1 + w2) with
 * w1 = |m_{i+1} − m_i|, w2 = |m_{i−1} − m_{i−2}|; where w1 + w2 ≤
 * {@link AKIMA_FLAT_TOLERANCE}·max(w1 + w2), t_i = (m_{i−2} + m_{i+1})/2.
 *
 * @example akimaSlopes([0, 1, 2, 3], [0, 1, 4, 9]) // Float64Array [0, 2, 4, 6] (x² exactly)
 */
export function akimaSlopes(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  checkNodes(x, y, 3);
  const n = x.length;
  // m[k] holds m_{k−2}: k = 0…n+2.
  const m = new Float64Array(n + 3);
  for (let j = 0; j < n - 1; j++) m[j + 2] = (y[j + 1] - y[j]) / (x[j + 1] - x[j]);
  m[1] = 2 * m[2] - m[3];
  m[0] = 2 * m[1] - m[2];
  m[n + 1] = 2 * m[n] - m[n - 1];
  m[n + 2] = 2 * m[n + 1] - m[n];
  const w1 = new Float64Array(n);
  const w2 = new Float64Array(n);
  let largest = -Infinity;
  for (let i = 0; i < n; i++) {
    w1[i] = Math.abs(m[i + 3] - m[i + 2]);
    w2[i] = Math.abs(m[i + 1] - m[i]);
    largest = Math.max(largest, w1[i] + w2[i]);
  }
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = w1[i] + w2[i];
    t[i] = w > AKIMA_FLAT_TOLERANCE * largest ? (w1[i] * m[i + 1] + w2[i] * m[i + 2]) / w : 0.5 * (m[i] + m[i + 3]);
  }
  return t;
}

/**
 * The Akima interpolant through the nodes (x strictly increasing, n ≥ 2) as
 * a function; two nodes give the straight line through them. Outside the
 * nodes the first or last cubic piece is continued.
 *
 * @example akimaInterpolant([0, 1, 2, 3], [0, 1, 4, 9])(1.5) // 2.25
 */
export function akimaInterpolant(x: ArrayLike<number>, y: ArrayLike<number>): (xq: number) => number {
  checkNodes(x, y, 2);
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  const n = xs.length;
  if (n === 2) {
    const slope = (ys[1] - ys[0]) / (xs[1] - xs[0]);
    return (xq) => ys[0] + slope * (xq - xs[0]);
  }
  const t = akimaSlopes(xs, ys);
  return (xq) => {
    // Piece j covers [x_j, x_{j+1}); the end pieces continue outward.
    let lo = 0;
    let hi = n - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (xs[mid] <= xq) lo = mid;
      else hi = mid - 1;
    }
    const j = lo;
    const h = xs[j + 1] - xs[j];
    const dx = xq - xs[j];
    // Power form c0 + c1·dx + c2·dx² + c3·dx³ of the Hermite piece.
    const slope = (ys[j + 1] - ys[j]) / h;
    const c2 = (3 * slope - 2 * t[j] - t[j + 1]) / h;
    const c3 = (t[j] + t[j + 1] - 2 * slope) / (h * h);
    return ys[j] + dx * (t[j] + dx * (c2 + dx * c3));
  };
}
