/**
 * Experiment 11: what Approach 2's errors cost at frontier scale
 * (specs/experiments.md §C.11). Part 1 simulates surfaces, part 2 fits the real
 * Llama 3 IsoFLOP data, part 3 bootstraps part 2, part 4 applies the IsoFLOP
 * quality control (specs/experiments.md §B.7) level by level.
 */
import { grid8, type SurfaceFitResult } from '../../src/fit/index.ts';
import { fitSurfaceMethod } from '../../src/fit/methods.ts';
import type { Figure } from '../../src/plot/index.ts';
import { qcCounts, type QcReason } from '../shared/qc/index.ts';
import type { BiasName, SamplingGridName } from '../../src/sampling/index.ts';
import { type LossSurface, SURFACES } from '../../src/surface/index.ts';
import { COMPOUNDING_COLUMNS } from '../shared/columns.ts';
import { type CompoundingRow, compoundingFigure, compoundingRows } from '../shared/compounding.ts';
import { costSummary, flopsToUsd } from './cost.ts';
import { type BootstrapSpread, bootstrapSpread } from './bootstrap-spread.ts';
import { approach2Cost, approach2OnRows, bootstrapDcl, bootstrapInterval, type FilterRow, progressiveFilter } from './costs.ts';
import { computeAllocationFigure, type CostFields, type CostRow, progressiveFilterFigure } from './figures.ts';
import { exp11Report, type Llama3Fits } from './report.ts';
import { type DatasetRef, distinctBudgets, EPOCH_CHINCHILLA, labelDataset, LLAMA_3, loadDataset } from '../shared/real-data/datasets.ts';
import type { Artifacts, RunContext } from '../harness/types.ts';

export const id = 11;
export const title = 'What the errors cost at frontier scale';
/** Consumes random numbers: summary.json records the generator. */
export const random = true;
export const hypothesis =
  "Approach 2's misallocation of tokens and parameters, extrapolated to a Llama-3-405B-sized budget (3.8e25 FLOPs), " +
  'wastes a measurable share of the compute on published surfaces and on the real Llama 3 IsoFLOP data, ' +
  'and IsoFLOP quality control changes how much.';

/** Surfaces of part 1; `llama_3` is the part 2 VPNLS fit. */
export type SimulatedSurface = 'llama_3' | 'chinchilla' | 'soda' | 'sparse_nmm';

/** A data set of the progressive filter and its target budget. */
export interface FilterModel {
  readonly model: 'llama_3' | 'chinchilla';
  readonly dataset: DatasetRef;
  readonly evalBudget: number;
}

export interface Exp11Config {
  /** Target budget C (Llama 3 405B). */
  readonly evalBudget: number;
  readonly simulatedSurfaces: readonly SimulatedSurface[];
  readonly grids: readonly SamplingGridName[];
  readonly biases: readonly BiasName[];
  /** Fitting budgets of part 1. */
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
  /** The part 1 configuration reported in `cost_estimates.csv`. */
  readonly costBias: BiasName;
  readonly costGrid: SamplingGridName;
  readonly realData: DatasetRef;
  readonly bootstrapResamples: number;
  /**
   * Seeds of the bootstrap's own Monte Carlo spread: the whole bootstrap is
   * repeated with seed + k, k = 0 … bootstrapSeeds − 1 (k = 0 is the reported one).
   */
  readonly bootstrapSeeds: number;
  /** Percentiles of the bootstrap interval (90 %). */
  readonly ciPercentiles: readonly [number, number];
  readonly filterModels: readonly FilterModel[];
}

export const defaultConfig: Exp11Config = {
  evalBudget: 3.8e25,
  simulatedSurfaces: ['llama_3', 'chinchilla', 'soda', 'sparse_nmm'],
  grids: ['XS', 'S', 'L', 'XL'],
  biases: ['centered', 'offset_3x', 'drift_3x'],
  budgets: [1e18, 1e19, 1e20, 1e21, 1e22],
  pointsPerCurve: 15,
  costBias: 'drift_3x',
  costGrid: 'XS',
  realData: LLAMA_3,
  bootstrapResamples: 100,
  bootstrapSeeds: 20,
  ciPercentiles: [5, 95],
  filterModels: [
    { model: 'llama_3', dataset: LLAMA_3, evalBudget: 3.8e25 },
    // The Chinchilla model's training budget.
    { model: 'chinchilla', dataset: EPOCH_CHINCHILLA, evalBudget: 5.76e23 },
  ],
};

