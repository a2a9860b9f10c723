// VPNLS grid scan: for every (α, β) on a grid, the closed-form NNLS of L
// on [1, N^−α, D^−β]; reports the best cell and optionally every RSS.
// Separable: columns and their stats are computed once per α and once per
// β; a cell costs one centred cross sum Σ xc·yc (f64x2, 2α × 4β register
// blocking; tiled like a matrix product when the data are large) and the
// pair candidates of a 3-variable NNLS, evaluated for two β at once (f64x2)
// without branches or divisions deciding feasibility.
// Lane 0 sums even points, lane 1 odd points, and the cell adds lane 0 +
// lane 1: the TS twin sums in that order and evaluates the same formulas
// per cell, so both give the same RSS bit for bit once the columns agree.
import { nnls3, constRss, outE, outA, outB } from './nnls3';
import {
  padded, centredColumn, lossStats, statsBytes, range,
  F_MEAN, F_SCC, F_SCL, F_S2, F_SL, F_TOL, F_TOL2, F_NM, F_SINGLE, FIELDS,
} from './columns';

// Bytes of scratch vpnlsGrid needs for n points and an na × nb grid: the
// columns, their statistics, 64 bytes for [Lm, SLL, SL2] and the ranges of
// lnN, lnD, and the cross-sum accumulators.
export function gridScratchBytes(n: i32, na: i32, nb: i32): f64 {
  return <f64>(na + nb) * <f64>padded(n) * 8 + statsBytes(na) + statsBytes(nb) + 64 + accBytes(padded(n), nb);
}

// Field f of column j (columns.ts layout), and the same field of columns j, j+1.
// @ts-ignore: decorator
@inline
function field(stats: usize, stride: i32, f: i32, j: i32): f64 {
  return load<f64>(stats + ((<usize>f * <usize>stride + <usize>j) << 3));
}

// @ts-ignore: decorator
@inline
function fieldPair(stats: usize, stride: i32, f: i32, j: i32): v128 {
  return v128.load(stats + ((<usize>f * <usize>stride + <usize>j) << 3));
}

// Lane-wise minimum that ignores NaN candidates (a strict `<` scan).
// @ts-ignore: decorator
@inline
function lessOf(r: v128, best: v128): v128 {
  return v128.bitselect(r, best, f64x2.lt(r, best));
}

// RSS of cells (a, b) and (a, b+1) from their cross sums s = [Sxy(b), Sxy(b+1)].
// Row values of α (x*) are splats; y stats are loaded for the β pair at b.
// Same operations as nnls3 and the twin's cellRss, lane by lane.
// @ts-ignore: decorator
@inline
function cellPair(
  s: v128, ys: usize, stride: i32, b: i32,
  xm: v128, Sxx: v128, SxL: v128, Sx2: v128, SxLr: v128, tolx: v128, tol2x: v128, nxm: v128, singlex: v128,
  Lm: v128, SLL: v128, SL2: v128,
): v128 {
  const Syy = fieldPair(ys, stride, F_SCC, b);
  const SyL = fieldPair(ys, stride, F_SCL, b);
  const ym = fieldPair(ys, stride, F_MEAN, b);
  const zero = f64x2.splat(0);
  // All three free.
  const det = f64x2.sub(f64x2.mul(Sxx, Syy), f64x2.mul(s, s));
  const nA = f64x2.sub(f64x2.mul(Syy, SxL), f64x2.mul(s, SyL));
  const nB = f64x2.sub(f64x2.mul(Sxx, SyL), f64x2.mul(s, SxL));
  const nE = f64x2.sub(f64x2.sub(f64x2.mul(Lm, det), f64x2.mul(nA, xm)), f64x2.mul(nB, ym));
  const free = v128.and(
    v128.and(f64x2.gt(det, f64x2.mul(tolx, Syy)), f64x2.ge(nA, zero)),
    v128.and(f64x2.ge(nB, zero), f64x2.ge(nE, zero)),
  );
  const r3 = f64x2.sub(SLL, f64x2.div(f64x2.add(f64x2.mul(nA, SxL), f64x2.mul(nB, SyL)), det));
  if (i64x2.all_true(free)) return r3;
  // Some lane has an active constraint: the best of the one-column and
  // constant candidates (precomputed) and the {A, B} pair on raw sums.
  const Sy2 = fieldPair(ys, stride, F_S2, b);
  const SyLr = fieldPair(ys, stride, F_SL, b);
  const Sxyr = f64x2.add(s, f64x2.mul(nxm, ym));
  const det2 = f64x2.sub(f64x2.mul(Sx2, Sy2), f64x2.mul(Sxyr, Sxyr));
  const nA2 = f64x2.sub(f64x2.mul(Sy2, SxLr), f64x2.mul(Sxyr, SyLr));
  const nB2 = f64x2.sub(f64x2.mul(Sx2, SyLr), f64x2.mul(Sxyr, SxLr));
  const pair = v128.and(f64x2.gt(det2, f64x2.mul(tol2x, Sy2)), v128.and(f64x2.ge(nA2, zero), f64x2.ge(nB2, zero)));
  const rAB = f64x2.sub(SL2, f64x2.div(f64x2.add(f64x2.mul(nA2, SxLr), f64x2.mul(nB2, SyLr)), det2));
  let best = lessOf(fieldPair(ys, stride, F_SINGLE, b), singlex);
  best = v128.bitselect(lessOf(rAB, best), best, pair);
  return v128.bitselect(r3, best, free);
}

