/**
 * IsoFLOP quality control (specs/experiments.md §B.7): label every row of one data
 * set as clean or as an outlier with the first reason it received. Six
 * stages run in order; each looks only at rows that are still clean and
 * flags only clean rows.
 */
import { akimaInterpolant } from './akima.ts';
import { median } from '../../../src/util/stats.ts';
import { studentTQuantile } from '../../../src/util/distributions.ts';
import { MAD_NORMAL_SCALE, QC_REASON_GROUPS, QC_REASONS, type QcOptions, type QcReason, type QcReasonGroup, resolveQcOptions } from './options.ts';
import { fitQuadratic } from './quadratic.ts';

/** One data set as parallel arrays: N = params, D = tokens, L = loss, budget = nominal IsoFLOP budget. */
export interface QcData {
  readonly N: ArrayLike<number>;
  readonly D: ArrayLike<number>;
  readonly L: ArrayLike<number>;
  readonly budget: ArrayLike<number>;
}

/** Labels per input row. */
export interface QcResult {
  readonly outlier: boolean[];
  readonly reason: QcReason[];
  /** Stage 4 leave-one-out residual L_i − prediction (NaN where none was computed). */
  readonly splineResidual: Float64Array;
  /** Stage 4 median and MAD of the pooled residuals (NaN when there were none). */
  readonly splineMedian: number;
  readonly splineMad: number;
  readonly options: QcOptions;
}

function checkData(d: QcData): number {
  const n = d.N.length;
  for (const [name, a] of [
    ['D', d.D],
    ['L', d.L],
    ['budget', d.budget],
  ] as const) {
    if (a.length !== n) throw new RangeError(`isoflopQc: N has ${n} values but ${name} has ${a.length}`);
  }
  for (const [name, a] of [
    ['N', d.N],
    ['D', d.D],
    ['L', d.L],
    ['budget', d.budget],
  ] as const) {
    for (let i = 0; i < n; i++) {
      if (!(a[i] > 0 && Number.isFinite(a[i]))) throw new RangeError(`isoflopQc: ${name}[${i}] = ${a[i]} must be positive and finite`);
    }
  }
  return n;
}

/**
 * Runs the six QC stages of specs/experiments.md §B.7 on one data set.
 *
 * 1. duplicates: identical N within a budget (`exact_duplicate`), then N
 *    within `nearDuplicateTolerance` in ln N of a group's first row
 *    (`near_duplicate_params`); the row whose 6ND is closest to the budget
 *    stays (ties: lower loss);
 * 2. budgets with fewer than `minPointsPerBudget` clean rows (`too_few_points`);
 * 3. rows far from the vertex of the ln L-vs-ln N quadratic (`off_center`);
 * 4. leave-one-out Akima residuals of L against ln N, pooled, robust z above
 *    `splineZThreshold` (`spline_outlier`);
 * 5. budgets whose quadratic has c2 ≤ 0 (`negative_curvature`) or c2 not
 *    significantly positive (`weak_curvature`);
 * 6. budgets left with 1 … `minPointsPerBudget` − 1 clean rows (`too_few_post_qc`).
 *
 * @example isoflopQc(data, qcOptionsFor('llama_3__raw_loss')).reason // ['none', 'off_center', …]
 */
