/**
 * TS twin of assembly/columns.ts. The kernel evaluates fdlibm's exp on two
 * lanes; V8's Math.exp is the same fdlibm routine, so the columns agree bit
 * for bit.
 */
import { SINGULAR_TOL, singleRss } from './nnls3.ts';

/** Even length so two-lane sums need no tail. */
export function padded(n: number): number {
  return (n + 1) & ~1;
}

/**
 * Column statistics as a structure of arrays: field f of column j at
 * stats[f·stride + j], stride = padded(columns) (the kernel loads two
 * neighbouring columns of one field at once).
 */
export const F_MEAN = 0; // mean m of the raw column
export const F_SCC = 1; // centred Σ(c−m)²
export const F_SCL = 2; // centred Σ(c−m)(L−Lm)
export const F_S2 = 3; // raw Σc²
export const F_SL = 4; // raw Σc·L
export const F_TOL = 5; // SINGULAR_TOL·Scc
export const F_TOL2 = 6; // SINGULAR_TOL·S2
export const F_NM = 7; // n·m
export const F_SINGLE = 8; // least RSS of the one-column candidates (singleRss)
export const FIELDS = 9;

/**
 * Centred column exp(−p·lnV) − mean into out[o..o+nPad) and its statistics
 * into field j of stats. Every sum runs as two lanes (even and odd points)
 * added at the end, the odd last point joining the even lane, as the
 * kernel's f64x2 accumulators do.
 */
export function centredColumn(
  lnV: Float64Array,
  L: Float64Array,
  Ls: readonly [number, number, number],
  n: number,
  p: number,
  out: Float64Array,
  o: number,
  stats: Float64Array,
  stride: number,
  j: number,
): void {
  const Lm = Ls[0];
  const m2 = n & ~1;
  let s0 = 0,
    s1 = 0;
  for (let i = 0; i < m2; i += 2) {
    const c0 = Math.exp(-p * lnV[i]);
    const c1 = Math.exp(-p * lnV[i + 1]);
    out[o + i] = c0;
    out[o + i + 1] = c1;
    s0 += c0;
    s1 += c1;
  }
  if (m2 !== n) {
    const c = Math.exp(-p * lnV[m2]);
    out[o + m2] = c;
    s0 += c;
  }
  const m = (s0 + s1) / n;
  let S2e = 0,
    SLe = 0,
    Scce = 0,
    ScLe = 0,
    S2o = 0,
    SLo = 0,
    Scco = 0,
    ScLo = 0;
  for (let i = 0; i < m2; i += 2) {
    const c0 = out[o + i],
      c1 = out[o + i + 1];
    const l0 = L[i],
      l1 = L[i + 1];
    S2e += c0 * c0;
    S2o += c1 * c1;
    SLe += c0 * l0;
    SLo += c1 * l1;
    const d0 = c0 - m,
      d1 = c1 - m;
    Scce += d0 * d0;
    Scco += d1 * d1;
    ScLe += d0 * (l0 - Lm);
    ScLo += d1 * (l1 - Lm);
    out[o + i] = d0;
    out[o + i + 1] = d1;
  }
  if (m2 !== n) {
    const c = out[o + m2],
      l = L[m2];
    S2e += c * c;
    SLe += c * l;
    const d = c - m;
    Scce += d * d;
    ScLe += d * (l - Lm);
    out[o + m2] = d;
    out[o + m2 + 1] = 0;
  }
  const S2 = S2e + S2o,
    SL = SLe + SLo,
    Scc = Scce + Scco,
    ScL = ScLe + ScLo;
  stats[F_MEAN * stride + j] = m;
  stats[F_SCC * stride + j] = Scc;
  stats[F_SCL * stride + j] = ScL;
  stats[F_S2 * stride + j] = S2;
  stats[F_SL * stride + j] = SL;
  stats[F_TOL * stride + j] = SINGULAR_TOL * Scc;
  stats[F_TOL2 * stride + j] = SINGULAR_TOL * S2;
  stats[F_NM * stride + j] = n * m;
  stats[F_SINGLE * stride + j] = singleRss(Lm, Ls[1], Ls[2], m, Scc, ScL, S2, SL);
}

/** [mean, centred Σ(L−m)², raw ΣL²]. */
export function lossStats(L: Float64Array, n: number): [number, number, number] {
  let s = 0;
  for (let i = 0; i < n; i++) s += L[i];
  const m = s / n;
  let Sc = 0,
    S2 = 0;
  for (let i = 0; i < n; i++) {
    const d = L[i] - m;
    Sc += d * d;
    S2 += L[i] * L[i];
  }
  return [m, Sc, S2];
}