export const quickConfig: Exp11Config = { ...defaultConfig, bootstrapResamples: 10, bootstrapSeeds: 3 };

type SimRow = CompoundingRow & { dcl_usd: number };

export interface Exp11Result {
  readonly simRows: SimRow[];
  readonly llamaSurface: LossSurface;
  readonly fits: Llama3Fits;
  readonly costRows: CostRow[];
  readonly bootstrap: { nResamples: number; nSuccessful: number; seed: number };
  /** Across-seed range of the interval ends, per real row (`llama_3_vpnls`, `llama_3_approach3`). */
  readonly bootstrapSpread: BootstrapSpread;
  readonly filterRows: FilterRow[];
  /** QC reason counts per filter model. */
  readonly qcCounts: Record<string, Record<QcReason, number>>;
}

const surfaceOf = (f: SurfaceFitResult): LossSurface => ({ E: f.E, A: f.A, B: f.B, alpha: f.alpha, beta: f.beta });

type Rows = { readonly N: ArrayLike<number>; readonly D: ArrayLike<number>; readonly L: ArrayLike<number> };
/** The two surface fits of parts 2 and 4 (specs/experiments.md §B.8), Approach 3 seeded from grid 8⁵. */
const fitVpnls256 = (d: Rows): SurfaceFitResult => fitSurfaceMethod('vpnls_lbfgsb_grad_256', d.N, d.D, d.L);
const fitApproach3LseLogloss = (d: Rows): SurfaceFitResult => fitSurfaceMethod('approach3_lse_logloss', d.N, d.D, d.L, { seedGrid: grid8() });

