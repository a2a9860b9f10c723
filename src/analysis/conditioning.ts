/**
 * Conditioning of the direct 5-D fit against the 2-D VPNLS objective
 * (specs/experiments.md §C.8 steps 2 and 5): Hessians at the true parameters on
 * noise-free IsoFLOP data, their spectra and condition numbers.
 */
import { getKernels, prepareData, type Kernels, type PreparedData } from '../kernels/index.ts';
import { InvalidInputError } from '../core/errors.ts';
import type { LossSurface } from '../surface/loss-surface.ts';
import { BIASES, DEFAULT_BUDGETS, DEFAULT_POINTS_PER_CURVE, NAMED_GRIDS, sampleIsoflops, type SamplingBias } from '../sampling/index.ts';
import { lseHessian5, RSS_HESSIAN_DEFAULT, rssHessian5, type RssHessianOptions } from './rss-hessian.ts';
import { jacobiScale } from './scaling.ts';
import { VPNLS_HESSIAN_DEFAULT, vpnlsHessian, type VpnlsHessianOptions } from './vpnls-hessian.ts';
import { symmetricSpectrum } from './spectrum.ts';
import type { SquareMatrix, Spectrum } from './types.ts';

/** A Hessian with its eigen-decomposition. */
export interface HessianAnalysis {
  readonly hessian: SquareMatrix;
  readonly spectrum: Spectrum;
}

/** A Hessian, its spectrum, and the spectrum after Jacobi scaling ({@link jacobiScale}). */
export interface ScaledHessianAnalysis extends HessianAnalysis {
  /** Spectrum of D^−1/2·H·D^−1/2, D = diag(H): independent of the parameters' units. */
  readonly scaledSpectrum: Spectrum;
}

function withScaled(a: HessianAnalysis): ScaledHessianAnalysis {
  return { ...a, scaledSpectrum: symmetricSpectrum(jacobiScale(a.hessian)) };
}

/**
 * Hessian of the 5-D RSS at p = [E, A, B, α, β] and its spectrum.
 *
 * @example conditioning5(data, truth).spectrum.conditionNumber // ≈ 3.48e11 (asymmetric, ±8×, drift_0.2, 75 points)
 */
export function conditioning5(data: PreparedData, p: ArrayLike<number>, options: RssHessianOptions = RSS_HESSIAN_DEFAULT): HessianAnalysis {
  const hessian = rssHessian5(data, p, options);
  return { hessian, spectrum: symmetricSpectrum(hessian) };
}

/**
 * Hessian of the VPNLS objective RSS(α, β) and its spectrum.
 *
 * @example conditioning2(data, 0.465, 0.155).spectrum.conditionNumber // ≈ 10.6 (asymmetric, ±8×, drift_0.2, 75 points)
 */
export function conditioning2(data: PreparedData, alpha: number, beta: number, options: VpnlsHessianOptions = VPNLS_HESSIAN_DEFAULT): HessianAnalysis {
  const hessian = vpnlsHessian(data, alpha, beta, options);
  return { hessian, spectrum: symmetricSpectrum(hessian) };
}

/** Grid half-width of experiment 8: ±8× (W = log10 8). */
export const CONDITIONING_W = NAMED_GRIDS.L.W;

/**
 * Sampling bias of experiment 8: `drift_0.2` (drift rate 0.2, centre scale 1),
 * the original study's setting for its conditioning analysis (specs/conditioning.md §4).
 */
export const CONDITIONING_BIAS: SamplingBias = BIASES['drift_0.2'];

export interface ConditioningOptions {
  /** Grid half-width in log10 N units. Default {@link CONDITIONING_W}. */
  readonly W?: number;
  /** Budgets in FLOPs. Default {@link DEFAULT_BUDGETS}. */
  readonly budgets?: readonly number[];
  /** Points per IsoFLOP curve. Default {@link DEFAULT_POINTS_PER_CURVE}. */
  readonly pointsPerCurve?: number;
  /** Sampling-centre bias. Default {@link CONDITIONING_BIAS} (drift_0.2); `BIASES.centered` for centred sampling. */
  readonly bias?: SamplingBias;
  /** 5-D Hessian method. Default {@link RSS_HESSIAN_DEFAULT} (exact analytic). */
  readonly hessian5?: RssHessianOptions;
  /** 2-D Hessian method. Default {@link VPNLS_HESSIAN_DEFAULT} (gradient differences, NNLS). */
  readonly hessian2?: VpnlsHessianOptions;
  /** Kernel backend for the RSS at the truth. Default `getKernels()`. */
  readonly kernels?: Kernels;
}

