/**
 * Experiment 9's robust statistics (specs/experiments.md §C.9,
 * "Heavy tails"): the tail of |b̂ − b| with bootstrap
 * intervals, failures counted as losses, and the multi-seed study that shows
 * how much the pooled variance and its ratio move from one seed to the next.
 */
import { createRandom, type RngKind } from '../../src/util/random.ts';
import { bootstrapCi, iqr, mad, mean, populationVariance, quantile, quantileSorted, sortedAscending } from '../../src/util/stats.ts';
import type { Exp9Method } from './fits.ts';
import type { Exp9EstimateRow } from './tables.ts';

/** Upper quantiles of |b̂ − b| reported with bootstrap intervals. */
export const TAIL_QUANTILES = [
  { key: 'p99', q: 0.99 },
  { key: 'p999', q: 0.999 },
] as const;

export const EXP9_TAILS_COLUMNS = [
  'method',
  'noise_std',
  'n_datasets',
  'n_failed',
  'median_abs_b_err',
  ...TAIL_QUANTILES.flatMap(({ key }) => [`${key}_abs_b_err`, `${key}_abs_b_err_low`, `${key}_abs_b_err_high`]),
  'max_abs_b_err',
  'loss_threshold',
  'n_loss',
  'loss_rate',
  'loss_rate_low',
  'loss_rate_high',
] as const;

export interface TailOptions {
  /** A data set is a loss when the fit failed or |b̂ − b| exceeds this. */
  readonly lossThreshold: number;
  /** Bootstrap resamples per interval. */
  readonly resamples: number;
  /** Coverage of the bootstrap intervals. */
  readonly level: number;
  /** Generator of the bootstrap draws (seeded once for the whole table). */
  readonly rng: RngKind;
  readonly seed: number;
}

export type Exp9TailRow = Record<(typeof EXP9_TAILS_COLUMNS)[number], number | string>;

function tailRow(
  method: Exp9Method,
  noiseStd: number | 'all',
  rows: readonly Exp9EstimateRow[],
  o: TailOptions,
  rng: ReturnType<typeof createRandom>,
): Exp9TailRow {
  const abs = rows.filter((r) => !r.failed).map((r) => Math.abs(r.b_err!));
  const nFailed = rows.length - abs.length;
  // Failures count as losses: the indicator is 1 for a failed fit or a miss beyond the threshold.
  const loss: number[] = rows.map((r) => (r.failed || Math.abs(r.b_err!) > o.lossThreshold ? 1 : 0));
  const opts = { resamples: o.resamples, level: o.level };
  const out: Record<string, number | string> = {
    method,
    noise_std: noiseStd,
    n_datasets: rows.length,
    n_failed: nFailed,
    median_abs_b_err: quantile(abs, 0.5),
  };
  for (const { key, q } of TAIL_QUANTILES) {
    const ci = bootstrapCi(abs, (s) => quantile(s, q), rng, opts);
    out[`${key}_abs_b_err`] = ci.estimate;
    out[`${key}_abs_b_err_low`] = ci.low;
    out[`${key}_abs_b_err_high`] = ci.high;
  }
  const lossCi = bootstrapCi(loss, mean, rng, opts);
  const sorted = sortedAscending(abs);
  out.max_abs_b_err = sorted.length > 0 ? sorted[sorted.length - 1] : NaN;
  out.loss_threshold = o.lossThreshold;
  out.n_loss = loss.reduce((s, v) => s + v, 0);
  out.loss_rate = lossCi.estimate;
  out.loss_rate_low = lossCi.low;
  out.loss_rate_high = lossCi.high;
  return out as Exp9TailRow;
}

/** `tails.csv`: per method and noise level (then `all`), upper quantiles of |b̂ − b| and the loss rate with bootstrap intervals. */
export function tailRows(estimates: readonly Exp9EstimateRow[], methods: readonly Exp9Method[], noiseLevels: readonly number[], o: TailOptions): Exp9TailRow[] {
  const rng = createRandom(o.rng, o.seed);
  const out: Exp9TailRow[] = [];
  for (const method of methods) {
    const mine = estimates.filter((r) => r.method === method);
    for (const sigma of noiseLevels)
      out.push(
        tailRow(
          method,
          sigma,
          mine.filter((r) => r.noise_std === sigma),
          o,
          rng,
        ),
      );
    out.push(tailRow(method, 'all', mine, o, rng));
  }
  return out;
}

