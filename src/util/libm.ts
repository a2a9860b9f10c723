/**
 * exp, log, log10 and pow ported from fdlibm (e_exp.c, e_log.c, e_log10.c,
 * e_pow.c, in the form of V8's base/ieee754.cc) using only IEEE double
 * operations and word access to the bits, so every JavaScript engine returns
 * the same bits; `Math.*` is engine-defined (specs/libm.md). Constants as in
 * assembly/columns.ts (exp) and assembly/simd-math.ts (log).
 */

// One scratch double viewed as two 32-bit words; HI/LO index the high and low
// word on this machine's byte order.
const F = new Float64Array(1);
const W = new Int32Array(F.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

function hiWord(x: number): number {
  F[0] = x;
  return W[HI];
}
function loWord(x: number): number {
  F[0] = x;
  return W[LO];
}
/** The double with words (hi, lo). */
function fromWords(hi: number, lo: number): number {
  W[HI] = hi;
  W[LO] = lo;
  return F[0];
}
/** x with its low word cleared (fdlibm's `__LO(x) = 0`). */
function clearLow(x: number): number {
  F[0] = x;
  W[LO] = 0;
  return F[0];
}

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
// 1/ln2 and e as in fdlibm; the engine constants are the same doubles.
const INV_LN2 = Math.LOG2E;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.4513321910194110842e2;
const HUGE = 1.0e300;
const TINY = 1.0e-300;
const TWOM1000 = 9.3326361850321887899e-302;
const TWO1023 = 8.98846567431157953865e307;
const E = Math.E;

/** e^x, fdlibm e_exp.c with V8's exp(1) = E. */
export function exp(x: number): number {
  let hx = hiWord(x);
  const xsb = hx >>> 31;
  hx &= 0x7fffffff;
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx >= 0x40862e42) {
    // |x| ≥ 709.78…: non-finite, overflow or underflow.
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | loWord(x)) !== 0) return x + x;
      return xsb === 0 ? x : 0;
    }
    if (x > O_THRESHOLD) return HUGE * HUGE;
    if (x < U_THRESHOLD) return TWOM1000 * TWOM1000;
  }
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      // 0.5·ln2 < |x| < 1.5·ln2: k = ±1.
      if (x === 1) return E;
      hi = xsb === 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb === 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      // C's (int) truncates toward zero.
      k = Math.trunc(INV_LN2 * x + (xsb === 0 ? 0.5 : -0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^−28.
    if (HUGE + x > 1) return 1 + x;
  }
  const t = x * x;
  const twopk = k >= -1021 ? fromWords((0x3ff00000 + (k << 20)) | 0, 0) : fromWords((0x3ff00000 + ((k + 1000) << 20)) | 0, 0);
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2.0 * TWO1023;
    return y * twopk;
  }
  return y * twopk * TWOM1000;
}

