import type { Approach3Axes, Approach3GridBest, Approach3Mode, PreparedData } from '../types.ts';
import { rss5Ts } from './loss.ts';

/**
 * TS twin of assembly/approach3.ts a3Grid: the power columns N^−α and D^−β
 * once per axis value, then every candidate's RSS with the operations of
 * rss5 in the same order, so each RSS is bit-identical to rss5's.
 */
export function approach3GridTs(data: PreparedData, g: Approach3Axes): Approach3GridBest {
  const { n, lnN, lnD, L } = data;
  const xs = Array.from(g.alpha, (a) => Float64Array.from(lnN, (ln) => Math.exp(-a * ln)));
  const ys = Array.from(g.beta, (b) => Float64Array.from(lnD, (ld) => Math.exp(-b * ld)));
  let best = Infinity;
  let index = -1;
  let at = 0;
  for (const E of g.E) {
    for (const A of g.A) {
      for (const B of g.B) {
        for (const x of xs) {
          for (const y of ys) {
            let rss = 0;
            for (let i = 0; i < n; i++) {
              const r = L[i] - (E + A * x[i] + B * y[i]);
              rss += r * r;
            }
            if (rss < best) {
              best = rss;
              index = at;
            }
            at++;
          }
        }
      }
    }
  }
  return { index, rss: best };
}

/**
 * TS twin of assembly/approach3.ts a3Objective, and the reference of the
 * per-point objective in src/fit/approach3-objective.ts (same operations in
 * the same order). Huber: ρ(r) = r²/2 for |r| ≤ δ, δ·(|r| − δ/2) beyond.
 */
export function approach3ObjectiveTs(data: PreparedData, mode: Approach3Mode, theta: Float64Array, grad: Float64Array): number {
  const { lse, logScale, huberDelta } = mode;
  if (!lse && !logScale && huberDelta === null) return rss5Ts(data, theta, grad);
  const { n, lnN, lnD, L } = data;
  const huber = huberDelta !== null;
  const delta = huberDelta ?? Infinity;
  const E = lse ? Math.exp(theta[0]) : theta[0];
  const A = lse ? Math.exp(theta[1]) : theta[1];
  const B = lse ? Math.exp(theta[2]) : theta[2];
  const al = theta[3];
  const be = theta[4];
  let f = 0;
  let g0 = 0,
    g1 = 0,
    g2 = 0,
    g3 = 0,
    g4 = 0;
  for (let i = 0; i < n; i++) {
    const x = Math.exp(-al * lnN[i]);
    const y = Math.exp(-be * lnD[i]);
    const tx = A * x;
    const ty = B * y;
    const pred = E + tx + ty;
    let r: number;
    let drdPred: number;
    if (logScale) {
      r = Math.log(L[i]) - Math.log(pred);
      drdPred = -1 / pred;
    } else {
      r = L[i] - pred;
      drdPred = -1;
    }
    let psi: number;
    if (Math.abs(r) <= delta) {
      f += huber ? 0.5 * r * r : r * r;
      psi = huber ? r : 2 * r;
    } else {
      f += delta * (Math.abs(r) - 0.5 * delta);
      psi = r > 0 ? delta : -delta;
    }
    const w = psi * drdPred;
    g0 += w * (lse ? E : 1);
    g1 += w * (lse ? tx : x);
    g2 += w * (lse ? ty : y);
    g3 -= w * tx * lnN[i];
    g4 -= w * ty * lnD[i];
  }
  grad[0] = g0;
  grad[1] = g1;
  grad[2] = g2;
  grad[3] = g3;
  grad[4] = g4;
  return f;
}
