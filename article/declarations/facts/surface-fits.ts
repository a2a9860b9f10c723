/**
 * Facts of article §8 and appendices A, D, E, F, H: surface fitting,
 * conditioning, noisy inference, efficiency and residuals (experiments 0,
 * 5, 7, 8, 9, 12). Column and key names follow specs/experiments.md.
 */
import type { FactBook, FactContext } from '../../engine/fact-registry.ts';

const PARAMS = ['e', 'coef_a', 'coef_b', 'alpha', 'beta'] as const;
const PARAM_LABELS: Record<string, string> = { e: 'E', coef_a: 'A', coef_b: 'B', alpha: 'α', beta: 'β' };

/** Methods of experiment 5 part 3, in the order of specs/experiments.md §C.5. */
export const EXP5_METHODS = [
  'approach3_lse_logloss',
  'approach3_lse_logloss_fd',
  'vpnls_lbfgsb_grad',
  'vpnls_lbfgsb_fd',
  'vpnls_nelder_mead',
  'vpnls_grid256',
] as const;
/** Methods of experiment 7. */
export const EXP7_METHODS = ['approach2', 'approach3_naive', 'approach3', 'approach3_lse_logloss', 'vpnls_lbfgsb_grad'] as const;
/** Methods of experiment 9. */
export const EXP9_METHODS = ['approach2', 'approach3_lse', 'vpnls_lbfgsb_grad'] as const;
/** Data sets of experiment 12. */
export const EXP12_SETS = [
  'epochai_chinchilla__massivetext__chinchilla',
  'llama_3__raw_loss',
  'marin_202603__comma__llama_2',
  'marin_202603__dclm__llama_2',
  'marin_202603__nemotron__llama_2',
  'misfitting__fineweb_c4__transformer',
] as const;

/** Geometric mean of the positive values. */
export function gmean(values: readonly number[]): number {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return NaN;
  return Math.exp(pos.reduce((s, v) => s + Math.log(v), 0) / pos.length);
}

/** |relative error| (%) of all five parameters over the non-failed rows of experiment 5 part 3 for one method. */
export function exp5Errors(c: Pick<FactContext, 'store'>, method: string): number[] {
  const t = c.store.exp(5).table('method_comparison.csv');
  const rows = t.where({ method }).filter((r) => r.failed !== 'true');
  return rows.flatMap((r) => PARAMS.map((p) => Math.abs(Number(r[`${p}_err_pct`])))).filter(Number.isFinite);
}

