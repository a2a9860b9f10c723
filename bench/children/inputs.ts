/**
 * The grid inputs of the child processes and workers, built exactly as
 * bench/data.ts builds them in the parent (same surface, W and sizes), so
 * the parent can check the children's answers against its own.
 */
import { prepareData, type PreparedData } from '../../src/kernels/index.ts';
import { sampleIsoflops } from '../../src/sampling/index.ts';
import { SURFACES } from '../../src/surface/index.ts';
import { linspace } from '../../src/util/space.ts';

export function gridInputs(side: number, n: number): { data: PreparedData; axis: Float64Array } {
  const s = sampleIsoflops(SURFACES.asymmetric, { W: Math.log10(8), pointsPerCurve: n / 5 });
  return { data: prepareData(s.N, s.D, s.L), axis: linspace(0.05, 0.95, side) };
}

/** Milliseconds since t0 (process.hrtime.bigint()). */
export const msSince = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
