/**
 * Designs of the noisy experiments (7 and 9) for self-contained figure
 * captions: surface, grid, sampling, budgets, points per curve, noise levels
 * and repeats, read from the experiments' default configurations (the build
 * reuses an experiment's outputs only when they were made with exactly these).
 */
import { defaultConfig as EXP7 } from '../../../experiments/exp7/exp7-exponent-inference.ts';
import { defaultConfig as EXP9 } from '../../../experiments/exp9/exp9-data-efficiency.ts';
import { NAMED_GRIDS } from '../../../src/sampling/index.ts';
import type { FactBook } from '../../engine/fact-registry.ts';
import { BIAS_LABELS, surfaceLabel } from '../figures/palette.ts';

/** "a, b and c" (numbers as written in the configuration). */
export function listText(values: ReadonlyArray<number | string>): string {
  const s = values.map(String);
  return s.length <= 1 ? (s[0] ?? '') : `${s.slice(0, -1).join(', ')} and ${s[s.length - 1]}`;
}

/** "L (±8×)" for a named grid factor, "±k×" otherwise. */
export function gridText(factor: number): string {
  const name = Object.entries(NAMED_GRIDS).find(([, g]) => g.factor === factor)?.[0];
  return name ? `${name} (±${factor}×)` : `±${factor}×`;
}

export function designFacts(f: FactBook): void {
  const x7 = 'experiments/exp7/exp7-exponent-inference.ts#defaultConfig';
  f.config('des.x7.surface', surfaceLabel(EXP7.surface), `${x7}.surface`);
  f.config('des.x7.grid', gridText(EXP7.gridFactor), `${x7}.gridFactor`);
  f.config('des.x7.bias', BIAS_LABELS[EXP7.bias], `${x7}.bias`);
  f.config('des.x7.noise', listText(EXP7.noiseLevels), `${x7}.noiseLevels`, 'nats');
  f.config('des.x7.noise_fig', listText(EXP7.errorFigureNoise), `${x7}.errorFigureNoise`, 'nats');
  f.config('des.x7.budgets', listText(EXP7.nBudgetsValues), `${x7}.nBudgetsValues`);
  f.config('des.x7.points', listText(EXP7.nPointsValues), `${x7}.nPointsValues`);
  f.config('des.x7.repeats', EXP7.repeats, `${x7}.repeats`);
  f.config('des.x7.cmin', EXP7.budgetRange[0], `${x7}.budgetRange`, 'FLOPs');
  f.config('des.x7.cmax', EXP7.budgetRange[1], `${x7}.budgetRange`, 'FLOPs');
  f.config('des.x7.curve_budgets', EXP7.curveBudgets, `${x7}.curveBudgets`);
  f.config('des.x7.curve_points', EXP7.curvePoints, `${x7}.curvePoints`);
  const x9 = 'experiments/exp9/exp9-data-efficiency.ts#defaultConfig';
  f.config('des.x9.surface', surfaceLabel(EXP9.surface), `${x9}.surface`);
  f.config('des.x9.noise', listText(EXP9.noiseLevels), `${x9}.noiseLevels`, 'nats');
  f.config('des.x9.grids', listText(EXP9.gridFactors.map((k) => `±${k}×`)), `${x9}.gridFactors`);
  f.config('des.x9.budgets', listText(EXP9.nBudgetsValues), `${x9}.nBudgetsValues`);
  f.config('des.x9.points', listText(EXP9.nPointsValues), `${x9}.nPointsValues`);
  f.config('des.x9.trials', EXP9.trials, `${x9}.trials`);
  f.config('des.x9.cmin', EXP9.budgetRange[0], `${x9}.budgetRange`, 'FLOPs');
  f.config('des.x9.cmax', EXP9.budgetRange[1], `${x9}.budgetRange`, 'FLOPs');
}
