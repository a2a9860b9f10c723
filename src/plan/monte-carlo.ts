/**
 * Seeded Monte Carlo of a sweep design: simulate noisy sweeps with the
 * experiments' sampling, fit each with VPNLS (library defaults) and Approach 2,
 * and summarise the relative error of N* and D* at the target (median and a
 * central interval). One xoshiro128** stream (`Rng(seed)`, specs/random.md)
 * gives the noise of every replicate in order, so a plan depends only on its
 * options: the CLI and the page print the same numbers.
 */
import { extrapolateApproach2, fitApproach2 } from '../fit/approach2.ts';
import { fitVpnls } from '../fit/vpnls.ts';
import { dOpt, nOpt, type LossSurface } from '../surface/loss-surface.ts';
import { Rng } from '../util/rng.ts';
import { percentileInterval, quantile } from '../util/stats.ts';
import { allocationError, type AllocationError } from './closed-form.ts';
import { sampleDesign, type SweepDesign } from './design.ts';

export type PlanMethod = 'vpnls' | 'approach2';
export const PLAN_METHODS: readonly PlanMethod[] = ['vpnls', 'approach2'];

/** Median and central interval of a relative error (fractions). */
export interface ErrorSummary {
  readonly median: number;
  readonly lo: number;
  readonly hi: number;
}

export interface MethodSummary {
  readonly method: PlanMethod;
  readonly succeeded: number;
  readonly failed: number;
  /** Distinct failure messages with counts, most frequent first. */
  readonly failures: ReadonlyArray<{ readonly message: string; readonly count: number }>;
  /** Null when no replicate succeeded. */
  readonly N: ErrorSummary | null;
  readonly D: ErrorSummary | null;
  /** Largest |error| at the ends of the N* and D* intervals; null when no replicate succeeded. */
  readonly worst: number | null;
}

export interface MonteCarloSettings {
  readonly noiseStd: number;
  readonly targetCompute: number;
  readonly seed: number;
  readonly replicates: number;
  readonly level: number;
}

export interface MonteCarloResult {
  readonly replicates: number;
  readonly seed: number;
  readonly level: number;
  readonly vpnls: MethodSummary;
  readonly approach2: MethodSummary;
}

function fitError(method: PlanMethod, truth: LossSurface, N: Float64Array, D: Float64Array, L: Float64Array, C: Float64Array, target: number): AllocationError {
  if (method === 'approach2') {
    const at = extrapolateApproach2(fitApproach2(N, D, L, C), target);
    return allocationError(truth, target, at.N, at.D);
  }
  const fit = fitVpnls(N, D, L);
  return allocationError(truth, target, nOpt(fit, target), dOpt(fit, target));
}

function summarise(method: PlanMethod, nErr: number[], dErr: number[], failures: Map<string, number>, level: number): MethodSummary {
  const failed = [...failures.values()].reduce((s, c) => s + c, 0);
  const list = [...failures.entries()].map(([message, count]) => ({ message, count })).sort((x, y) => y.count - x.count);
  if (nErr.length === 0) return { method, succeeded: 0, failed, failures: list, N: null, D: null, worst: null };
  const one = (xs: number[]): ErrorSummary => {
    const [lo, hi] = xs.length === 1 ? [xs[0]!, xs[0]!] : percentileInterval(xs, level);
    return { median: quantile(xs, 0.5), lo, hi };
  };
  const N = one(nErr);
  const D = one(dErr);
  const worst = Math.max(Math.abs(N.lo), Math.abs(N.hi), Math.abs(D.lo), Math.abs(D.hi));
  return { method, succeeded: nErr.length, failed, failures: list, N, D, worst };
}

/**
 * Simulates `replicates` noisy sweeps of the design and fits each with both methods.
 * @param onReplicate called after each replicate (for progress)
 */
export function simulateDesign(truth: LossSurface, design: SweepDesign, s: MonteCarloSettings, onReplicate?: (done: number) => void): MonteCarloResult {
  const rng = new Rng(s.seed);
  const errs = {
    vpnls: { N: [] as number[], D: [] as number[], fail: new Map<string, number>() },
    approach2: { N: [] as number[], D: [] as number[], fail: new Map<string, number>() },
  };
  for (let r = 0; r < s.replicates; r++) {
    const x = sampleDesign(truth, design, s.noiseStd, rng);
    for (const m of PLAN_METHODS) {
      const e = errs[m];
      try {
        const err = fitError(m, truth, x.N, x.D, x.L, x.C, s.targetCompute);
        if (!Number.isFinite(err.N) || !Number.isFinite(err.D)) throw new RangeError('the fitted N* or D* at the target is not a finite number');
        e.N.push(err.N);
        e.D.push(err.D);
      } catch (err) {
        const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        e.fail.set(msg, (e.fail.get(msg) ?? 0) + 1);
      }
    }
    onReplicate?.(r + 1);
  }
  return {
    replicates: s.replicates,
    seed: s.seed,
    level: s.level,
    vpnls: summarise('vpnls', errs.vpnls.N, errs.vpnls.D, errs.vpnls.fail, s.level),
    approach2: summarise('approach2', errs.approach2.N, errs.approach2.D, errs.approach2.fail, s.level),
  };
}
