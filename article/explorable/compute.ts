/**
 * One recompute of the explorable: sample IsoFLOP curves (specs/conventions.md §2),
 * fit Approach 2 (specs/conventions.md §3) and VPNLS (library defaults), and evaluate
 * both at the chosen budget against the true surface, with the closed-form
 * prediction of the Approach 2 intercept error and the deadweight compute
 * loss (specs/experiments.md §B.4). Runs unchanged in Node (tests) and the page.
 */
import { allocationCost } from '../../src/surface/allocation-cost.ts';
import { approach2ExtrapolationError } from '../../src/fit/approach2-bias.ts';
import { extrapolateApproach2, fitApproach2, fitParabola, type Approach2Result } from '../../src/fit/approach2.ts';
import type { SurfaceFitResult } from '../../src/fit/result.ts';
import { fitVpnls } from '../../src/fit/vpnls.ts';
import type { Kernels } from '../../src/kernels/types.ts';
import { DEFAULT_BUDGETS, sampleIsoflops, type IsoflopSamples } from '../../src/sampling/index.ts';
import { dOpt, exponentA, exponentB, intercepts, nOpt, type LossSurface } from '../../src/surface/index.ts';
import { Rng } from '../../src/util/rng.ts';
import { interceptFactorError } from './law-errors.ts';
import { stateSurface, type ExplorableState } from './state.ts';

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface Allocation {
  readonly N: number;
  readonly D: number;
  /** Relative errors against the truth (fractions). */
  readonly nErr: number;
  readonly dErr: number;
  /** Deadweight compute loss as a fraction of C. */
  readonly dclFrac: number;
}

/** Errors of a fitted D* law log10 D̂* = b̂·log10 C + b̂0 (fractions): exponent b̂/b − 1 and intercept factor 10^(b̂0 − b0) − 1 (the article's notation). */
export interface LawErrors {
  readonly bErr: number;
  readonly interceptErr: number;
}

export interface ExplorableResult {
  readonly surface: LossSurface;
  readonly budgets: readonly number[];
  readonly samples: IsoflopSamples;
  readonly truth: { a: number; b: number; a0: number; b0: number; N: number; D: number };
  readonly approach2: Outcome<{ fit: Approach2Result; at: Allocation; law: LawErrors }>;
  readonly vpnls: Outcome<{ fit: SurfaceFitResult; at: Allocation; law: LawErrors }>;
  /** Closed-form D* error of Approach 2 (fraction): centered grid, and with the constant offset (drift ignored). */
  readonly predicted: { centered: Outcome<number>; withOffset: Outcome<number> };
}

function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

function allocation(truth: LossSurface, N: number, D: number, C: number): Allocation {
  const cost = allocationCost(truth, D, C);
  return { N, D, nErr: N / nOpt(truth, C) - 1, dErr: D / dOpt(truth, C) - 1, dclFrac: cost.dcl_pct / 100 };
}

function lawErrors(b: number, b0: number, truth: { b: number; b0: number }): LawErrors {
  return { bErr: b / truth.b - 1, interceptErr: interceptFactorError(b0, truth.b0) };
}

/**
 * D* error of the Approach 2 vertex on one IsoFLOP curve whose grid sits at
 * w_i = −log10(offset) + linspace(−W, W, n) with w = log10(N/N*): the
 * least-squares parabola through g(w) = (β/α)·10^(−αw) + 10^(βw) (the loss
 * along the curve up to the constants that cancel) has its vertex at w*,
 * and D̂* = D*·10^(−w*). For offset = 1 this is the closed form of
 * specs/experiments.md §C.6.
 */
export function offsetVertexError(alpha: number, beta: number, W: number, n: number, offset: number): number {
  const c = -Math.log10(offset);
  const w = new Float64Array(n);
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    w[i] = c - W + (2 * W * i) / (n - 1);
    g[i] = (beta / alpha) * Math.pow(10, -alpha * w[i]) + Math.pow(10, beta * w[i]);
  }
  const p = fitParabola(w, g);
  if (!p || !(p.p2 > 0)) throw new RangeError('the parabola through this grid has no minimum');
  const vertex = p.xMean - p.p1 / (2 * p.p2);
  return Math.pow(10, -vertex) - 1;
}

/** Runs one recompute. `kernels` selects the backend (default: the library's current one). */
export function computeExplorable(state: ExplorableState, kernels?: Kernels): ExplorableResult {
  const surface = stateSurface(state);
  const budgets = DEFAULT_BUDGETS;
  const W = Math.log10(state.k);
  const bias = { centerScale: state.offset, driftRate: Math.log10(state.drift) };
  const samples = sampleIsoflops(surface, {
    budgets,
    pointsPerCurve: state.n,
    W,
    bias,
    noiseStd: state.sigma,
    rng: state.sigma > 0 ? new Rng(state.seed) : undefined,
  });
  const { a0, b0 } = intercepts(surface);
  const C = state.C;
  const truth = { a: exponentA(surface), b: exponentB(surface), a0, b0, N: nOpt(surface, C), D: dOpt(surface, C) };
  const approach2 = attempt(() => {
    const fit = fitApproach2(samples.N, samples.D, samples.L, samples.C);
    const ex = extrapolateApproach2(fit, C);
    return { fit, at: allocation(surface, ex.N, ex.D, C), law: lawErrors(fit.b, fit.b0, truth) };
  });
  const vpnls = attempt(() => {
    const fit = fitVpnls(samples.N, samples.D, samples.L, kernels ? { kernels } : {});
    return { fit, at: allocation(surface, nOpt(fit, C), dOpt(fit, C), C), law: lawErrors(exponentB(fit), intercepts(fit).b0, truth) };
  });
  const predicted = {
    centered: attempt(() => approach2ExtrapolationError(surface.alpha, surface.beta, W, state.n)),
    withOffset: attempt(() => offsetVertexError(surface.alpha, surface.beta, W, state.n, state.offset)),
  };
  return { surface, budgets, samples, truth, approach2, vpnls, predicted };
}
