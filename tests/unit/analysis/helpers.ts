import { prepareData, type PreparedData } from '../../../src/kernels/index.ts';
import { sampleIsoflops } from '../../../src/sampling/index.ts';
import type { LossSurface } from '../../../src/surface/index.ts';
import { Rng } from '../../../src/util/rng.ts';

/** Noise-free (or seeded-noise) centred IsoFLOP data: 5 budgets × 15 points. */
export function isoflopData(surface: LossSurface, W: number, noiseStd = 0, seed = 1): PreparedData {
  const s = sampleIsoflops(surface, noiseStd > 0 ? { W, noiseStd, rng: new Rng(seed) } : { W });
  return prepareData(s.N, s.D, s.L);
}

export function truthOf(s: LossSurface): Float64Array {
  return Float64Array.of(s.E, s.A, s.B, s.alpha, s.beta);
}

export function maxAbs(H: readonly (readonly number[])[]): number {
  return Math.max(...H.flat().map(Math.abs));
}

export function maxAbsDiff(P: readonly (readonly number[])[], Q: readonly (readonly number[])[]): number {
  let m = 0;
  P.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - Q[i][j])))));
  return m;
}

export function relErrors(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, k) => Math.abs(x / b[k] - 1));
}
