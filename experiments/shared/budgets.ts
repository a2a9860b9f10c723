/** Budget grids of specs/experiments.md §B.1 beyond the fitting budgets. */
import { logspace } from '../../src/util/space.ts';

/** Extrapolation budgets (experiments 4, 5): 16 values log-spaced from 1e22 to 1e25 inclusive, `budget_index` 0…15. */
export function extrapolationBudgets(): number[] {
  return Array.from(logspace(22, 25, 16));
}

/** Target budget at which experiments 3 and 10 evaluate the extrapolated D* and its DCL (specs/experiments.md §C.10). */
export const TARGET_BUDGET = 1e24;

/** Centre of a budget set in log space, 10^(mean log10 C) (1e19 for the fitting budgets 1e17…1e21). */
export function centreBudget(budgets: readonly number[]): number {
  if (budgets.length === 0) throw new RangeError('centreBudget: empty budget list');
  return Math.pow(10, budgets.reduce((s, c) => s + Math.log10(c), 0) / budgets.length);
}
