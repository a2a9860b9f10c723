/**
 * Parameters, reasons and reason groups of the IsoFLOP quality control
 * (specs/experiments.md §B.7). Options are resolved once into a checked object.
 */

/** Why a row was flagged, in the order the stages assign them; `none` = clean. */
export const QC_REASONS = [
  'none',
  'exact_duplicate',
  'near_duplicate_params',
  'too_few_points',
  'off_center',
  'spline_outlier',
  'negative_curvature',
  'weak_curvature',
  'too_few_post_qc',
] as const;
export type QcReason = (typeof QC_REASONS)[number];

/** Reason groups of the progressive filter (experiment 11 part 4), in their cumulative order. */
export const QC_REASON_GROUPS = {
  pre_qc: ['exact_duplicate', 'near_duplicate_params', 'too_few_points'],
  off_center: ['off_center', 'spline_outlier'],
  weak_curvature: ['negative_curvature', 'weak_curvature'],
  post_qc: ['too_few_post_qc'],
} as const satisfies Record<string, readonly Exclude<QcReason, 'none'>[]>;
export type QcReasonGroup = keyof typeof QC_REASON_GROUPS;
export const QC_REASON_GROUP_ORDER: readonly QcReasonGroup[] = ['pre_qc', 'off_center', 'weak_curvature', 'post_qc'];

/** The QC parameters (specs/experiments.md §B.7). */
export interface QcOptions {
  /** A budget needs this many clean rows (stages 2 and 6). */
  readonly minPointsPerBudget: number;
  /** Rows within this distance in ln N of a group's first row are near duplicates (stage 1b). */
  readonly nearDuplicateTolerance: number;
  /** Off-centre radius = min side extent × (1 + margin) (stage 3). */
  readonly offCenterMargin: number;
  /** Two-sided confidence of the curvature test (stage 5b): t quantile at (1 + confidence)/2. */
  readonly curvatureConfidence: number;
  /** Robust z above which a leave-one-out spline residual is an outlier (stage 4). */
  readonly splineZThreshold: number;
}

export const QC_DEFAULTS: QcOptions = Object.freeze({
  minPointsPerBudget: 6,
  nearDuplicateTolerance: 0.01,
  offCenterMargin: 1.5,
  curvatureConfidence: 0.95,
  splineZThreshold: 6.0,
});

/** Per-data-set spline thresholds (keyed by the `experiment` value of specs/experiments.md §B.6). */
export const QC_SPLINE_Z_OVERRIDES: Readonly<Record<string, number>> = Object.freeze({
  epochai_chinchilla__massivetext__chinchilla: 3.0,
  marin_202603__dclm__llama_2: 4.5,
});

/** 0.6745 ≈ Φ⁻¹(0.75): scales a MAD to a normal standard deviation. */
export const MAD_NORMAL_SCALE = 0.6745;

/**
 * Fills in defaults and checks the options.
 * @throws RangeError for a non-integer or < 3 minimum, a negative tolerance or
 *   margin, a confidence outside (0, 1), or a non-positive threshold
 */
export function resolveQcOptions(options: Partial<QcOptions> = {}): QcOptions {
  const o: QcOptions = { ...QC_DEFAULTS, ...options };
  if (!(Number.isInteger(o.minPointsPerBudget) && o.minPointsPerBudget >= 3)) {
    throw new RangeError(`minPointsPerBudget must be an integer ≥ 3, got ${o.minPointsPerBudget}`);
  }
  if (!(o.nearDuplicateTolerance >= 0 && Number.isFinite(o.nearDuplicateTolerance))) {
    throw new RangeError(`nearDuplicateTolerance must be finite and ≥ 0, got ${o.nearDuplicateTolerance}`);
  }
  if (!(o.offCenterMargin >= 0 && Number.isFinite(o.offCenterMargin))) {
    throw new RangeError(`offCenterMargin must be finite and ≥ 0, got ${o.offCenterMargin}`);
  }
  if (!(o.curvatureConfidence > 0 && o.curvatureConfidence < 1)) {
    throw new RangeError(`curvatureConfidence must lie in (0, 1), got ${o.curvatureConfidence}`);
  }
  if (!(o.splineZThreshold > 0)) throw new RangeError(`splineZThreshold must be positive, got ${o.splineZThreshold}`);
  return Object.freeze(o);
}

/**
 * The options for one data set: the defaults with its spline threshold
 * override, if any, then `options` on top.
 * @example qcOptionsFor('marin_202603__dclm__llama_2').splineZThreshold // 4.5
 */
export function qcOptionsFor(experiment: string, options: Partial<QcOptions> = {}): QcOptions {
  const z = QC_SPLINE_Z_OVERRIDES[experiment];
  return resolveQcOptions({ ...(z !== undefined ? { splineZThreshold: z } : {}), ...options });
}
