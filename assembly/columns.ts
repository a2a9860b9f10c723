// Power columns c_i = exp(−p·lnV_i), centred and zero-padded to an even
// length, with their per-column statistics, for the VPNLS grid.
//
// The exponential is fdlibm's e_exp.c evaluated on two lanes at once
// (f64x2). V8's Math.exp is that same fdlibm routine, so these columns are
// bit-identical to the TypeScript twin's (measured: 0 differences in 1.2e7
// random arguments, and the special cases below); AssemblyScript's own
// Math.exp (musl) differs from it in the last bit on some arguments.
import { SINGULAR_TOL, singleRss } from './nnls3';

// Even length so f64x2 loops need no tail; padding entries are zero and
// add nothing to centred cross sums.
export function padded(n: i32): i32 {
  return (n + 1) & ~1;
}

// Column statistics, stored as a structure of arrays so that the grid can
// load one field of two neighbouring columns with one v128.load: field f of
// column j is at stats + (f·stride + j)·8, with stride = padded(columns).
export const F_MEAN: i32 = 0; // mean m of the raw column
export const F_SCC: i32 = 1; // centred Σ(c−m)²
export const F_SCL: i32 = 2; // centred Σ(c−m)(L−Lm)
export const F_S2: i32 = 3; // raw Σc²
export const F_SL: i32 = 4; // raw Σc·L
export const F_TOL: i32 = 5; // SINGULAR_TOL·Scc
export const F_TOL2: i32 = 6; // SINGULAR_TOL·S2
export const F_NM: i32 = 7; // n·m
export const F_SINGLE: i32 = 8; // least RSS of the one-column candidates (nnls3.ts singleRss)
export const FIELDS: i32 = 9;

// Bytes of statistics for `columns` columns.
export function statsBytes(columns: i32): f64 {
  return <f64>FIELDS * <f64>padded(columns) * 8;
}

// fdlibm e_exp.c constants.
const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const INV_LN2: f64 = 1.44269504088896338700e+00;
const P1: f64 = 1.66666666666666019037e-01;
const P2: f64 = -2.77777777770155933842e-03;
const P3: f64 = 6.61375632143793436117e-05;
const P4: f64 = -1.65339022054652515390e-06;
const P5: f64 = 4.13813679705723846039e-08;
const O_THRESHOLD: f64 = 7.09782712893383973096e+02;
const U_THRESHOLD: f64 = -7.45133219101941108420e+02;
// |x| above which fdlibm reduces the argument (high word > 0x3fd62e42).
const REDUCE: f64 = reinterpret<f64>(0x3fd62e4300000000);
// |x| below which exp(x) = 1 + x (high word < 0x3e300000, 2^−28).
const TINY: f64 = reinterpret<f64>(0x3e30000000000000);
// Above this, k = (int)(x/ln2 − 1/2) ≥ −1021 and 2^k is a normal number.
const NORMAL_K: f64 = -708.0;
const MAGIC: f64 = 4503599627370496.0 + 1023.0; // 2^52 + exponent bias

// Constants as f64x2 pairs in linear memory: V8 rebuilds a v128 constant
// inside the loop at every use, a load from here is one instruction
// (measured: the exp loop 8.4 → 6.4 ns per element).
const K: usize = memory.data<f64>([
  INV_LN2, INV_LN2, -0.5, -0.5, LN2_HI, LN2_HI, LN2_LO, LN2_LO, // 0, 16, 32, 48
  P5, P5, P4, P4, P3, P3, P2, P2, P1, P1, 2.0, 2.0, 1.0, 1.0, MAGIC, MAGIC, // 64 … 176
]);
// @ts-ignore: decorator
@inline
function k(offset: usize): v128 {
  return v128.load(K + offset);
}

// The part of fdlibm's exp shared by all lanes once k is known: r = x − k·ln2
// (hi − lo), the rational approximation of e^r, and y = e^r in [0.7, 1.5).
// Returns y; the caller scales it by 2^k.
// @ts-ignore: decorator
@inline
function expCore(x: v128, kf: v128, lo: v128): v128 {
  const hi = f64x2.sub(x, f64x2.mul(kf, k(32)));
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  let p = f64x2.add(k(80), f64x2.mul(t, k(64)));
  p = f64x2.add(k(96), f64x2.mul(t, p));
  p = f64x2.add(k(112), f64x2.mul(t, p));
  p = f64x2.add(k(128), f64x2.mul(t, p));
  const c = f64x2.sub(r, f64x2.mul(t, p));
  const q = f64x2.div(f64x2.mul(r, c), f64x2.sub(k(144), c));
  return f64x2.sub(k(160), f64x2.sub(f64x2.sub(lo, q), hi));
}

