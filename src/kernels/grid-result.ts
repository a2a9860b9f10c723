import type { GridResult } from './types.ts';

/** The {@link GridResult} of a VPNLS grid scan from its best flat index (−1: no finite cell), shared by both backends. */
export function gridResult(
  bestIndex: number,
  rss: number,
  E: number,
  A: number,
  B: number,
  alphas: Float64Array,
  betas: Float64Array,
  surface: Float64Array | null,
): GridResult {
  const nb = betas.length;
  const alphaIndex = bestIndex >= 0 ? Math.floor(bestIndex / nb) : -1;
  const betaIndex = bestIndex >= 0 ? bestIndex % nb : -1;
  return {
    bestIndex,
    alphaIndex,
    betaIndex,
    alpha: bestIndex >= 0 ? alphas[alphaIndex] : NaN,
    beta: bestIndex >= 0 ? betas[betaIndex] : NaN,
    rss,
    E,
    A,
    B,
    surface,
  };
}
