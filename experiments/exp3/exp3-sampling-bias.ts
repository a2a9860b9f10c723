/**
 * Experiment 3: sensitivity to a biased sampling centre (specs/experiments.md §C.3).
 */
import { approach2DiagnosticsFigure } from '../shared/approach2-diagnostics.ts';
import { type LinePanel, lineGrid, type Series } from '../../src/plot/builders.ts';
import type { Figure } from '../../src/plot/figure.ts';
import { BIAS_COLORS, colorFor, D_COLOR, formatPow10, N_COLOR } from '../../src/plot/theme.ts';
import { BIASES, type BiasName, DEFAULT_BUDGETS, DEFAULT_POINTS_PER_CURVE, RANGE_NAMES, STANDARD_BIAS_NAMES } from '../../src/sampling/index.ts';
import { type LossSurface, SURFACES } from '../../src/surface/index.ts';
import type { Approach2OptimumRow, Approach2ParamRow } from '../shared/approach2-run.ts';
import { TARGET_BUDGET } from '../shared/budgets.ts';
import { OPTIMA_COLUMNS, SWEEP_COLUMNS } from '../shared/columns.ts';
import {
  OFFSET_SWEEP_COLUMNS,
  offsetFactors,
  offsetSweepFigure,
  offsetSweepRows,
  type OffsetSweepConfig,
  type OffsetSweepRow,
  signChangeFactor,
  symmetricSignChangeFactor,
} from './offset-sweep.ts';
import { type SamplingGridName, NAMED_GRIDS } from '../../src/sampling/index.ts';
import { diagnosticsData, optimaRows, type SurfaceSweep, sweepRows, sweepSurface } from '../shared/sweep.ts';
import type { Artifacts, RunContext } from '../harness/types.ts';

export const id = 3;
export const title = 'Sensitivity to a biased sampling centre';
export const hypothesis =
  "A constant offset of the sampling centre shifts every budget's vertex by the same amount in log space, " +
  'biasing intercepts but leaving the exponents exact; a centre that drifts with the budget shifts the vertices ' +
  'by different amounts and so biases the exponents too, more so on asymmetric surfaces. ' +
  'The sign of the D* error under a constant offset is not fixed: it changes with the offset factor and the grid width.';

export interface Exp3Config {
  readonly surfaces: ReadonlyArray<{ name: string; surface: LossSurface }>;
  readonly biases: readonly BiasName[];
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
  /** Biases shown as rows of the `optima_errors_<surface>` figures. */
  readonly optimaFigureBiases: readonly BiasName[];
  /** Grids and constant offset factors of `offset_sweep.csv` (same surfaces, budgets and points). */
  readonly offsetGrids: readonly SamplingGridName[];
  readonly offsetFactors: readonly number[];
  /** Budget of the offset sweep's D* error and DCL. */
  readonly evalBudget: number;
}

export const defaultConfig: Exp3Config = {
  surfaces: (['symmetric', 'chinchilla', 'asymmetric'] as const).map((name) => ({ name, surface: SURFACES[name] })),
  biases: STANDARD_BIAS_NAMES,
  budgets: DEFAULT_BUDGETS,
  pointsPerCurve: DEFAULT_POINTS_PER_CURVE,
  optimaFigureBiases: ['baseline', 'drift_0.4', 'scale_2.0'],
  offsetGrids: ['XS', 'S', 'L', 'XL'],
  offsetFactors: offsetFactors(),
  evalBudget: TARGET_BUDGET,
};

/** No quick variant. */
export const quickConfig: Exp3Config = defaultConfig;

export interface Exp3Cell {
  readonly surface: string;
  readonly bias: BiasName;
  readonly sweep: SurfaceSweep;
}

export interface Exp3Result {
  readonly cells: readonly Exp3Cell[];
  readonly offsetRows: readonly OffsetSweepRow[];
}

function offsetConfig(config: Exp3Config): OffsetSweepConfig {
  return {
    surfaces: config.surfaces,
    grids: config.offsetGrids,
    factors: config.offsetFactors,
    budgets: config.budgets,
    pointsPerCurve: config.pointsPerCurve,
    evalBudget: config.evalBudget,
  };
}