const TWO54 = 1.8014398509481984e16;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** Natural logarithm, fdlibm e_log.c statement for statement. */
export function log(x: number): number {
  let hx = hiWord(x);
  const lx = loWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^−1022: zero, negative or subnormal.
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return Number.NaN;
    k -= 54;
    x *= TWO54;
    hx = hiWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  // Normalise x to [sqrt(2)/2, sqrt(2)).
  x = fromWords(hx | (i0 ^ 0x3ff00000), loWord(x));
  k += i0 >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^−20.
    if (f === 0) {
      if (k === 0) return 0;
      return k * LN2_HI + k * LN2_LO;
    }
    const R0 = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R0;
    return k * LN2_HI - (R0 - k * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return k * LN2_HI - (s * (f - R) - k * LN2_LO - f);
}

const IVLN10 = 4.34294481903251816668e-1;
const LOG10_2HI = 3.01029995663611771306e-1;
const LOG10_2LO = 3.69423907715893078616e-13;

/** Base-10 logarithm, fdlibm e_log10.c: n·log10(2) + log(m)/ln10 with x = m·2^n. */
export function log10(x: number): number {
  let hx = hiWord(x);
  let lx = loWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return Number.NaN;
    k -= 54;
    x *= TWO54;
    hx = hiWord(x);
    lx = loWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  if (hx === 0x3ff00000 && lx === 0) return 0;
  k += (hx >> 20) - 1023;
  // i = 1 when k < 0 ((k & 0x80000000) >> 31 on C's unsigned mask).
  const i = k >>> 31;
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y = k + i;
  x = fromWords(hx, lx);
  const z = y * LOG10_2LO + IVLN10 * log(x);
  return z + y * LOG10_2HI;
}

const BP = [1.0, 1.5];
const DP_H = [0.0, 5.84962487220764160156e-1];
const DP_L = [0.0, 1.35003920212974897128e-8];
const TWO53 = 9007199254740992.0;
const L1 = 5.99999999999994648725e-1;
const L2 = 4.28571428578550184252e-1;
const L3 = 3.33333329818377432918e-1;
const L4 = 2.72728123808534006489e-1;
const L5 = 2.30660745775561754067e-1;
const L6 = 2.06975017800338417784e-1;
const LG2_ = 6.93147180559945286227e-1;
const LG2_H = 6.93147182464599609375e-1;
const LG2_L = -1.90465429995776804525e-9;
const OVT = 8.0085662595372944372e-17;
const CP = 9.61796693925975554329e-1;
const CP_H = 9.61796700954437255859e-1;
const CP_L = -7.02846165095275826516e-9;
const IVLN2 = Math.LOG2E;
const IVLN2_H = 1.44269502162933349609;
const IVLN2_L = 1.92596299112661746887e-8;
const TWOM54 = 5.55111512312578270212e-17;

/** x·2^n for normal x, rounded once (fdlibm s_scalbn.c, the paths pow reaches). */
function scalbn(x: number, n: number): number {
  const hx = hiWord(x);
  const k = ((hx & 0x7ff00000) >> 20) + n;
  if (k > 0x7fe) return HUGE * (x < 0 ? -HUGE : HUGE);
  if (k > 0) return fromWords((hx & 0x800fffff) | (k << 20), loWord(x));
  if (k <= -54) return TINY * (x < 0 ? -TINY : TINY);
  return fromWords((hx & 0x800fffff) | ((k + 54) << 20), loWord(x)) * TWOM54;
}

/**
 * x^y, fdlibm e_pow.c; as in ECMAScript (and V8) (±1)^±∞ is NaN where C99
 * says 1, and x^NaN is NaN even for x = 1.
 */
export function pow(x: number, y: number): number {
  const hx = hiWord(x);
  const lx = loWord(x) >>> 0;
  const hy = hiWord(y);
  const ly = loWord(y) >>> 0;
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1;
  if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lx !== 0) || iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0)) {
    return x + y;
  }

  // yisint: 0 y not an integer, 1 odd integer, 2 even integer (only needed for x < 0).
  let yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) yisint = 2;
    else if (iy >= 0x3ff00000) {
      const e = (iy >> 20) - 0x3ff;
      if (e > 20) {
        const j = ly >>> (52 - e);
        if ((j << (52 - e)) >>> 0 === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - e);
        if (j << (20 - e) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±∞.
      if (((ix - 0x3ff00000) | lx) === 0) return Number.NaN;
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0;
      return hy < 0 ? -y : 0;
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x;
    if (hy === 0x40000000) return x * x;
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // sqrt is correctly rounded by IEEE 754
  }

  let ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x = ±0, ±∞, ±1.
    let z = ax;
    if (hy < 0) z = 1 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) z = Number.NaN;
      else if (yisint === 1) z = -z;
    }
    return z;
  }

  let n = (hx >> 31) + 1;
  if ((n | yisint) === 0) return Number.NaN; // (x < 0)^(non-integer)
  const s = (n | (yisint - 1)) === 0 ? -1 : 1; // sign of (−x)^(odd integer)

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31.
    if (iy > 0x43f00000) {
      if (ix <= 0x3fefffff) return hy < 0 ? HUGE * HUGE : TINY * TINY;
      if (ix >= 0x3ff00000) return hy > 0 ? HUGE * HUGE : TINY * TINY;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * HUGE * HUGE : s * TINY * TINY;
    if (ix > 0x3ff00000) return hy > 0 ? s * HUGE * HUGE : s * TINY * TINY;
    // |1 − x| ≤ 2^−20: log by its series.
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = clearLow(u + v);
    t2 = v - (t1 - u);
  } else {
    n = 0;
    if (ix < 0x00100000) {
      ax *= TWO53;
      n -= 53;
      ix = hiWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    let k: number;
    if (j <= 0x3988e) k = 0;
    else if (j < 0xbb67a) k = 1;
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = fromWords(ix, loWord(ax));

    // ss = s_h + s_l = (x − 1)/(x + 1) or (x − 1.5)/(x + 1.5).
    const bp = BP[k];
    const u0 = ax - bp;
    const v0 = 1 / (ax + bp);
    const ss = u0 * v0;
    const sH = clearLow(ss);
    let tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);
    let tL = ax - (tH - bp);
    const sL = v0 * (u0 - sH * tH - sH * tL);
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = clearLow(3.0 + s2 + r);
    tL = r - (tH - 3.0 - s2);
    const u = sH * tH;
    const v = sL * tH + tL * ss;
    const pH = clearLow(u + v);
    const pL = v - (pH - u);
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + DP_L[k];
    // log2(ax) = n + dp_h + z_h + z_l.
    const t = n;
    t1 = clearLow(zH + zL + DP_H[k] + t);
    t2 = zL - (t1 - t - DP_H[k] - zH);
  }

  // (y1 + y2)·(t1 + t2) with y1 = y's high 32 bits.
  const y1 = clearLow(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  let j = hiWord(z);
  const i = loWord(z);
  if (j >= 0x40900000) {
    // z ≥ 1024.
    if (((j - 0x40900000) | i) !== 0) return s * HUGE * HUGE;
    if (pL + OVT > z - pH) return s * HUGE * HUGE;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075.
    if (((j - 0xc090cc00) | i) !== 0) return s * TINY * TINY;
    if (pL <= z - pH) return s * TINY * TINY;
  }

  // 2^(p_h + p_l).
  const ai = j & 0x7fffffff;
  let k = (ai >> 20) - 0x3ff;
  n = 0;
  if (ai > 0x3fe00000) {
    // |z| > 0.5: n = [z + 0.5].
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = clearLow(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2_ + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  const tq = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const r = (z * tq) / (tq - 2) - (w + z * w);
  z = 1 - (r - z);
  j = hiWord(z) + (n << 20);
  if (j >> 20 <= 0) z = scalbn(z, n);
  else z = fromWords(j, loWord(z));
  return s * z;
}