export function surfaceFitFacts(f: FactBook): void {
  // Experiment 8: conditioning.
  f.add('cond.k5', { needs: [8] }, (c) => c.store.exp(8).num('cond_5d'));
  f.add('cond.k2', { needs: [8] }, (c) => c.store.exp(8).num('cond_2d'));
  f.add('cond.ratio', { needs: [8] }, (c) => c.store.exp(8).num('cond_ratio'));
  f.add('cond.eig5.min', { needs: [8] }, (c) => Math.min(...(c.store.exp(8).value('eigenvalues_5d') as number[])));
  f.add('cond.eig5.max', { needs: [8] }, (c) => Math.max(...(c.store.exp(8).value('eigenvalues_5d') as number[])));
  /** Parameters with a component above 0.3 in any of the eigenvectors `ks`, in parameter order. */
  const dominant = (c: FactContext, ks: readonly number[]): string => {
    const t = c.store.exp(8).table('hessian_5d.csv');
    const names = PARAMS.filter((p) => ks.some((k) => Math.abs(t.num({ k }, `v_${p}`)) > 0.3)).map((p) => PARAM_LABELS[p]);
    return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
  };
  f.add('cond.flat.params', { needs: [8], source: 'components above 0.3 of the eigenvectors of the two smallest eigenvalues' }, (c) => dominant(c, [1, 2]));
  f.add('cond.steep.params', { needs: [8], source: 'components above 0.3 of the eigenvectors of the two largest eigenvalues' }, (c) => dominant(c, [4, 5]));
  f.add('cond.drift', { needs: [8], unit: 'decades', source: 'summary.json bias.drift_rate (sampling of experiment 8)' }, (c) =>
    c.store.exp(8).num('bias.drift_rate'),
  );
  f.derive('cond.drift_factor', ['cond.drift'], (d) => Math.pow(10, d));
  // Units-free conditioning (Jacobi scaling D^−1/2·H·D^−1/2) and the LSE parameterisation of the log-scale fits.
  f.add('cond.k5_scaled', { needs: [8], source: 'Jacobi-scaled 5-D Hessian, raw parameters' }, (c) => c.store.exp(8).num('cond_5d_scaled'));
  f.add('cond.k2_scaled', { needs: [8], source: 'Jacobi-scaled 2-D Hessian' }, (c) => c.store.exp(8).num('cond_2d_scaled'));
  f.add('cond.ratio_scaled', { needs: [8] }, (c) => c.store.exp(8).num('cond_ratio_scaled'));
  f.add('cond.k5_lse', { needs: [8], source: '5-D Hessian in (ln E, ln A, ln B, α, β), unscaled' }, (c) => c.store.exp(8).num('cond_5d_lse'));
  f.add('cond.k5_lse_scaled', { needs: [8], source: '5-D Hessian in (ln E, ln A, ln B, α, β), Jacobi-scaled' }, (c) =>
    c.store.exp(8).num('cond_5d_lse_scaled'),
  );
  f.derive('cond.units_factor', ['cond.ratio', 'cond.ratio_scaled'], (raw, scaled) => raw / scaled);
  // The 5-D fit of experiment 8: raw parameters, squared error on L, seeded from the best point of the 4⁵ grid.
  f.add(
    'cond.a3.max_rel_err',
    { needs: [8], unit: '%', source: 'experiment 8 fit `approach3`: raw (E, A, B, α, β), MSE on L, 4⁵ grid seed' },
    (c) => 100 * Math.max(...PARAMS.map((p) => Math.abs(c.store.exp(8).num(`rel_err_approach3.${p}`)))),
  );
  f.add('cond.vpnls.max_rel_err', { needs: [8], unit: '%' }, (c) => 100 * Math.max(...PARAMS.map((p) => Math.abs(c.store.exp(8).num(`rel_err_vpnls.${p}`)))));

  // Experiment 5: recovery and extrapolation on identical data.
  for (const m of EXP5_METHODS) {
    f.add(`rec.${m}.gmean`, { needs: [5], family: true, unit: '%', source: 'geometric mean of |err| over parameters and fits' }, (c) =>
      gmean(exp5Errors(c, m)),
    );
    f.add(`rec.${m}.max`, { needs: [5], family: true, unit: '%' }, (c) => Math.max(...exp5Errors(c, m)));
    f.add(`rec.${m}.failed`, { needs: [5], family: true }, (c) => c.store.exp(5).num(`part3_n_failed.${m}`));
    for (const p of PARAMS) {
      f.add(`rec.${m}.max_${p}`, { needs: [5], family: true, unit: '%' }, (c) =>
        c.store.exp(5).table('method_summary.csv').num({ surface: 'all', method: m }, `max_abs_${p}_err_pct`),
      );
    }
  }
  f.add('rec.fits_per_method', { needs: [5] }, (c) => c.store.exp(5).table('method_comparison.csv').where({ method: 'vpnls_lbfgsb_grad' }).length);
  f.add('rec.part2_max', { needs: [5], unit: '%', family: true }, (c) => c.store.exp(5).num('part2_max_abs_d_err_pct'));
  f.add('rec.part1_max_alpha', { needs: [5], unit: '%', family: true }, (c) => c.store.exp(5).num('part1_max_abs_err_pct.alpha'));
  f.add('rec.part1_failed', { needs: [5], family: true }, (c) => c.store.exp(5).num('part1_n_failed'));
  f.add('same.a2.max_abs', { needs: [4], unit: '%', source: 'Approach 2, medium grid, 1e24 FLOPs, all surfaces and biases' }, (c) =>
    Math.max(...c.store.exp(4).table('extrapolation.csv').column('d_err_pct', { range_name: 'medium', budget_index: 10 }).map(Math.abs)),
  );
  f.add('same.vpnls.max_abs', { needs: [5], unit: '%', source: 'VPNLS, medium grid, 1e24 FLOPs, all surfaces and biases' }, (c) =>
    Math.max(...c.store.exp(5).table('extrapolation.csv').column('d_err_pct', { range_name: 'medium', budget_index: 10 }).map(Math.abs)),
  );

  // Experiment 7: exponent inference under noise.
  f.add('inf.repeats', { needs: [7] }, (c) => c.store.exp(7).num('n_repeats'));
  f.add('inf.noise.min', { needs: [7] }, (c) => Math.min(...(c.store.exp(7).value('noise_levels') as number[])));
  f.add('inf.noise.max', { needs: [7] }, (c) => Math.max(...(c.store.exp(7).value('noise_levels') as number[])));
  f.add('inf.budgets.min', { needs: [7] }, (c) => Math.min(...(c.store.exp(7).value('n_budgets_values') as number[])));
  f.add('inf.budgets.max', { needs: [7] }, (c) => Math.max(...(c.store.exp(7).value('n_budgets_values') as number[])));
  f.add('inf.points.min', { needs: [7] }, (c) => Math.min(...(c.store.exp(7).value('n_points_values') as number[])));
  f.add('inf.points.max', { needs: [7] }, (c) => Math.max(...(c.store.exp(7).value('n_points_values') as number[])));
  f.add('inf.fits_per_method', { needs: [7] }, (c) => c.store.exp(7).table('method_comparison.csv').num({ method: 'approach2' }, 'total_fits'));
  for (const m of EXP7_METHODS) {
    const t = (c: FactContext) => c.store.exp(7).table('method_comparison.csv');
    f.add(`inf.${m}.gmean`, { needs: [7], family: true, unit: '%' }, (c) => t(c).num({ method: m }, 'gmean_abs_err_pct'));
    f.add(`inf.${m}.max`, { needs: [7], family: true, unit: '%' }, (c) => t(c).num({ method: m }, 'max_abs_err_pct'));
    f.add(`inf.${m}.max_a`, { needs: [7], family: true, unit: '%' }, (c) => t(c).num({ method: m }, 'max_abs_a_err_pct'));
    f.add(`inf.${m}.max_b`, { needs: [7], family: true, unit: '%' }, (c) => t(c).num({ method: m }, 'max_abs_b_err_pct'));
    f.add(`inf.${m}.fail`, { needs: [7], family: true }, (c) => t(c).num({ method: m }, 'n_fail'));
    f.add(`inf.${m}.maxiter`, { needs: [7], family: true }, (c) => t(c).num({ method: m }, 'n_maxiter'));
    f.add(`inf.${m}.abnormal`, { needs: [7], family: true }, (c) => t(c).num({ method: m }, 'n_abnormal'));
    f.add(`inf.${m}.bound_hit`, { needs: [7], family: true }, (c) => t(c).num({ method: m }, 'n_bound_hit'));
  }
  // Approach 2 in its most favorable cell: lowest noise, most points, most budgets.
  f.add('inf.a2.best_cell_gmean', { needs: [7], unit: '%', source: 'fits.csv, approach2 at the lowest σ, most points and budgets' }, (c) => {
    const e = c.store.exp(7);
    const sigma = Math.min(...(e.value('noise_levels') as number[]));
    const nb = Math.max(...(e.value('n_budgets_values') as number[]));
    const np = Math.max(...(e.value('n_points_values') as number[]));
    const q = { method: 'approach2', noise_std: sigma, n_budgets: nb, n_points: np };
    const t = e.table('fits.csv');
    return gmean([...t.column('a_err_pct', q), ...t.column('b_err_pct', q)].map(Math.abs));
  });
  f.add('inf.vpnls.best_cell_gmean', { needs: [7], unit: '%', source: 'fits.csv, vpnls_lbfgsb_grad at the lowest σ, most points and budgets' }, (c) => {
    const e = c.store.exp(7);
    const sigma = Math.min(...(e.value('noise_levels') as number[]));
    const nb = Math.max(...(e.value('n_budgets_values') as number[]));
    const np = Math.max(...(e.value('n_points_values') as number[]));
    const q = { method: 'vpnls_lbfgsb_grad', noise_std: sigma, n_budgets: nb, n_points: np };
    const t = e.table('fits.csv');
    return gmean([...t.column('a_err_pct', q), ...t.column('b_err_pct', q)].map(Math.abs));
  });

  // Experiment 9: efficiency.
  f.add('eff.datasets', { needs: [9] }, (c) => c.store.exp(9).num('n_datasets'));
  for (const m of EXP9_METHODS) {
    f.add(`eff.${m}.var`, { needs: [9], family: true }, (c) => c.store.exp(9).table('summary.csv').num({ method: m, noise_std: 'all' }, 'variance'));
    f.add(`eff.${m}.failed`, { needs: [9], family: true }, (c) => c.store.exp(9).table('summary.csv').num({ method: m, noise_std: 'all' }, 'n_failed'));
  }
  f.add('eff.noise.min', { needs: [9] }, (c) =>
    Math.min(
      ...c.store
        .exp(9)
        .table('summary.csv')
        .text('noise_std')
        .filter((x) => x !== 'all')
        .map(Number),
    ),
  );
  for (const m of ['approach2', 'vpnls_lbfgsb_grad'] as const) {
    f.add(`eff.${m}.iqr`, { needs: [9] }, (c) => c.store.exp(9).table('summary.csv').num({ method: m, noise_std: 'all' }, 'iqr'));
    f.add(`eff.${m}.var_low`, { needs: [9], source: 'variance at the lowest noise level' }, (c) => {
      const t = c.store.exp(9).table('summary.csv');
      const low = Math.min(
        ...t
          .text('noise_std')
          .filter((x) => x !== 'all')
          .map(Number),
      );
      return t.num({ method: m, noise_std: low }, 'variance');
    });
  }
  f.derive('eff.ratio.iqr', ['eff.approach2.iqr', 'eff.vpnls_lbfgsb_grad.iqr'], (a, v) => a / v);
  f.derive('eff.ratio.low', ['eff.approach2.var_low', 'eff.vpnls_lbfgsb_grad.var_low'], (a, v) => a / v);
  f.derive('eff.ratio.a2_vpnls', ['eff.approach2.var', 'eff.vpnls_lbfgsb_grad.var'], (a, v) => a / v);
  f.derive('eff.ratio.a2_a3', ['eff.approach2.var', 'eff.approach3_lse.var'], (a, v) => a / v);

  // Experiment 0: validation against ml-scalefit.
  for (const m of ['vpnls', 'approach3_lse_logloss', 'approach3_lse', 'ml_scalefit_mse_lbfgs'] as const) {
    for (const p of [...PARAMS, 'a', 'b'] as const) {
      f.add(`val.${m}.${p}`, { needs: [0], family: true }, (c) => c.store.exp(0).table('fits.csv').num({ method: m }, p));
    }
  }
  f.add('val.n_points', { needs: [0] }, (c) => c.store.exp(0).num('n_rows_fit'));
  f.add('val.n_raw', { needs: [0] }, (c) => c.store.exp(0).num('n_rows_raw'));
  f.add('val.n_after_drop', { needs: [0] }, (c) => c.store.exp(0).num('n_rows_after_drop'));
  const relMax = (a: string, b: string) => (c: FactContext) =>
    Math.max(
      ...PARAMS.map((p) => Math.abs(c.store.exp(0).table('fits.csv').num({ method: a }, p) / c.store.exp(0).table('fits.csv').num({ method: b }, p) - 1)),
    );
  f.add('val.vpnls_vs_scalefit', { needs: [0], source: 'max relative difference over E, A, B, α, β' }, relMax('vpnls', 'ml_scalefit_mse_lbfgs'));
  f.add('val.lse_vs_vpnls', { needs: [0], source: 'max relative difference over E, A, B, α, β' }, relMax('approach3_lse', 'vpnls'));
  f.derive('val.logloss_vs_vpnls_pct', ['val.logloss_vs_vpnls'], (v) => 100 * v, '%');
  f.add('val.logloss_vs_vpnls', { needs: [0], source: 'max relative difference over E, A, B, α, β' }, relMax('approach3_lse_logloss', 'vpnls'));

  // Experiment 12: residual structure.
  f.add('res.datasets', { needs: [12] }, (c) => (c.store.exp(12).value('experiments') as string[]).length);
  f.add(
    'res.levene_sig',
    { needs: [12], source: 'data sets with Levene p < 0.05, log_loss variant' },
    (c) =>
      c.store
        .exp(12)
        .table('experiment_stats.csv')
        .column('levene_p', { variant: 'log_loss' })
        .filter((p) => p < 0.05).length,
  );
  f.add(
    'res.kruskal_sig',
    { needs: [12], source: 'data sets with Kruskal–Wallis p < 0.05, log_loss variant' },
    (c) =>
      c.store
        .exp(12)
        .table('experiment_stats.csv')
        .column('kruskal_p', { variant: 'log_loss' })
        .filter((p) => p < 0.05).length,
  );
  f.add('res.median_k.min', { needs: [12] }, (c) => Math.min(...c.store.exp(12).table('experiment_stats.csv').column('median_k', { variant: 'flop_factor' })));
  f.add('res.median_k.max', { needs: [12] }, (c) => Math.max(...c.store.exp(12).table('experiment_stats.csv').column('median_k', { variant: 'flop_factor' })));
  f.config('res.sig_level', 0.05, 'article: significance level for appendix H');
}
