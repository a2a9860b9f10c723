// Batch evaluation of L(N, D) = E + A·N^−α + B·D^−β, and the 5-parameter
// model's RSS with its analytic gradient.
//
// Each point's two powers N^−α = exp(−α·lnN) and D^−β = exp(−β·lnD) come
// from one call of the fdlibm exp on two lanes (columns.ts), bit-identical
// to V8's Math.exp that the TypeScript twin uses; AssemblyScript's Math.exp
// (musl) differs in the last bit on some arguments, and Approach 3 can
// amplify one such bit into a different optimum (specs/kernels.md).
import { expLanes, expPair } from './columns';
import { logF64x2, logScalar } from './simd-math';

// N^−α = exp(−α·ln N) with fdlibm's log and exp on two points at a time
// (simd-math.ts, columns.ts); the twin does Math.exp(−α·Math.log(N)), the
// same bits. Against a correctly rounded pow this is off by about |α·ln N|
// ulps of N^−α (the rounding of −α·ln N, scaled by exp), see specs/kernels.md.
// Chunks of CHUNK points: the logs first, into a static buffer, then the
// exps; one loop doing both ran ≈ 3× slower in V8 (measured 64 against
// 23 ns per point), the two inlined routines in one body spill registers.
const CHUNK: i32 = 256;
const LOGS: usize = memory.data(CHUNK * 16, 16);

export function lossBatch(N: usize, D: usize, out: usize, n: i32, E: f64, A: f64, B: f64, alpha: f64, beta: f64): void {
  const m2 = n & ~1;
  const ev = f64x2.splat(E), av = f64x2.splat(A), bv = f64x2.splat(B);
  const na = f64x2.splat(-alpha), nb = f64x2.splat(-beta);
  const lnD = LOGS + (<usize>CHUNK << 3);
  for (let c = 0; c < m2; c += CHUNK) {
    const bytes = <usize>min(CHUNK, m2 - c) << 3;
    const at = <usize>c << 3;
    for (let off: usize = 0; off < bytes; off += 16) {
      v128.store(LOGS + off, logF64x2(v128.load(N + at + off)));
      v128.store(lnD + off, logF64x2(v128.load(D + at + off)));
    }
    for (let off: usize = 0; off < bytes; off += 16) {
      const x = expLanes(f64x2.mul(na, v128.load(LOGS + off)));
      const y = expLanes(f64x2.mul(nb, v128.load(lnD + off)));
      v128.store(out + at + off, f64x2.add(f64x2.add(ev, f64x2.mul(av, x)), f64x2.mul(bv, y)));
    }
  }
  if (m2 != n) {
    const tail = <usize>m2 << 3;
    const e = expPair(-alpha * logScalar(load<f64>(N + tail)), -beta * logScalar(load<f64>(D + tail)));
    store<f64>(out + tail, E + A * f64x2.extract_lane(e, 0) + B * f64x2.extract_lane(e, 1));
  }
}

// Prediction of the 5-parameter model at p = [E, A, B, α, β] from logs.
// @ts-ignore: decorator
@inline
export function predict(p: usize, lnN: f64, lnD: f64): f64 {
  const e = expPair(-load<f64>(p + 24) * lnN, -load<f64>(p + 32) * lnD);
  return load<f64>(p) + load<f64>(p + 8) * f64x2.extract_lane(e, 0) + load<f64>(p + 16) * f64x2.extract_lane(e, 1);
}

// RSS Σ (L − f)² at p; when grad ≠ 0 also writes its analytic gradient (5 f64).
export function rss5(lnN: usize, lnD: usize, L: usize, n: i32, p: usize, grad: usize): f64 {
  const E = load<f64>(p), A = load<f64>(p + 8), B = load<f64>(p + 16), al = load<f64>(p + 24), be = load<f64>(p + 32);
  let rss: f64 = 0, gE: f64 = 0, gA: f64 = 0, gB: f64 = 0, gal: f64 = 0, gbe: f64 = 0;
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    const ln = load<f64>(lnN + off), ld = load<f64>(lnD + off);
    const e = expPair(-al * ln, -be * ld);
    const x = f64x2.extract_lane(e, 0), y = f64x2.extract_lane(e, 1);
    const r = load<f64>(L + off) - (E + A * x + B * y);
    rss += r * r;
    gE += r; gA += r * x; gB += r * y; gal += r * ln * x; gbe += r * ld * y;
  }
  if (grad != 0) {
    store<f64>(grad, -2 * gE);
    store<f64>(grad + 8, -2 * gA);
    store<f64>(grad + 16, -2 * gB);
    store<f64>(grad + 24, 2 * A * gal);
    store<f64>(grad + 32, 2 * B * gbe);
  }
  return rss;
}
