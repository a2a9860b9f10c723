import { describe, expect, it } from 'vitest';
import { loadIsoflopExperiment } from '../../../../src/data/index.ts';
import {
  excludeReasonGroups,
  isoflopQc,
  QC_DEFAULTS,
  QC_REASON_GROUPS,
  qcCounts,
  qcOptionsFor,
  type QcResult,
  resolveQcOptions,
} from '../../../../experiments/shared/qc/index.ts';
import { Rng } from '../../../../src/util/rng.ts';
import { haveRealData, SHARED_DATA_DIR } from '../../../helpers/data.ts';

interface Rows {
  N: number[];
  D: number[];
  L: number[];
  budget: number[];
}

/** Centre of a budget in ln N. */
const centre = (C: number): number => Math.log(Math.sqrt(C / 120));

/**
 * n points of one budget at ln N = centre + shift + linspace(−half, half, n), D = C/(6N),
 * L = 2 + curv·(ln N − centre)² plus seeded Gaussian noise.
 */
function budget(C: number, n: number, o: { shift?: number; curv?: number; noise?: number; half?: number } = {}): Rows {
  const rng = new Rng(Math.round(Math.log10(C)));
  const x0 = centre(C);
  const half = o.half ?? 1;
  const rows: Rows = { N: [], D: [], L: [], budget: [] };
  for (let j = 0; j < n; j++) {
    const x = x0 + (o.shift ?? 0) - half + (2 * half * j) / (n - 1);
    const N = Math.exp(x);
    rows.N.push(N);
    rows.D.push(C / (6 * N));
    rows.budget.push(C);
    rows.L.push(2 + (o.curv ?? 0.05) * (x - x0) ** 2 + (o.noise ?? 1e-3) * rng.normal());
  }
  return rows;
}

function cat(...parts: Rows[]): Rows {
  return { N: parts.flatMap((p) => p.N), D: parts.flatMap((p) => p.D), L: parts.flatMap((p) => p.L), budget: parts.flatMap((p) => p.budget) };
}

/** Adds one row; `gap` scales D so that 6ND = gap·C. */
function add(rows: Rows, C: number, lnN: number, L: number, gap = 1): number {
  const N = Math.exp(lnN);
  rows.N.push(N);
  rows.D.push((gap * C) / (6 * N));
  rows.L.push(L);
  rows.budget.push(C);
  return rows.N.length - 1;
}

/** Three clean budgets of 9 points (rows 0–26). */
const base = (): Rows => cat(budget(1e18, 9), budget(1e19, 9), budget(1e20, 9));

const flagged = (q: QcResult): number[] => q.reason.flatMap((r, i) => (r === 'none' ? [] : [i]));
const z = (q: QcResult): number[] => Array.from(q.splineResidual, (r) => (0.6745 * Math.abs(r - q.splineMedian)) / q.splineMad);