export async function run(config: Exp11Config, ctx: RunContext): Promise<Exp11Result> {
  const C = config.evalBudget;
  // Part 2: the three fits on all Llama 3 rows.
  const fitTask = ctx.progress.start('Llama 3 fits', 3);
  const llama = await loadDataset(config.realData, ctx.dataDir);
  const vpnls = fitVpnls256(llama);
  fitTask.tick();
  const approach3 = fitApproach3LseLogloss(llama);
  fitTask.tick();
  const approach2 = approach2OnRows(llama);
  fitTask.tick();
  fitTask.done();
  const llamaSurface = surfaceOf(vpnls);
  const fits: Llama3Fits = { vpnls, approach3, approach2, nPoints: llama.N.length, nBudgets: distinctBudgets(llama.budget).length };

  // Part 1: simulated surfaces.
  const surfaces = config.simulatedSurfaces.map((name) => ({ name, surface: name === 'llama_3' ? llamaSurface : SURFACES[name] }));
  const simTask = ctx.progress.start('simulated fits', config.biases.length * surfaces.length * config.grids.length);
  const simRows: SimRow[] = compoundingRows(
    { surfaces, grids: config.grids, biases: config.biases, budgets: config.budgets, pointsPerCurve: config.pointsPerCurve, evalBudget: C },
    () => simTask.tick(),
  ).map((r) => ({ ...r, dcl_usd: flopsToUsd(r.dcl_flops) }));
  simTask.done();

  // Part 3: bootstrap of the real comparison.
  const truths = [surfaceOf(vpnls), surfaceOf(approach3)];
  const bootTask = ctx.progress.start('bootstrap', config.bootstrapResamples);
  const boot = bootstrapDcl(llama, truths, C, config.bootstrapResamples, ctx.seed, { onResample: () => bootTask.tick(), rng: ctx.rng });
  const spread = bootstrapSpread(llama, truths, C, boot, { seeds: config.bootstrapSeeds, rng: ctx.rng, percentiles: config.ciPercentiles });
  bootTask.done();

  const costRows: CostRow[] = [];
  const realTruths = [
    { row: 'llama_3_vpnls', method: 'vpnls', surface: truths[0] },
    { row: 'llama_3_approach3', method: 'approach3_lse_logloss', surface: truths[1] },
  ];
  realTruths.forEach((t, k) => {
    const cost = approach2Cost(t.surface, approach2, C);
    const [lo, hi] = boot.nSuccessful > 0 ? bootstrapInterval(boot.dclFlops[k], config.ciPercentiles) : [NaN, NaN];
    costRows.push({
      row: t.row,
      group: 'real',
      truth_method: t.method,
      surface: 'llama_3',
      ...pickCost(cost),
      alpha_over_beta: approach3.alpha / approach3.beta,
      ci_low_flops: lo,
      ci_high_flops: hi,
      ci_low_usd: flopsToUsd(lo),
      ci_high_usd: flopsToUsd(hi),
    });
  });
  for (const s of surfaces) {
    const r = simRows.find((x) => x.bias === config.costBias && x.grid === config.costGrid && x.surface === s.name);
    if (!r) throw new Error(`experiment 11: no part 1 row for ${s.name}, ${config.costBias}, ${config.costGrid}`);
    costRows.push({
      row: `${s.name}_sim`,
      group: 'simulated',
      truth_method: s.name === 'llama_3' ? 'vpnls' : 'published',
      surface: s.name,
      ...pickCost(r),
      alpha_over_beta: s.surface.alpha / s.surface.beta,
      ci_low_flops: NaN,
      ci_high_flops: NaN,
      ci_low_usd: NaN,
      ci_high_usd: NaN,
    });
  }

  // Part 4: progressive QC filter.
  const filterRows: FilterRow[] = [];
  const counts: Record<string, Record<QcReason, number>> = {};
  const filterTask = ctx.progress.start('progressive filter', config.filterModels.length);
  for (const m of config.filterModels) {
    const rows = m.dataset === config.realData ? llama : await loadDataset(m.dataset, ctx.dataDir);
    const qc = labelDataset(m.dataset, rows);
    counts[m.model] = qcCounts(qc);
    const [tv, ta] = m.dataset === config.realData ? [vpnls, approach3] : [fitVpnls256(rows), fitApproach3LseLogloss(rows)];
    filterRows.push(
      ...progressiveFilter(
        m.model,
        rows,
        qc,
        [
          { method: 'vpnls', surface: surfaceOf(tv) },
          { method: 'approach3_lse_logloss', surface: surfaceOf(ta) },
        ],
        m.evalBudget,
      ),
    );
    filterTask.tick();
  }
  filterTask.done();

  return {
    simRows,
    llamaSurface,
    fits,
    costRows,
    bootstrap: { nResamples: boot.nResamples, nSuccessful: boot.nSuccessful, seed: boot.seed },
    bootstrapSpread: spread,
    filterRows,
    qcCounts: counts,
  };
}

function pickCost(c: CostFields): CostFields {
  return {
    d_true: c.d_true,
    d_hat: c.d_hat,
    n_true: c.n_true,
    n_hat: c.n_hat,
    loss_true: c.loss_true,
    loss_hat: c.loss_hat,
    loss_penalty: c.loss_penalty,
    c_equivalent: c.c_equivalent,
    dcl_flops: c.dcl_flops,
    dcl_pct: c.dcl_pct,
    dcl_usd: c.dcl_usd,
  };
}

const LLAMA3_FIT_COLUMNS = ['method', 'e', 'coef_a', 'coef_b', 'alpha', 'beta', 'a', 'b', 'a0', 'b0', 'rss', 'n_points', 'n_budgets', 'status'] as const;
const COST_COLUMNS = [
  'row',
  'group',
  'truth_method',
  'surface',
  'd_true',
  'd_hat',
  'n_true',
  'n_hat',
  'loss_true',
  'loss_hat',
  'loss_penalty',
  'c_equivalent',
  'dcl_flops',
  'dcl_pct',
  'dcl_usd',
  'alpha_over_beta',
  'ci_low_flops',
  'ci_high_flops',
  'ci_low_usd',
  'ci_high_usd',
] as const;
const FILTER_COLUMNS = [
  'model',
  'truth_method',
  'level',
  'level_index',
  'points_removed',
  'points_remaining',
  'budgets_removed',
  'budgets_remaining',
  'dcl_flops',
  'dcl_pct',
  'dcl_usd',
] as const;

