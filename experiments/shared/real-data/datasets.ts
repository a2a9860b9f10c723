/**
 * The real IsoFLOP data sets of experiments 11 and 12 (specs/experiments.md §B.6):
 * file, `experiment` value and display name, loaded through the data module
 * and labelled with the quality control of specs/experiments.md §B.7.
 */
import { type IsoflopData, loadIsoflopExperiment } from '../../../src/data/index.ts';
import { isoflopQc, qcOptionsFor, type QcResult } from '../qc/index.ts';

/** One data set: a standardized file and the exact `experiment` value selecting its rows. */
export interface DatasetRef {
  readonly file: string;
  readonly experiment: string;
  /** Display name for figures (specs/experiments.md §B.6). */
  readonly label: string;
}

export const EPOCH_CHINCHILLA: DatasetRef = Object.freeze({
  file: 'epochai_chinchilla_isoflops.csv',
  experiment: 'epochai_chinchilla__massivetext__chinchilla',
  label: 'Epoch AI / Chinchilla',
});
export const LLAMA_3: DatasetRef = Object.freeze({ file: 'llama_3_isoflops.csv', experiment: 'llama_3__raw_loss', label: 'Llama 3' });
export const MARIN_COMMA: DatasetRef = Object.freeze({ file: 'marin_202603_isoflops.csv', experiment: 'marin_202603__comma__llama_2', label: 'Marin / CoMMA' });
export const MARIN_DCLM: DatasetRef = Object.freeze({ file: 'marin_202603_isoflops.csv', experiment: 'marin_202603__dclm__llama_2', label: 'Marin / DCLM' });
export const MARIN_NEMOTRON: DatasetRef = Object.freeze({
  file: 'marin_202603_isoflops.csv',
  experiment: 'marin_202603__nemotron__llama_2',
  label: 'Marin / Nemotron',
});
export const MISFITTING: DatasetRef = Object.freeze({
  file: 'misfitting_isoflops.csv',
  experiment: 'misfitting__fineweb_c4__transformer',
  label: 'Misfitting / FineWeb-C4',
});

/** The six data sets of experiment 12, in the order of specs/experiments.md §C.12. */
export const QC_DATASETS: readonly DatasetRef[] = [EPOCH_CHINCHILLA, LLAMA_3, MARIN_COMMA, MARIN_DCLM, MARIN_NEMOTRON, MISFITTING];

/** Rows of one data set as plain arrays (structured-cloneable). */
export interface DatasetRows {
  readonly N: number[];
  readonly D: number[];
  readonly L: number[];
  /** Nominal IsoFLOP budget, the Approach 2 grouping key. */
  readonly budget: number[];
}

/** Loads one data set from `dataDir` (or the data module's cache / download). */
export async function loadDataset(ref: DatasetRef, dataDir: string | undefined): Promise<DatasetRows> {
  const d: IsoflopData = await loadIsoflopExperiment(ref.file, ref.experiment, { dataDir });
  if (d.budget === null) throw new Error(`${ref.file}: no budget column`);
  return { N: Array.from(d.N), D: Array.from(d.D), L: Array.from(d.L), budget: Array.from(d.budget) };
}

/** specs/experiments.md §B.7 labels with the data set's own thresholds. */
export function labelDataset(ref: DatasetRef, rows: DatasetRows): QcResult {
  return isoflopQc(rows, qcOptionsFor(ref.experiment));
}

/** The rows where `keep` is true. */
export function selectRows(rows: DatasetRows, keep: readonly boolean[]): DatasetRows {
  const pick = (a: number[]): number[] => a.filter((_, i) => keep[i]);
  return { N: pick(rows.N), D: pick(rows.D), L: pick(rows.L), budget: pick(rows.budget) };
}

/** Distinct budgets, ascending. */
export function distinctBudgets(budget: readonly number[]): number[] {
  return [...new Set(budget)].sort((a, b) => a - b);
}
