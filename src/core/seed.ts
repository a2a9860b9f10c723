/**
 * The seed in force when none is given: the experiments and the article run
 * with it (specs/experiments.md §A.1).
 */
export const DEFAULT_SEED = 42;
