/**
 * What the sweep planner takes: the design of an IsoFLOP sweep (budgets,
 * points per curve, grid width, centring), the noise of the final losses,
 * the target budget and the surface assumed to be true, plus the Monte Carlo
 * settings. Every field has a documented default; {@link resolvePlanOptions}
 * fills them in and checks every value with a message naming the field.
 * Defaults are the study's standard design (specs/conventions.md §2) on the
 * chinchilla surface (specs/conventions.md §1). Spec: specs/app.md.
 */
import { SURFACES, type SurfaceName } from '../surface/named-surfaces.ts';
import type { LossSurface } from '../surface/loss-surface.ts';
import { DEFAULT_SEED } from '../core/seed.ts';

/** A planner option with an unusable value; `field` names the option. */
export class PlanOptionsError extends RangeError {
  override name = 'PlanOptionsError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** IsoFLOP budgets: `count` values log-spaced from `min` to `max` FLOPs inclusive. */
export interface BudgetRange {
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

/** The assumed true surface: a named preset or five numbers. */
export type PlanSurface = SurfaceName | LossSurface;

export interface PlanOptions {
  /** Budgets of the sweep. Default {@link DEFAULT_PLAN_BUDGETS} (1e17 … 1e21, 5 budgets). */
  readonly budgets?: BudgetRange;
  /** Runs per IsoFLOP curve. Default 15. */
  readonly pointsPerCurve?: number;
  /** Grid width ±k×: N from N_centre/k to N_centre·k. Default 16 (the XL grid). */
  readonly widthFactor?: number;
  /** Constant centring offset: the grid centre sits this factor below N* (1 = centred; < 1 above). Default 1. */
  readonly centerScale?: number;
  /** Drift of the grid centre: log10 units below N* at the largest budget, 0 at the smallest. Default 0. */
  readonly driftRate?: number;
  /** Standard deviation of Gaussian noise on the final losses (nats). Default {@link DEFAULT_PLAN_NOISE}. */
  readonly noiseStd?: number;
  /** Budget (FLOPs) at which N* and D* are predicted. Default 1e24. */
  readonly targetCompute?: number;
  /** The surface assumed true. Default `'chinchilla'`. */
  readonly surface?: PlanSurface;
  /** Seed of the Monte Carlo noise (one xoshiro128** stream, specs/random.md). Default 42. */
  readonly seed?: number;
  /** Simulated sweeps of the chosen design. Default {@link DEFAULT_PLAN_REPLICATES}. */
  readonly replicates?: number;
  /** Central coverage of the reported error interval. Default 0.9. */
  readonly level?: number;
  /** Grid widths (±k×) of the design table. Default [2, 4, 8, 16]. */
  readonly tableWidths?: readonly number[];
  /** Points per curve of the design table. Default [5, 9, 15]. */
  readonly tablePoints?: readonly number[];
  /** Simulated sweeps per design of the table. Default {@link DEFAULT_TABLE_REPLICATES}. */
  readonly tableReplicates?: number;
  /** Tolerance on |N* error| and |D* error| (fraction) a design must meet across its interval. Default 0.05. */
  readonly tolerance?: number;
}

/** Every option filled in, the surface resolved to numbers. */
export interface ResolvedPlanOptions {
  readonly budgets: BudgetRange;
  readonly pointsPerCurve: number;
  readonly widthFactor: number;
  readonly centerScale: number;
  readonly driftRate: number;
  readonly noiseStd: number;
  readonly targetCompute: number;
  /** Preset name, or null for five numbers. */
  readonly surfaceName: SurfaceName | null;
  readonly surface: LossSurface;
  readonly seed: number;
  readonly replicates: number;
  readonly level: number;
  readonly tableWidths: readonly number[];
  readonly tablePoints: readonly number[];
  readonly tableReplicates: number;
  readonly tolerance: number;
}

export const DEFAULT_PLAN_BUDGETS: BudgetRange = Object.freeze({ min: 1e17, max: 1e21, count: 5 });
export const DEFAULT_PLAN_POINTS = 15;
export const DEFAULT_PLAN_WIDTH_FACTOR = 16;
/** Noise of final losses in nats: the order of seed-to-seed spread in real sweeps. */
export const DEFAULT_PLAN_NOISE = 0.005;
export const DEFAULT_PLAN_TARGET = 1e24;
export const DEFAULT_PLAN_SURFACE: SurfaceName = 'chinchilla';
export const DEFAULT_PLAN_SEED = DEFAULT_SEED;
/** Sized so the default plan (main run and table) takes about a second in a browser. */
export const DEFAULT_PLAN_REPLICATES = 100;
export const DEFAULT_PLAN_LEVEL = 0.9;
export const DEFAULT_TABLE_WIDTHS: readonly number[] = Object.freeze([2, 4, 8, 16]);
export const DEFAULT_TABLE_POINTS: readonly number[] = Object.freeze([5, 9, 15]);
export const DEFAULT_TABLE_REPLICATES = 20;
export const DEFAULT_PLAN_TOLERANCE = 0.05;
/** Upper limits that keep a plan from running for hours by a typo. */
export const MAX_PLAN_REPLICATES = 100_000;
export const MAX_PLAN_POINTS = 1000;
export const MAX_PLAN_BUDGETS = 100;

export const SURFACE_PRESETS: readonly SurfaceName[] = Object.keys(SURFACES) as SurfaceName[];

function positive(field: string, x: number): number {
  if (!(typeof x === 'number' && Number.isFinite(x) && x > 0)) throw new PlanOptionsError(`${field} must be a positive finite number, got ${x}`, field);
  return x;
}

function integer(field: string, x: number, lo: number, hi: number): number {
  if (!(Number.isInteger(x) && x >= lo && x <= hi)) throw new PlanOptionsError(`${field} must be an integer from ${lo} to ${hi}, got ${x}`, field);
  return x;
}

function widthFactor(field: string, x: number): number {
  if (!(Number.isFinite(x) && x > 1)) throw new PlanOptionsError(`${field} must be a number > 1 (±k× around the centre), got ${x}`, field);
  return x;
}

function resolveSurface(s: PlanSurface): { name: SurfaceName | null; surface: LossSurface } {
  if (typeof s === 'string') {
    if (!(s in SURFACES)) throw new PlanOptionsError(`surface "${s}" is not a preset; presets: ${SURFACE_PRESETS.join(', ')}`, 'surface');
    return { name: s, surface: SURFACES[s] };
  }
  const { E, A, B, alpha, beta } = s;
  if (!(Number.isFinite(E) && E >= 0)) throw new PlanOptionsError(`surface E must be a finite number ≥ 0, got ${E}`, 'surface.E');
  positive('surface.A', A);
  positive('surface.B', B);
  positive('surface.alpha', alpha);
  positive('surface.beta', beta);
  return { name: null, surface: { E, A, B, alpha, beta } };
}

/**
 * Fills in defaults and checks every value.
 * @throws PlanOptionsError naming the first unusable field
 */
export function resolvePlanOptions(o: PlanOptions = {}): ResolvedPlanOptions {
  const b = o.budgets ?? DEFAULT_PLAN_BUDGETS;
  positive('budgets.min', b.min);
  positive('budgets.max', b.max);
  integer('budgets.count', b.count, 2, MAX_PLAN_BUDGETS);
  if (!(b.max > b.min)) throw new PlanOptionsError(`budgets.max (${b.max}) must exceed budgets.min (${b.min})`, 'budgets.max');
  const { name, surface } = resolveSurface(o.surface ?? DEFAULT_PLAN_SURFACE);
  const noiseStd = o.noiseStd ?? DEFAULT_PLAN_NOISE;
  if (!(Number.isFinite(noiseStd) && noiseStd >= 0)) throw new PlanOptionsError(`noiseStd must be a finite number ≥ 0, got ${noiseStd}`, 'noiseStd');
  const driftRate = o.driftRate ?? 0;
  if (!Number.isFinite(driftRate)) throw new PlanOptionsError(`driftRate must be a finite number, got ${driftRate}`, 'driftRate');
  const level = o.level ?? DEFAULT_PLAN_LEVEL;
  if (!(level > 0 && level < 1)) throw new PlanOptionsError(`level must lie in (0, 1), got ${level}`, 'level');
  const tableWidths = [...(o.tableWidths ?? DEFAULT_TABLE_WIDTHS)];
  const tablePoints = [...(o.tablePoints ?? DEFAULT_TABLE_POINTS)];
  tableWidths.forEach((k, i) => widthFactor(`tableWidths[${i}]`, k));
  tablePoints.forEach((n, i) => integer(`tablePoints[${i}]`, n, 3, MAX_PLAN_POINTS));
  const seed = o.seed ?? DEFAULT_PLAN_SEED;
  if (!(Number.isSafeInteger(seed) && seed >= 0)) throw new PlanOptionsError(`seed must be a non-negative integer, got ${seed}`, 'seed');
  return {
    budgets: { min: b.min, max: b.max, count: b.count },
    pointsPerCurve: integer('pointsPerCurve', o.pointsPerCurve ?? DEFAULT_PLAN_POINTS, 3, MAX_PLAN_POINTS),
    widthFactor: widthFactor('widthFactor', o.widthFactor ?? DEFAULT_PLAN_WIDTH_FACTOR),
    centerScale: positive('centerScale', o.centerScale ?? 1),
    driftRate,
    noiseStd,
    targetCompute: positive('targetCompute', o.targetCompute ?? DEFAULT_PLAN_TARGET),
    surfaceName: name,
    surface,
    seed,
    replicates: integer('replicates', o.replicates ?? DEFAULT_PLAN_REPLICATES, 0, MAX_PLAN_REPLICATES),
    level,
    tableWidths,
    tablePoints,
    tableReplicates: integer('tableReplicates', o.tableReplicates ?? DEFAULT_TABLE_REPLICATES, 0, MAX_PLAN_REPLICATES),
    tolerance: positive('tolerance', o.tolerance ?? DEFAULT_PLAN_TOLERANCE),
  };
}
