/**
 * Experiment 9's worker task (specs/experiments.md §C.9): fit the three estimators
 * to one noisy data set. The data sets themselves are drawn in the main
 * thread from the one generator of the run, so the worker only fits.
 */
import { isFitFailure, METHODS } from '../../src/fit/methods.ts';
import { prepareData } from '../../src/kernels/index.ts';
import { defineTask } from '../../src/util/worker-pool.ts';

/** Method identifiers of experiment 9 (specs/experiments.md §B.8), the values of the `method` column. */
export const EXP9_METHODS = ['approach2', 'approach3_lse', 'vpnls_lbfgsb_grad'] as const;
export type Exp9Method = (typeof EXP9_METHODS)[number];

export const EXP9_METHOD_LABELS: Readonly<Record<Exp9Method, string>> = {
  approach2: 'Approach 2',
  approach3_lse: 'Approach 3 (LSE, grid 4⁵)',
  vpnls_lbfgsb_grad: 'VPNLS',
};

export interface Exp9DatasetInput {
  readonly N: Float64Array;
  readonly D: Float64Array;
  readonly L: Float64Array;
  /** Budget of each point (the Approach 2 grouping key). */
  readonly C: Float64Array;
  readonly methods: readonly Exp9Method[];
}

/** Estimated exponents per method, in the order of `methods`; null when the fit threw. */
export interface Exp9Estimate {
  readonly method: Exp9Method;
  readonly a: number | null;
  readonly b: number | null;
}

function fitOne(method: Exp9Method, input: Exp9DatasetInput, data: () => ReturnType<typeof prepareData>): { a: number; b: number } {
  switch (method) {
    case 'approach2':
      return METHODS.approach2.fit(input);
    case 'approach3_lse':
    case 'vpnls_lbfgsb_grad':
      return METHODS[method].fit(data());
  }
}

/** Fits every method to one data set; a thrown fit (FitError or invalid input) gives nulls. */
export function fitExp9Dataset(input: Exp9DatasetInput): Exp9Estimate[] {
  let prepared: ReturnType<typeof prepareData> | undefined;
  const data = () => (prepared ??= prepareData(input.N, input.D, input.L));
  return input.methods.map((method) => {
    try {
      const r = fitOne(method, input, data);
      return { method, a: r.a, b: r.b };
    } catch (err) {
      if (!isFitFailure(err)) throw err;
      return { method, a: null, b: null };
    }
  });
}

export const fitExp9DatasetTask = defineTask(import.meta.url, 'fitExp9Dataset', fitExp9Dataset);