// 2^e for integral e in [−1022, 1023]: the low bits of e + 1023 + 2^52 hold e + 1023.
// @ts-ignore: decorator
@inline
function pow2(e: v128): v128 {
  return i64x2.shl(f64x2.add(e, k(176)), 52);
}

// exp on both lanes, operation for operation fdlibm's e_exp.c (as in V8's
// base/ieee754.cc). fdlibm's branches become lane selects: its |x| < 1.5·ln2
// reduction (k = ±1) equals the general one on that range, and its k = 0
// formula equals the general one with lo = 0, hi = x, so one path serves
// every lane; the special cases (tiny |x|, x = 1, overflow, underflow,
// NaN, ±∞) are selected at the end.
function expF64x2(x: v128): v128 {
  const ax = f64x2.abs(x);
  const sign = v128.and(x, f64x2.splat(-0.0));
  // k = (int)(x/ln2 ± 1/2) when |x| > 0.5·ln2, else 0.
  const reduce = f64x2.ge(ax, f64x2.splat(REDUCE));
  const half = v128.or(f64x2.splat(0.5), sign);
  const kf = v128.and(f64x2.trunc(f64x2.add(f64x2.mul(f64x2.splat(INV_LN2), x), half)), reduce);
  const y = expCore(x, kf, f64x2.mul(kf, f64x2.splat(LN2_LO)));
  // y·2^k: 2^k itself when k ≥ −1021, 2·2^1023 when k = 1024, 2^(k+1000)·2^−1000 below.
  const normal = f64x2.ge(kf, f64x2.splat(-1021));
  const top = f64x2.eq(kf, f64x2.splat(1024));
  const s1 = v128.bitselect(f64x2.splat(2.0), pow2(v128.bitselect(kf, f64x2.add(kf, f64x2.splat(1000)), normal)), top);
  const s2 = v128.bitselect(
    f64x2.splat(reinterpret<f64>(0x7fe0000000000000)),
    v128.bitselect(f64x2.splat(1.0), f64x2.splat(reinterpret<f64>(0x0170000000000000)), normal),
    top,
  );
  let res = f64x2.mul(f64x2.mul(y, s1), s2);
  res = v128.bitselect(f64x2.add(f64x2.splat(1.0), x), res, f64x2.lt(ax, f64x2.splat(TINY)));
  res = v128.bitselect(f64x2.splat(2.718281828459045), res, f64x2.eq(x, f64x2.splat(1.0)));
  res = v128.bitselect(f64x2.splat(Infinity), res, f64x2.gt(x, f64x2.splat(O_THRESHOLD)));
  res = v128.bitselect(f64x2.splat(0.0), res, f64x2.lt(x, f64x2.splat(U_THRESHOLD)));
  return v128.bitselect(f64x2.add(x, x), res, f64x2.ne(x, x));
}

// The same for lanes known to lie in [NORMAL_K, −REDUCE]: there every select
// of expF64x2 picks the general path with sign −, k ≥ −1021 and no special
// case, so dropping them changes no result bit.
// @ts-ignore: decorator
@inline
function expNegative(x: v128): v128 {
  const kf = f64x2.trunc(f64x2.add(f64x2.mul(k(0), x), k(16)));
  const y = expCore(x, kf, f64x2.mul(kf, k(48)));
  return f64x2.mul(y, pow2(kf));
}

// [exp(a), exp(b)] with fdlibm's bits, for the point kernels (loss.ts,
// vpnls-point.ts), so every exp of the core matches V8's Math.exp. Powers
// N^−α, D^−β usually have both arguments in [NORMAL_K, −REDUCE], where the
// select-free form gives the same bits.
// @ts-ignore: decorator
@inline
export function expPair(a: f64, b: f64): v128 {
  const x = f64x2.replace_lane(f64x2.splat(a), 1, b);
  if (max(a, b) <= -REDUCE && min(a, b) > NORMAL_K) return expNegative(x);
  return expF64x2(x);
}

// exp on both lanes of x with fdlibm's bits, for kernels that vectorise over
// points (loss.ts, numdiff.ts): the select-free form when both lanes lie in
// [NORMAL_K, −REDUCE], as expPair.
// @ts-ignore: decorator
@inline
export function expLanes(x: v128): v128 {
  const a = f64x2.extract_lane(x, 0), b = f64x2.extract_lane(x, 1);
  if (max(a, b) <= -REDUCE && min(a, b) > NORMAL_K) return expNegative(x);
  return expF64x2(x);
}

