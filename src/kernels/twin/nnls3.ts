/**
 * TS twin of assembly/nnls3.ts: closed-form 3-variable NNLS from
 * sufficient statistics, same operations in the same order.
 *
 * The two-variable candidates decide feasibility on the numerators of
 * Cramer's rule (det > 0, so sign(A) = sign(nA)) and divide only for the
 * RSS and for the coefficients of the answer. The one-variable candidates
 * depend on one column each ({@link singleRss}), so the grid evaluates them
 * once per α and per β; a grid cell equals nnls3 on its statistics bit for bit.
 */
export const SINGULAR_TOL = 1e-14;

export interface Nnls3Out {
  E: number;
  A: number;
  B: number;
}

/** Column statistics: [mean, centred Σc², centred ΣcL, raw Σc², raw ΣcL]. */
export const STATS = 5;

/** Least RSS of the candidates using column c alone: {E, c} (centred sums) and {c} (raw sums); Infinity if neither is feasible. */
export function singleRss(Lm: number, SLL: number, SL2: number, m: number, Scc: number, ScL: number, S2: number, SL: number): number {
  let best = Infinity;
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

/** Least RSS of the candidates using neither column: {E} and {}. */
export function constRss(Lm: number, SLL: number, SL2: number): number {
  let best = Infinity;
  if (Lm >= 0 && SLL < best) best = SLL;
  if (SL2 < best) best = SL2;
  return best;
}

export function nnls3(
  n: number,
  xs: Float64Array,
  xo: number,
  ys: Float64Array,
  yo: number,
  Lm: number,
  SLL: number,
  SL2: number,
  Sxy: number,
  out: Nnls3Out,
): number {
  const xm = xs[xo],
    Sxx = xs[xo + 1],
    SxL = xs[xo + 2],
    Sx2 = xs[xo + 3],
    SxLr = xs[xo + 4];
  const ym = ys[yo],
    Syy = ys[yo + 1],
    SyL = ys[yo + 2],
    Sy2 = ys[yo + 3],
    SyLr = ys[yo + 4];
  const det = Sxx * Syy - Sxy * Sxy;
  if (det > SINGULAR_TOL * Sxx * Syy) {
    const nA = Syy * SxL - Sxy * SyL;
    const nB = Sxx * SyL - Sxy * SxL;
    const nE = Lm * det - nA * xm - nB * ym;
    if (nA >= 0 && nB >= 0 && nE >= 0) {
      out.E = nE / det;
      out.A = nA / det;
      out.B = nB / det;
      return SLL - (nA * SxL + nB * SyL) / det;
    }
  }
  let best = Infinity;
  let bE = 0,
    bA = 0,
    bB = 0;
  if (Sxx > 0) {
    const A = SxL / Sxx;
    const E = Lm - A * xm;
    if (A >= 0 && E >= 0) {
      const r = SLL - A * SxL;
      if (r < best) {
        best = r;
        bE = E;
        bA = A;
        bB = 0;
      }
    }
  }
  if (Syy > 0) {
    const B = SyL / Syy;
    const E = Lm - B * ym;
    if (B >= 0 && E >= 0) {
      const r = SLL - B * SyL;
      if (r < best) {
        best = r;
        bE = E;
        bA = 0;
        bB = B;
      }
    }
  }
  const Sxyr = Sxy + n * xm * ym;
  const det2 = Sx2 * Sy2 - Sxyr * Sxyr;
  if (det2 > SINGULAR_TOL * Sx2 * Sy2) {
    const nA = Sy2 * SxLr - Sxyr * SyLr;
    const nB = Sx2 * SyLr - Sxyr * SxLr;
    if (nA >= 0 && nB >= 0) {
      const r = SL2 - (nA * SxLr + nB * SyLr) / det2;
      if (r < best) {
        best = r;
        bE = 0;
        bA = nA / det2;
        bB = nB / det2;
      }
    }
  }
  if (Lm >= 0 && SLL < best) {
    best = SLL;
    bE = Lm;
    bA = 0;
    bB = 0;
  }
  if (Sx2 > 0) {
    const A = SxLr / Sx2;
    if (A >= 0) {
      const r = SL2 - A * SxLr;
      if (r < best) {
        best = r;
        bE = 0;
        bA = A;
        bB = 0;
      }
    }
  }
  if (Sy2 > 0) {
    const B = SyLr / Sy2;
    if (B >= 0) {
      const r = SL2 - B * SyLr;
      if (r < best) {
        best = r;
        bE = 0;
        bA = 0;
        bB = B;
      }
    }
  }
  if (SL2 < best) {
    best = SL2;
    bE = 0;
    bA = 0;
    bB = 0;
  }
  out.E = bE;
  out.A = bA;
  out.B = bB;
  return best;
}