// [lane0(u) + lane1(u), lane0(v) + lane1(v)]: the cross sums of two cells.
// @ts-ignore: decorator
@inline
function sums(u: v128, v: v128): v128 {
  return f64x2.add(v128.shuffle<f64>(u, v, 0, 2), v128.shuffle<f64>(u, v, 1, 3));
}

let bestRss: f64 = Infinity;
let bestIdx: i32 = -1;
let bestSxy: f64 = 0;

// Records cells idx and idx+1 (values r) if one beats the best so far
// (ties: the lower index, as a row-major scan would keep).
// @ts-ignore: decorator
@inline
function track(r: v128, s: v128, idx: i32, surface: usize): void {
  if (surface != 0) v128.store(surface + (<usize>idx << 3), r);
  if (v128.any_true(f64x2.le(r, f64x2.splat(bestRss)))) trackSlow(r, s, idx);
}

// @ts-ignore: decorator
@inline
function track1(r: f64, s: f64, idx: i32, surface: usize): void {
  if (surface != 0) store<f64>(surface + (<usize>idx << 3), r);
  if (r < bestRss || (r == bestRss && idx < bestIdx)) {
    bestRss = r; bestIdx = idx; bestSxy = s;
  }
}

function trackSlow(r: v128, s: v128, idx: i32): void {
  track1(f64x2.extract_lane(r, 0), f64x2.extract_lane(s, 0), idx, 0);
  track1(f64x2.extract_lane(r, 1), f64x2.extract_lane(s, 1), idx + 1, 0);
}

