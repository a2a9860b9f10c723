/**
 * Experiment 7's worker task (specs/experiments.md §C.7): one repeat of one
 * (σ, nb) condition. The repeat's generator is seeded from (seed + r); for
 * each n in the given order it draws the noise of the budgets in ascending
 * budget order, then spawns one child generator for the random start of
 * `approach3_naive`, and fits every method to the same points. With the
 * numpy generator this is the original's draw order (specs/random.md).
 */
import { bestGridPoint, grid4, InvalidInputError, type FitStatus } from '../../src/fit/index.ts';
import { isFitFailure, METHODS } from '../../src/fit/methods.ts';
import { getKernels, type PreparedData, prepareData } from '../../src/kernels/index.ts';
import { type IsoflopSamples, type SamplingBias, sampleIsoflops } from '../../src/sampling/index.ts';
import type { LossSurface } from '../../src/surface/index.ts';
import { createRandom, type RandomSource, type RngKind } from '../../src/util/random.ts';
import { defineTask } from '../../src/util/worker-pool.ts';

/** Method identifiers of experiment 7 (specs/experiments.md §B.8), in table order. */
export const EXP7_METHODS = ['approach2', 'approach3_naive', 'approach3', 'approach3_lse_logloss', 'vpnls_lbfgsb_grad'] as const;
export type Exp7Method = (typeof EXP7_METHODS)[number];

/** Display labels of specs/experiments.md §C.7. */
export const EXP7_METHOD_LABELS: Readonly<Record<Exp7Method, string>> = {
  approach2: 'Approach 2',
  approach3_naive: 'Approach 3, random start',
  approach3: 'Approach 3, grid start (4⁵)',
  approach3_lse_logloss: 'Approach 3, grid start, LSE + log-loss (4⁵)',
  vpnls_lbfgsb_grad: 'VPNLS (analytic gradient)',
};

export interface Exp7RepeatInput {
  readonly surface: LossSurface;
  readonly W: number;
  readonly bias: SamplingBias;
  /** Budgets of this condition, ascending. */
  readonly budgets: readonly number[];
  readonly noiseStd: number;
  /** Points per curve, in the order the repeat's generator visits them. */
  readonly nPointsValues: readonly number[];
  /** Seed of the repeat's generator: run seed + r. */
  readonly seed: number;
  /** Generator kind (`--rng`). */
  readonly rng: RngKind;
  /** L-BFGS-B iteration limit of every Approach 3 and VPNLS fit. */
  readonly maxiter: number;
  readonly methods: readonly Exp7Method[];
}

/** One fit: estimates and status, or a failure (thrown fit) with nulls. */
export interface Exp7Fit {
  readonly nPoints: number;
  readonly method: Exp7Method;
  readonly a: number | null;
  readonly b: number | null;
  /** `converged` for a successful Approach 2 fit (a direct solve); null when failed. */
  readonly status: FitStatus | null;
  readonly failed: boolean;
}

/**
 * The grid-seeded Approach 3 variants share one seed: the 4⁵ grid point of
 * least RSS on L whatever the objective (specs/experiments.md §B.8), so it is computed once per
 * data set and handed over as the start point (same result as `start: grid`).
 */
function gridSeed(data: PreparedData): LossSurface | Error {
  const g = bestGridPoint(data, grid4(), getKernels());
  if (!Number.isFinite(g.rss)) return new InvalidInputError('approach3: no point of the seed grid gave a finite RSS', 'data');
  return g.surface;
}

function fitOne(
  method: Exp7Method,
  s: IsoflopSamples,
  data: PreparedData,
  seed: () => LossSurface | Error,
  child: RandomSource,
  maxiter: number,
): { a: number; b: number; status: FitStatus } {
  const startPoint = (): LossSurface => {
    const start = seed();
    if (start instanceof Error) throw start;
    return start;
  };
  switch (method) {
    case 'approach2': {
      const r = METHODS.approach2.fit(s);
      return { a: r.a, b: r.b, status: 'converged' };
    }
    case 'approach3_naive':
      return METHODS.approach3_naive.fit(data, { rng: child, maxiter });
    case 'approach3':
    case 'approach3_lse_logloss':
      return METHODS[method].fit(data, { startPoint: startPoint(), maxiter });
    case 'vpnls_lbfgsb_grad':
      return METHODS.vpnls_lbfgsb_grad.fit(data, { maxiter });
  }
}

/** Fits every method for every n of one repeat; fits ordered by n, then method. */
export function fitExp7Repeat(input: Exp7RepeatInput): Exp7Fit[] {
  const rng = createRandom(input.rng, input.seed);
  const out: Exp7Fit[] = [];
  for (const nPoints of input.nPointsValues) {
    const s = sampleIsoflops(input.surface, {
      W: input.W,
      budgets: input.budgets,
      pointsPerCurve: nPoints,
      bias: input.bias,
      noiseStd: input.noiseStd,
      rng,
    });
    const child = rng.spawn();
    const data = prepareData(s.N, s.D, s.L);
    let cached: LossSurface | Error | undefined;
    const seed = () => (cached ??= gridSeed(data));
    for (const method of input.methods) {
      try {
        const r = fitOne(method, s, data, seed, child, input.maxiter);
        out.push({ nPoints, method, a: r.a, b: r.b, status: r.status, failed: false });
      } catch (err) {
        if (!isFitFailure(err)) throw err;
        out.push({ nPoints, method, a: null, b: null, status: null, failed: true });
      }
    }
  }
  return out;
}

export const fitExp7RepeatTask = defineTask(import.meta.url, 'fitExp7Repeat', fitExp7Repeat);
