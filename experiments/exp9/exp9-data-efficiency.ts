/**
 * Experiment 9: estimator efficiency under noise (specs/experiments.md §C.9).
 */
import { sampleIsoflops } from '../../src/sampling/index.ts';
import { exponentA, exponentB, SURFACES, type SurfaceName } from '../../src/surface/index.ts';
import { createRandom } from '../../src/util/random.ts';
import { logspace } from '../../src/util/space.ts';
import { EXP9_METHODS, type Exp9DatasetInput, type Exp9Method, fitExp9DatasetTask } from './fits.ts';
import { dataEfficiencyDetailedFigure, dataEfficiencyFigure } from './figures.ts';
import { EXP9_SEED_STUDY_COLUMNS, EXP9_TAILS_COLUMNS, type Exp9SeedRow, seedRows, seedStudySummary, tailRows } from './robust.ts';
import { EXP9_ESTIMATES_COLUMNS, EXP9_SUMMARY_COLUMNS, type Exp9EstimateRow, summaryRows } from './tables.ts';
import type { Artifacts, RunContext } from '../harness/types.ts';

export const id = 9;
export const title = 'Estimator efficiency under noise';
/** Consumes random numbers: summary.json records the generator. */
export const random = true;
export const hypothesis =
  'With centred sampling on a symmetric surface Approach 2 has no systematic bias, so only the spread of the ' +
  'recovered exponent separates the estimators: surface fits that use every point (VPNLS, Approach 3) estimate b ' +
  'with a smaller variance than per-budget parabolas.';

export interface Exp9Config {
  readonly surface: SurfaceName;
  readonly noiseLevels: readonly number[];
  /** Grid half-width factors k (W = log10 k). */
  readonly gridFactors: readonly number[];
  readonly nPointsValues: readonly number[];
  readonly nBudgetsValues: readonly number[];
  readonly trials: number;
  /** Smallest and largest budget; nb budgets are log-spaced between them inclusive. */
  readonly budgetRange: readonly [number, number];
  readonly methods: readonly Exp9Method[];
  /** Data sets per message to a worker. */
  readonly chunkSize: number;
  /**
   * Seeds of the multi-seed study: the full design is rerun with the
   * generator seeded by seed + k for k = 0 … seeds − 1 (k = 0 is the main
   * run, reused), keeping only pooled statistics per seed. 1 disables it.
   */
  readonly seeds: number;
  /** A data set is a loss for a method when its fit failed or |b̂ − b| exceeds this (0.05 = 10 % of b = 0.5). */
  readonly lossThreshold: number;
  /** Bootstrap resamples of the intervals of `tails.csv`. */
  readonly tailResamples: number;
  /** Coverage of those intervals. */
  readonly tailLevel: number;
  /** Method whose statistics divide the others' in the seed-study ratios. */
  readonly referenceMethod: Exp9Method;
}

export const defaultConfig: Exp9Config = {
  surface: 'symmetric',
  noiseLevels: [0.01, 0.02, 0.05],
  gridFactors: [2, 4, 8],
  nPointsValues: [21, 31, 41],
  nBudgetsValues: [3, 5, 7],
  trials: 10,
  budgetRange: [1e17, 1e21],
  methods: EXP9_METHODS,
  chunkSize: 10,
  seeds: 20,
  lossThreshold: 0.05,
  tailResamples: 1000,
  tailLevel: 0.9,
  referenceMethod: 'vpnls_lbfgsb_grad',
};

export const quickConfig: Exp9Config = { ...defaultConfig, trials: 1, chunkSize: 3, seeds: 3, tailResamples: 200 };

export interface Exp9Result {
  readonly nDatasets: number;
  /** One row per data set and method, in loop order σ, W, n, nb, trial, then method. */
  readonly estimates: Exp9EstimateRow[];
  /** Seed and generator of the main run (the bootstrap of `tails.csv` is seeded from them too). */
  readonly seed: number;
  readonly rng: RunContext['rng'];
  /** Pooled statistics per seed and method (the main run is seed index 0). */
  readonly seedStudy: Exp9SeedRow[];
}

/** The data sets and estimates of one run of the design, for the generator seeded by ctx.seed. */
export interface Exp9Design {
  readonly nDatasets: number;
  readonly estimates: Exp9EstimateRow[];
}

