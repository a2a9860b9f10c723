/**
 * Every experiment, in id order. The CLI, `--all` and the tests read this
 * list; an experiment module becomes runnable by adding it here.
 */
import * as exp0 from '../exp0-chinchilla-reproduction.ts';
import * as exp1 from '../exp1-empirical-error.ts';
import * as exp2 from '../exp2-exponent-imbalance.ts';
import * as exp3 from '../exp3/exp3-sampling-bias.ts';
import * as exp4 from '../exp4-extrapolation.ts';
import * as exp5 from '../exp5/exp5-parameter-recovery.ts';
import * as exp6 from '../exp6-closed-form.ts';
import * as exp7 from '../exp7/exp7-exponent-inference.ts';
import * as exp8 from '../exp8/exp8-conditioning.ts';
import * as exp9 from '../exp9/exp9-data-efficiency.ts';
import * as exp10 from '../exp10-compounding.ts';
import * as exp11 from '../exp11/exp11-frontier-costs.ts';
import * as exp12 from '../exp12/exp12-residual-structure.ts';
import { type AnyExperiment, experimentModule } from './types.ts';

export const EXPERIMENTS: readonly AnyExperiment[] = [
  experimentModule(exp0),
  experimentModule(exp1),
  experimentModule(exp2),
  experimentModule(exp3),
  experimentModule(exp4),
  experimentModule(exp5),
  experimentModule(exp6),
  experimentModule(exp7),
  experimentModule(exp8),
  experimentModule(exp9),
  experimentModule(exp10),
  experimentModule(exp11),
  experimentModule(exp12),
];

/** The experiment with this id, or undefined. */
export function findExperiment(id: number): AnyExperiment | undefined {
  return EXPERIMENTS.find((e) => e.id === id);
}
