/** CSV column lists shared by several experiments (specs/experiments.md §C). */

/** Experiment 1 `sweep.csv` from `bias` on (experiments 2 and 3 reuse it). */
export const SWEEP_COLUMNS_FROM_BIAS = [
  'bias',
  'drift_rate',
  'center_scale',
  'w_index',
  'log_range',
  'grid_factor',
  'a',
  'a_true',
  'a_err_pct',
  'b',
  'b_true',
  'b_err_pct',
  'a0',
  'a0_true',
  'a0_err_pct',
  'b0',
  'b0_true',
  'b0_err_pct',
  // Extra columns (allowed by specs/experiments.md §A.2): D* error and DCL of the fitted law at stated budgets.
  'center_budget',
  'd_err_pct_center',
  'dcl_pct_center',
  'eval_budget',
  'd_err_pct_eval',
  'dcl_pct_eval',
] as const;

/** Experiment 1 `sweep.csv`. */
export const SWEEP_COLUMNS = ['surface', ...SWEEP_COLUMNS_FROM_BIAS] as const;

/** Experiment 1 `optima.csv` (experiment 3 reuses it). */
export const OPTIMA_COLUMNS = [
  'surface',
  'bias',
  'w_index',
  'log_range',
  'budget',
  'n_opt_true',
  'n_opt_hat',
  'n_opt_err_pct',
  'n_opt_err_abs',
  'd_opt_true',
  'd_opt_hat',
  'd_opt_err_pct',
  'd_opt_err_abs',
  // Extra column: DCL (%) of training on the vertex D̂* at that budget (specs/experiments.md §B.4).
  'dcl_pct',
] as const;

/** Experiment 4 `extrapolation.csv` (experiment 5 part 2 adds `method`). */
export const EXTRAPOLATION_COLUMNS = [
  'range_name',
  'w_index',
  'log_range',
  'surface',
  'bias',
  'drift_rate',
  'center_scale',
  'budget_index',
  'budget',
  'd_true',
  'd_hat',
  'd_err_abs',
  'd_err_pct',
] as const;

/** Experiment 10 `compounding_errors.csv` (experiment 11 part 1 adds `dcl_usd`). */
export const COMPOUNDING_COLUMNS = [
  'bias',
  'drift_rate',
  'center_scale',
  'surface',
  'alpha',
  'beta',
  'grid',
  'grid_factor',
  'log_range',
  'eval_budget',
  'd_true',
  'd_hat',
  'd_err_abs',
  'd_err_pct',
  'n_true',
  'n_hat',
  'loss_true',
  'loss_hat',
  'loss_penalty',
  'dcl_flops',
  'dcl_pct',
] as const;