/** Conditioning at the true parameters: the numbers of experiment 8 steps 2 and 5. */
export interface ConditioningReport {
  /** The noise-free IsoFLOP samples used. */
  readonly data: PreparedData;
  /** The sampling bias they were drawn with. */
  readonly bias: SamplingBias;
  /** True parameters [E, A, B, α, β]. */
  readonly truth: Float64Array;
  /** RSS of the 5-D model at the truth (≈ 0 up to rounding). */
  readonly rssTrue: number;
  /** 5-D RSS Hessian, raw order [E, A, B, α, β]; κ₅ = spectrum.conditionNumber. */
  readonly fiveD: ScaledHessianAnalysis;
  /** 5-D RSS Hessian in the LSE parameters [ln E, ln A, ln B, α, β] ({@link lseHessian5}). */
  readonly fiveDLse: ScaledHessianAnalysis;
  /** VPNLS Hessian, order [α, β]; κ₂ = spectrum.conditionNumber. */
  readonly twoD: ScaledHessianAnalysis;
  /** κ₅/κ₂, raw parameters. */
  readonly conditionRatio: number;
  /** κ₅/κ₂ after Jacobi scaling of both Hessians: the part of the gap that no choice of units removes. */
  readonly scaledConditionRatio: number;
}

/**
 * Sample a surface noise-free (specs/conventions.md §2; bias default drift_0.2) and
 * compare the conditioning of the 5-D RSS Hessian at the true parameters
 * (raw parameters, RSS on L; equals 2·JᵀJ there) with that of the VPNLS
 * objective RSS(α, β) at the true exponents (specs/experiments.md §C.8). Also
 * returns the 5-D Hessian in the LSE parameters and every spectrum after
 * Jacobi scaling, whose condition numbers do not depend on units.
 *
 * @throws InvalidInputError for a bad W or bias; RangeError (from sampleIsoflops) for bad budgets or pointsPerCurve
 * @example conditioningAtTruth(SURFACES.asymmetric).conditionRatio // ≈ 3.3e10 (κ₅ ≈ 3.48e11, κ₂ ≈ 10.6)
 */
export function conditioningAtTruth(surface: LossSurface, options: ConditioningOptions = {}): ConditioningReport {
  const W = options.W ?? CONDITIONING_W;
  if (!(Number.isFinite(W) && W > 0)) throw new InvalidInputError(`conditioningAtTruth: W = ${W} must be a positive finite number`, 'W', undefined, W);
  const bias = options.bias ?? CONDITIONING_BIAS;
  if (!Number.isFinite(bias.driftRate)) {
    throw new InvalidInputError(`conditioningAtTruth: bias.driftRate = ${bias.driftRate} is not finite`, 'bias.driftRate', undefined, bias.driftRate);
  }
  if (!(Number.isFinite(bias.centerScale) && bias.centerScale > 0)) {
    throw new InvalidInputError(
      `conditioningAtTruth: bias.centerScale = ${bias.centerScale} must be a positive finite number`,
      'bias.centerScale',
      undefined,
      bias.centerScale,
    );
  }
  const samples = sampleIsoflops(surface, {
    W,
    bias,
    budgets: options.budgets ?? DEFAULT_BUDGETS,
    pointsPerCurve: options.pointsPerCurve ?? DEFAULT_POINTS_PER_CURVE,
  });
  const data = prepareData(samples.N, samples.D, samples.L);
  const truth = Float64Array.of(surface.E, surface.A, surface.B, surface.alpha, surface.beta);
  const rssTrue = (options.kernels ?? getKernels()).rss5(data, truth);
  const hessian5 = options.hessian5 ?? RSS_HESSIAN_DEFAULT;
  const fiveD = withScaled(conditioning5(data, truth, hessian5));
  const lse = lseHessian5(data, truth, hessian5);
  const fiveDLse = withScaled({ hessian: lse, spectrum: symmetricSpectrum(lse) });
  const twoD = withScaled(conditioning2(data, surface.alpha, surface.beta, options.hessian2 ?? VPNLS_HESSIAN_DEFAULT));
  return {
    data,
    bias,
    truth,
    rssTrue,
    fiveD,
    fiveDLse,
    twoD,
    conditionRatio: fiveD.spectrum.conditionNumber / twoD.spectrum.conditionNumber,
    scaledConditionRatio: fiveD.scaledSpectrum.conditionNumber / twoD.scaledSpectrum.conditionNumber,
  };
}
