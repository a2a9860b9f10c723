// Closed-form non-negative least squares for L ≈ E + A·x + B·y with
// E, A, B ≥ 0, from sufficient statistics. Enumerates the active sets and
// keeps the feasible candidate of least RSS; when the unconstrained solution
// is feasible it is the global minimum and returned at once.
// Centred sums (x, y, L minus their means) serve every candidate with E
// free; raw sums serve those with E = 0. The RSS is a difference of sums,
// accurate to about eps·ΣL² absolute: enough to rank grid cells, not to
// resolve an optimum (the point kernels recompute residuals explicitly).
//
// The two-variable candidates test feasibility on the numerators of
// Cramer's rule (det > 0, so sign(A) = sign(nA)): no division decides
// feasibility, the RSS costs one division, and the coefficients are
// computed only for the answer. The one-variable candidates depend on a
// single column, so the grid kernel evaluates them once per α and per β
// (singleRss) and only the pair candidates per cell; both paths use the
// same operations, so a grid cell equals nnls3 on that cell's statistics
// bit for bit.

// Relative determinant below which a 2×2 system counts as singular.
export const SINGULAR_TOL: f64 = 1e-14;

export let outE: f64 = 0;
export let outA: f64 = 0;
export let outB: f64 = 0;

// Stats layout per column (α or β): [mean, Scc, ScL, raw Σc², raw ΣcL].
export const STATS: i32 = 5;

// Least RSS over the candidates that use one column c and not the other:
// {E, c} (centred sums) and {c} (raw sums). Infinity when neither is feasible.
export function singleRss(Lm: f64, SLL: f64, SL2: f64, m: f64, Scc: f64, ScL: f64, S2: f64, SL: f64): f64 {
  let best: f64 = Infinity;
  if (Scc > 0) {
    const A = ScL / Scc;
    const E = Lm - A * m;
    if (A >= 0 && E >= 0) {
      const r = SLL - A * ScL;
      if (r < best) best = r;
    }
  }
  if (S2 > 0) {
    const A = SL / S2;
    if (A >= 0) {
      const r = SL2 - A * SL;
      if (r < best) best = r;
    }
  }
  return best;
}

// Least RSS of the candidates that use neither column: {E} and {}.
export function constRss(Lm: f64, SLL: f64, SL2: f64): f64 {
  let best: f64 = Infinity;
  if (Lm >= 0 && SLL < best) best = SLL;
  if (SL2 < best) best = SL2;
  return best;
}

// n: count; x*: stats of the x column; y*: stats of the y column;
// Lm, SLL, SL2: mean of L, centred and raw sums of squares; Sxy: centred cross sum.
export function nnls3(
  n: f64,
  xm: f64, Sxx: f64, SxL: f64, Sx2: f64, SxLr: f64,
  ym: f64, Syy: f64, SyL: f64, Sy2: f64, SyLr: f64,
  Lm: f64, SLL: f64, SL2: f64, Sxy: f64,
): f64 {
  // All three free: A = nA/det, B = nB/det, E = nE/det.
  const det = Sxx * Syy - Sxy * Sxy;
  if (det > SINGULAR_TOL * Sxx * Syy) {
    const nA = Syy * SxL - Sxy * SyL;
    const nB = Sxx * SyL - Sxy * SxL;
    const nE = Lm * det - nA * xm - nB * ym;
    if (nA >= 0 && nB >= 0 && nE >= 0) {
      outE = nE / det; outA = nA / det; outB = nB / det;
      return SLL - (nA * SxL + nB * SyL) / det;
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
    const nA = Sy2 * SxLr - Sxyr * SyLr;
    const nB = Sx2 * SyLr - Sxyr * SxLr;
    if (nA >= 0 && nB >= 0) {
      const r = SL2 - (nA * SxLr + nB * SyLr) / det2;
      if (r < best) { best = r; bE = 0; bA = nA / det2; bB = nB / det2; }
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
