/**
 * Sampling-centre bias (specs/conventions.md §2), in log10 N units:
 * offset(C) = −log10(centerScale) − driftRate·f(C),
 * f(C) = (log10 C − log10 Cmin)/(log10 Cmax − log10 Cmin), 0 for one budget.
 */
export interface SamplingBias {
  /** Drift of the N-centre across budgets, log10 units at the largest budget. Default 0. */
  readonly driftRate: number;
  /** Constant factor by which the N-centre sits below N*. Default 1. */
  readonly centerScale: number;
}

export const NO_BIAS: SamplingBias = Object.freeze({ driftRate: 0, centerScale: 1 });

/** The standard bias set and the centred/offset/drift biases of experiments 10–11. */
export const BIASES = {
  baseline: { driftRate: 0, centerScale: 1 },
  'drift_0.2': { driftRate: 0.2, centerScale: 1 },
  'drift_0.4': { driftRate: 0.4, centerScale: 1 },
  'scale_1.5': { driftRate: 0, centerScale: 1.5 },
  'scale_2.0': { driftRate: 0, centerScale: 2.0 },
  centered: { driftRate: 0, centerScale: 1 },
  offset_3x: { driftRate: 0, centerScale: 3 },
  drift_3x: { driftRate: Math.log10(3), centerScale: 1 },
} as const satisfies Record<string, SamplingBias>;

export type BiasName = keyof typeof BIASES;

/** The five biases of the standard set, in order. */
export const STANDARD_BIAS_NAMES = ['baseline', 'drift_0.2', 'drift_0.4', 'scale_1.5', 'scale_2.0'] as const;

/** offset(C) in log10 N units for budget C within [cMin, cMax]. */
export function centerOffset(bias: SamplingBias, C: number, cMin: number, cMax: number): number {
  const span = Math.log10(cMax) - Math.log10(cMin);
  const f = span === 0 ? 0 : (Math.log10(C) - Math.log10(cMin)) / span;
  return -Math.log10(bias.centerScale) - bias.driftRate * f;
}
