/**
 * Experiment 7: exponent inference from few, noisy points (specs/experiments.md §C.7).
 */
import { BIASES, type BiasName, type IsoflopSamples, sampleIsoflops } from '../../src/sampling/index.ts';
import { exponentA, exponentB, SURFACES, type SurfaceName } from '../../src/surface/index.ts';
import { createRandom } from '../../src/util/random.ts';
import { logspace } from '../../src/util/space.ts';
import { EXP7_METHODS, type Exp7Fit, type Exp7Method, type Exp7RepeatInput, fitExp7RepeatTask } from './fits.ts';
import { errorsFigure, exponentInferenceFigure, isoflopCurvesFigure } from './figures.ts';
import {
  byConditionRow,
  EXP7_BY_CONDITION_COLUMNS,
  EXP7_FITS_COLUMNS,
  EXP7_METHOD_COMPARISON_ALL_COLUMNS,
  type Exp7FitRow,
  methodComparisonRow,
} from './tables.ts';
import type { Artifacts, RunContext } from '../harness/types.ts';

export const id = 7;
export const title = 'Exponent inference from few, noisy points';
/** Consumes random numbers: summary.json records the generator. */
export const random = true;
export const hypothesis =
  'With noisy losses, few points per curve and few budgets, VPNLS recovers the allocation exponents a and b ' +
  'at least as reliably as Approach 2 and far more reliably than direct 5-parameter Approach 3, whose worst ' +
  'cases (random starts above all) are off by large factors.';

export interface Exp7Config {
  readonly surface: SurfaceName;
  /** Grid half-width factor k (W = log10 k). */
  readonly gridFactor: number;
  readonly bias: BiasName;
  readonly noiseLevels: readonly number[];
  readonly nBudgetsValues: readonly number[];
  readonly nPointsValues: readonly number[];
  readonly repeats: number;
  /** Smallest and largest budget; nb budgets are log-spaced between them inclusive. */
  readonly budgetRange: readonly [number, number];
  /** L-BFGS-B `maxiter` of every Approach 3 and VPNLS fit. */
  readonly maxiter: number;
  readonly methods: readonly Exp7Method[];
  /** The `isoflop_curves` figure: budgets and points of its one sample per σ. */
  readonly curveBudgets: number;
  readonly curvePoints: number;
  /** Noise levels shown in the `exponent_inference_errors` figure. */
  readonly errorFigureNoise: readonly number[];
  /** Repeats per task sent to a worker. */
  readonly chunkSize: number;
  /** Bootstrap resamples (of the fits) behind the intervals of the pooled quantiles in `method_comparison.csv`. */
  readonly bootstrapResamples: number;
  /** Coverage of those intervals. */
  readonly bootstrapLevel: number;
}

export const defaultConfig: Exp7Config = {
  surface: 'asymmetric',
  gridFactor: 8,
  bias: 'drift_3x',
  noiseLevels: [0.05, 0.1, 0.2],
  nBudgetsValues: [2, 3, 4],
  nPointsValues: [4, 8, 16, 32],
  repeats: 256,
  budgetRange: [1e17, 1e21],
  maxiter: 1000,
  methods: EXP7_METHODS,
  curveBudgets: 4,
  curvePoints: 16,
  errorFigureNoise: [0.05, 0.2],
  chunkSize: 16,
  bootstrapResamples: 1000,
  bootstrapLevel: 0.9,
};

export const quickConfig: Exp7Config = { ...defaultConfig, repeats: 8, chunkSize: 4, bootstrapResamples: 200 };

/** One noisy sample per σ for the `isoflop_curves` figure. */
export interface Exp7CurveSample {
  readonly noiseStd: number;
  readonly samples: { N: number[]; D: number[]; L: number[]; C: number[] };
}

export interface Exp7Result {
  readonly aTrue: number;
  readonly bTrue: number;
  /** Ordered by noise_std, n_budgets, n_points, repeat, method. */
  readonly fits: Exp7FitRow[];
  readonly curves: Exp7CurveSample[];
  /** Seed and generator of the run; the bootstrap of the pooled quantiles is seeded from them. */
  readonly seed: number;
  readonly rng: RunContext['rng'];
}

/** nb budgets log-spaced over the configured range, inclusive. */
export function conditionBudgets(config: Exp7Config, nb: number): number[] {
  return Array.from(logspace(Math.log10(config.budgetRange[0]), Math.log10(config.budgetRange[1]), nb));
}

const plain = (s: IsoflopSamples) => ({ N: Array.from(s.N), D: Array.from(s.D), L: Array.from(s.L), C: Array.from(s.C) });

