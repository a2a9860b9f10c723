/**
 * Experiment 10: compounding biases at 1e24 FLOPs (specs/experiments.md §C.10).
 */
import { DEFAULT_BUDGETS, DEFAULT_POINTS_PER_CURVE } from '../src/sampling/index.ts';
import { TARGET_BUDGET } from './shared/budgets.ts';
import { SURFACES } from '../src/surface/index.ts';
import { COMPOUNDING_COLUMNS } from './shared/columns.ts';
import { allocationCost, dclQuadraticCoefficient } from '../src/surface/allocation-cost.ts';
import { dOpt } from '../src/surface/index.ts';
import { type CompoundingConfig, type CompoundingRow, compoundingFigure, compoundingRows } from './shared/compounding.ts';
import type { Artifacts, RunContext } from './harness/types.ts';

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
  evalBudget: TARGET_BUDGET,
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

/**
 * The quadratic rule DCL/C ≈ c·(ln(D̂/D*))² checked on the rows: c derived
 * as (α+β)/2 per surface (src/surface/allocation-cost.ts), c fitted by least squares through the
 * origin over all rows, and the largest relative gap between the rule and
 * the exact DCL among rows with a D* error above `minErrPct`.
 */
export function quadraticRule(rows: readonly CompoundingRow[], config: Exp10Config, minErrPct = 0.1): Record<string, unknown> {
  const pts = rows.map((r) => ({ u2: Math.log(r.d_hat / r.d_true) ** 2, f: r.dcl_pct / 100, r }));
  const fitted = pts.reduce((s, p) => s + p.u2 * p.f, 0) / pts.reduce((s, p) => s + p.u2 * p.u2, 0);
  const derived = Object.fromEntries(config.surfaces.map((s) => [s.name, dclQuadraticCoefficient(s.surface.alpha, s.surface.beta)]));
  const gaps = pts.filter((p) => Math.abs(p.r.d_err_pct) > minErrPct).map((p) => Math.abs((derived[p.r.surface] * p.u2) / p.f - 1));
  return { coefficient_derived: derived, coefficient_fitted: fitted, max_rel_gap: Math.max(...gaps), min_abs_d_err_pct: minErrPct };
}

/**
 * Fractional DCL of one misallocation at two budgets: the ratio D̂* ÷ D* of
 * the centered Chinchilla L row, applied at the largest fitting budget and
 * at the target budget. The DCL % is the same; the loss penalty is not.
 */
export function sameMisallocation(rows: readonly CompoundingRow[], config: Exp10Config): Record<string, unknown> {
  const ref = rows.find((r) => r.bias === 'centered' && r.surface === 'chinchilla' && r.grid === 'L');
  const s = config.surfaces.find((x) => x.name === 'chinchilla');
  if (!ref || !s) return {};
  const ratio = ref.d_hat / ref.d_true;
  const budgets = [config.budgets[config.budgets.length - 1], config.evalBudget];
  const costs = budgets.map((C) => allocationCost(s.surface, ratio * dOpt(s.surface, C), C));
  return { surface: 'chinchilla', ratio, budgets, dcl_pct: costs.map((c) => c.dcl_pct), loss_penalty: costs.map((c) => c.loss_penalty) };
}

export function render(result: Exp10Result, config: Exp10Config): Artifacts {
  const nested: Record<string, Record<string, Record<string, number>>> = {};
  const dcl: Record<string, Record<string, Record<string, number>>> = {};
  for (const r of result.rows) {
    ((nested[r.bias] ??= {})[r.surface] ??= {})[r.grid] = r.d_err_pct;
    ((dcl[r.bias] ??= {})[r.surface] ??= {})[r.grid] = r.dcl_pct;
  }
  return {
    tables: { 'compounding_errors.csv': { columns: COMPOUNDING_COLUMNS, rows: result.rows } },
    figures: {
      compounding_errors: compoundingFigure(result.rows, config, 'Error of the Approach 2 D* at 10²⁴ FLOPs: surface × grid × sampling bias'),
    },
    summary: {
      eval_budget: config.evalBudget,
      d_err_pct: nested,
      dcl_pct: dcl,
      dcl_quadratic_rule: quadraticRule(result.rows, config),
      dcl_same_misallocation: sameMisallocation(result.rows, config),
    },
  };
}