/** `llama3_fits.csv` rows (surface columns empty for Approach 2, a0/b0 empty for the surface fits). */
export function llama3FitRows(f: Llama3Fits): Array<Record<(typeof LLAMA3_FIT_COLUMNS)[number], string | number>> {
  const surfaceRow = (method: string, s: SurfaceFitResult) => ({
    method,
    e: s.E,
    coef_a: s.A,
    coef_b: s.B,
    alpha: s.alpha,
    beta: s.beta,
    a: s.a,
    b: s.b,
    a0: NaN,
    b0: NaN,
    rss: s.rss,
    n_points: s.nPoints,
    n_budgets: f.nBudgets,
    status: s.status,
  });
  return [
    surfaceRow('vpnls', f.vpnls),
    surfaceRow('approach3_lse_logloss', f.approach3),
    {
      method: 'approach2',
      e: NaN,
      coef_a: NaN,
      coef_b: NaN,
      alpha: NaN,
      beta: NaN,
      a: f.approach2.a,
      b: f.approach2.b,
      a0: f.approach2.a0,
      b0: f.approach2.b0,
      rss: NaN,
      n_points: f.approach2.nPoints,
      n_budgets: f.approach2.budgets.length,
      status: 'converged',
    },
  ];
}

export function render(result: Exp11Result, config: Exp11Config): Artifacts {
  const fitRows = llama3FitRows(result.fits);
  const figures: Record<string, Figure> = {
    token_allocation_errors: compoundingFigure(
      result.simRows,
      {
        biases: config.biases,
        grids: config.grids,
        surfaces: config.simulatedSurfaces.map((name) => ({ name, surface: name === 'llama_3' ? result.llamaSurface : SURFACES[name] })),
      },
      `Error of the Approach 2 D* at ${config.evalBudget.toExponential(1)} FLOPs (fitted on 10¹⁸–10²² FLOPs): surface × grid × sampling bias`,
    ),
    compute_allocation_errors: computeAllocationFigure(result.costRows, config.evalBudget),
  };
  const modelLabels: Record<string, string> = { llama_3: 'Llama 3', chinchilla: 'Chinchilla' };
  const truthNames = [
    ['vpnls', 'vpnls', 'VPNLS'],
    ['approach3_lse_logloss', 'approach3', 'Approach 3 (LSE, log-loss)'],
  ] as const;
  for (const m of config.filterModels) {
    for (const [method, short, label] of truthNames) {
      const rows = result.filterRows.filter((r) => r.model === m.model && r.truth_method === method);
      figures[`progressive_filter_${m.model}_${short}`] = progressiveFilterFigure(rows, modelLabels[m.model] ?? m.model, label, m.evalBudget);
    }
  }
  return {
    tables: {
      'token_allocation_errors.csv': { columns: [...COMPOUNDING_COLUMNS, 'dcl_usd'], rows: result.simRows },
      'llama3_fits.csv': { columns: LLAMA3_FIT_COLUMNS, rows: fitRows },
      'cost_estimates.csv': { columns: COST_COLUMNS, rows: result.costRows },
      'progressive_filter.csv': { columns: FILTER_COLUMNS, rows: result.filterRows },
    },
    figures,
    texts: { 'report.md': exp11Report(result, config) },
    summary: {
      ...costSummary(),
      eval_budget: config.evalBudget,
      training_budgets: [...config.budgets],
      llama3_fits: Object.fromEntries(fitRows.map(({ method, ...rest }) => [method, rest])),
      bootstrap: { n_resamples: result.bootstrap.nResamples, n_successful: result.bootstrap.nSuccessful, seed: result.bootstrap.seed },
      bootstrap_spread: {
        n_seeds: result.bootstrapSpread.n_seeds,
        seeds: result.bootstrapSpread.seeds,
        n_resamples: result.bootstrapSpread.n_resamples,
        ...Object.fromEntries(result.costRows.filter((r) => r.group === 'real').map((r, k) => [r.row, result.bootstrapSpread.truths[k]])),
      },
      dcl_pct: Object.fromEntries(result.costRows.map((r) => [r.row, r.dcl_pct])),
      dcl_usd: Object.fromEntries(result.costRows.map((r) => [r.row, r.dcl_usd])),
      qc_counts: result.qcCounts,
    },
  };
}