export async function run(config: Exp7Config, ctx: RunContext): Promise<Exp7Result> {
  const surface = SURFACES[config.surface];
  const W = Math.log10(config.gridFactor);
  const bias = BIASES[config.bias];
  const inputs: Exp7RepeatInput[] = [];
  for (const noiseStd of config.noiseLevels) {
    for (const nb of config.nBudgetsValues) {
      const budgets = conditionBudgets(config, nb);
      for (let r = 0; r < config.repeats; r++) {
        inputs.push({
          surface,
          W,
          bias,
          budgets,
          noiseStd,
          nPointsValues: config.nPointsValues,
          seed: ctx.seed + r,
          rng: ctx.rng,
          maxiter: config.maxiter,
          methods: config.methods,
        });
      }
    }
  }
  const outputs = await ctx.pool.map(fitExp7RepeatTask, inputs, { label: 'repeats (σ × nb × r)', progress: ctx.progress, chunkSize: config.chunkSize });

  const aTrue = exponentA(surface);
  const bTrue = exponentB(surface);
  const pct = (x: number | null, t: number) => (x === null ? null : (100 * (x - t)) / t);
  const fits: Exp7FitRow[] = [];
  let k = 0;
  for (const noiseStd of config.noiseLevels) {
    for (const nb of config.nBudgetsValues) {
      const block: Exp7Fit[][] = outputs.slice(k, k + config.repeats);
      k += config.repeats;
      for (const nPoints of config.nPointsValues) {
        block.forEach((repeatFits, repeat) => {
          for (const f of repeatFits) {
            if (f.nPoints !== nPoints) continue;
            fits.push({
              noise_std: noiseStd,
              n_budgets: nb,
              n_points: nPoints,
              repeat,
              method: f.method,
              a: f.a,
              b: f.b,
              a_err_pct: pct(f.a, aTrue),
              b_err_pct: pct(f.b, bTrue),
              status: f.status ?? '',
              failed: f.failed,
            });
          }
        });
      }
    }
  }

  const curves = config.noiseLevels.map((noiseStd) => ({
    noiseStd,
    samples: plain(
      sampleIsoflops(surface, {
        W,
        budgets: conditionBudgets(config, config.curveBudgets),
        pointsPerCurve: config.curvePoints,
        bias,
        noiseStd,
        rng: createRandom(ctx.rng, ctx.seed),
      }),
    ),
  }));
  return { aTrue, bTrue, fits, curves, seed: ctx.seed, rng: ctx.rng };
}

export function render(result: Exp7Result, config: Exp7Config): Artifacts {
  const byCondition: Array<Record<string, number | string>> = [];
  for (const noiseStd of config.noiseLevels) {
    for (const nb of config.nBudgetsValues) {
      const cell = result.fits.filter((f) => f.noise_std === noiseStd && f.n_budgets === nb);
      for (const method of config.methods)
        byCondition.push(
          byConditionRow(
            noiseStd,
            nb,
            method,
            cell.filter((f) => f.method === method),
          ),
        );
    }
  }
  const settings = { nNoiseLevels: config.noiseLevels.length, nBudgetSettings: config.nBudgetsValues.length, nPointsSettings: config.nPointsValues.length };
  const boot = { rng: createRandom(result.rng, result.seed), resamples: config.bootstrapResamples, level: config.bootstrapLevel };
  const comparison = config.methods.map((m) =>
    methodComparisonRow(
      m,
      result.fits.filter((f) => f.method === m),
      settings,
      boot,
    ),
  );
  const surface = SURFACES[config.surface];
  return {
    tables: {
      'fits.csv': { columns: EXP7_FITS_COLUMNS, rows: result.fits },
      'by_condition.csv': { columns: EXP7_BY_CONDITION_COLUMNS, rows: byCondition },
      'method_comparison.csv': { columns: EXP7_METHOD_COMPARISON_ALL_COLUMNS, rows: comparison },
    },
    figures: {
      exponent_inference: exponentInferenceFigure(result.fits, comparison),
      exponent_inference_errors: errorsFigure(result.fits, config),
      isoflop_curves: isoflopCurvesFigure(result.curves, surface, Math.log10(config.gridFactor), BIASES[config.bias]),
    },
    summary: {
      n_repeats: config.repeats,
      noise_levels: config.noiseLevels,
      n_budgets_values: config.nBudgetsValues,
      n_points_values: config.nPointsValues,
      gmean_abs_err_pct: Object.fromEntries(comparison.map((c) => [c.method, c.gmean_abs_err_pct])),
      p99_abs_err_pct: Object.fromEntries(comparison.map((c) => [c.method, c.p99_abs_err_pct])),
      bootstrap: { resamples: config.bootstrapResamples, level: config.bootstrapLevel },
    },
  };
}