describe('IsoFLOP QC stages (specs/experiments.md §B.7)', () => {
  it('leaves well-behaved budgets clean', () => {
    const q = isoflopQc(base());
    expect(flagged(q)).toEqual([]);
    expect(q.outlier.every((o) => !o)).toBe(true);
    expect(q.splineResidual.every((r) => Number.isFinite(r))).toBe(true);
    expect(qcCounts(q).none).toBe(27);
  });

  it('stage 1a: keeps the exact duplicate whose 6ND is closest to the budget, then the lower loss', () => {
    const rows = base();
    const x = Math.log(rows.N[13]);
    const far = add(rows, 1e19, x, rows.L[13], 1.2);
    let q = isoflopQc(rows);
    expect(flagged(q)).toEqual([far]);
    expect(q.reason[far]).toBe('exact_duplicate');

    const tie = base();
    const higher = add(tie, 1e19, x, tie.L[13] + 0.001, (tie.N[13] * tie.D[13] * 6) / 1e19);
    tie.D[higher] = tie.D[13];
    q = isoflopQc(tie);
    expect(flagged(q)).toEqual([higher]);
    tie.L[higher] = tie.L[13] - 0.001;
    q = isoflopQc(tie);
    expect(flagged(q)).toEqual([13]);
    expect(q.reason[13]).toBe('exact_duplicate');
  });

  it("stage 1b: groups near duplicates on the first row's ln N (tolerance 0.01)", () => {
    const rows = base();
    const x = Math.log(rows.N[13]);
    const near = add(rows, 1e19, x + 0.006, 2 + 0.05 * (x + 0.006 - centre(1e19)) ** 2, 1.1);
    const beyond = add(rows, 1e19, x + 0.012, 2 + 0.05 * (x + 0.012 - centre(1e19)) ** 2, 1.2);
    const q = isoflopQc(rows);
    // {x, x + 0.006} is one group (row 13 kept: 6ND = C); x + 0.012 is 0.012 > 0.01 from the group's first row.
    expect(q.reason[near]).toBe('near_duplicate_params');
    expect(q.reason[13]).toBe('none');
    expect(q.reason[beyond]).toBe('none');
    expect(flagged(q)).toEqual([near]);
    // Within the tolerance of the first row: the one closer to the budget stays.
    const two = base();
    const closer = add(two, 1e19, x + 0.009, two.L[13], 1.0);
    two.D[13] *= 1.3;
    const q2 = isoflopQc(two);
    expect(q2.reason[13]).toBe('near_duplicate_params');
    expect(q2.reason[closer]).toBe('none');
  });

  it('stage 2: flags every clean row of a budget with fewer than 6 clean rows; a row keeps its first reason', () => {
    const rows = cat(base(), budget(1e21, 5));
    let q = isoflopQc(rows);
    expect(flagged(q)).toEqual([27, 28, 29, 30, 31]);
    expect(new Set(flagged(q).map((i) => q.reason[i]))).toEqual(new Set(['too_few_points']));

    const dup = cat(base(), budget(1e21, 5));
    const d1 = add(dup, 1e21, Math.log(dup.N[29]), dup.L[29], 1.5);
    const d2 = add(dup, 1e21, Math.log(dup.N[30]), dup.L[30], 1.5);
    q = isoflopQc(dup);
    expect(q.reason[d1]).toBe('exact_duplicate');
    expect(q.reason[d2]).toBe('exact_duplicate');
    expect([27, 28, 29, 30, 31].map((i) => q.reason[i])).toEqual(Array(5).fill('too_few_points'));

    q = isoflopQc(base(), { minPointsPerBudget: 10 });
    expect(qcCounts(q).too_few_points).toBe(27);
  });

  it('stage 3: flags a budget with no clean row on one side of the vertex, and rows beyond 2.5 × the shorter side', () => {
    let q = isoflopQc(cat(base(), budget(1e21, 9, { shift: -2.5 })));
    expect(flagged(q)).toEqual([27, 28, 29, 30, 31, 32, 33, 34, 35]);
    expect(new Set(flagged(q).map((i) => q.reason[i]))).toEqual(new Set(['off_center']));

    const rows = base();
    const x0 = centre(1e20);
    const far = add(rows, 1e20, x0 + 4, 2 + 0.05 * 16);
    const inside = add(rows, 1e20, x0 + 2.2, 2 + 0.05 * 2.2 ** 2);
    q = isoflopQc(rows);
    // Vertex ≈ x0 − 0.04, shorter side ≈ 0.96, radius ≈ 2.4: x0 + 4 is outside, x0 + 2.2 inside (a later stage may still flag it).
    expect(q.reason[far]).toBe('off_center');
    expect(q.reason[inside]).not.toBe('off_center');
    expect(q.reason.filter((r) => r === 'off_center')).toHaveLength(1);
    // A margin of 4 (radius ≈ 0.96 × 5) keeps it.
    expect(isoflopQc(rows, { offCenterMargin: 4 }).reason[far]).not.toBe('off_center');
  });

  it('stage 4: pools leave-one-out Akima residuals and flags robust z above the threshold', () => {
    const rows = base();
    rows.L[13] += 0.05;
    const q = isoflopQc(rows);
    const zs = z(q);
    expect(q.reason[13]).toBe('spline_outlier');
    expect(Math.max(...zs)).toBe(zs[13]);
    // Exactly the rows above the threshold, all computed before flagging.
    expect(flagged(q)).toEqual(zs.flatMap((v, i) => (v > 6 ? [i] : [])));
  });

  it('stage 4: uses the per-data-set thresholds (3.0 Epoch AI Chinchilla, 4.5 Marin DCLM, 6.0 otherwise)', () => {
    const rows = base();
    rows.L[13] += 0.01;
    const zs = z(isoflopQc(rows));
    expect(zs[13]).toBeGreaterThan(4.5);
    expect(zs[13]).toBeLessThan(6);
    for (const [experiment, threshold] of [
      ['llama_3__raw_loss', 6],
      ['marin_202603__dclm__llama_2', 4.5],
      ['epochai_chinchilla__massivetext__chinchilla', 3],
    ] as const) {
      const q = isoflopQc(rows, qcOptionsFor(experiment));
      expect(q.options.splineZThreshold).toBe(threshold);
      expect(flagged(q)).toEqual(zs.flatMap((v, i) => (v > threshold ? [i] : [])));
    }
    expect(flagged(isoflopQc(rows, qcOptionsFor('marin_202603__dclm__llama_2')))).toEqual([13]);
    expect(flagged(isoflopQc(rows))).toEqual([]);
  });

  it('stage 4: two other clean rows give the straight line through them', () => {
    // Stage 2 with a minimum of 3 lets a 3-row budget through; each row is predicted by the line through the other two.
    const rows = cat(base(), budget(1e21, 3, { noise: 0 }));
    const q = isoflopQc(rows, { minPointsPerBudget: 3 });
    const x = rows.N.slice(27).map(Math.log);
    const L = rows.L.slice(27);
    const line = (i: number, j: number, k: number): number => L[i] + ((L[j] - L[i]) / (x[j] - x[i])) * (x[k] - x[i]);
    expect(q.splineResidual[28]).toBeCloseTo(L[1] - line(0, 2, 1), 14);
    expect(q.splineResidual[27]).toBeCloseTo(L[0] - line(1, 2, 0), 14);
  });

  it('stage 5a: flags budgets whose quadratic opens downwards', () => {
    const q = isoflopQc(cat(base(), budget(1e21, 9, { curv: -0.05 })));
    expect(flagged(q)).toEqual([27, 28, 29, 30, 31, 32, 33, 34, 35]);
    expect(q.reason[27]).toBe('negative_curvature');
  });

  it('stage 5b: flags budgets whose curvature is not significant at 95 %', () => {
    // Curvature 0.002 against noise 0.001: c2 ≈ 7.5e-4 > 0 but only ≈ 1.3 standard errors, below t(0.975, 6) ≈ 2.45.
    const rows = cat(base(), budget(1e21, 9, { curv: 0.002 }));
    const q = isoflopQc(rows);
    expect(flagged(q)).toEqual([27, 28, 29, 30, 31, 32, 33, 34, 35]);
    expect(q.reason[27]).toBe('weak_curvature');
    // At a very low confidence the t quantile is near 0 and the positive c2 passes.
    expect(flagged(isoflopQc(rows, { curvatureConfidence: 0.01 }))).toEqual([]);
  });

  it('stage 6: flags budgets left with 1–5 clean rows', () => {
    // Six rows pass stage 2; stage 4 removes one, so stage 6 flags the other five.
    const rows = cat(base(), budget(1e21, 6));
    rows.L[29] += 0.005;
    const q = isoflopQc(rows);
    const reasons = q.reason.slice(27);
    expect(reasons.filter((r) => r === 'spline_outlier')).toHaveLength(1);
    expect(reasons.filter((r) => r === 'too_few_post_qc')).toHaveLength(5);
    expect(flagged(q).every((i) => i >= 27)).toBe(true);
  });

  it('rejects bad data and bad options', () => {
    expect(() => isoflopQc({ N: [1, 2], D: [1], L: [1, 2], budget: [1, 1] })).toThrow('D has 1');
    expect(() => isoflopQc({ N: [1, -2], D: [1, 1], L: [1, 2], budget: [1, 1] })).toThrow('N[1] = -2');
    expect(() => resolveQcOptions({ minPointsPerBudget: 2 })).toThrow(RangeError);
    expect(() => resolveQcOptions({ curvatureConfidence: 1 })).toThrow(RangeError);
    expect(() => resolveQcOptions({ splineZThreshold: 0 })).toThrow(RangeError);
    expect(() => resolveQcOptions({ nearDuplicateTolerance: -1 })).toThrow(RangeError);
  });

  it('resolves the specs/experiments.md §B.7 parameters and per-data-set overrides', () => {
    expect(resolveQcOptions()).toEqual({
      minPointsPerBudget: 6,
      nearDuplicateTolerance: 0.01,
      offCenterMargin: 1.5,
      curvatureConfidence: 0.95,
      splineZThreshold: 6,
    });
    expect(QC_DEFAULTS.splineZThreshold).toBe(6);
    expect(qcOptionsFor('epochai_chinchilla__massivetext__chinchilla').splineZThreshold).toBe(3);
    expect(qcOptionsFor('marin_202603__dclm__llama_2').splineZThreshold).toBe(4.5);
    expect(qcOptionsFor('marin_202603__comma__llama_2').splineZThreshold).toBe(6);
    expect(qcOptionsFor('marin_202603__dclm__llama_2', { splineZThreshold: 5 }).splineZThreshold).toBe(5);
  });

  it('excludes reason groups cumulatively for the progressive filter', () => {
    const reason = ['none', 'exact_duplicate', 'spline_outlier', 'weak_curvature', 'too_few_post_qc', 'too_few_points'] as const;
    const q = { reason: [...reason] };
    expect(excludeReasonGroups(q, [])).toEqual([true, true, true, true, true, true]);
    expect(excludeReasonGroups(q, ['pre_qc'])).toEqual([true, false, true, true, true, false]);
    expect(excludeReasonGroups(q, ['pre_qc', 'off_center', 'weak_curvature', 'post_qc'])).toEqual([true, false, false, false, false, false]);
    expect(Object.values(QC_REASON_GROUPS).flat().sort()).toEqual(
      [
        'exact_duplicate',
        'near_duplicate_params',
        'too_few_points',
        'off_center',
        'spline_outlier',
        'negative_curvature',
        'weak_curvature',
        'too_few_post_qc',
      ].sort(),
    );
  });
});

