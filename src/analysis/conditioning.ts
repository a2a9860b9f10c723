/**
 * Conditioning of the direct 5-D fit against the 2-D VPNLS objective
 * (experiments.md §C.8 steps 2 and 5): Hessians at the true parameters on
 * noise-free IsoFLOP data, their spectra and condition numbers.
 */
import { getKernels, prepareData, type Kernels, type PreparedData } from '../kernels/index.ts';
import { InvalidInputError } from '../fit/errors.ts';
import type { LossSurface } from '../surface/loss-surface.ts';
import { DEFAULT_BUDGETS, DEFAULT_POINTS_PER_CURVE, NAMED_GRIDS, sampleIsoflops } from '../sampling/index.ts';
import { RSS_HESSIAN_DEFAULT, rssHessian5, type RssHessianOptions } from './rss-hessian.ts';
import { VPNLS_HESSIAN_DEFAULT, vpnlsHessian, type VpnlsHessianOptions } from './vpnls-hessian.ts';
import { symmetricSpectrum } from './spectrum.ts';
import type { SquareMatrix, Spectrum } from './types.ts';

/** A Hessian with its eigen-decomposition. */
export interface HessianAnalysis {
  readonly hessian: SquareMatrix;
  readonly spectrum: Spectrum;
}

/**
 * Hessian of the 5-D RSS at p = [E, A, B, α, β] and its spectrum.
 *
 * @example conditioning5(data, truth).spectrum.conditionNumber // ≈ 3.46e11 (asymmetric, ±8×, 75 points)
 */
export function conditioning5(data: PreparedData, p: ArrayLike<number>, options: RssHessianOptions = RSS_HESSIAN_DEFAULT): HessianAnalysis {
  const hessian = rssHessian5(data, p, options);
  return { hessian, spectrum: symmetricSpectrum(hessian) };
}

/**
 * Hessian of the VPNLS objective RSS(α, β) and its spectrum.
 *
 * @example conditioning2(data, 0.465, 0.155).spectrum.conditionNumber // ≈ 8.41 (asymmetric, ±8×, 75 points)
 */
export function conditioning2(data: PreparedData, alpha: number, beta: number, options: VpnlsHessianOptions = VPNLS_HESSIAN_DEFAULT): HessianAnalysis {
  const hessian = vpnlsHessian(data, alpha, beta, options);
  return { hessian, spectrum: symmetricSpectrum(hessian) };
}

/** Grid half-width of experiment 8: ±8× (W = log10 8). */
export const CONDITIONING_W = NAMED_GRIDS.L.W;

export interface ConditioningOptions {
  /** Grid half-width in log10 N units. Default {@link CONDITIONING_W}. */
  readonly W?: number;
  /** Budgets in FLOPs. Default {@link DEFAULT_BUDGETS}. */
  readonly budgets?: readonly number[];
  /** Points per IsoFLOP curve. Default {@link DEFAULT_POINTS_PER_CURVE}. */
  readonly pointsPerCurve?: number;
  /** 5-D Hessian method. Default {@link RSS_HESSIAN_DEFAULT} (exact analytic). */
  readonly hessian5?: RssHessianOptions;
  /** 2-D Hessian method. Default {@link VPNLS_HESSIAN_DEFAULT} (gradient differences, NNLS). */
  readonly hessian2?: VpnlsHessianOptions;
  /** Kernel backend for the RSS at the truth. Default `getKernels()`. */
  readonly kernels?: Kernels;
}

/** Conditioning at the true parameters: the numbers of experiment 8 steps 2 and 5. */
export interface ConditioningReport {
  /** The noise-free, centred IsoFLOP samples used. */
  readonly data: PreparedData;
  /** True parameters [E, A, B, α, β]. */
  readonly truth: Float64Array;
  /** RSS of the 5-D model at the truth (≈ 0 up to rounding). */
  readonly rssTrue: number;
  /** 5-D RSS Hessian, order [E, A, B, α, β]; κ₅ = spectrum.conditionNumber. */
  readonly fiveD: HessianAnalysis;
  /** VPNLS Hessian, order [α, β]; κ₂ = spectrum.conditionNumber. */
  readonly twoD: HessianAnalysis;
  /** κ₅/κ₂. */
  readonly conditionRatio: number;
}

/**
 * Sample a surface noise-free with centred sampling (conventions §2) and
 * compare the conditioning of the 5-D RSS Hessian at the true parameters
 * (raw parameters, RSS on L; equals 2·JᵀJ there) with that of the VPNLS
 * objective RSS(α, β) at the true exponents (experiments.md §C.8).
 *
 * @throws InvalidInputError for a bad W; RangeError (from sampleIsoflops) for bad budgets or pointsPerCurve
 * @example conditioningAtTruth(SURFACES.asymmetric).conditionRatio // ≈ 4.1e10 (κ₅ ≈ 3.46e11, κ₂ ≈ 8.41)
 */
export function conditioningAtTruth(surface: LossSurface, options: ConditioningOptions = {}): ConditioningReport {
  const W = options.W ?? CONDITIONING_W;
  if (!(Number.isFinite(W) && W > 0)) throw new InvalidInputError(`conditioningAtTruth: W = ${W} must be a positive finite number`, 'W', undefined, W);
  const samples = sampleIsoflops(surface, {
    W,
    budgets: options.budgets ?? DEFAULT_BUDGETS,
    pointsPerCurve: options.pointsPerCurve ?? DEFAULT_POINTS_PER_CURVE,
  });
  const data = prepareData(samples.N, samples.D, samples.L);
  const truth = Float64Array.of(surface.E, surface.A, surface.B, surface.alpha, surface.beta);
  const rssTrue = (options.kernels ?? getKernels()).rss5(data, truth);
  const fiveD = conditioning5(data, truth, options.hessian5 ?? RSS_HESSIAN_DEFAULT);
  const twoD = conditioning2(data, surface.alpha, surface.beta, options.hessian2 ?? VPNLS_HESSIAN_DEFAULT);
  return { data, truth, rssTrue, fiveD, twoD, conditionRatio: fiveD.spectrum.conditionNumber / twoD.spectrum.conditionNumber };
}
