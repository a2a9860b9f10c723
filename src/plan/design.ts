/**
 * A sweep design: the budgets, runs per curve, grid half-width and centring
 * that {@link sampleIsoflops} (the experiments' sampling, specs/conventions.md §2)
 * turns into IsoFLOP runs, and what the design costs.
 */
import { sampleIsoflops, type IsoflopSamples } from '../sampling/isoflop.ts';
import type { SamplingBias } from '../sampling/center-offset.ts';
import type { LossSurface } from '../surface/loss-surface.ts';
import type { RandomSource } from '../util/random.ts';
import { linspace } from '../util/space.ts';
import type { BudgetRange, ResolvedPlanOptions } from './options.ts';

export interface SweepDesign {
  /** Budgets in FLOPs, ascending. */
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
  /** Grid width ±k×. */
  readonly widthFactor: number;
  /** Half-width W = log10 k of the grid in log10 N. */
  readonly W: number;
  readonly bias: SamplingBias;
}

/** `count` budgets log-spaced from `min` to `max`; the ends are exactly `min` and `max`. */
export function budgetsOf(range: BudgetRange): number[] {
  const e = linspace(Math.log10(range.min), Math.log10(range.max), range.count);
  const out = Array.from(e, (x) => Math.pow(10, x));
  out[0] = range.min;
  out[out.length - 1] = range.max;
  return out;
}

/** The design of the options, or the same design with another width and points per curve (the table). */
export function designOf(o: ResolvedPlanOptions, widthFactor = o.widthFactor, pointsPerCurve = o.pointsPerCurve): SweepDesign {
  return {
    budgets: budgetsOf(o.budgets),
    pointsPerCurve,
    widthFactor,
    W: Math.log10(widthFactor),
    bias: { centerScale: o.centerScale, driftRate: o.driftRate },
  };
}

/** Total training compute of the sweep: every run on budget C costs C FLOPs. */
export function sweepCompute(d: SweepDesign): number {
  let sum = 0;
  for (const C of d.budgets) sum += C;
  return sum * d.pointsPerCurve;
}

/** Runs of the design on `surface`; noise σ·z per run from `rng` in sample order when σ > 0. */
export function sampleDesign(surface: LossSurface, d: SweepDesign, noiseStd = 0, rng?: RandomSource): IsoflopSamples {
  return sampleIsoflops(surface, {
    budgets: d.budgets,
    pointsPerCurve: d.pointsPerCurve,
    W: d.W,
    bias: d.bias,
    noiseStd,
    ...(rng ? { rng } : {}),
  });
}
