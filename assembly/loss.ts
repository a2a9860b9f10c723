// Batch evaluation of L(N, D) = E + A·N^−α + B·D^−β, and the 5-parameter
// model's RSS with its analytic gradient.
//
// Each point's two powers N^−α = exp(−α·lnN) and D^−β = exp(−β·lnD) come
// from one call of the fdlibm exp on two lanes (columns.ts), bit-identical
// to V8's Math.exp that the TypeScript twin uses; AssemblyScript's Math.exp
// (musl) differs in the last bit on some arguments, and Approach 3 can
// amplify one such bit into a different optimum (specs/kernels.md).
import { expPair } from './columns';

export function lossBatch(N: usize, D: usize, out: usize, n: i32, E: f64, A: f64, B: f64, alpha: f64, beta: f64): void {
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    store<f64>(out + off, E + A * Math.pow(load<f64>(N + off), -alpha) + B * Math.pow(load<f64>(D + off), -beta));
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
