/**
 * Facts of the surface table of article §2: the five named surfaces from
 * the library constants, the Llama 3 surface from experiment 11's VPNLS fit,
 * and each surface's compute-optimal allocation at the evaluation budget.
 */
import { dOpt, exponentA, exponentB, nOpt, type LossSurface } from '../../../src/surface/index.ts';
import type { FactBook } from '../../engine/fact-registry.ts';

/** Surfaces of the table, in row order, by fact prefix (`surf.<key>.*`). */
export const TABLE_SURFACES = ['symmetric', 'chinchilla', 'asymmetric', 'soda', 'sparsenmm', 'llama3'] as const;
/** The Llama 3 surface is a fit (experiment 11), the others library constants (config facts in declarations/facts/config.ts). */
export const FITTED_SURFACES: ReadonlySet<string> = new Set(['llama3']);

const PARAMS = ['e', 'coef_a', 'coef_b', 'alpha', 'beta'] as const;

export function surfaceFacts(f: FactBook): void {
  for (const p of PARAMS) {
    f.add(`surf.llama3.${p}`, { needs: [11], family: true }, (c) => c.store.exp(11).table('llama3_fits.csv').num({ method: 'vpnls' }, p));
  }
  f.derive('surf.llama3.ratio', ['surf.llama3.alpha', 'surf.llama3.beta'], (a, b) => a / b);
  f.derive('surf.llama3.a', ['surf.llama3.alpha', 'surf.llama3.beta'], (a, b) => exponentA({ E: 0, A: 1, B: 1, alpha: a, beta: b }));
  f.derive('surf.llama3.b', ['surf.llama3.alpha', 'surf.llama3.beta'], (a, b) => exponentB({ E: 0, A: 1, B: 1, alpha: a, beta: b }));
  for (const k of TABLE_SURFACES) {
    const from = [...PARAMS.map((p) => `surf.${k}.${p}`), 'cfg.eval_budget'];
    const surface = (v: number[]): LossSurface => ({ E: v[0], A: v[1], B: v[2], alpha: v[3], beta: v[4] });
    f.derive(`surf.${k}.nstar_eval`, from, (...v) => nOpt(surface(v), v[5]));
    f.derive(`surf.${k}.dstar_eval`, from, (...v) => dOpt(surface(v), v[5]));
  }
}