// The fused path: rows a and a1 (a1 = a for a lone last row) against every
// β, cross sums in 2α × 4β register blocks and the cells of each block
// straight from the registers.
function rowPair(
  a: i32, a1: i32, nb: i32, colBytes: usize, xcols: usize, ycols: usize,
  xstats: usize, sa: i32, ystats: usize, sb: i32, Ls: usize, rConst: f64, surface: usize,
): void {
  const Lmv = f64x2.splat(load<f64>(Ls));
  const SLLv = f64x2.splat(load<f64>(Ls + 8));
  const SL2v = f64x2.splat(load<f64>(Ls + 16));
  const x0 = xcols + <usize>a * colBytes;
  const x1 = xcols + <usize>a1 * colBytes;
  const xm0 = f64x2.splat(field(xstats, sa, F_MEAN, a)), xm1 = f64x2.splat(field(xstats, sa, F_MEAN, a1));
  const Sxx0 = f64x2.splat(field(xstats, sa, F_SCC, a)), Sxx1 = f64x2.splat(field(xstats, sa, F_SCC, a1));
  const SxL0 = f64x2.splat(field(xstats, sa, F_SCL, a)), SxL1 = f64x2.splat(field(xstats, sa, F_SCL, a1));
  const Sx20 = f64x2.splat(field(xstats, sa, F_S2, a)), Sx21 = f64x2.splat(field(xstats, sa, F_S2, a1));
  const SxLr0 = f64x2.splat(field(xstats, sa, F_SL, a)), SxLr1 = f64x2.splat(field(xstats, sa, F_SL, a1));
  const tol0 = f64x2.splat(field(xstats, sa, F_TOL, a)), tol1 = f64x2.splat(field(xstats, sa, F_TOL, a1));
  const tl20 = f64x2.splat(field(xstats, sa, F_TOL2, a)), tl21 = f64x2.splat(field(xstats, sa, F_TOL2, a1));
  const nxm0 = f64x2.splat(field(xstats, sa, F_NM, a)), nxm1 = f64x2.splat(field(xstats, sa, F_NM, a1));
  let s0 = field(xstats, sa, F_SINGLE, a), s1 = field(xstats, sa, F_SINGLE, a1);
  if (rConst < s0) s0 = rConst;
  if (rConst < s1) s1 = rConst;
  const sg0 = f64x2.splat(s0), sg1 = f64x2.splat(s1);
  const row0 = a * nb;
  const row1 = a1 * nb;
  const two = a1 != a;
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
    const sA = sums(c00, c01), sB = sums(c02, c03);
    track(cellPair(sA, ystats, sb, b, xm0, Sxx0, SxL0, Sx20, SxLr0, tol0, tl20, nxm0, sg0, Lmv, SLLv, SL2v), sA, row0 + b, surface);
    track(cellPair(sB, ystats, sb, b + 2, xm0, Sxx0, SxL0, Sx20, SxLr0, tol0, tl20, nxm0, sg0, Lmv, SLLv, SL2v), sB, row0 + b + 2, surface);
    if (two) {
      const sC = sums(c10, c11), sD = sums(c12, c13);
      track(cellPair(sC, ystats, sb, b, xm1, Sxx1, SxL1, Sx21, SxLr1, tol1, tl21, nxm1, sg1, Lmv, SLLv, SL2v), sC, row1 + b, surface);
      track(cellPair(sD, ystats, sb, b + 2, xm1, Sxx1, SxL1, Sx21, SxLr1, tol1, tl21, nxm1, sg1, Lmv, SLLv, SL2v), sD, row1 + b + 2, surface);
    }
  }
  // Up to three β left: pairs of cells, the last one alone.
  for (; b < nb; b += 2) {
    const y0 = ycols + <usize>b * colBytes;
    const pairB = b + 1 < nb;
    const y1 = pairB ? y0 + colBytes : y0;
    let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
    for (let off: usize = 0; off < colBytes; off += 16) {
      const xa = v128.load(x0 + off);
      const xb = v128.load(x1 + off);
      const v0 = v128.load(y0 + off);
      const v1 = v128.load(y1 + off);
      c00 = f64x2.add(c00, f64x2.mul(xa, v0));
      c01 = f64x2.add(c01, f64x2.mul(xa, v1));
      c10 = f64x2.add(c10, f64x2.mul(xb, v0));
      c11 = f64x2.add(c11, f64x2.mul(xb, v1));
    }
    const sA = sums(c00, c01);
    const rA = cellPair(sA, ystats, sb, b, xm0, Sxx0, SxL0, Sx20, SxLr0, tol0, tl20, nxm0, sg0, Lmv, SLLv, SL2v);
    if (pairB) track(rA, sA, row0 + b, surface);
    else track1(f64x2.extract_lane(rA, 0), f64x2.extract_lane(sA, 0), row0 + b, surface);
    if (two) {
      const sC = sums(c10, c11);
      const rC = cellPair(sC, ystats, sb, b, xm1, Sxx1, SxL1, Sx21, SxLr1, tol1, tl21, nxm1, sg1, Lmv, SLLv, SL2v);
      if (pairB) track(rC, sC, row1 + b, surface);
      else track1(f64x2.extract_lane(rC, 0), f64x2.extract_lane(sC, 0), row1 + b, surface);
    }
  }
}