export async function run(config: Exp3Config, ctx: RunContext): Promise<Exp3Result> {
  const task = ctx.progress.start('surface × bias sweeps', config.surfaces.length * config.biases.length);
  const cells: Exp3Cell[] = [];
  for (const s of config.surfaces) {
    for (const bias of config.biases) {
      cells.push({ surface: s.name, bias, sweep: sweepSurface(s.surface, BIASES[bias], config) });
      task.tick();
    }
  }
  task.done();
  const offsetTask = ctx.progress.start('constant-offset sweep', 1);
  const offsetRows = offsetSweepRows(offsetConfig(config));
  offsetTask.tick();
  offsetTask.done();
  return { cells, offsetRows };
}

const PARAM_PANELS: ReadonlyArray<{ key: keyof Approach2ParamRow; title: string; y: string }> = [
  { key: 'a_err_pct', title: 'a', y: 'a relative error (%)' },
  { key: 'b_err_pct', title: 'b', y: 'b relative error (%)' },
  { key: 'a0_err_pct', title: 'a₀', y: 'a₀ relative error (%)' },
  { key: 'b0_err_pct', title: 'b₀', y: 'b₀ relative error (%)' },
];

const OPTIMA_PANELS: ReadonlyArray<{ key: keyof Approach2OptimumRow; title: string; y: string; color: string }> = [
  { key: 'n_opt_err_pct', title: 'N* error (%)', y: 'N̂* relative error (%)', color: N_COLOR },
  { key: 'd_opt_err_pct', title: 'D* error (%)', y: 'D̂* relative error (%)', color: D_COLOR },
  { key: 'n_opt_err_abs', title: 'N* error (absolute)', y: 'N̂* − N* (parameters)', color: N_COLOR },
  { key: 'd_opt_err_abs', title: 'D* error (absolute)', y: 'D̂* − D* (tokens)', color: D_COLOR },
];

function paramErrorsFigure(result: Exp3Result, config: Exp3Config): Figure {
  const panels: LinePanel[] = [];
  config.surfaces.forEach((s) => {
    for (const p of PARAM_PANELS) {
      const series: Series[] = result.cells
        .filter((c) => c.surface === s.name)
        .map((c, i) => ({
          name: c.bias,
          x: c.sweep.widths.map((w) => w.log_range),
          y: c.sweep.params.map((row) => row[p.key]),
          color: colorFor(BIAS_COLORS, c.bias, i),
          markerSize: 4,
        }));
      panels.push({ title: `${s.name}: ${p.title}`, wAxis: true, yTitle: p.y, zeroLine: true, series });
    }
  });
  return lineGrid({ title: 'Approach 2 exponent and intercept errors by sampling bias', rows: config.surfaces.length, cols: 4, panels, height: 1050 });
}

function optimaErrorsFigure(result: Exp3Result, config: Exp3Config, surface: string): Figure {
  const panels: LinePanel[] = [];
  for (const bias of config.optimaFigureBiases) {
    const cell = result.cells.find((c) => c.surface === surface && c.bias === bias);
    if (!cell) throw new Error(`experiment 3: no sweep for ${surface}/${bias}`);
    const nB = cell.sweep.optima[0].length;
    for (const p of OPTIMA_PANELS) {
      const series: Series[] = Array.from({ length: nB }, (_, j) => {
        const t = nB === 1 ? 1 : j / (nB - 1);
        const budget = cell.sweep.optima[0][j].budget;
        return {
          name: `C = ${formatPow10(budget)}`,
          group: `budget-${budget}`,
          mode: 'markers',
          x: cell.sweep.widths.map((w) => w.log_range),
          y: cell.sweep.optima.map((o) => o[j][p.key]),
          color: p.color,
          markerSize: 4 + 6 * t,
          opacity: 0.3 + 0.7 * t,
        };
      });
      panels.push({ title: `${bias}: ${p.title}`, wAxis: true, yTitle: p.y, zeroLine: true, series });
    }
  }
  return lineGrid({
    title: `Per-budget optimum errors on the ${surface} surface (marker size and opacity grow with the budget)`,
    rows: config.optimaFigureBiases.length,
    cols: 4,
    panels,
    height: 1000,
  });
}

