// Closed-form non-negative least squares for L ≈ E + A·x + B·y with
// E, A, B ≥ 0, from sufficient statistics. Enumerates the active sets and
// keeps the feasible candidate of least RSS; when the unconstrained solution
// is feasible it is the global minimum and returned at once.
// Centred sums (x, y, L minus their means) serve every candidate with E
// free; raw sums serve those with E = 0. The RSS is a difference of sums,
// accurate to about eps·ΣL² absolute: enough to rank grid cells, not to
// resolve an optimum (the point kernels recompute residuals explicitly).

// Relative determinant below which a 2×2 system counts as singular.
export const SINGULAR_TOL: f64 = 1e-14;

export let outE: f64 = 0;
export let outA: f64 = 0;
export let outB: f64 = 0;

// Stats layout per column (α or β): [mean, Scc, ScL, raw Σc², raw ΣcL].
export const STATS: i32 = 5;

// n: count; x*: stats of the x column; y*: stats of the y column;
// Lm, SLL, SL2: mean of L, centred and raw sums of squares; Sxy: centred cross sum.
export function nnls3(
  n: f64,
  xm: f64, Sxx: f64, SxL: f64, Sx2: f64, SxLr: f64,
  ym: f64, Syy: f64, SyL: f64, Sy2: f64, SyLr: f64,
  Lm: f64, SLL: f64, SL2: f64, Sxy: f64,
): f64 {
  // All three free.
  const det = Sxx * Syy - Sxy * Sxy;
  if (det > SINGULAR_TOL * Sxx * Syy) {
    const A = (Syy * SxL - Sxy * SyL) / det;
    const B = (Sxx * SyL - Sxy * SxL) / det;
    const E = Lm - A * xm - B * ym;
    if (A >= 0 && B >= 0 && E >= 0) {
      outE = E; outA = A; outB = B;
      return SLL - A * SxL - B * SyL;
    }
  }
  let best: f64 = Infinity;
  let bE: f64 = 0, bA: f64 = 0, bB: f64 = 0;
  // {E, A}
  if (Sxx > 0) {
    const A = SxL / Sxx;
    const E = Lm - A * xm;
    if (A >= 0 && E >= 0) {
      const r = SLL - A * SxL;
      if (r < best) { best = r; bE = E; bA = A; bB = 0; }
    }
  }
  // {E, B}
  if (Syy > 0) {
    const B = SyL / Syy;
    const E = Lm - B * ym;
    if (B >= 0 && E >= 0) {
      const r = SLL - B * SyL;
      if (r < best) { best = r; bE = E; bA = 0; bB = B; }
    }
  }
  // {A, B}, no intercept: raw sums.
  const Sxyr = Sxy + n * xm * ym;
  const det2 = Sx2 * Sy2 - Sxyr * Sxyr;
  if (det2 > SINGULAR_TOL * Sx2 * Sy2) {
    const A = (Sy2 * SxLr - Sxyr * SyLr) / det2;
    const B = (Sx2 * SyLr - Sxyr * SxLr) / det2;
    if (A >= 0 && B >= 0) {
      const r = SL2 - A * SxLr - B * SyLr;
      if (r < best) { best = r; bE = 0; bA = A; bB = B; }
    }
  }
  // {E}
  if (Lm >= 0 && SLL < best) { best = SLL; bE = Lm; bA = 0; bB = 0; }
  // {A}
  if (Sx2 > 0) {
    const A = SxLr / Sx2;
    if (A >= 0) {
      const r = SL2 - A * SxLr;
      if (r < best) { best = r; bE = 0; bA = A; bB = 0; }
    }
  }
  // {B}
  if (Sy2 > 0) {
    const B = SyLr / Sy2;
    if (B >= 0) {
      const r = SL2 - B * SyLr;
      if (r < best) { best = r; bE = 0; bA = 0; bB = B; }
    }
  }
  // {} (all zero)
  if (SL2 < best) { best = SL2; bE = 0; bA = 0; bB = 0; }
  outE = bE; outA = bA; outB = bB;
  return best;
}
