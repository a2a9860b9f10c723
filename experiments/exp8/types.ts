/**
 * Experiment 8's configuration and result types, and the step-8 checks that
 * its table and its report share (kept apart from the experiment module so
 * the report does not import the module that imports it).
 */
import type { SurfaceBounds } from '../../src/fit/index.ts';
import type { LbfgsbOptions } from '../../src/optim/index.ts';
import type { SamplingBias } from '../../src/sampling/index.ts';
import type { LossSurface } from '../../src/surface/index.ts';
import type { ParamKey } from '../shared/surface-params.ts';

export interface Exp8Config {
  readonly surfaceName: string;
  readonly surface: LossSurface;
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
  /** Grid half-width, log10 units: ±8×. */
  readonly W: number;
  /** Sampling-centre bias: drift_0.2 (drift rate 0.2, centre scale 1), as in the original study. */
  readonly bias: SamplingBias;
  /** Step along each unit eigenvector in the perturbation test (step 4). */
  readonly perturbationDelta: number;
  /** Bounds of the 5-D L-BFGS-B runs of steps 7 and 8 (E, A, B ∈ [1e−6, 1e6], α, β ∈ [0.01, 0.99]). */
  readonly lbfgsbBounds: SurfaceBounds;
  /** L-BFGS-B options of step 8. */
  readonly ftol0Options: Pick<LbfgsbOptions, 'ftol' | 'gtol' | 'maxiter'>;
  /**
   * Relative perturbations ε of the step-8 start (every parameter times 1 + ε)
   * for the rounding-sensitivity check of step 8: its outcome is decided by
   * rounding, so one run says little on its own.
   */
  readonly ftol0StartPerturbations: readonly number[];
  /** Loss noise σ (nats) for the report's illustration of statistical error, σ·√(2·H⁻¹ⱼⱼ). */
  readonly illustrativeNoiseStd: number;
}

export interface Exp8Fit {
  readonly method: string;
  readonly surface: LossSurface;
  /** Signed relative errors (fractions), keyed e, coef_a, coef_b, alpha, beta. */
  readonly relErr: Record<ParamKey, number>;
  readonly rss: number;
  readonly status: string;
  readonly iterations: number;
  readonly message: string;
}

/** One 5-D L-BFGS-B run with ftol = 0 (step 8). */
export interface Exp8Ftol0Run {
  readonly iterations: number;
  readonly rss: number;
  readonly alphaAbsRelErr: number;
  readonly betaAbsRelErr: number;
  readonly status: string;
}

export interface Exp8SpectrumData {
  readonly eigenvalues: number[];
  readonly eigenvectors: number[][];
  readonly conditionNumber: number;
  /** Largest relative difference of an eigenvalue from the Gauss-Newton form (2JᵀJ or 2(P⊥J₂)ᵀ(P⊥J₂)). */
  readonly gaussNewtonMaxRelDiff: number;
  /** Method used for the reported Hessian. */
  readonly method: string;
}

export interface Exp8Result {
  readonly nPoints: number;
  readonly rssTrue: number;
  readonly fiveD: Exp8SpectrumData;
  readonly twoD: Exp8SpectrumData;
  /** Components in E, A, B, α, β order. */
  readonly gradTrue: number[];
  readonly gradA3: number[];
  /** ∇RSS at the Approach 3 solution projected on the 5-D eigenvectors (ascending eigenvalues). */
  readonly gradA3Projection: number[];
  readonly perturbationGradNorms: number[];
  readonly fits: Exp8Fit[];
  readonly gridBestRssApproach3: number;
  readonly gridBestRssVpnls: number;
  readonly trueInit: { iterations: number; rss: number; status: string; message: string };
  readonly ftol0: {
    iterations: number;
    rss: number;
    alphaAbsRelErr: number;
    betaAbsRelErr: number;
    gradNorm: number;
    status: string;
    message: string;
    relErr: Record<ParamKey, number>;
    surface: LossSurface;
  };
  /**
   * Step 8 with step 1's bounds (Approach 3 defaults): up to step 1's stop the
   * iterates are identical, so this isolates the stopping rule.
   */
  readonly ftol0Step1Bounds: Exp8Ftol0Run;
  /** Step 8 from starts perturbed by {@link Exp8Config.ftol0StartPerturbations}. */
  readonly ftol0Perturbed: readonly Exp8Ftol0Run[];
  /** Conditioning that does not depend on units (Jacobi-scaled) and in the LSE parameters of the log-scale fits. */
  readonly scaleFree: {
    /** κ of D^−1/2·H·D^−1/2, D = diag(H), raw 5-D, 2-D and LSE 5-D Hessians. */
    readonly cond5Scaled: number;
    readonly cond2Scaled: number;
    /** κ₅ of the Hessian in [ln E, ln A, ln B, α, β], unscaled and Jacobi-scaled (the latter equals cond5Scaled). */
    readonly cond5Lse: number;
    readonly cond5LseScaled: number;
    readonly eigenvalues5Scaled: number[];
    readonly eigenvalues2Scaled: number[];
  };
  /** κ₅ and κ₂ of the Hessians in relative parameters, diag(p)·H·diag(p) (units removed). */
  readonly relativeScaling: { cond5: number; cond2: number };
  /** σ·√(2·(H⁻¹)ⱼⱼ)/|pⱼ| at σ = illustrativeNoiseStd: relative standard error of least squares under that noise. */
  readonly noiseRelStdErr: Record<ParamKey, number>;
}

/** Whether a step-8 run has smaller |α| and |β| relative errors than the step-1 Approach 3 fit. */
export function improvesOnStep1(run: Pick<Exp8Ftol0Run, 'alphaAbsRelErr' | 'betaAbsRelErr'>, result: Pick<Exp8Result, 'fits'>): boolean {
  const a3 = result.fits.find((f) => f.method === 'approach3');
  if (!a3) throw new Error('experiment 8: the approach3 fit is missing');
  return run.alphaAbsRelErr < Math.abs(a3.relErr.alpha) && run.betaAbsRelErr < Math.abs(a3.relErr.beta);
}

/** Number of perturbed-start step-8 runs that improve on step 1's α and β errors. */
export function improvedCount(result: Pick<Exp8Result, 'fits' | 'ftol0Perturbed'>): number {
  return result.ftol0Perturbed.filter((r) => improvesOnStep1(r, result)).length;
}
