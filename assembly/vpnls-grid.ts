// VPNLS grid scan: for every (α, β) on a grid, the closed-form NNLS of L
// on [1, N^−α, D^−β]; reports the best cell and optionally every RSS.
// Separable: columns and their stats are computed once per α and once per
// β; a cell costs one centred cross sum Σ xc·yc (f64x2, 2α × 4β register
// blocking) and a 3-variable NNLS. Lane 0 sums even points, lane 1 odd
// points, and the cell adds lane 0 + lane 1: the TS twin sums in that order.
import { nnls3, outE, outA, outB, STATS } from './nnls3';
import { padded, centredColumn, lossStats, STATS_BYTES } from './columns';

let bestRss: f64 = Infinity;
let bestIdx: i32 = -1;
let bestE: f64 = 0, bestA: f64 = 0, bestB: f64 = 0;

// Bytes of scratch vpnlsGrid needs for n points and an na × nb grid.
export function gridScratchBytes(n: i32, na: i32, nb: i32): f64 {
  return <f64>(na + nb) * <f64>padded(n) * 8 + <f64>(na + nb) * <f64>STATS_BYTES + 32;
}

// @ts-ignore: decorator
@inline
function cell(
  ia: i32, ib: i32, nb: i32, n: f64, sa: usize, sb: usize, Ls: usize, Sxy: f64, surface: usize,
): void {
  const rss = nnls3(
    n,
    load<f64>(sa), load<f64>(sa + 8), load<f64>(sa + 16), load<f64>(sa + 24), load<f64>(sa + 32),
    load<f64>(sb), load<f64>(sb + 8), load<f64>(sb + 16), load<f64>(sb + 24), load<f64>(sb + 32),
    load<f64>(Ls), load<f64>(Ls + 8), load<f64>(Ls + 16), Sxy,
  );
  const idx = ia * nb + ib;
  if (surface != 0) store<f64>(surface + (<usize>idx << 3), rss);
  if (rss < bestRss || (rss == bestRss && idx < bestIdx)) {
    bestRss = rss; bestIdx = idx; bestE = outE; bestA = outA; bestB = outB;
  }
}

// @ts-ignore: decorator
@inline
function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

