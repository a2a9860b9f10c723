/**
 * Compounding biases (experiment 10; experiment 11 part 1 reuses it): the
 * Approach 2 D* error (specs/experiments.md §B.3) and the DCL (specs/experiments.md §B.4) at one target budget for
 * every sampling bias × surface × named grid, and its bar figure.
 */
import { extrapolateApproach2 } from '../../src/fit/approach2.ts';
import type { Figure } from '../../src/plot/figure.ts';
import { groupedBarGrid } from '../../src/plot/builders.ts';
import { GRID_COLORS } from '../../src/plot/theme.ts';
import { BIASES, type BiasName, type SamplingGridName, NAMED_GRIDS } from '../../src/sampling/index.ts';
import type { LossSurface } from '../../src/surface/index.ts';
import { runApproach2 } from './approach2-run.ts';
import { allocationCost, type AllocationCost } from '../../src/surface/allocation-cost.ts';
import { biasColumns } from './sweep.ts';

/** A bar label such as `+3.4%`, `-23.1%` or `0.0%` (no sign on values that round to zero). */
function signedPct(v: number): string {
  const t = Math.abs(v).toFixed(1);
  return Number(t) === 0 ? `${t}%` : `${v > 0 ? '+' : '-'}${t}%`;
}

export interface CompoundingConfig {
  readonly surfaces: ReadonlyArray<{ name: string; surface: LossSurface }>;
  readonly grids: readonly SamplingGridName[];
  readonly biases: readonly BiasName[];
  /** Fitting budgets. */
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
  /** Target budget of specs/experiments.md §B.3/§B.4. */
  readonly evalBudget: number;
}

export type CompoundingRow = {
  bias: BiasName;
  drift_rate: number;
  center_scale: number;
  surface: string;
  alpha: number;
  beta: number;
  grid: SamplingGridName;
  grid_factor: number;
  log_range: number;
  eval_budget: number;
} & AllocationCost;

/** specs/experiments.md §B.3 + §B.4 at `evalBudget` for every (bias, surface, grid): shared with experiment 11 part 1. */
export function compoundingRows(config: CompoundingConfig, onRow: () => void = () => undefined): CompoundingRow[] {
  const rows: CompoundingRow[] = [];
  for (const bias of config.biases) {
    for (const s of config.surfaces) {
      for (const grid of config.grids) {
        const { W, factor } = NAMED_GRIDS[grid];
        const { fit } = runApproach2({ surface: s.surface, bias: BIASES[bias], W, budgets: config.budgets, pointsPerCurve: config.pointsPerCurve });
        const dHat = extrapolateApproach2(fit, config.evalBudget).D;
        rows.push({
          ...biasColumns(bias),
          surface: s.name,
          alpha: s.surface.alpha,
          beta: s.surface.beta,
          grid,
          grid_factor: factor,
          log_range: W,
          eval_budget: config.evalBudget,
          ...allocationCost(s.surface, dHat, config.evalBudget),
        });
        onRow();
      }
    }
  }
  return rows;
}

/** The `compounding_errors` layout: one panel per bias, grouped bars of d_err_pct per surface, one bar per grid. */
export function compoundingFigure(
  rows: readonly CompoundingRow[],
  config: Pick<CompoundingConfig, 'biases' | 'surfaces' | 'grids'>,
  figureTitle: string,
): Figure {
  return groupedBarGrid({
    title: figureTitle,
    rows: 1,
    cols: config.biases.length,
    height: 520,
    panels: config.biases.map((bias) => ({
      title: bias,
      categories: config.surfaces.map((s) => s.name),
      xTitle: 'Loss surface',
      yTitle: 'D* relative error (%)',
      zeroLine: true,
      series: config.grids.map((grid) => {
        const values = config.surfaces.map((s) => rows.find((r) => r.bias === bias && r.surface === s.name && r.grid === grid)?.d_err_pct ?? NaN);
        return {
          name: `${grid} (±${NAMED_GRIDS[grid].factor}×)`,
          values,
          color: GRID_COLORS[grid],
          text: values.map(signedPct),
        };
      }),
    })),
  });
}
