import type { GridResult, PreparedData } from '../types.ts';
import { nnls3, STATS, type Nnls3Out } from './nnls3.ts';
import { padded, centredColumn, lossStats } from './columns.ts';

/**
 * TS twin of assembly/vpnls-grid.ts: the same separable algorithm (columns
 * once per α and per β, one cross sum per cell) without SIMD. Each cross sum
 * adds even and odd points separately and then the two, as the f64x2 lanes
 * do, so the twin reproduces the kernel's rounding.
 */
export function vpnlsGridTs(data: PreparedData, alphas: Float64Array, betas: Float64Array, withSurface: boolean): GridResult {
  const { n, lnN, lnD, L } = data;
  const na = alphas.length;
  const nb = betas.length;
  const nPad = padded(n);
  const xcols = new Float64Array(na * nPad);
  const ycols = new Float64Array(nb * nPad);
  const xstats = new Float64Array(na * STATS);
  const ystats = new Float64Array(nb * STATS);
  const [Lm, SLL, SL2] = lossStats(L, n);
  for (let a = 0; a < na; a++) centredColumn(lnN, L, Lm, n, alphas[a], xcols, a * nPad, xstats, a * STATS);
  for (let b = 0; b < nb; b++) centredColumn(lnD, L, Lm, n, betas[b], ycols, b * nPad, ystats, b * STATS);
  const surface = withSurface ? new Float64Array(na * nb) : null;
  const coef: Nnls3Out = { E: 0, A: 0, B: 0 };
  let bestRss = Infinity;
  let bestIdx = -1;
  let bE = 0, bA = 0, bB = 0;
  for (let a = 0; a < na; a++) {
    const xo = a * nPad;
    for (let b = 0; b < nb; b++) {
      const yo = b * nPad;
      let s0 = 0, s1 = 0;
      for (let i = 0; i < nPad; i += 2) {
        s0 += xcols[xo + i] * ycols[yo + i];
        s1 += xcols[xo + i + 1] * ycols[yo + i + 1];
      }
      const rss = nnls3(n, xstats, a * STATS, ystats, b * STATS, Lm, SLL, SL2, s0 + s1, coef);
      const idx = a * nb + b;
      if (surface) surface[idx] = rss;
      if (rss < bestRss || (rss === bestRss && idx < bestIdx)) {
        bestRss = rss; bestIdx = idx; bE = coef.E; bA = coef.A; bB = coef.B;
      }
    }
  }
  return gridResult(bestIdx, bestRss, bE, bA, bB, alphas, betas, surface);
}

/** Assemble a GridResult from the best index (shared by both backends). */
export function gridResult(
  bestIndex: number, rss: number, E: number, A: number, B: number,
  alphas: Float64Array, betas: Float64Array, surface: Float64Array | null,
): GridResult {
  const nb = betas.length;
  const alphaIndex = bestIndex >= 0 ? Math.floor(bestIndex / nb) : -1;
  const betaIndex = bestIndex >= 0 ? bestIndex % nb : -1;
  return {
    bestIndex, alphaIndex, betaIndex,
    alpha: bestIndex >= 0 ? alphas[alphaIndex] : NaN,
    beta: bestIndex >= 0 ? betas[betaIndex] : NaN,
    rss, E, A, B, surface,
  };
}