export function isoflopQc(data: QcData, options: Partial<QcOptions> = {}): QcResult {
  const o = resolveQcOptions(options);
  const n = checkData(data);
  const reason: QcReason[] = new Array<QcReason>(n).fill('none');
  const isClean = (i: number): boolean => reason[i] === 'none';
  const flag = (i: number, r: QcReason): void => {
    if (isClean(i)) reason[i] = r;
  };
  const lnN = Array.from({ length: n }, (_, i) => Math.log(data.N[i]));
  const lnL = Array.from({ length: n }, (_, i) => Math.log(data.L[i]));
  const budgetGap = (i: number): number => Math.abs(6 * data.N[i] * data.D[i] - data.budget[i]);
  /** Index of the row to keep: closest 6ND to the budget, then lower loss, then first. */
  const keeper = (rows: readonly number[]): number =>
    rows.reduce((best, i) => {
      const g = budgetGap(i);
      const gb = budgetGap(best);
      return g < gb || (g === gb && data.L[i] < data.L[best]) ? i : best;
    });

  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(data.budget[i]);
    if (g) g.push(i);
    else groups.set(data.budget[i], [i]);
  }
  const budgets = [...groups.keys()].sort((a, b) => a - b).map((c) => groups.get(c)!);
  /** Clean rows of a budget, sorted by N (stable). */
  const cleanRows = (rows: readonly number[]): number[] => rows.filter(isClean).sort((a, b) => data.N[a] - data.N[b]);

  // 1a. Exact duplicates.
  for (const rows of budgets) {
    const byN = new Map<number, number[]>();
    for (const i of rows) {
      const g = byN.get(data.N[i]);
      if (g) g.push(i);
      else byN.set(data.N[i], [i]);
    }
    for (const same of byN.values()) {
      if (same.length < 2) continue;
      const keep = keeper(same);
      for (const i of same) if (i !== keep) flag(i, 'exact_duplicate');
    }
  }
  // 1b. Near duplicates: walk the clean rows by N, grouping on the first row's ln N.
  for (const rows of budgets) {
    const sorted = cleanRows(rows);
    let group: number[] = [];
    const close = (): void => {
      if (group.length >= 2) {
        const keep = keeper(group);
        for (const i of group) if (i !== keep) flag(i, 'near_duplicate_params');
      }
    };
    for (const i of sorted) {
      if (group.length > 0 && lnN[i] - lnN[group[0]] <= o.nearDuplicateTolerance) group.push(i);
      else {
        close();
        group = [i];
      }
    }
    close();
  }
  // 2. Too few points.
  for (const rows of budgets) {
    const clean = rows.filter(isClean);
    if (clean.length < o.minPointsPerBudget) for (const i of clean) flag(i, 'too_few_points');
  }
  // 3. Off centre.
  for (const rows of budgets) {
    const clean = rows.filter(isClean);
    if (clean.length < 3) continue;
    const q = fitQuadratic(
      clean.map((i) => lnN[i]),
      clean.map((i) => lnL[i]),
    );
    if (!q || !(q.c2 > 0)) continue;
    const xs = clean.map((i) => lnN[i]);
    const xStar = q.vertex;
    if (!xs.some((x) => x <= xStar) || !xs.some((x) => x >= xStar)) {
      for (const i of clean) flag(i, 'off_center');
      continue;
    }
    let xlo = Infinity;
    let xhi = -Infinity;
    for (const x of xs) {
      xlo = Math.min(xlo, x);
      xhi = Math.max(xhi, x);
    }
    const radius = Math.min(xStar - xlo, xhi - xStar) * (1 + o.offCenterMargin);
    for (const i of clean) if (lnN[i] < xStar - radius || lnN[i] > xStar + radius) flag(i, 'off_center');
  }
  // 4. Leave-one-out spline: every residual first, then one pooled robust z.
  const splineResidual = new Float64Array(n).fill(NaN);
  for (const rows of budgets) {
    const sorted = cleanRows(rows);
    if (sorted.length < 3) continue;
    for (const i of sorted) {
      const others = sorted.filter((j) => j !== i);
      const f = akimaInterpolant(
        others.map((j) => lnN[j]),
        others.map((j) => data.L[j]),
      );
      splineResidual[i] = data.L[i] - f(lnN[i]);
    }
  }
  const pooled = splineResidual.filter((r) => !Number.isNaN(r));
  const splineMedian = median(pooled);
  const splineMad = median(pooled.map((r) => Math.abs(r - splineMedian)));
  if (splineMad > 0) {
    for (let i = 0; i < n; i++) {
      const r = splineResidual[i];
      if (!Number.isNaN(r) && (MAD_NORMAL_SCALE * Math.abs(r - splineMedian)) / splineMad > o.splineZThreshold) flag(i, 'spline_outlier');
    }
  }
  // 5a. Negative curvature.
  for (const rows of budgets) {
    const clean = rows.filter(isClean);
    if (clean.length < 3) continue;
    const q = fitQuadratic(
      clean.map((i) => lnN[i]),
      clean.map((i) => lnL[i]),
    );
    if (q && !(q.c2 > 0)) for (const i of clean) flag(i, 'negative_curvature');
  }
  // 5b. Weak curvature: c2 − t·se(c2) ≤ 0.
  const tLevel = (1 + o.curvatureConfidence) / 2;
  for (const rows of budgets) {
    const clean = rows.filter(isClean);
    if (clean.length < 4) continue;
    const q = fitQuadratic(
      clean.map((i) => lnN[i]),
      clean.map((i) => lnL[i]),
    );
    if (!q || !(q.c2 > 0)) continue;
    const dof = clean.length - 3;
    const se = Math.sqrt((q.rss / dof) * q.c2VarianceFactor);
    if (q.c2 - studentTQuantile(tLevel, dof) * se <= 0) for (const i of clean) flag(i, 'weak_curvature');
  }
  // 6. Too few left.
  for (const rows of budgets) {
    const clean = rows.filter(isClean);
    if (clean.length >= 1 && clean.length < o.minPointsPerBudget) for (const i of clean) flag(i, 'too_few_post_qc');
  }

  return { outlier: reason.map((r) => r !== 'none'), reason, splineResidual, splineMedian, splineMad, options: o };
}

/** Number of rows per reason (every reason present, `none` = clean rows). */
export function qcCounts(result: Pick<QcResult, 'reason'>): Record<QcReason, number> {
  const counts = Object.fromEntries(QC_REASONS.map((r) => [r, 0])) as Record<QcReason, number>;
  for (const r of result.reason) counts[r]++;
  return counts;
}

/**
 * Keep-mask of the progressive filter: false for rows whose reason is in
 * one of `groups` (specs/experiments.md §B.7 reason groups), true otherwise.
 * @example excludeReasonGroups(qc, ['pre_qc', 'off_center'])
 */
export function excludeReasonGroups(result: Pick<QcResult, 'reason'>, groups: readonly QcReasonGroup[]): boolean[] {
  const excluded = new Set<QcReason>(groups.flatMap((g) => QC_REASON_GROUPS[g]));
  return result.reason.map((r) => !excluded.has(r));
}