export async function run(config: Exp9Config, ctx: RunContext): Promise<Exp9Result> {
  if (!(Number.isInteger(config.seeds) && config.seeds >= 1)) throw new RangeError(`experiment 9: seeds must be a positive integer, got ${config.seeds}`);
  const main = await runDesign(config, ctx);
  const seedStudy = seedRows(0, ctx.seed, main.estimates, config.methods, config.lossThreshold);
  for (let k = 1; k < config.seeds; k++) {
    // Each further seed reruns the whole design; only its pooled statistics are kept.
    const seed = ctx.seed + k;
    const other = await runDesign(config, { ...ctx, seed }, `seed ${k + 1}/${config.seeds}`);
    seedStudy.push(...seedRows(k, seed, other.estimates, config.methods, config.lossThreshold));
  }
  return { ...main, seed: ctx.seed, rng: ctx.rng, seedStudy };
}

interface DatasetKey {
  readonly noise_std: number;
  readonly log_range: number;
  readonly n_points: number;
  readonly n_budgets: number;
  readonly trial: number;
}

export async function runDesign(config: Exp9Config, ctx: RunContext, label = 'data sets'): Promise<Exp9Design> {
  const surface = SURFACES[config.surface];
  const [cLo, cHi] = config.budgetRange.map(Math.log10);
  // One generator for everything, advancing through σ, W, n, nb, trial and, inside a data set, ascending
  // budgets (numpy: normal(0, σ, size=n) per budget); drawn here in loop order, so any --jobs gives the same data.
  const rng = createRandom(ctx.rng, ctx.seed);
  const keys: DatasetKey[] = [];
  const inputs: Exp9DatasetInput[] = [];
  for (const noiseStd of config.noiseLevels) {
    for (const k of config.gridFactors) {
      const W = Math.log10(k);
      for (const n of config.nPointsValues) {
        for (const nb of config.nBudgetsValues) {
          const budgets = Array.from(logspace(cLo, cHi, nb));
          for (let trial = 0; trial < config.trials; trial++) {
            const s = sampleIsoflops(surface, { W, budgets, pointsPerCurve: n, noiseStd, rng });
            keys.push({ noise_std: noiseStd, log_range: W, n_points: n, n_budgets: nb, trial });
            inputs.push({ ...s, methods: config.methods });
          }
        }
      }
    }
  }
  const outputs = await ctx.pool.map(fitExp9DatasetTask, inputs, { label, progress: ctx.progress, chunkSize: config.chunkSize });
  const aTrue = exponentA(surface);
  const bTrue = exponentB(surface);
  const estimates: Exp9EstimateRow[] = [];
  outputs.forEach((fits, i) => {
    for (const f of fits) {
      estimates.push({
        ...keys[i],
        method: f.method,
        a: f.a,
        b: f.b,
        a_err: f.a === null ? null : f.a - aTrue,
        b_err: f.b === null ? null : f.b - bTrue,
        failed: f.a === null,
      });
    }
  });
  return { nDatasets: inputs.length, estimates };
}

export function render(result: Exp9Result, config: Exp9Config): Artifacts {
  const summary = summaryRows(result.estimates, config.methods, config.noiseLevels);
  const pooled = summary.filter((r) => r.noise_std === 'all');
  const tails = tailRows(result.estimates, config.methods, config.noiseLevels, {
    lossThreshold: config.lossThreshold,
    resamples: config.tailResamples,
    level: config.tailLevel,
    rng: result.rng,
    seed: result.seed,
  });
  return {
    tables: {
      'estimates.csv': { columns: EXP9_ESTIMATES_COLUMNS, rows: result.estimates },
      'summary.csv': { columns: EXP9_SUMMARY_COLUMNS, rows: summary },
      'tails.csv': { columns: EXP9_TAILS_COLUMNS, rows: tails },
      'seed_study.csv': { columns: EXP9_SEED_STUDY_COLUMNS, rows: result.seedStudy },
    },
    figures: {
      data_efficiency: dataEfficiencyFigure(summary, config.methods, config.noiseLevels),
      data_efficiency_detailed: dataEfficiencyDetailedFigure(result.estimates, summary, config.methods, config.noiseLevels),
    },
    summary: {
      n_datasets: result.nDatasets,
      variance_b_err: Object.fromEntries(pooled.map((r) => [r.method, r.variance])),
      iqr_b_err: Object.fromEntries(pooled.map((r) => [r.method, r.iqr])),
      mad_b_err: Object.fromEntries(pooled.map((r) => [r.method, r.mad])),
      loss_threshold: config.lossThreshold,
      tail_ci_level: config.tailLevel,
      seed_study: seedStudySummary(result.seedStudy, config.methods, config.referenceMethod),
    },
  };
}
