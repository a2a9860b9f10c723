/**
 * Experiment 5's configuration and table-row types (apart from the
 * experiment module, so its figures can use them without an import cycle).
 */
import type { BiasName } from '../../src/sampling/index.ts';
import type { LossSurface } from '../../src/surface/index.ts';
import type { RangeName } from '../shared/sweep.ts';
import type { Exp5Method } from './fits.ts';

export interface Exp5Config {
  readonly surfaces: ReadonlyArray<{ name: string; surface: LossSurface }>;
  readonly biases: readonly BiasName[];
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
  /** Widths (indices into the 20-value sweep) of parts 1 and 3. */
  readonly wIndices: readonly number[];
  /** Widths of part 2. */
  readonly ranges: readonly RangeName[];
  readonly evalBudgets: readonly number[];
  /** Method of parts 1 and 2. */
  readonly recoveryMethod: Exp5Method;
  /** Bias of part 3. */
  readonly comparisonBias: BiasName;
  /** Methods of part 3, in specs/experiments.md §C.5 order. */
  readonly comparisonMethods: readonly Exp5Method[];
}

export type FitRow = Record<string, number | string | boolean | null>;
