/**
 * Benchmark inputs, all seeded: IsoFLOP samples of the asymmetric surface
 * (5 budgets × n/5 points, W = log10 8, no noise) and random (N, D) points
 * for the loss evaluation.
 */
import type { Library } from './library.ts';
import type { PreparedData } from '../src/kernels/index.ts';

/** Seed of every random input of the benchmark. */
export const BENCH_SEED = 20240611;
/** Budgets of the IsoFLOP samples (the default five). */
export const BUDGETS = 5;

export interface Isoflop {
  readonly N: Float64Array;
  readonly D: Float64Array;
  readonly L: Float64Array;
  readonly C: Float64Array;
  readonly data: PreparedData;
  /** Σ L², the scale of grid RSS rounding. */
  readonly sumL2: number;
}

const isoflopCache = new Map<number, Isoflop>();

/** n = 5 × (points per curve) IsoFLOP points of SURFACES.asymmetric. */
export function isoflop(lib: Library, n: number): Isoflop {
  const hit = isoflopCache.get(n);
  if (hit) return hit;
  if (n % BUDGETS !== 0) throw new RangeError(`isoflop: n = ${n} must be a multiple of ${BUDGETS}`);
  const s = lib.sampling.sampleIsoflops(lib.surface.SURFACES.asymmetric, { W: Math.log10(8), pointsPerCurve: n / BUDGETS });
  let sumL2 = 0;
  for (const l of s.L) sumL2 += l * l;
  const value = { ...s, data: lib.kernels.prepareData(s.N, s.D, s.L), sumL2 };
  isoflopCache.set(n, value);
  return value;
}

/** m random points with N in [1e7, 1e11] and D in [1e9, 1e13], log-uniform. */
export function lossPoints(lib: Library, m: number): { N: Float64Array; D: Float64Array } {
  const rng = new lib.rng.Rng(BENCH_SEED);
  const N = new Float64Array(m);
  const D = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    N[i] = Math.pow(10, 7 + 4 * rng.uniform());
    D[i] = Math.pow(10, 9 + 4 * rng.uniform());
  }
  return { N, D };
}

/** The exponent axis of the grids: linspace(0.05, 0.95, side), as fitVpnls uses. */
export function axis(lib: Library, side: number): Float64Array {
  return lib.space.linspace(0.05, 0.95, side);
}