// Cross sums of rows a and a1 (two = false for a lone last row, whose
// second row is a copy) against β in [b0, b1), over the points of byte range
// [off0, off1) of the columns, in 2α × 4β register blocks. The two-lane
// accumulators of cell (row, b) live at acc0/acc1 + 16·(b − b0): zero when first,
// else loaded, continued and stored back, so a scan split into chunks of
// points adds in exactly the order of one unsplit scan.
function pairSums(
  x0: usize, x1: usize, two: bool, ycols: usize, colBytes: usize, b0: i32, b1: i32,
  off0: usize, off1: usize, acc0: usize, acc1: usize, first: bool,
): void {
  let b = b0;
  for (; b + 3 < b1; b += 4) {
    const y0 = ycols + <usize>b * colBytes;
    const y1 = y0 + colBytes;
    const y2 = y1 + colBytes;
    const y3 = y2 + colBytes;
    const p0 = acc0 + (<usize>(b - b0) << 4);
    const p1 = acc1 + (<usize>(b - b0) << 4);
    let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c02 = f64x2.splat(0), c03 = f64x2.splat(0);
    let c10 = f64x2.splat(0), c11 = f64x2.splat(0), c12 = f64x2.splat(0), c13 = f64x2.splat(0);
    if (!first) {
      c00 = v128.load(p0); c01 = v128.load(p0, 16); c02 = v128.load(p0, 32); c03 = v128.load(p0, 48);
      c10 = v128.load(p1); c11 = v128.load(p1, 16); c12 = v128.load(p1, 32); c13 = v128.load(p1, 48);
    }
    for (let off = off0; off < off1; off += 16) {
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
    v128.store(p0, c00); v128.store(p0, c01, 16); v128.store(p0, c02, 32); v128.store(p0, c03, 48);
    if (two) {
      v128.store(p1, c10); v128.store(p1, c11, 16); v128.store(p1, c12, 32); v128.store(p1, c13, 48);
    }
  }
  // Up to three β left: pairs, the last one alone (its partner lane is a copy, not stored).
  for (; b < b1; b += 2) {
    const pairB = b + 1 < b1;
    const y0 = ycols + <usize>b * colBytes;
    const y1 = pairB ? y0 + colBytes : y0;
    const p0 = acc0 + (<usize>(b - b0) << 4);
    const p1 = acc1 + (<usize>(b - b0) << 4);
    let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
    if (!first) {
      c00 = v128.load(p0); c10 = v128.load(p1);
      if (pairB) { c01 = v128.load(p0, 16); c11 = v128.load(p1, 16); }
    }
    for (let off = off0; off < off1; off += 16) {
      const xa = v128.load(x0 + off);
      const xb = v128.load(x1 + off);
      const v0 = v128.load(y0 + off);
      const v1 = v128.load(y1 + off);
      c00 = f64x2.add(c00, f64x2.mul(xa, v0));
      c01 = f64x2.add(c01, f64x2.mul(xa, v1));
      c10 = f64x2.add(c10, f64x2.mul(xb, v0));
      c11 = f64x2.add(c11, f64x2.mul(xb, v1));
    }
    v128.store(p0, c00);
    if (pairB) v128.store(p0, c01, 16);
    if (two) {
      v128.store(p1, c10);
      if (pairB) v128.store(p1, c11, 16);
    }
  }
}

// The cells of row a with β in [b0, b1) (accumulators at acc, 16 bytes per
// β) two β at a time: cross sums, RSS, surface and best cell.
function rowCells(
  a: i32, b0: i32, b1: i32, nb: i32, acc: usize, xstats: usize, sa: i32, ystats: usize, sb: i32, Ls: usize, rConst: f64, surface: usize,
): void {
  const Lmv = f64x2.splat(load<f64>(Ls));
  const SLLv = f64x2.splat(load<f64>(Ls + 8));
  const SL2v = f64x2.splat(load<f64>(Ls + 16));
  const xm = f64x2.splat(field(xstats, sa, F_MEAN, a));
  const Sxx = f64x2.splat(field(xstats, sa, F_SCC, a));
  const SxL = f64x2.splat(field(xstats, sa, F_SCL, a));
  const Sx2 = f64x2.splat(field(xstats, sa, F_S2, a));
  const SxLr = f64x2.splat(field(xstats, sa, F_SL, a));
  const tol = f64x2.splat(field(xstats, sa, F_TOL, a));
  const tol2 = f64x2.splat(field(xstats, sa, F_TOL2, a));
  const nxm = f64x2.splat(field(xstats, sa, F_NM, a));
  let s1 = field(xstats, sa, F_SINGLE, a);
  if (rConst < s1) s1 = rConst;
  const single = f64x2.splat(s1);
  const row = a * nb;
  let b = b0;
  for (; b + 1 < b1; b += 2) {
    const p = acc + (<usize>(b - b0) << 4);
    const s = sums(v128.load(p), v128.load(p, 16));
    track(cellPair(s, ystats, sb, b, xm, Sxx, SxL, Sx2, SxLr, tol, tol2, nxm, single, Lmv, SLLv, SL2v), s, row + b, surface);
  }
  if (b < b1) {
    const c = v128.load(acc + (<usize>(b - b0) << 4));
    const s = sums(c, c);
    const r = cellPair(s, ystats, sb, b, xm, Sxx, SxL, Sx2, SxLr, tol, tol2, nxm, single, Lmv, SLLv, SL2v);
    track1(f64x2.extract_lane(r, 0), f64x2.extract_lane(s, 0), row + b, surface);
  }
}

// Large data are tiled as in a matrix product: tiles of TILE α × TILE β
// cells whose accumulators (256 KiB) stay in a core's L2 cache (1 MiB on the
// reference machine), filled CHUNK_BYTES/8 points at a time from column
// panels of 2 × 256 KiB, so that each column value is read from L2 by the
// 64 α pairs (or 32 β quads) of a tile instead of from L3 or memory. Below
// TILED_BYTES of β columns the fused path is faster (measured: 256² on 3,000
// points 30 ms fused vs 35 ms tiled; on 10,000 points 190 ms vs 110 ms).
const TILED_BYTES: f64 = 12 * 1048576;
const TILE: i32 = 128;
const CHUNK_BYTES: usize = 2048; // 256 points

function tiled(nPad: i32, nb: i32): bool {
  return <f64>nb * <f64>nPad * 8 > TILED_BYTES;
}

// Accumulator bytes: one tile when tiled (the fused path keeps them in registers).
function accBytes(nPad: i32, nb: i32): f64 {
  return tiled(nPad, nb) ? <f64>TILE * <f64>TILE * 16 : 0;
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
  const sa = padded(na);
  const sb = padded(nb);
  const xcols = scratch;
  const ycols = xcols + <usize>na * colBytes;
  const xstats = ycols + <usize>nb * colBytes;
  const ystats = xstats + <usize>statsBytes(na);
  const Ls = ystats + <usize>statsBytes(nb);
  lossStats(L, n, Ls);
  range(lnN, n, Ls + 24);
  range(lnD, n, Ls + 40);
  const nLo = load<f64>(Ls + 24), nHi = load<f64>(Ls + 32), dLo = load<f64>(Ls + 40), dHi = load<f64>(Ls + 48);
  for (let a = 0; a < na; a++) {
    centredColumn(lnN, L, Ls, n, load<f64>(alphas + (<usize>a << 3)), nLo, nHi, xcols + <usize>a * colBytes, xstats, sa, a);
  }
  for (let b = 0; b < nb; b++) {
    centredColumn(lnD, L, Ls, n, load<f64>(betas + (<usize>b << 3)), dLo, dHi, ycols + <usize>b * colBytes, ystats, sb, b);
  }
  // Padding columns of the y stats (read by the pair loads of an odd nb) stay finite.
  if (sb != nb) {
    for (let f = 0; f < FIELDS; f++) store<f64>(ystats + ((<usize>f * <usize>sb + <usize>nb) << 3), 0);
  }
  bestRss = Infinity; bestIdx = -1; bestSxy = 0;
  const rConst = constRss(load<f64>(Ls), load<f64>(Ls + 8), load<f64>(Ls + 16));
  // Cross sums, then cells. Each step is a call per row pair, so that V8
  // can tier the code up from its baseline compiler to the optimising one
  // between calls (wasm has no on-stack replacement: a single long call
  // would run unoptimised).
  const acc = Ls + 64;
  if (!tiled(nPad, nb)) {
    for (let a = 0; a < na; a += 2) {
      rowPair(a, a + 1 < na ? a + 1 : a, nb, colBytes, xcols, ycols, xstats, sa, ystats, sb, Ls, rConst, surface);
    }
  } else {
    const tileRow = <usize>TILE << 4;
    for (let a0 = 0; a0 < na; a0 += TILE) {
      const a1 = a0 + TILE < na ? a0 + TILE : na;
      for (let b0 = 0; b0 < nb; b0 += TILE) {
        const b1 = b0 + TILE < nb ? b0 + TILE : nb;
        for (let off: usize = 0; off < colBytes; off += CHUNK_BYTES) {
          const end = off + CHUNK_BYTES < colBytes ? off + CHUNK_BYTES : colBytes;
          for (let a = a0; a < a1; a += 2) {
            const two = a + 1 < a1;
            const x0 = xcols + <usize>a * colBytes;
            const acc0 = acc + <usize>(a - a0) * tileRow;
            pairSums(x0, two ? x0 + colBytes : x0, two, ycols, colBytes, b0, b1, off, end, acc0, acc0 + tileRow, off == 0);
          }
        }
        for (let a = a0; a < a1; a++) rowCells(a, b0, b1, nb, acc + <usize>(a - a0) * tileRow, xstats, sa, ystats, sb, Ls, rConst, surface);
      }
    }
  }
  // Coefficients of the best cell: nnls3 on its statistics gives the same
  // RSS as the scan (same operations) and the E, A, B of that candidate.
  let E: f64 = 0, A: f64 = 0, B: f64 = 0;
  if (bestIdx >= 0) {
    const a = bestIdx / nb;
    const b = bestIdx % nb;
    nnls3(
      <f64>n,
      field(xstats, sa, F_MEAN, a), field(xstats, sa, F_SCC, a), field(xstats, sa, F_SCL, a), field(xstats, sa, F_S2, a), field(xstats, sa, F_SL, a),
      field(ystats, sb, F_MEAN, b), field(ystats, sb, F_SCC, b), field(ystats, sb, F_SCL, b), field(ystats, sb, F_S2, b), field(ystats, sb, F_SL, b),
      load<f64>(Ls), load<f64>(Ls + 8), load<f64>(Ls + 16), bestSxy,
    );
    E = outE; A = outA; B = outB;
  }
  store<f64>(out, <f64>bestIdx);
  store<f64>(out + 8, bestRss);
  store<f64>(out + 16, E);
  store<f64>(out + 24, A);
  store<f64>(out + 32, B);
}
