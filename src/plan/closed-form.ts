/**
 * Approach 2's error at the target without noise: the closed form of
 * specs/approach2-bias.md (exact under centred sampling; depends only on α, β,
 * W and n, the same numbers experiment 6 reports), and a noise-free simulated
 * Approach 2 fit of the design, which also covers an off-centre or drifting grid.
 */
import { approach2Bias } from '../fit/approach2-bias.ts';
import { extrapolateApproach2, fitApproach2 } from '../fit/approach2.ts';
import { dOpt, nOpt, type LossSurface } from '../surface/loss-surface.ts';
import { sampleDesign, type SweepDesign } from './design.ts';

/** Relative errors N̂*⁄N* − 1 and D̂*⁄D* − 1 at the target (fractions). */
export interface AllocationError {
  readonly N: number;
  readonly D: number;
}

export interface Approach2Bias {
  /** Vertex shift δw of every IsoFLOP parabola (log10 N units), centred sampling. */
  readonly deltaW: number;
  /** Closed form, centred sampling: 10^δw − 1 and 10^(−δw) − 1 at every budget. */
  readonly closedForm: AllocationError;
  /** True when the design is centred, so the closed form is exact for it. */
  readonly centred: boolean;
  /** Approach 2 fitted to the noise-free runs of the design, extrapolated to the target; null with why when it cannot be fitted. */
  readonly noiseFree: AllocationError | null;
  readonly noiseFreeError: string | null;
}

/** Relative errors of an allocation (N, D) at C against the truth. */
export function allocationError(truth: LossSurface, C: number, N: number, D: number): AllocationError {
  return { N: N / nOpt(truth, C) - 1, D: D / dOpt(truth, C) - 1 };
}

export function approach2DesignBias(truth: LossSurface, d: SweepDesign, targetCompute: number): Approach2Bias {
  const p = approach2Bias(truth, d.W, d.pointsPerCurve);
  let noiseFree: AllocationError | null = null;
  let noiseFreeError: string | null = null;
  try {
    const s = sampleDesign(truth, d);
    const at = extrapolateApproach2(fitApproach2(s.N, s.D, s.L, s.C), targetCompute);
    noiseFree = allocationError(truth, targetCompute, at.N, at.D);
  } catch (e) {
    noiseFreeError = e instanceof Error ? e.message : String(e);
  }
  return {
    deltaW: p.deltaW,
    closedForm: { N: p.interceptError, D: p.extrapolationError },
    centred: d.bias.centerScale === 1 && d.bias.driftRate === 0,
    noiseFree,
    noiseFreeError,
  };
}
