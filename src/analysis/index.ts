/**
 * `scaling-fit/analysis`: Hessians, spectra and condition numbers of the 5-D
 * RSS and the 2-D VPNLS objective (specs/conditioning.md). A subpath of its
 * own because it uses ml-matrix (CommonJS), which the main entry does not.
 */
export { PARAMETER_NAMES_2, PARAMETER_NAMES_5, type SquareMatrix, type Spectrum } from './types.ts';
export { symmetricSpectrum, SYMMETRY_TOLERANCE } from './spectrum.ts';
export { rescaleHessian, jacobiScale } from './scaling.ts';
export {
  rssHessian5,
  rssGradient5,
  lseHessian5,
  predictionJacobian5,
  RSS_HESSIAN_DEFAULT,
  LSE_PARAMETER_NAMES_5,
  type RssHessianOptions,
} from './rss-hessian.ts';
export { vpnlsHessian, VPNLS_HESSIAN_DEFAULT, VPNLS_HESSIAN_INNER, type VpnlsHessianOptions } from './vpnls-hessian.ts';
export { projectOnEigenvectors, perturbedGradientNorms, PERTURBATION_DELTA, type PerturbationOptions } from './perturbation.ts';
export {
  conditioning5,
  conditioning2,
  conditioningAtTruth,
  CONDITIONING_W,
  CONDITIONING_BIAS,
  type HessianAnalysis,
  type ScaledHessianAnalysis,
  type ConditioningOptions,
  type ConditioningReport,
} from './conditioning.ts';
