/**
 * Experiment 10: compounding biases at 1e24 FLOPs (experiments.md §C.10).
 */
import { DEFAULT_BUDGETS, DEFAULT_POINTS_PER_CURVE } from '../src/sampling/index.ts';
import { SURFACES } from '../src/surface/index.ts';
import { COMPOUNDING_COLUMNS } from './shared/columns.ts';
import { type CompoundingConfig, type CompoundingRow, compoundingFigure, compoundingRows } from './shared/compounding.ts';
import type { Artifacts, RunContext } from './types.ts';

export const id = 10;
export const title = 'Compounding biases at 1e24 FLOPs';
export const hypothesis =
  'Surface asymmetry, grid width and an off-centre sampling pattern each bias the Approach 2 D* estimate; ' +
  'acting together at 1e24 FLOPs they compound into errors of tens of percent and a measurable compute loss.';

export type Exp10Config = CompoundingConfig;

export const defaultConfig: Exp10Config = {
  surfaces: (['symmetric', 'chinchilla', 'asymmetric'] as const).map((name) => ({ name, surface: SURFACES[name] })),
  grids: ['XS', 'S', 'L', 'XL'],
  biases: ['centered', 'offset_3x', 'drift_3x'],
  budgets: DEFAULT_BUDGETS,
  pointsPerCurve: DEFAULT_POINTS_PER_CURVE,
  evalBudget: 1e24,
};

/** No quick variant. */
export const quickConfig: Exp10Config = defaultConfig;

export interface Exp10Result {
  readonly rows: CompoundingRow[];
}

export async function run(config: Exp10Config, ctx: RunContext): Promise<Exp10Result> {
  const task = ctx.progress.start('fits', config.biases.length * config.surfaces.length * config.grids.length);
  const rows = compoundingRows(config, () => task.tick());
  task.done();
  return { rows };
}

export function render(result: Exp10Result, config: Exp10Config): Artifacts {
  const nested: Record<string, Record<string, Record<string, number>>> = {};
  for (const r of result.rows) ((nested[r.bias] ??= {})[r.surface] ??= {})[r.grid] = r.d_err_pct;
  return {
    tables: { 'compounding_errors.csv': { columns: COMPOUNDING_COLUMNS, rows: result.rows } },
    figures: {
      compounding_errors: compoundingFigure(result.rows, config, 'Error of the Approach 2 D* at 10²⁴ FLOPs: surface × grid × sampling bias'),
    },
    summary: { eval_budget: config.evalBudget, d_err_pct: nested },
  };
}
