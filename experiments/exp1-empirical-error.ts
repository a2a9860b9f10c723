/**
 * Experiment 1: error of Approach 2 versus grid width (specs/experiments.md §C.1).
 */
import { approach2DiagnosticsFigure } from './shared/approach2-diagnostics.ts';
import { BIASES, type BiasName, DEFAULT_BUDGETS, DEFAULT_POINTS_PER_CURVE, RANGE_NAMES } from '../src/sampling/index.ts';
import { imbalanceSurface, type LossSurface } from '../src/surface/index.ts';
import { OPTIMA_COLUMNS, SWEEP_COLUMNS } from './shared/columns.ts';
import { diagnosticsData, optimaRows, type SurfaceSweep, surfaceColumns, sweepRows, sweepSurface } from './shared/sweep.ts';
import type { Artifacts, RunContext } from './harness/types.ts';

export const id = 1;
export const title = 'Error of Approach 2 versus grid width';
export const hypothesis =
  'As the sampled IsoFLOP grid widens, the parabola becomes a worse local approximation of each IsoFLOP curve, ' +
  'so the exponents, intercepts and per-budget optima that Approach 2 infers drift away from the truth.';

export interface Exp1Config {
  /** Surface name in the CSVs. */
  readonly surfaceName: string;
  readonly surface: LossSurface;
  readonly bias: BiasName;
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
}

export const defaultConfig: Exp1Config = {
  surfaceName: 'balanced',
  surface: imbalanceSurface(1),
  bias: 'drift_0.2',
  budgets: DEFAULT_BUDGETS,
  pointsPerCurve: DEFAULT_POINTS_PER_CURVE,
};

/** No quick variant: the full run takes milliseconds. */
export const quickConfig: Exp1Config = defaultConfig;

export interface Exp1Result {
  readonly sweep: SurfaceSweep;
}

export async function run(config: Exp1Config, ctx: RunContext): Promise<Exp1Result> {
  const task = ctx.progress.start('width sweep', 1);
  const sweep = sweepSurface(config.surface, BIASES[config.bias], config);
  task.tick();
  task.done();
  return { sweep };
}

export function render(result: Exp1Result, config: Exp1Config): Artifacts {
  const { sweep } = result;
  const narrow = sweep.params[RANGE_NAMES.narrow];
  const wide = sweep.params[RANGE_NAMES.wide];
  const narrowAt = sweep.budgetErrors[RANGE_NAMES.narrow];
  const wideAt = sweep.budgetErrors[RANGE_NAMES.wide];
  return {
    tables: {
      'sweep.csv': { columns: SWEEP_COLUMNS, rows: sweepRows({ surface: config.surfaceName }, config.bias, sweep) },
      'optima.csv': { columns: OPTIMA_COLUMNS, rows: optimaRows(config.surfaceName, config.bias, sweep) },
    },
    figures: {
      empirical_error: approach2DiagnosticsFigure(
        diagnosticsData(`Approach 2 error versus grid width: ${config.surfaceName} surface, bias ${config.bias}`, sweep),
      ),
    },
    summary: {
      surface: surfaceColumns(config.surface),
      bias: config.bias,
      a_err_pct_narrow: narrow.a_err_pct,
      a_err_pct_wide: wide.a_err_pct,
      b_err_pct_narrow: narrow.b_err_pct,
      b_err_pct_wide: wide.b_err_pct,
      // Extra keys: D* error and DCL of the fitted law at the centre of the fitting budgets and at the target budget.
      center_budget: wideAt.center_budget,
      eval_budget: wideAt.eval_budget,
      d_err_pct_center_narrow: narrowAt.d_err_pct_center,
      d_err_pct_center_wide: wideAt.d_err_pct_center,
      d_err_pct_eval_narrow: narrowAt.d_err_pct_eval,
      d_err_pct_eval_wide: wideAt.d_err_pct_eval,
      dcl_pct_eval_narrow: narrowAt.dcl_pct_eval,
      dcl_pct_eval_wide: wideAt.dcl_pct_eval,
    },
  };
}
