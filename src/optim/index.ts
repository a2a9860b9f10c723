/** Optimisers: Nelder–Mead, L-BFGS-B and finite-difference gradients. Re-exports only. */
export type { Bounds, Objective, ObjectiveWithGradient, OptimResult, OptimStatus, StopReason } from './types.ts';
export { STOP_REASONS, lineSearchFailedMessage } from './types.ts';
export type { NelderMeadOptions } from './nelder-mead.ts';
export { nelderMead, NELDER_MEAD_DEFAULTS, SIMPLEX_NONZERO_DELTA, SIMPLEX_ZERO_DELTA } from './nelder-mead.ts';
export type { LbfgsbDiagnostics, LbfgsbOptions, LbfgsbResult } from './lbfgsb/lbfgsb.ts';
export { lbfgsb, lbfgsbStopMessage, LBFGSB_DEFAULTS, LONG_LINE_SEARCH_BACKTRACKS, ROUNDING_FLOOR_RELATIVE_CHANGE } from './lbfgsb/lbfgsb.ts';
export type { LineSearchTask } from './more-thuente.ts';
export { LBFGSB_LINE_SEARCH, MoreThuente } from './more-thuente.ts';
export type { FiniteDifferenceObjective, FiniteDifferenceOptions } from './numdiff.ts';
export { withFiniteDifferences, FORWARD_DIFFERENCE_STEP, CENTRAL_DIFFERENCE_STEP, FORWARD_FALLBACK_RELATIVE_STEP } from './numdiff.ts';
