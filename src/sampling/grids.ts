import { linspace } from '../util/space.ts';

/** Fitting budgets of specs/conventions.md §2: 1e17 … 1e21 FLOPs, one per decade. */
export const DEFAULT_BUDGETS: readonly number[] = Object.freeze([1e17, 1e18, 1e19, 1e20, 1e21]);

/** Points per IsoFLOP curve unless an experiment says otherwise. */
export const DEFAULT_POINTS_PER_CURVE = 15;

/**
 * A sampling grid: the model sizes of each IsoFLOP curve span ±factor× around
 * the curve's centre, half-width W = log10(factor) decades. Not the VPNLS
 * exponent grid (`ExponentGrid`) nor the Approach 3 seed grid (`SeedGrid5`).
 */
export interface SamplingGrid {
  readonly factor: number;
  readonly W: number;
}

/** Named sampling grids XS, S, L, XL: ±2×, ±4×, ±8×, ±16×. */
export const NAMED_GRIDS = {
  XS: { factor: 2, W: Math.log10(2) },
  S: { factor: 4, W: Math.log10(4) },
  L: { factor: 8, W: Math.log10(8) },
  XL: { factor: 16, W: Math.log10(16) },
} as const satisfies Record<string, SamplingGrid>;

/** Name of a named sampling grid. */
export type SamplingGridName = keyof typeof NAMED_GRIDS;

/** The width sweep of experiments 1–5: 20 values of W linearly spaced from 0.3 to 2.0. */
export const W_SWEEP_MIN = 0.3;
export const W_SWEEP_MAX = 2.0;
export const W_SWEEP_COUNT = 20;

/** W for sweep index i: 0.3 + i·(1.7/19). */
export function sweepWidth(i: number): number {
  return W_SWEEP_MIN + i * ((W_SWEEP_MAX - W_SWEEP_MIN) / (W_SWEEP_COUNT - 1));
}

/** All 20 sweep widths. */
export function widthSweep(): Float64Array {
  return linspace(W_SWEEP_MIN, W_SWEEP_MAX, W_SWEEP_COUNT);
}

/** Sweep indices of the "narrow", "medium" and "wide" grids. */
export const RANGE_NAMES = { narrow: 0, medium: 10, wide: 19 } as const;
