// fdlibm's log (e_log.c, as in V8's base/ieee754.cc) on one value and on
// two f64x2 lanes (exp is in columns.ts). V8's Math.log is this routine, so
// a kernel using these gets the TypeScript twin's bits; AssemblyScript's
// Math.log (musl) rounds differently on some arguments.

const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const TWO54: f64 = 1.80143985094819840000e+16;
const LG1: f64 = 6.666666666666735130e-01;
const LG2: f64 = 3.999999999940941908e-01;
const LG3: f64 = 2.857142874366239149e-01;
const LG4: f64 = 2.222219843214978396e-01;
const LG5: f64 = 1.818357216161805012e-01;
const LG6: f64 = 1.531383769920937332e-01;
const LG7: f64 = 1.479819860511658591e-01;

// fdlibm e_log.c, statement for statement.
export function logScalar(x0: f64): f64 {
  let x = x0;
  let bits = reinterpret<u64>(x);
  let hx = <i32>(bits >> 32);
  const lx = <u32>bits;
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((<u32>hx & 0x7fffffff) | lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    bits = reinterpret<u64>(x);
    hx = <i32>(bits >> 32);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  x = reinterpret<f64>((<u64>(hx | (i0 ^ 0x3ff00000)) << 32) | (reinterpret<u64>(x) & 0xffffffff));
  k += i0 >> 20;
  const f = x - 1.0;
  const dk = <f64>k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f == 0) {
      if (k == 0) return 0;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const R0 = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R0;
    return dk * LN2_HI - ((R0 - dk * LN2_LO) - f);
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
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

// Constants as f64x2 pairs in memory (a v128 constant is rebuilt at every
// use inside a loop by V8; a load is one instruction; columns.ts measured it).
const KL: usize = memory.data<f64>([
  LN2_HI, LN2_HI, LN2_LO, LN2_LO, LG1, LG1, LG2, LG2, // 0, 16, 32, 48
  LG3, LG3, LG4, LG4, LG5, LG5, LG6, LG6, LG7, LG7, // 64, 80, 96, 112, 128
  1.0, 1.0, 2.0, 2.0, 0.5, 0.5, // 144, 160, 176
  6755399441055744.0, 6755399441055744.0, // 192: 1.5·2^52, for i64 → f64 of small integers
]);
// @ts-ignore: decorator
@inline
function kl(offset: usize): v128 {
  return v128.load(KL + offset);
}

// log on both lanes for normal positive finite x (high word in
// [0x00100000, 0x7ff00000)); other lanes go through logScalar. On that range
// fdlibm's k = 0 formulas equal the general ones (dk·ln2 terms are +0 and
// f − X = −(X − f) exactly), so the two remaining paths (i > 0 or not) are
// lane selects; the |f| < 2^−20 path is taken by logScalar for the lane.
// @ts-ignore: decorator
@inline
export function logF64x2(x: v128): v128 {
  const hi = i64x2.shr_s(x, 32); // high word, sign-extended, per lane
  const h0 = i64x2.extract_lane(hi, 0), h1 = i64x2.extract_lane(hi, 1);
  // The scalar path for specials and for the tiny-f branch (fraction near 1 or 2 within 2^−20).
  if (<u64>(h0 - 0x00100000) >= <u64>(0x7ff00000 - 0x00100000) || <u64>(h1 - 0x00100000) >= <u64>(0x7ff00000 - 0x00100000)
    || (0x000fffff & (2 + <i32>h0)) < 3 || (0x000fffff & (2 + <i32>h1)) < 3) {
    return f64x2.replace_lane(f64x2.splat(logScalar(f64x2.extract_lane(x, 0))), 1, logScalar(f64x2.extract_lane(x, 1)));
  }
  const frac = v128.and(hi, i64x2.splat(0x000fffff)); // hx & 0xfffff
  const i0 = v128.and(i64x2.add(frac, i64x2.splat(0x95f64)), i64x2.splat(0x100000));
  // k = (hx >> 20) − 1023 + (i0 >> 20)
  const k = i64x2.add(i64x2.sub(i64x2.shr_s(hi, 20), i64x2.splat(1023)), i64x2.shr_s(i0, 20));
  const newHi = v128.or(frac, v128.xor(i0, i64x2.splat(0x3ff00000)));
  const xn = v128.or(i64x2.shl(newHi, 32), v128.and(x, i64x2.splat(0xffffffff)));
  const f = f64x2.sub(xn, kl(144));
  // dk: k + 1.5·2^52 as a double, minus 1.5·2^52 (exact for |k| < 2^51).
  const dk = f64x2.sub(i64x2.add(kl(192), k), kl(192));
  const s = f64x2.div(f, f64x2.add(kl(160), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, f64x2.add(kl(48), f64x2.mul(w, f64x2.add(kl(80), f64x2.mul(w, kl(112))))));
  const t2 = f64x2.mul(z, f64x2.add(kl(32), f64x2.mul(w, f64x2.add(kl(64), f64x2.mul(w, f64x2.add(kl(96), f64x2.mul(w, kl(128))))))));
  // i = (hx − 0x6147a) | (0x6b851 − hx) > 0, on the fraction bits.
  const sel = i64x2.gt_s(v128.or(i64x2.sub(frac, i64x2.splat(0x6147a)), i64x2.sub(i64x2.splat(0x6b851), frac)), i64x2.splat(0));
  const R = f64x2.add(t2, t1);
  const hfsq = f64x2.mul(f64x2.mul(kl(176), f), f);
  const dkHi = f64x2.mul(dk, kl(0));
  const dkLo = f64x2.mul(dk, kl(16));
  const a = f64x2.sub(dkHi, f64x2.sub(f64x2.sub(hfsq, f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), dkLo)), f));
  const b = f64x2.sub(dkHi, f64x2.sub(f64x2.sub(f64x2.mul(s, f64x2.sub(f, R)), dkLo), f));
  return v128.bitselect(a, b, sel);
}