export function render(result: Exp3Result, config: Exp3Config): Artifacts {
  const figures: Record<string, Figure> = { param_errors: paramErrorsFigure(result, config) };
  for (const s of config.surfaces) figures[`optima_errors_${s.name}`] = optimaErrorsFigure(result, config, s.name);
  figures.offset_sweep = offsetSweepFigure(result.offsetRows, offsetConfig(config));
  const aWide: Record<string, Record<string, number>> = {};
  const bWide: Record<string, Record<string, number>> = {};
  const atWide: Record<string, Record<string, Record<string, number>>> = {};
  for (const c of result.cells) {
    figures[`${c.surface}_${c.bias}`] = approach2DiagnosticsFigure(
      diagnosticsData(`Approach 2 error versus grid width: ${c.surface} surface, bias ${c.bias}`, c.sweep),
    );
    const wide = c.sweep.params[RANGE_NAMES.wide];
    (aWide[c.surface] ??= {})[c.bias] = wide.a_err_pct;
    (bWide[c.surface] ??= {})[c.bias] = wide.b_err_pct;
    const e = c.sweep.budgetErrors[RANGE_NAMES.wide];
    (atWide[c.surface] ??= {})[c.bias] = {
      b0_err_pct: wide.b0_err_pct,
      d_err_pct_center: e.d_err_pct_center,
      dcl_pct_center: e.dcl_pct_center,
      d_err_pct_eval: e.d_err_pct_eval,
      dcl_pct_eval: e.dcl_pct_eval,
    };
  }
  // Per surface and grid: the offset factor above 1 beyond which D* is overestimated, and the D* error at the named factors.
  const signChange: Record<string, Record<string, number | null>> = {};
  const atFactor: Record<string, Record<string, Record<string, { d_err_pct: number; dcl_pct: number }>>> = {};
  for (const s of config.surfaces) {
    for (const grid of config.offsetGrids) {
      const sel = result.offsetRows.filter((r) => r.surface === s.name && r.grid === grid);
      (signChange[s.name] ??= {})[grid] = signChangeFactor(sel);
      // Only the round factors (multiples of 1/4: 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4) as summary keys; the CSV has them all.
      for (const r of sel.filter((x) => Number.isInteger(4 * x.center_scale)))
        ((atFactor[s.name] ??= {})[grid] ??= {})[String(r.center_scale)] = { d_err_pct: r.d_err_pct, dcl_pct: r.dcl_pct };
    }
  }
  const leadingOrder = Object.fromEntries(config.offsetGrids.map((g) => [g, symmetricSignChangeFactor(NAMED_GRIDS[g].W, config.pointsPerCurve)]));
  return {
    tables: {
      'sweep.csv': { columns: SWEEP_COLUMNS, rows: result.cells.flatMap((c) => sweepRows({ surface: c.surface }, c.bias, c.sweep)) },
      'optima.csv': { columns: OPTIMA_COLUMNS, rows: result.cells.flatMap((c) => optimaRows(c.surface, c.bias, c.sweep)) },
      'offset_sweep.csv': { columns: OFFSET_SWEEP_COLUMNS, rows: result.offsetRows },
    },
    figures,
    summary: {
      a_err_pct_wide: aWide,
      b_err_pct_wide: bWide,
      // Beside each intercept error at the widest grid, the D* error of the fitted law at stated budgets (sweep centre and target).
      budget_errors_wide: atWide,
      offset_sweep: {
        eval_budget: config.evalBudget,
        factors: config.offsetFactors,
        sign_change_factor: signChange,
        sign_change_factor_leading_order_symmetric: leadingOrder,
        d_err_pct: atFactor,
      },
    },
  };
}
