/**
 * Experiment 11 part 3's Monte Carlo spread: the 100-resample bootstrap
 * interval is itself random, so the whole bootstrap is repeated with the
 * generator seeded by seed + k (k = 0 … seeds − 1; k = 0 is the reported
 * bootstrap) and the across-seed range of each interval end is reported.
 */
import type { LossSurface } from '../../src/surface/index.ts';
import type { RngKind } from '../../src/util/random.ts';
import { quantile } from '../../src/util/stats.ts';
import { flopsToUsd } from './cost.ts';
import { type BootstrapDcl, bootstrapDcl, bootstrapInterval } from './costs.ts';
import type { DatasetRows } from '../shared/real-data/datasets.ts';

/** Across-seed summary of one interval end. */
export interface SeedRange {
  readonly min: number;
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
  readonly max: number;
}

export interface IntervalSpread {
  readonly ci_low_flops: SeedRange;
  readonly ci_high_flops: SeedRange;
  readonly ci_low_pct: SeedRange;
  readonly ci_high_pct: SeedRange;
  readonly ci_low_usd: SeedRange;
  readonly ci_high_usd: SeedRange;
}

export interface BootstrapSpread {
  readonly n_seeds: number;
  readonly seeds: number[];
  readonly n_resamples: number;
  /** Per truth (in the order given), the spread of the interval ends across seeds. */
  readonly truths: IntervalSpread[];
}

function seedRange(values: readonly number[]): SeedRange {
  return { min: Math.min(...values), p10: quantile(values, 0.1), median: quantile(values, 0.5), p90: quantile(values, 0.9), max: Math.max(...values) };
}

/**
 * Repeats the part 3 bootstrap for seeds seed + 1 … seed + seeds − 1 and,
 * with `main` (the bootstrap at `seed`) as the first, summarises the
 * percentile-interval ends per truth across seeds. `C` also converts FLOPs
 * to a share of the budget.
 */
export function bootstrapSpread(
  rows: DatasetRows,
  truths: readonly LossSurface[],
  C: number,
  main: BootstrapDcl,
  options: { seeds: number; rng: RngKind; percentiles: readonly [number, number] },
): BootstrapSpread {
  if (!(Number.isInteger(options.seeds) && options.seeds >= 1)) throw new RangeError(`bootstrapSpread: seeds must be a positive integer, got ${options.seeds}`);
  const runs = [main];
  for (let k = 1; k < options.seeds; k++) runs.push(bootstrapDcl(rows, truths, C, main.nResamples, main.seed + k, { rng: options.rng }));
  const spread = truths.map((_, t) => {
    const ends = runs.filter((b) => b.nSuccessful > 0).map((b) => bootstrapInterval(b.dclFlops[t], options.percentiles));
    const lo = ends.map((e) => e[0]);
    const hi = ends.map((e) => e[1]);
    return {
      ci_low_flops: seedRange(lo),
      ci_high_flops: seedRange(hi),
      ci_low_pct: seedRange(lo.map((v) => (100 * v) / C)),
      ci_high_pct: seedRange(hi.map((v) => (100 * v) / C)),
      ci_low_usd: seedRange(lo.map(flopsToUsd)),
      ci_high_usd: seedRange(hi.map(flopsToUsd)),
    };
  });
  return { n_seeds: runs.length, seeds: runs.map((b) => b.seed), n_resamples: main.nResamples, truths: spread };
}
