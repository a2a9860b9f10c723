/**
 * TS twin of assembly/nnls3.ts: closed-form 3-variable NNLS from
 * sufficient statistics, same operations in the same order.
 */
export const SINGULAR_TOL = 1e-14;

export interface Nnls3Out {
  E: number;
  A: number;
  B: number;
}

/** Column statistics: [mean, centred Σc², centred ΣcL, raw Σc², raw ΣcL]. */
export const STATS = 5;

export function nnls3(
  n: number, xs: Float64Array, xo: number, ys: Float64Array, yo: number,
  Lm: number, SLL: number, SL2: number, Sxy: number, out: Nnls3Out,
): number {
  const xm = xs[xo], Sxx = xs[xo + 1], SxL = xs[xo + 2], Sx2 = xs[xo + 3], SxLr = xs[xo + 4];
  const ym = ys[yo], Syy = ys[yo + 1], SyL = ys[yo + 2], Sy2 = ys[yo + 3], SyLr = ys[yo + 4];
  const det = Sxx * Syy - Sxy * Sxy;
  if (det > SINGULAR_TOL * Sxx * Syy) {
    const A = (Syy * SxL - Sxy * SyL) / det;
    const B = (Sxx * SyL - Sxy * SxL) / det;
    const E = Lm - A * xm - B * ym;
    if (A >= 0 && B >= 0 && E >= 0) {
      out.E = E; out.A = A; out.B = B;
      return SLL - A * SxL - B * SyL;
    }
  }
  let best = Infinity;
  let bE = 0, bA = 0, bB = 0;
  if (Sxx > 0) {
    const A = SxL / Sxx;
    const E = Lm - A * xm;
    if (A >= 0 && E >= 0) {
      const r = SLL - A * SxL;
      if (r < best) { best = r; bE = E; bA = A; bB = 0; }
    }
  }
  if (Syy > 0) {
    const B = SyL / Syy;
    const E = Lm - B * ym;
    if (B >= 0 && E >= 0) {
      const r = SLL - B * SyL;
      if (r < best) { best = r; bE = E; bA = 0; bB = B; }
    }
  }
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
  if (Lm >= 0 && SLL < best) { best = SLL; bE = Lm; bA = 0; bB = 0; }
  if (Sx2 > 0) {
    const A = SxLr / Sx2;
    if (A >= 0) {
      const r = SL2 - A * SxLr;
      if (r < best) { best = r; bE = 0; bA = A; bB = 0; }
    }
  }
  if (Sy2 > 0) {
    const B = SyLr / Sy2;
    if (B >= 0) {
      const r = SL2 - B * SyLr;
      if (r < best) { best = r; bE = 0; bA = 0; bB = B; }
    }
  }
  if (SL2 < best) { best = SL2; bE = 0; bA = 0; bB = 0; }
  out.E = bE; out.A = bA; out.B = bB;
  return best;
}