// Writes the centred column c_i = exp(−p·lnV_i) − mean for exponent p at
// out (nPad f64) and field j of the stats arrays (stride columns per field).
// lnMin, lnMax: the range of lnV. Ls: [Lm, SLL, SL2]. Every sum runs as
// two lanes (even and odd points) added at the end, the odd last point
// joining lane 0, as in the twin.
export function centredColumn(
  lnV: usize, L: usize, Ls: usize, n: i32, p: f64, lnMin: f64, lnMax: f64,
  out: usize, stats: usize, stride: i32, j: i32,
): void {
  const Lm = load<f64>(Ls);
  const np = f64x2.splat(-p);
  const m2 = n & ~1;
  const tail = <usize>m2 << 3;
  // −p·lnV is monotone in lnV, so its extremes bound every lane.
  const xa = -p * lnMin, xb = -p * lnMax;
  const fast = max(xa, xb) <= -REDUCE && min(xa, xb) > NORMAL_K;
  let acc = f64x2.splat(0);
  if (fast) {
    for (let off: usize = 0; off < tail; off += 16) {
      const c = expNegative(f64x2.mul(np, v128.load(lnV + off)));
      v128.store(out + off, c);
      acc = f64x2.add(acc, c);
    }
  } else {
    for (let off: usize = 0; off < tail; off += 16) {
      const c = expF64x2(f64x2.mul(np, v128.load(lnV + off)));
      v128.store(out + off, c);
      acc = f64x2.add(acc, c);
    }
  }
  let s0 = f64x2.extract_lane(acc, 0);
  if (m2 != n) {
    const c = f64x2.extract_lane(expF64x2(f64x2.splat(-p * load<f64>(lnV + tail))), 0);
    store<f64>(out + tail, c);
    s0 += c;
  }
  const m = (s0 + f64x2.extract_lane(acc, 1)) / <f64>n;
  const mv = f64x2.splat(m);
  const Lmv = f64x2.splat(Lm);
  let vS2 = f64x2.splat(0), vSL = f64x2.splat(0), vScc = f64x2.splat(0), vScL = f64x2.splat(0);
  for (let off: usize = 0; off < tail; off += 16) {
    const c = v128.load(out + off);
    const l = v128.load(L + off);
    vS2 = f64x2.add(vS2, f64x2.mul(c, c));
    vSL = f64x2.add(vSL, f64x2.mul(c, l));
    const d = f64x2.sub(c, mv);
    vScc = f64x2.add(vScc, f64x2.mul(d, d));
    vScL = f64x2.add(vScL, f64x2.mul(d, f64x2.sub(l, Lmv)));
    v128.store(out + off, d);
  }
  let S2 = f64x2.extract_lane(vS2, 0), SL = f64x2.extract_lane(vSL, 0);
  let Scc = f64x2.extract_lane(vScc, 0), ScL = f64x2.extract_lane(vScL, 0);
  if (m2 != n) {
    const c = load<f64>(out + tail);
    const l = load<f64>(L + tail);
    S2 += c * c;
    SL += c * l;
    const d = c - m;
    Scc += d * d;
    ScL += d * (l - Lm);
    store<f64>(out + tail, d);
    store<f64>(out + tail + 8, 0);
  }
  S2 += f64x2.extract_lane(vS2, 1);
  SL += f64x2.extract_lane(vSL, 1);
  Scc += f64x2.extract_lane(vScc, 1);
  ScL += f64x2.extract_lane(vScL, 1);
  const at = stats + (<usize>j << 3);
  const fb = <usize>stride << 3;
  store<f64>(at + <usize>F_MEAN * fb, m);
  store<f64>(at + <usize>F_SCC * fb, Scc);
  store<f64>(at + <usize>F_SCL * fb, ScL);
  store<f64>(at + <usize>F_S2 * fb, S2);
  store<f64>(at + <usize>F_SL * fb, SL);
  store<f64>(at + <usize>F_TOL * fb, SINGULAR_TOL * Scc);
  store<f64>(at + <usize>F_TOL2 * fb, SINGULAR_TOL * S2);
  store<f64>(at + <usize>F_NM * fb, <f64>n * m);
  store<f64>(at + <usize>F_SINGLE * fb, singleRss(Lm, load<f64>(Ls + 8), load<f64>(Ls + 16), m, Scc, ScL, S2, SL));
}

// Least and greatest of n values.
export function range(v: usize, n: i32, out: usize): void {
  let lo: f64 = Infinity, hi: f64 = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = load<f64>(v + (<usize>i << 3));
    lo = min(lo, x);
    hi = max(hi, x);
  }
  store<f64>(out, lo);
  store<f64>(out + 8, hi);
}

// Mean, centred and raw sums of squares of L, into out[0..3).
export function lossStats(L: usize, n: i32, out: usize): void {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += load<f64>(L + (<usize>i << 3));
  const m = s / <f64>n;
  let Sc: f64 = 0, S2: f64 = 0;
  for (let i = 0; i < n; i++) {
    const l = load<f64>(L + (<usize>i << 3));
    const d = l - m;
    Sc += d * d;
    S2 += l * l;
  }
  store<f64>(out, m);
  store<f64>(out + 8, Sc);
  store<f64>(out + 16, S2);
}
