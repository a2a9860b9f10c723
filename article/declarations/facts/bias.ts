/**
 * Facts of the sign and the cost of Approach 2's sampling biases (§5, §7,
 * appendix I, limitations): the constant-offset sweep of experiment 3, the
 * D* error of a drifting design at stated budgets, the DCL quadratic rule
 * of experiment 10, the closed form on real sweeps (experiment 12) and the
 * zero crossings of experiment 2's exponent errors.
 */
import { offsetFactors, SYMMETRIC_SWITCH_RATIO } from '../../../experiments/exp3/offset-sweep.ts';
import { CLOSED_FORM_TARGETS } from '../../../experiments/exp12/closed-form.ts';
import { budgetErrors } from '../../../experiments/shared/sweep.ts';
import { DEFAULT_BUDGETS } from '../../../src/sampling/index.ts';
import type { FactBook, FactContext } from '../../engine/fact-registry.ts';
import { gridRun } from '../../engine/approach2-runs.ts';
import { GRID_NAMES, MAIN_SURFACES } from '../figures/palette.ts';

/** Offset factors quoted in prose; keys `k050`, `k150`, … (100·k). */
export const QUOTED_OFFSETS = [0.5, 1.5, 2, 3, 4] as const;
const kKey = (k: number): string => `k${String(Math.round(100 * k)).padStart(3, '0')}`;
const short = (s: string): string => s.replace('_', '');

/** Short keys of the real data sets of experiment 12. */
export const REAL_SWEEPS: Readonly<Record<string, string>> = {
  epochai_chinchilla__massivetext__chinchilla: 'epoch',
  llama_3__raw_loss: 'llama3',
  marin_202603__comma__llama_2: 'marin_comma',
  marin_202603__dclm__llama_2: 'marin_dclm',
  marin_202603__nemotron__llama_2: 'marin_nemotron',
  misfitting__fineweb_c4__transformer: 'misfitting',
};
const MARIN = ['marin_comma', 'marin_dclm', 'marin_nemotron'];

function offsetRow(c: FactContext, surface: string, grid: string, k: number, col: string): number {
  const t = c.store.exp(3).table('offset_sweep.csv');
  const ks = t.column('center_scale', { surface, grid });
  const v = t.column(col, { surface, grid });
  const i = ks.findIndex((x) => Math.abs(x - k) < 1e-12);
  if (i < 0) throw new Error(`offset_sweep.csv has no ${surface}/${grid} row at k = ${k}`);
  return v[i];
}

/** Zero crossing of a column along the W sweep, as the grid factor 10^W (linear in W); NaN when it keeps its sign. */
function crossingFactor(W: readonly number[], y: readonly number[]): number {
  for (let i = 0; i + 1 < y.length; i++) {
    if (Math.sign(y[i]) !== Math.sign(y[i + 1])) return Math.pow(10, W[i] + (-y[i] / (y[i + 1] - y[i])) * (W[i + 1] - W[i]));
  }
  return NaN;
}