describe.skipIf(
  !haveRealData(
    ['epochai_chinchilla_isoflops.csv', 'llama_3_isoflops.csv', 'marin_202603_isoflops.csv', 'misfitting_isoflops.csv'],
    'IsoFLOP QC on the published data sets',
  ),
)('IsoFLOP QC on the published data sets', () => {
  // Row-for-row identical to an independent implementation on numpy.polyfit and scipy's Akima1DInterpolator.
  const expected: Record<string, [string, Record<string, number>]> = {
    epochai_chinchilla__massivetext__chinchilla: [
      'epochai_chinchilla_isoflops.csv',
      { none: 85, near_duplicate_params: 7, off_center: 16, spline_outlier: 10, weak_curvature: 5 },
    ],
    llama_3__raw_loss: ['llama_3_isoflops.csv', { none: 116, near_duplicate_params: 2, off_center: 1, spline_outlier: 4, weak_curvature: 10 }],
    marin_202603__comma__llama_2: ['marin_202603_isoflops.csv', { none: 80, too_few_points: 5 }],
    marin_202603__dclm__llama_2: ['marin_202603_isoflops.csv', { none: 79, too_few_points: 5, spline_outlier: 1 }],
    marin_202603__nemotron__llama_2: ['marin_202603_isoflops.csv', { none: 80, too_few_points: 8 }],
    misfitting__fineweb_c4__transformer: [
      'misfitting_isoflops.csv',
      { none: 106, too_few_points: 32, off_center: 20, spline_outlier: 6, weak_curvature: 5, too_few_post_qc: 7 },
    ],
  };
  for (const [experiment, [file, counts]] of Object.entries(expected)) {
    it(`labels ${experiment}`, async () => {
      const d = await loadIsoflopExperiment(file, experiment, { dataDir: SHARED_DATA_DIR });
      const q = isoflopQc({ N: d.N, D: d.D, L: d.L, budget: d.budget! }, qcOptionsFor(experiment));
      const got = Object.fromEntries(Object.entries(qcCounts(q)).filter(([, v]) => v > 0));
      expect(got).toEqual(counts);
    });
  }
});
