/** Budget grids of experiments.md §B.1 beyond the fitting budgets. */
import { logspace } from '../../src/util/space.ts';

/** Extrapolation budgets (experiments 4, 5): 16 values log-spaced from 1e22 to 1e25 inclusive, `budget_index` 0…15. */
export function extrapolationBudgets(): number[] {
  return Array.from(logspace(22, 25, 16));
}