// lnN, lnD, L: n f64 each. alphas (na), betas (nb). scratch: gridScratchBytes.
// surface: na·nb f64 (row-major, α outer) or 0. out: [bestIndex, rss, E, A, B].
export function vpnlsGrid(
  lnN: usize, lnD: usize, L: usize, n: i32,
  alphas: usize, na: i32, betas: usize, nb: i32,
  scratch: usize, surface: usize, out: usize,
): void {
  const nPad = padded(n);
  const colBytes = <usize>nPad << 3;
  const xcols = scratch;
  const ycols = xcols + <usize>na * colBytes;
  const xstats = ycols + <usize>nb * colBytes;
  const ystats = xstats + <usize>na * <usize>STATS_BYTES;
  const Ls = ystats + <usize>nb * <usize>STATS_BYTES;
  lossStats(L, n, Ls);
  const Lm = load<f64>(Ls);
  for (let a = 0; a < na; a++) {
    centredColumn(lnN, L, Lm, n, load<f64>(alphas + (<usize>a << 3)), xcols + <usize>a * colBytes, xstats + <usize>a * <usize>STATS_BYTES);
  }
  for (let b = 0; b < nb; b++) {
    centredColumn(lnD, L, Lm, n, load<f64>(betas + (<usize>b << 3)), ycols + <usize>b * colBytes, ystats + <usize>b * <usize>STATS_BYTES);
  }
  bestRss = Infinity; bestIdx = -1; bestE = 0; bestA = 0; bestB = 0;
  const nf = <f64>n;
  const sb8 = <usize>STATS_BYTES;
  let a = 0;
  for (; a + 1 < na; a += 2) {
    const x0 = xcols + <usize>a * colBytes;
    const x1 = x0 + colBytes;
    const sa0 = xstats + <usize>a * sb8;
    const sa1 = sa0 + sb8;
    let b = 0;
    for (; b + 3 < nb; b += 4) {
      const y0 = ycols + <usize>b * colBytes;
      const y1 = y0 + colBytes;
      const y2 = y1 + colBytes;
      const y3 = y2 + colBytes;
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c02 = f64x2.splat(0), c03 = f64x2.splat(0);
      let c10 = f64x2.splat(0), c11 = f64x2.splat(0), c12 = f64x2.splat(0), c13 = f64x2.splat(0);
      for (let off: usize = 0; off < colBytes; off += 16) {
        const xa = v128.load(x0 + off);
        const xb = v128.load(x1 + off);
        const v0 = v128.load(y0 + off);
        const v1 = v128.load(y1 + off);
        const v2 = v128.load(y2 + off);
        const v3 = v128.load(y3 + off);
        c00 = f64x2.add(c00, f64x2.mul(xa, v0));
        c01 = f64x2.add(c01, f64x2.mul(xa, v1));
        c02 = f64x2.add(c02, f64x2.mul(xa, v2));
        c03 = f64x2.add(c03, f64x2.mul(xa, v3));
        c10 = f64x2.add(c10, f64x2.mul(xb, v0));
        c11 = f64x2.add(c11, f64x2.mul(xb, v1));
        c12 = f64x2.add(c12, f64x2.mul(xb, v2));
        c13 = f64x2.add(c13, f64x2.mul(xb, v3));
      }
      const sb0 = ystats + <usize>b * sb8;
      cell(a, b, nb, nf, sa0, sb0, Ls, hsum(c00), surface);
      cell(a, b + 1, nb, nf, sa0, sb0 + sb8, Ls, hsum(c01), surface);
      cell(a, b + 2, nb, nf, sa0, sb0 + 2 * sb8, Ls, hsum(c02), surface);
      cell(a, b + 3, nb, nf, sa0, sb0 + 3 * sb8, Ls, hsum(c03), surface);
      cell(a + 1, b, nb, nf, sa1, sb0, Ls, hsum(c10), surface);
      cell(a + 1, b + 1, nb, nf, sa1, sb0 + sb8, Ls, hsum(c11), surface);
      cell(a + 1, b + 2, nb, nf, sa1, sb0 + 2 * sb8, Ls, hsum(c12), surface);
      cell(a + 1, b + 3, nb, nf, sa1, sb0 + 3 * sb8, Ls, hsum(c13), surface);
    }
    for (; b < nb; b++) {
      const y0 = ycols + <usize>b * colBytes;
      let c0 = f64x2.splat(0), c1 = f64x2.splat(0);
      for (let off: usize = 0; off < colBytes; off += 16) {
        const v = v128.load(y0 + off);
        c0 = f64x2.add(c0, f64x2.mul(v128.load(x0 + off), v));
        c1 = f64x2.add(c1, f64x2.mul(v128.load(x1 + off), v));
      }
      const sb0 = ystats + <usize>b * sb8;
      cell(a, b, nb, nf, sa0, sb0, Ls, hsum(c0), surface);
      cell(a + 1, b, nb, nf, sa1, sb0, Ls, hsum(c1), surface);
    }
  }
  for (; a < na; a++) {
    const x0 = xcols + <usize>a * colBytes;
    const sa0 = xstats + <usize>a * sb8;
    for (let b = 0; b < nb; b++) {
      const y0 = ycols + <usize>b * colBytes;
      let c0 = f64x2.splat(0);
      for (let off: usize = 0; off < colBytes; off += 16) {
        c0 = f64x2.add(c0, f64x2.mul(v128.load(x0 + off), v128.load(y0 + off)));
      }
      cell(a, b, nb, nf, sa0, ystats + <usize>b * sb8, Ls, hsum(c0), surface);
    }
  }
  store<f64>(out, <f64>bestIdx);
  store<f64>(out + 8, bestRss);
  store<f64>(out + 16, bestE);
  store<f64>(out + 24, bestA);
  store<f64>(out + 32, bestB);
}
