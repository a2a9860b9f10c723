/**
 * One simulated Approach 2 run (specs/experiments.md §B.2): sample a surface on
 * IsoFLOP curves, fit Approach 2, and compare exponents, intercepts and
 * per-budget optima with the truth.
 */
import { type Approach2Result, fitApproach2 } from '../../src/fit/approach2.ts';
import { type IsoflopSamples, type SamplingBias, sampleIsoflops } from '../../src/sampling/index.ts';
import { dOpt, exponentA, exponentB, intercepts, type LossSurface, nOpt } from '../../src/surface/index.ts';
import type { Rng } from '../../src/util/rng.ts';

export interface Approach2RunSpec {
  readonly surface: LossSurface;
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
  readonly bias: SamplingBias;
  /** Grid half-width in log10 N units. */
  readonly W: number;
  /** Gaussian noise on L; default 0 (noise-free). */
  readonly noiseStd?: number;
  readonly rng?: Rng;
}

/** True allocation exponents and log10 intercepts: a = β/(α+β), b = α/(α+β), a0, b0 (specs/experiments.md §B.2). */
export interface AllocationTruth {
  readonly a: number;
  readonly b: number;
  readonly a0: number;
  readonly b0: number;
}

export function allocationTruth(s: LossSurface): AllocationTruth {
  const { a0, b0 } = intercepts(s);
  return { a: exponentA(s), b: exponentB(s), a0, b0 };
}

/** 100·(x − truth)/truth. */
export function errPct(x: number, truth: number): number {
  return (100 * (x - truth)) / truth;
}

/** Intercept error 100·(x − truth)/|truth| (specs/experiments.md §A.4). */
export function interceptErrPct(x: number, truth: number): number {
  return (100 * (x - truth)) / Math.abs(truth);
}

/** Exponent and intercept estimates with their truths and errors (exp 1 `sweep.csv` columns from `a` on). */
export interface Approach2ParamRow {
  a: number;
  a_true: number;
  a_err_pct: number;
  b: number;
  b_true: number;
  b_err_pct: number;
  a0: number;
  a0_true: number;
  a0_err_pct: number;
  b0: number;
  b0_true: number;
  b0_err_pct: number;
}

/** Per-budget optimum estimates (exp 1 `optima.csv` columns from `budget` on). */
export interface Approach2OptimumRow {
  budget: number;
  n_opt_true: number;
  n_opt_hat: number;
  n_opt_err_pct: number;
  n_opt_err_abs: number;
  d_opt_true: number;
  d_opt_hat: number;
  d_opt_err_pct: number;
  d_opt_err_abs: number;
}

export interface Approach2Run {
  readonly spec: Approach2RunSpec;
  readonly samples: IsoflopSamples;
  readonly fit: Approach2Result;
  readonly truth: AllocationTruth;
  readonly params: Approach2ParamRow;
  readonly optima: Approach2OptimumRow[];
}

/** Compare an Approach 2 fit with the truth of `surface` (specs/experiments.md §B.2). */
export function approach2Errors(
  surface: LossSurface,
  fit: Approach2Result,
): { truth: AllocationTruth; params: Approach2ParamRow; optima: Approach2OptimumRow[] } {
  const truth = allocationTruth(surface);
  const params: Approach2ParamRow = {
    a: fit.a,
    a_true: truth.a,
    a_err_pct: errPct(fit.a, truth.a),
    b: fit.b,
    b_true: truth.b,
    b_err_pct: errPct(fit.b, truth.b),
    a0: fit.a0,
    a0_true: truth.a0,
    a0_err_pct: interceptErrPct(fit.a0, truth.a0),
    b0: fit.b0,
    b0_true: truth.b0,
    b0_err_pct: interceptErrPct(fit.b0, truth.b0),
  };
  const optima = fit.budgets.map((g): Approach2OptimumRow => {
    const nTrue = nOpt(surface, g.C);
    const dTrue = dOpt(surface, g.C);
    return {
      budget: g.C,
      n_opt_true: nTrue,
      n_opt_hat: g.nOpt,
      n_opt_err_pct: errPct(g.nOpt, nTrue),
      n_opt_err_abs: g.nOpt - nTrue,
      d_opt_true: dTrue,
      d_opt_hat: g.dOpt,
      d_opt_err_pct: errPct(g.dOpt, dTrue),
      d_opt_err_abs: g.dOpt - dTrue,
    };
  });
  return { truth, params, optima };
}

/** Sample, fit and compare (specs/experiments.md §B.2). Throws the fit's typed error if Approach 2 fails. */
export function runApproach2(spec: Approach2RunSpec): Approach2Run {
  const samples = sampleIsoflops(spec.surface, {
    budgets: spec.budgets,
    pointsPerCurve: spec.pointsPerCurve,
    bias: spec.bias,
    W: spec.W,
    noiseStd: spec.noiseStd ?? 0,
    rng: spec.rng,
  });
  const fit = fitApproach2(samples.N, samples.D, samples.L, samples.C);
  return { spec, samples, fit, ...approach2Errors(spec.surface, fit) };
}
