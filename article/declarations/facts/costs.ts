/**
 * Facts of article §9 (experiment 11): deadweight compute loss at the
 * Llama 3 405B budget on the real Llama 3 sweep and on simulated surfaces.
 */
import type { FactBook, FactContext } from '../../engine/fact-registry.ts';

export const COST_ROWS = ['llama_3_vpnls', 'llama_3_approach3', 'llama_3_sim', 'chinchilla_sim', 'soda_sim', 'sparse_nmm_sim'] as const;
const COLS = ['d_true', 'd_hat', 'n_true', 'n_hat', 'loss_penalty', 'dcl_flops', 'dcl_pct', 'dcl_usd', 'alpha_over_beta'] as const;

const cost = (c: FactContext, row: string, col: string): number => c.store.exp(11).table('cost_estimates.csv').num({ row }, col);

export function costFacts(f: FactBook): void {
  f.add('cost.eval_budget', { needs: [11], unit: 'FLOPs' }, (c) => c.store.exp(11).num('eval_budget'));
  f.add('cost.bootstrap.n', { needs: [11] }, (c) => c.store.exp(11).num('bootstrap.n_resamples'));
  for (const row of COST_ROWS) {
    for (const col of COLS) f.add(`cost.${row}.${col}`, { needs: [11], family: true }, (c) => cost(c, row, col));
  }
  for (const row of ['llama_3_vpnls', 'llama_3_approach3'] as const) {
    for (const col of ['ci_low_usd', 'ci_high_usd', 'ci_low_flops', 'ci_high_flops'] as const)
      f.add(`cost.${row}.${col}`, { needs: [11], family: true }, (c) => cost(c, row, col));
    // The interval as a share of the budget, like dcl_pct.
    for (const end of ['low', 'high'] as const)
      f.derive(`cost.${row}.ci_${end}_pct`, [`cost.${row}.ci_${end}_flops`, 'cost.eval_budget'], (v, C) => (100 * v) / C, '%');
  }
  const real = ['cost.llama_3_vpnls', 'cost.llama_3_approach3'];
  f.derive(
    'cost.real.pct.min',
    real.map((k) => `${k}.dcl_pct`),
    Math.min,
    '%',
  );
  f.derive(
    'cost.real.pct.max',
    real.map((k) => `${k}.dcl_pct`),
    Math.max,
    '%',
  );
  f.derive(
    'cost.real.usd.min',
    real.map((k) => `${k}.dcl_usd`),
    Math.min,
    'USD',
  );
  f.derive(
    'cost.real.usd.max',
    real.map((k) => `${k}.dcl_usd`),
    Math.max,
    'USD',
  );
  // The widest 90 % interval of the two reference surfaces (the interval behind every quoted point value).
  f.derive(
    'cost.real.ci.pct.min',
    real.map((k) => `${k}.ci_low_pct`),
    Math.min,
    '%',
  );
  f.derive(
    'cost.real.ci.pct.max',
    real.map((k) => `${k}.ci_high_pct`),
    Math.max,
    '%',
  );
  f.derive(
    'cost.real.ci.usd.min',
    real.map((k) => `${k}.ci_low_usd`),
    Math.min,
    'USD',
  );
  f.derive(
    'cost.real.ci.usd.max',
    real.map((k) => `${k}.ci_high_usd`),
    Math.max,
    'USD',
  );
  f.derive(
    'cost.real.dover.min',
    real.flatMap((k) => [`${k}.d_hat`, `${k}.d_true`]),
    (a, b, c2, d) => Math.min(a / b, c2 / d) * 100 - 100,
    '%',
  );
  f.derive(
    'cost.real.dover.max',
    real.flatMap((k) => [`${k}.d_hat`, `${k}.d_true`]),
    (a, b, c2, d) => Math.max(a / b, c2 / d) * 100 - 100,
    '%',
  );
  const mm = ['cost.soda_sim', 'cost.sparse_nmm_sim'];
  f.derive(
    'cost.mm.pct.min',
    mm.map((k) => `${k}.dcl_pct`),
    Math.min,
    '%',
  );
  f.derive(
    'cost.mm.pct.max',
    mm.map((k) => `${k}.dcl_pct`),
    Math.max,
    '%',
  );
  f.derive(
    'cost.mm.usd.min',
    mm.map((k) => `${k}.dcl_usd`),
    Math.min,
    'USD',
  );
  f.derive(
    'cost.mm.usd.max',
    mm.map((k) => `${k}.dcl_usd`),
    Math.max,
    'USD',
  );
  f.add('cost.llama3.vpnls.alpha', { needs: [11] }, (c) => c.store.exp(11).table('llama3_fits.csv').num({ method: 'vpnls' }, 'alpha'));
  f.add('cost.llama3.vpnls.beta', { needs: [11] }, (c) => c.store.exp(11).table('llama3_fits.csv').num({ method: 'vpnls' }, 'beta'));
  f.add('cost.llama3.n_points', { needs: [11] }, (c) => c.store.exp(11).table('llama3_fits.csv').num({ method: 'approach2' }, 'n_points'));
  f.add('cost.llama3.n_budgets', { needs: [11] }, (c) => c.store.exp(11).table('llama3_fits.csv').num({ method: 'approach2' }, 'n_budgets'));
  f.add('cost.sim.fit_min', { needs: [11] }, (c) => Math.min(...(c.store.exp(11).value('training_budgets') as number[])));
  f.add('cost.sim.fit_max', { needs: [11] }, (c) => Math.max(...(c.store.exp(11).value('training_budgets') as number[])));
}
