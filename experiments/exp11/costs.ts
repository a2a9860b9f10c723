/**
 * Experiment 11 parts 2–4 on real IsoFLOP data: Approach 2's allocation
 * cost against fitted truth surfaces (specs/experiments.md §B.4), its bootstrap interval, and the
 * progressive QC filter (specs/experiments.md §B.7 reason groups).
 */
import { type Approach2Result, extrapolateApproach2, FitError, fitApproach2 } from '../../src/fit/index.ts';
import { excludeReasonGroups, QC_REASON_GROUP_ORDER, type QcReasonGroup, type QcResult } from '../shared/qc/index.ts';
import type { LossSurface } from '../../src/surface/index.ts';
import { createRandom, DEFAULT_RNG_KIND, type RngKind } from '../../src/util/random.ts';
import { flopsToUsd } from './cost.ts';
import { allocationCost, type AllocationCost } from '../../src/surface/allocation-cost.ts';
import { type DatasetRows, distinctBudgets, selectRows } from '../shared/real-data/datasets.ts';
import { percentile } from '../shared/real-data/quantile.ts';

/** Approach 2 on plain rows, grouped by the nominal budget. */
export function approach2OnRows(rows: DatasetRows): Approach2Result {
  return fitApproach2(rows.N, rows.D, rows.L, rows.budget);
}

/** specs/experiments.md §B.4 at C for the D* an Approach 2 fit extrapolates, against `truth`. */
export function approach2Cost(truth: LossSurface, fit: Approach2Result, C: number): AllocationCost & { dcl_usd: number } {
  const cost = allocationCost(truth, extrapolateApproach2(fit, C).D, C);
  return { ...cost, dcl_usd: flopsToUsd(cost.dcl_flops) };
}

/** Bootstrap draws of `dcl_flops`, one array per truth surface (successful resamples only). */
export interface BootstrapDcl {
  readonly nResamples: number;
  readonly nSuccessful: number;
  readonly seed: number;
  readonly dclFlops: number[][];
}

export interface BootstrapOptions {
  /** Called after every resample (progress). */
  onResample?: () => void;
  /** Generator kind; default DEFAULT_RNG_KIND of src/util/random.ts. */
  rng?: RngKind;
}

/**
 * Part 3: `nResamples` bootstrap resamples drawn within each budget (as many
 * rows as it has, with replacement, budgets ascending, from one generator
 * seeded by `seed`: numpy's `choice(rows of the budget, size=count)`, i.e.
 * `integers(count, count)` mapped to the rows); Approach 2 refitted on each
 * (a resample whose fit throws is skipped) and its `dcl_flops` at C computed
 * against every truth.
 */
export function bootstrapDcl(
  rows: DatasetRows,
  truths: readonly LossSurface[],
  C: number,
  nResamples: number,
  seed: number,
  options: BootstrapOptions = {},
): BootstrapDcl {
  const onResample = options.onResample ?? (() => undefined);
  const byBudget = distinctBudgets(rows.budget).map((c) => rows.budget.flatMap((b, i) => (b === c ? [i] : [])));
  const rng = createRandom(options.rng ?? DEFAULT_RNG_KIND, seed);
  const dclFlops: number[][] = truths.map(() => []);
  let nSuccessful = 0;
  for (let r = 0; r < nResamples; r++) {
    const idx: number[] = [];
    for (const members of byBudget) for (const k of rng.integers(members.length, members.length)) idx.push(members[k]);
    const sample: DatasetRows = {
      N: idx.map((i) => rows.N[i]),
      D: idx.map((i) => rows.D[i]),
      L: idx.map((i) => rows.L[i]),
      budget: idx.map((i) => rows.budget[i]),
    };
    let fit: Approach2Result;
    try {
      fit = approach2OnRows(sample);
    } catch (err) {
      if (err instanceof FitError) {
        onResample();
        continue;
      }
      throw err;
    }
    nSuccessful++;
    truths.forEach((t, k) => dclFlops[k].push(allocationCost(t, extrapolateApproach2(fit, C).D, C).dcl_flops));
    onResample();
  }
  return { nResamples, nSuccessful, seed, dclFlops };
}

/** The 5th–95th percentile interval (or other) of a bootstrap sample. */
export function bootstrapInterval(sample: readonly number[], percentiles: readonly [number, number]): [number, number] {
  return [percentile(sample, percentiles[0]), percentile(sample, percentiles[1])];
}

/** Cumulative levels of the progressive filter; level k excludes the first k reason groups. */
export const FILTER_LEVELS = ['raw', ...QC_REASON_GROUP_ORDER] as const;
export type FilterLevel = (typeof FILTER_LEVELS)[number];

/** One `progressive_filter.csv` row. */
export interface FilterRow {
  model: string;
  truth_method: string;
  level: FilterLevel;
  level_index: number;
  points_removed: number;
  points_remaining: number;
  budgets_removed: number;
  budgets_remaining: number;
  dcl_flops: number;
  dcl_pct: number;
  dcl_usd: number;
}

/** A truth surface of the progressive filter, named by its method column value. */
export interface NamedTruth {
  readonly method: string;
  readonly surface: LossSurface;
}

/**
 * Part 4: for each cumulative level, Approach 2 on the rows left after
 * excluding the level's reason groups, and specs/experiments.md §B.4 at C against every truth.
 * Rows are ordered truth-major, then by level; a level whose Approach 2 fit
 * throws gets empty DCL columns. `_removed` counts are relative to the
 * previous level (0 for `raw`).
 */
export function progressiveFilter(model: string, rows: DatasetRows, qc: Pick<QcResult, 'reason'>, truths: readonly NamedTruth[], C: number): FilterRow[] {
  const levels = FILTER_LEVELS.map((level, k) => {
    const keep = excludeReasonGroups(qc, QC_REASON_GROUP_ORDER.slice(0, k) as QcReasonGroup[]);
    const kept = selectRows(rows, keep);
    let fit: Approach2Result | null = null;
    try {
      fit = approach2OnRows(kept);
    } catch (err) {
      if (!(err instanceof FitError)) throw err;
    }
    return { level, k, points: kept.N.length, budgets: distinctBudgets(kept.budget).length, fit };
  });
  const out: FilterRow[] = [];
  for (const truth of truths) {
    levels.forEach((lv, k) => {
      const prev = k > 0 ? levels[k - 1] : lv;
      const cost = lv.fit ? approach2Cost(truth.surface, lv.fit, C) : null;
      out.push({
        model,
        truth_method: truth.method,
        level: lv.level,
        level_index: lv.k,
        points_removed: prev.points - lv.points,
        points_remaining: lv.points,
        budgets_removed: prev.budgets - lv.budgets,
        budgets_remaining: lv.budgets,
        dcl_flops: cost?.dcl_flops ?? NaN,
        dcl_pct: cost?.dcl_pct ?? NaN,
        dcl_usd: cost?.dcl_usd ?? NaN,
      });
    });
  }
  return out;
}