export function biasFacts(f: FactBook): void {
  // §5.1: constant offsets from 0.5× to 4× (experiment 3, offset_sweep.csv).
  const ks = offsetFactors();
  f.config('os.kmin', ks[0], 'experiments/exp3/offset-sweep.ts#offsetFactors (smallest)');
  f.config('os.kmax', ks[ks.length - 1], 'experiments/exp3/offset-sweep.ts#offsetFactors (largest)');
  f.config('os.switch_ratio', SYMMETRIC_SWITCH_RATIO, 'experiments/exp3/offset-sweep.ts#SYMMETRIC_SWITCH_RATIO (√(3/35), specs/approach2-bias.md §8)');
  for (const s of MAIN_SURFACES) {
    for (const g of GRID_NAMES) {
      const base = `os.${short(s)}.${g.toLowerCase()}`;
      for (const k of QUOTED_OFFSETS) {
        for (const col of ['d_err_pct', 'dcl_pct'] as const) {
          f.add(`${base}.${kKey(k)}.${col}`, { needs: [3], unit: '%', family: true, source: `offset_sweep.csv, ${s}, ${g}, center_scale ${k}` }, (c) =>
            offsetRow(c, s, g, k, col),
          );
        }
      }
      f.add(
        `${base}.sign_change`,
        { needs: [3], family: true, source: 'summary.json offset_sweep.sign_change_factor (k > 1 beyond which D* is overestimated)' },
        (c) => c.store.exp(3).num(`offset_sweep.sign_change_factor.${s}.${g}`),
      );
    }
    f.add(`os.${short(s)}.min_err_k_ge_3`, { needs: [3], unit: '%', family: true, source: 'offset_sweep.csv, min D* error over grids and k ≥ 3' }, (c) => {
      const t = c.store.exp(3).table('offset_sweep.csv');
      const ks = t.column('center_scale', { surface: s });
      return Math.min(...t.column('d_err_pct', { surface: s }).filter((_, i) => ks[i] >= 3));
    });
  }
  for (const g of GRID_NAMES) {
    f.add(
      `os.symmetric.${g.toLowerCase()}.sign_change_lo`,
      { needs: [3], family: true, source: 'summary.json offset_sweep.sign_change_factor_leading_order_symmetric (fourth-order expansion)' },
      (c) => c.store.exp(3).num(`offset_sweep.sign_change_factor_leading_order_symmetric.${g}`),
    );
  }
  f.derive(
    'os.symmetric.max_lo_gap',
    GRID_NAMES.flatMap((g) => [`os.symmetric.${g.toLowerCase()}.sign_change_lo`, `os.symmetric.${g.toLowerCase()}.sign_change`]),
    (...v) => Math.max(...GRID_NAMES.map((_, i) => Math.abs(v[2 * i] / v[2 * i + 1] - 1))),
    '',
  );
  f.derive('os.symmetric.max_lo_gap_pct', ['os.symmetric.max_lo_gap'], (v) => 100 * v, '%');

  // §5.2: a drifting design quoted at stated budgets (library, same code path as experiment 3's sweep.csv columns).
  const drift = () => budgetErrors(gridRun('symmetric', 'L', 'drift_3x'), DEFAULT_BUDGETS);
  const src = 'library: experiments/shared/sweep.ts#budgetErrors; Symmetric, drift_3x, grid L';
  f.add('off.drift_3x.l.center_budget', { source: src, unit: 'FLOPs' }, () => drift().center_budget);
  f.add('off.drift_3x.l.d_err_center', { source: src, unit: '%' }, () => drift().d_err_pct_center);
  f.add('off.drift_3x.l.d_err_eval', { source: src, unit: '%' }, () => drift().d_err_pct_eval);
  f.add('off.drift_3x.l.dcl_eval', { source: src, unit: '%' }, () => drift().dcl_pct_eval);

  // §7 and limitations: the quadratic DCL rule and one misallocation at two budgets (experiment 10).
  f.add('dcl.coef', { needs: [10], source: 'summary.json dcl_quadratic_rule.coefficient_derived.chinchilla ((α+β)/2)' }, (c) =>
    c.store.exp(10).num('dcl_quadratic_rule.coefficient_derived.chinchilla'),
  );
  f.add('dcl.coef_fitted', { needs: [10], source: 'summary.json dcl_quadratic_rule.coefficient_fitted' }, (c) =>
    c.store.exp(10).num('dcl_quadratic_rule.coefficient_fitted'),
  );
  f.add('dcl.max_rel_gap', { needs: [10], source: 'summary.json dcl_quadratic_rule.max_rel_gap' }, (c) =>
    c.store.exp(10).num('dcl_quadratic_rule.max_rel_gap'),
  );
  f.add('dcl.min_err_pct', { needs: [10], unit: '%', source: 'summary.json dcl_quadratic_rule.min_abs_d_err_pct (rows checked)' }, (c) =>
    c.store.exp(10).num('dcl_quadratic_rule.min_abs_d_err_pct'),
  );
  f.derive('dcl.max_rel_gap_pct', ['dcl.max_rel_gap'], (v) => 100 * v, '%');
  for (const [i, name] of [
    [0, 'lo'],
    [1, 'hi'],
  ] as const) {
    f.add(`dcl.same.budget_${name}`, { needs: [10], unit: 'FLOPs', source: 'summary.json dcl_same_misallocation.budgets' }, (c) =>
      c.store.exp(10).num(`dcl_same_misallocation.budgets.${i}`),
    );
    f.add(`dcl.same.pct_${name}`, { needs: [10], unit: '%', source: 'summary.json dcl_same_misallocation.dcl_pct' }, (c) =>
      c.store.exp(10).num(`dcl_same_misallocation.dcl_pct.${i}`),
    );
    f.add(`dcl.same.penalty_${name}`, { needs: [10], unit: 'nats', source: 'summary.json dcl_same_misallocation.loss_penalty' }, (c) =>
      c.store.exp(10).num(`dcl_same_misallocation.loss_penalty.${i}`),
    );
  }
  f.add(
    'dcl.same.err_pct',
    { needs: [10], unit: '%', source: 'summary.json dcl_same_misallocation.ratio − 1' },
    (c) => 100 * (c.store.exp(10).num('dcl_same_misallocation.ratio') - 1),
  );

  // §6 / limitations: the closed form applied to each real sweep (experiment 12, log-loss fit).
  for (const [exp, k] of Object.entries(REAL_SWEEPS)) {
    const q = { experiment: exp, variant: 'log_loss' };
    const col = (name: string) => (c: FactContext) => c.store.exp(12).table('closed_form_bias.csv').num(q, name);
    const o = (unit: string) => ({ needs: [12], unit, family: true, source: `closed_form_bias.csv, ${exp}, log_loss` });
    f.add(`cfr.${k}.ratio`, o(''), col('alpha_over_beta'));
    f.add(`cfr.${k}.w_min_factor`, o(''), (c) => Math.pow(10, col('w_min')(c)));
    f.add(`cfr.${k}.w_max_factor`, o(''), (c) => Math.pow(10, col('w_max')(c)));
    f.add(`cfr.${k}.b_err`, o('%'), col('b_err_pct'));
    f.add(`cfr.${k}.d_err_10x`, o('%'), col('d_err_pct_10x'));
    f.add(`cfr.${k}.d_err_1000x`, o('%'), col('d_err_pct_1000x'));
    f.add(`cfr.${k}.dcl_1000x`, o('%'), col('dcl_pct_1000x'));
  }
  // Ranges over the three Marin sweeps and the largest |D* error| of the other three (for §6 and limitation 3).
  const cf = (c: FactContext, keysOf: readonly string[], col: string): number[] =>
    Object.entries(REAL_SWEEPS)
      .filter(([, k]) => keysOf.includes(k))
      .map(([exp]) => c.store.exp(12).table('closed_form_bias.csv').num({ experiment: exp, variant: 'log_loss' }, col));
  const fam = (unit: string) => ({ needs: [12], unit, family: true, source: 'closed_form_bias.csv, log_loss rows' });
  for (const [name, col] of [
    ['d_err_1000x', 'd_err_pct_1000x'],
    ['dcl_1000x', 'dcl_pct_1000x'],
    ['b_err', 'b_err_pct'],
    ['ratio', 'alpha_over_beta'],
  ] as const) {
    f.add(`cfr.marin.${name}.min`, fam('%'), (c) => Math.min(...cf(c, MARIN, col)));
    f.add(`cfr.marin.${name}.max`, fam('%'), (c) => Math.max(...cf(c, MARIN, col)));
  }
  // The far extrapolation target of closed_form_bias.csv (column d_err_pct_1000x), as a multiple of the largest budget.
  f.config('cfr.target_far', CLOSED_FORM_TARGETS[1], 'experiments/exp12/closed-form.ts#CLOSED_FORM_TARGETS', '×');
  f.add('cfr.others.max_abs_d_err_1000x', fam('%'), (c) => Math.max(...cf(c, ['epoch', 'llama3', 'misfitting'], 'd_err_pct_1000x').map(Math.abs)));

  // Appendix I: where the exponent error under drift 0.2 changes sign (experiment 2).
  for (const cfg of ['balanced', 'chinchilla', 'small_imbalance', 'moderate_imbalance', 'high_imbalance', 'extreme_imbalance']) {
    f.add(`x2.${cfg}.a_zero_factor`, { needs: [2], family: true, source: 'sweep.csv, grid factor where a_err_pct changes sign (NaN: never)' }, (c) => {
      const t = c.store.exp(2).table('sweep.csv');
      const v = crossingFactor(t.column('log_range', { config: cfg }), t.column('a_err_pct', { config: cfg }));
      return Number.isNaN(v) ? 0 : v;
    });
  }
}
