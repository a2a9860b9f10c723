import type { GridResult, PreparedData } from '../types.ts';
import { checkKernelMemory } from '../checks.ts';
import { gridResult } from '../grid-result.ts';
import { nnls3, constRss, type Nnls3Out } from './nnls3.ts';
import { padded, centredColumn, lossStats, F_MEAN, F_SCC, F_SCL, F_S2, F_SL, F_TOL, F_TOL2, F_NM, F_SINGLE, FIELDS } from './columns.ts';

/**
 * RSS of cell (a, b) from its centred cross sum s: the pair candidates of
 * nnls3 (all three free; else {A, B} on raw sums against the precomputed
 * one-column and constant candidates). The kernel evaluates the same
 * operations on two cells at once (assembly/vpnls-grid.ts cellPair).
 */
function cellRss(
  s: number,
  xs: Float64Array,
  sa: number,
  a: number,
  ys: Float64Array,
  sb: number,
  b: number,
  singleX: number,
  Lm: number,
  SLL: number,
  SL2: number,
): number {
  const Sxx = xs[F_SCC * sa + a],
    SxL = xs[F_SCL * sa + a],
    xm = xs[F_MEAN * sa + a];
  const Syy = ys[F_SCC * sb + b],
    SyL = ys[F_SCL * sb + b],
    ym = ys[F_MEAN * sb + b];
  const det = Sxx * Syy - s * s;
  const nA = Syy * SxL - s * SyL;
  const nB = Sxx * SyL - s * SxL;
  const nE = Lm * det - nA * xm - nB * ym;
  if (det > xs[F_TOL * sa + a] * Syy && nA >= 0 && nB >= 0 && nE >= 0) return SLL - (nA * SxL + nB * SyL) / det;
  const Sx2 = xs[F_S2 * sa + a],
    SxLr = xs[F_SL * sa + a];
  const Sy2 = ys[F_S2 * sb + b],
    SyLr = ys[F_SL * sb + b];
  const Sxyr = s + xs[F_NM * sa + a] * ym;
  const det2 = Sx2 * Sy2 - Sxyr * Sxyr;
  const nA2 = Sy2 * SxLr - Sxyr * SyLr;
  const nB2 = Sx2 * SyLr - Sxyr * SxLr;
  const rAB = SL2 - (nA2 * SxLr + nB2 * SyLr) / det2;
  const singleY = ys[F_SINGLE * sb + b];
  let best = singleY < singleX ? singleY : singleX;
  if (det2 > xs[F_TOL2 * sa + a] * Sy2 && nA2 >= 0 && nB2 >= 0 && rAB < best) best = rAB;
  return best;
}

/**
 * TS twin of assembly/vpnls-grid.ts: the same separable algorithm (columns
 * once per α and per β, one cross sum and the pair candidates per cell)
 * without SIMD, blocked over four β so that each x column is loaded once
 * per four cells. Each cross sum adds even and odd points separately and
 * then the two, as the f64x2 lanes do, so the twin reproduces the kernel's
 * rounding.
 */
export function vpnlsGridTs(data: PreparedData, alphas: Float64Array, betas: Float64Array, withSurface: boolean): GridResult {
  const { n, lnN, lnD, L } = data;
  const na = alphas.length;
  const nb = betas.length;
  const nPad = padded(n);
  const sa = padded(na);
  const sb = padded(nb);
  // The same limit as the WebAssembly backend, checked before allocating.
  checkKernelMemory(8 * ((na + nb) * nPad + FIELDS * (sa + sb) + nb + (withSurface ? na * nb : 0)), 'vpnls grid');
  const xcols = new Float64Array(na * nPad);
  const ycols = new Float64Array(nb * nPad);
  const xstats = new Float64Array(FIELDS * sa);
  const ystats = new Float64Array(FIELDS * sb);
  const Ls = lossStats(L, n);
  const [Lm, SLL, SL2] = Ls;
  for (let a = 0; a < na; a++) centredColumn(lnN, L, Ls, n, alphas[a], xcols, a * nPad, xstats, sa, a);
  for (let b = 0; b < nb; b++) centredColumn(lnD, L, Ls, n, betas[b], ycols, b * nPad, ystats, sb, b);
  const rConst = constRss(Lm, SLL, SL2);
  const surface = withSurface ? new Float64Array(na * nb) : null;
  const sums = new Float64Array(nb);
  let bestRss = Infinity;
  let bestIdx = -1;
  let bestSxy = 0;
  for (let a = 0; a < na; a++) {
    const xo = a * nPad;
    let b = 0;
    for (; b + 3 < nb; b += 4) {
      const y0 = b * nPad,
        y1 = y0 + nPad,
        y2 = y1 + nPad,
        y3 = y2 + nPad;
      let e0 = 0,
        e1 = 0,
        e2 = 0,
        e3 = 0,
        o0 = 0,
        o1 = 0,
        o2 = 0,
        o3 = 0;
      for (let i = 0; i < nPad; i += 2) {
        const xe = xcols[xo + i],
          xd = xcols[xo + i + 1];
        e0 += xe * ycols[y0 + i];
        o0 += xd * ycols[y0 + i + 1];
        e1 += xe * ycols[y1 + i];
        o1 += xd * ycols[y1 + i + 1];
        e2 += xe * ycols[y2 + i];
        o2 += xd * ycols[y2 + i + 1];
        e3 += xe * ycols[y3 + i];
        o3 += xd * ycols[y3 + i + 1];
      }
      sums[b] = e0 + o0;
      sums[b + 1] = e1 + o1;
      sums[b + 2] = e2 + o2;
      sums[b + 3] = e3 + o3;
    }
    for (; b < nb; b++) {
      const yo = b * nPad;
      let e = 0,
        o = 0;
      for (let i = 0; i < nPad; i += 2) {
        e += xcols[xo + i] * ycols[yo + i];
        o += xcols[xo + i + 1] * ycols[yo + i + 1];
      }
      sums[b] = e + o;
    }
    let singleX = xstats[F_SINGLE * sa + a];
    if (rConst < singleX) singleX = rConst;
    for (let b = 0; b < nb; b++) {
      const rss = cellRss(sums[b], xstats, sa, a, ystats, sb, b, singleX, Lm, SLL, SL2);
      const idx = a * nb + b;
      if (surface) surface[idx] = rss;
      if (rss < bestRss) {
        bestRss = rss;
        bestIdx = idx;
        bestSxy = sums[b];
      }
    }
  }
  const coef: Nnls3Out = { E: 0, A: 0, B: 0 };
  if (bestIdx >= 0) {
    const a = Math.floor(bestIdx / nb),
      b = bestIdx % nb;
    const col = (s: Float64Array, stride: number, j: number): Float64Array =>
      Float64Array.of(s[F_MEAN * stride + j], s[F_SCC * stride + j], s[F_SCL * stride + j], s[F_S2 * stride + j], s[F_SL * stride + j]);
    nnls3(n, col(xstats, sa, a), 0, col(ystats, sb, b), 0, Lm, SLL, SL2, bestSxy, coef);
  }
  return gridResult(bestIdx, bestRss, coef.E, coef.A, coef.B, alphas, betas, surface);
}
