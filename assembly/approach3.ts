// Approach 3 kernels (specs/kernels.md, "Approach 3"): the seed grid
// evaluated from per-α and per-β power columns, and the fused 5-D objective
// with its analytic gradient for every objective of src/fit/approach3-objective.ts.
// Both repeat the operations of the per-point path in the same order, so
// every RSS, objective value and gradient is bit-identical to it and to the
// TypeScript twin (src/kernels/twin/approach3.ts).
import { expPair } from './columns';
import { rss5 } from './loss';
import { logScalar } from './simd-math';

// Bytes of scratch a3Grid needs: one column of n powers per α and per β.
export function a3GridScratchBytes(n: i32, na: i32, nb: i32): f64 {
  return <f64>n * <f64>(na + nb) * 8;
}

// The 5-D grid's point of least RSS Σ (L − (E + A·x + B·y))², x = N^−α,
// y = D^−β, with the index in E-major order (E, A, B, α, β; ties: the first).
// out: [index or −1, rss]. E values are taken two at a time on f64x2 lanes
// (each lane's sum runs over the points in order, as the per-point rss5 does).
export function a3Grid(
  lnN: usize, lnD: usize, L: usize, n: i32,
  Es: usize, nE: i32, As: usize, nA: i32, Bs: usize, nB: i32, als: usize, na: i32, bes: usize, nb: i32,
  scratch: usize, out: usize,
): void {
  const row = <usize>n << 3;
  const xs = scratch;
  const ys = scratch + <usize>na * row;
  // Columns pair by pair with the same exp as rss5 (expPair: lane 0 = N^−α, lane 1 = D^−β).
  const nc = max(na, nb);
  for (let c = 0; c < nc; c++) {
    const a = c < na ? load<f64>(als + (<usize>c << 3)) : 0.0;
    const b = c < nb ? load<f64>(bes + (<usize>c << 3)) : 0.0;
    for (let i = 0; i < n; i++) {
      const off = <usize>i << 3;
      const e = expPair(-a * load<f64>(lnN + off), -b * load<f64>(lnD + off));
      if (c < na) store<f64>(xs + <usize>c * row + off, f64x2.extract_lane(e, 0));
      if (c < nb) store<f64>(ys + <usize>c * row + off, f64x2.extract_lane(e, 1));
    }
  }
  let best: f64 = Infinity;
  let bestIdx: i32 = -1;
  const strideA = nB * na * nb;
  const strideE = nA * strideA;
  for (let i3 = 0; i3 < na; i3++) {
    const x = xs + <usize>i3 * row;
    for (let i4 = 0; i4 < nb; i4++) {
      const y = ys + <usize>i4 * row;
      for (let i1 = 0; i1 < nA; i1++) {
        const A = load<f64>(As + (<usize>i1 << 3));
        for (let i2 = 0; i2 < nB; i2++) {
          const B = load<f64>(Bs + (<usize>i2 << 3));
          const cell = (i1 * nB + i2) * na * nb + i3 * nb + i4;
          for (let i0 = 0; i0 < nE; i0 += 2) {
            const two = i0 + 1 < nE;
            const e0 = load<f64>(Es + (<usize>i0 << 3));
            const ev = f64x2.replace_lane(f64x2.splat(e0), 1, two ? load<f64>(Es + (<usize>(i0 + 1) << 3)) : e0);
            let acc = f64x2.splat(0);
            for (let i = 0; i < n; i++) {
              const off = <usize>i << 3;
              const ax = A * load<f64>(x + off);
              const by = B * load<f64>(y + off);
              const r = f64x2.sub(f64x2.splat(load<f64>(L + off)), f64x2.add(f64x2.add(ev, f64x2.splat(ax)), f64x2.splat(by)));
              acc = f64x2.add(acc, f64x2.mul(r, r));
            }
            // Keep the first least in E-major order whatever order cells are visited in.
            const r0 = f64x2.extract_lane(acc, 0);
            const idx0 = i0 * strideE + cell;
            if (r0 < best || (r0 == best && idx0 < bestIdx)) { best = r0; bestIdx = idx0; }
            if (two) {
              const r1 = f64x2.extract_lane(acc, 1);
              const idx1 = idx0 + strideE;
              if (r1 < best || (r1 == best && idx1 < bestIdx)) { best = r1; bestIdx = idx1; }
            }
          }
        }
      }
    }
  }
  store<f64>(out, <f64>bestIdx);
  store<f64>(out + 8, best);
}

export const A3_NATURAL: i32 = 0;
export const A3_LSE: i32 = 1;

// The Approach 3 objective at θ (5 f64) with its gradient into grad (5 f64).
// lse: (E, A, B) = exp(θ0..2); logScale: r = ln L − ln L̂, else L − L̂;
// huber: ρ = r²/2 within δ, δ·(|r| − δ/2) beyond, else r² (delta ignored).
// Natural squared error on L is rss5 itself, as in the TypeScript path.
export function a3Objective(lnN: usize, lnD: usize, L: usize, n: i32, par: i32, logScale: bool, huber: bool, delta: f64, theta: usize, grad: usize): f64 {
  if (par == A3_NATURAL && !logScale && !huber) return rss5(lnN, lnD, L, n, theta, grad);
  const lse = par == A3_LSE;
  const dl: f64 = huber ? delta : Infinity;
  let E = load<f64>(theta), A = load<f64>(theta + 8), B = load<f64>(theta + 16);
  if (lse) {
    const eab = expPair(E, A);
    E = f64x2.extract_lane(eab, 0);
    A = f64x2.extract_lane(eab, 1);
    B = f64x2.extract_lane(expPair(B, B), 0);
  }
  const al = load<f64>(theta + 24), be = load<f64>(theta + 32);
  let f: f64 = 0, g0: f64 = 0, g1: f64 = 0, g2: f64 = 0, g3: f64 = 0, g4: f64 = 0;
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    const ln = load<f64>(lnN + off), ld = load<f64>(lnD + off);
    const e = expPair(-al * ln, -be * ld);
    const x = f64x2.extract_lane(e, 0), y = f64x2.extract_lane(e, 1);
    const tx = A * x;
    const ty = B * y;
    const pred = E + tx + ty;
    let r: f64, drdPred: f64;
    if (logScale) {
      r = logScalar(load<f64>(L + off)) - logScalar(pred);
      drdPred = -1 / pred;
    } else {
      r = load<f64>(L + off) - pred;
      drdPred = -1;
    }
    let psi: f64;
    if (Math.abs(r) <= dl) {
      f += huber ? 0.5 * r * r : r * r;
      psi = huber ? r : 2 * r;
    } else {
      f += dl * (Math.abs(r) - 0.5 * dl);
      psi = r > 0 ? dl : -dl;
    }
    const w = psi * drdPred;
    g0 += w * (lse ? E : 1);
    g1 += w * (lse ? tx : x);
    g2 += w * (lse ? ty : y);
    g3 -= w * tx * ln;
    g4 -= w * ty * ld;
  }
  store<f64>(grad, g0);
  store<f64>(grad + 8, g1);
  store<f64>(grad + 16, g2);
  store<f64>(grad + 24, g3);
  store<f64>(grad + 32, g4);
  return f;
}