export const EXP9_SEED_STUDY_COLUMNS = ['seed_index', 'seed', 'method', 'n', 'n_failed', 'variance', 'iqr', 'mad', 'p99_abs_b_err', 'n_loss'] as const;

/** One `seed_study.csv` row: pooled statistics of one method over one seed's full design. */
export interface Exp9SeedRow {
  readonly seed_index: number;
  readonly seed: number;
  readonly method: Exp9Method;
  readonly n: number;
  readonly n_failed: number;
  readonly variance: number;
  readonly iqr: number;
  readonly mad: number;
  readonly p99_abs_b_err: number;
  readonly n_loss: number;
}

/** Pooled statistics of b̂ − b per method for one seed (non-failed fits; losses include failures). */
export function seedRows(
  seedIndex: number,
  seed: number,
  estimates: readonly Exp9EstimateRow[],
  methods: readonly Exp9Method[],
  lossThreshold: number,
): Exp9SeedRow[] {
  return methods.map((method) => {
    const mine = estimates.filter((r) => r.method === method);
    const errs = mine.filter((r) => !r.failed).map((r) => r.b_err!);
    const abs = sortedAscending(errs.map(Math.abs));
    return {
      seed_index: seedIndex,
      seed,
      method,
      n: errs.length,
      n_failed: mine.length - errs.length,
      variance: populationVariance(errs),
      iqr: iqr(errs),
      mad: mad(errs),
      p99_abs_b_err: quantileSorted(abs, 0.99),
      n_loss: mine.filter((r) => r.failed || Math.abs(r.b_err!) > lossThreshold).length,
    };
  });
}

/** Median and 10–90 % range across seeds (type-7 quantiles, SEED_RANGE_QUANTILES). */
export interface AcrossSeeds {
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

/** Quantiles of the across-seed range (`p10`, `p90`). */
export const SEED_RANGE_QUANTILES = [0.1, 0.9] as const;

export function acrossSeeds(values: readonly number[]): AcrossSeeds {
  const s = sortedAscending(values);
  const [lo, hi] = SEED_RANGE_QUANTILES;
  return { median: quantileSorted(s, 0.5), p10: quantileSorted(s, lo), p90: quantileSorted(s, hi), min: s[0], max: s[s.length - 1] };
}

const STUDY_STATS = ['variance', 'iqr', 'mad', 'p99_abs_b_err', 'n_failed'] as const;
const RATIO_STATS = ['variance', 'iqr', 'mad'] as const;

/**
 * The `seed_study` summary: per method the across-seed distribution of each
 * pooled statistic, and per other method the distribution of the per-seed
 * ratio (other / reference) of variance, IQR and MAD, with the share of
 * seeds where the ratio exceeds 1.
 */
export function seedStudySummary(rows: readonly Exp9SeedRow[], methods: readonly Exp9Method[], reference: Exp9Method): Record<string, unknown> {
  const seeds = [...new Set(rows.map((r) => r.seed))];
  const of = (m: Exp9Method) => seeds.map((s) => rows.find((r) => r.seed === s && r.method === m)!);
  const perMethod = Object.fromEntries(methods.map((m) => [m, Object.fromEntries(STUDY_STATS.map((k) => [k, acrossSeeds(of(m).map((r) => r[k]))]))]));
  const ref = of(reference);
  const ratios = Object.fromEntries(
    methods
      .filter((m) => m !== reference)
      .map((m) => {
        const mine = of(m);
        return [
          `${m}_over_${reference}`,
          Object.fromEntries(
            RATIO_STATS.map((k) => {
              const r = mine.map((row, i) => row[k] / ref[i][k]);
              return [k, { ...acrossSeeds(r), share_above_1: r.filter((v) => v > 1).length / r.length }];
            }),
          ),
        ];
      }),
  );
  return { n_seeds: seeds.length, seeds, reference, methods: perMethod, ratios };
}
