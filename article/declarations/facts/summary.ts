/**
 * Facts used by `results.md` (specs/article.md, "results.md") beyond those of the article:
 * the seed and experiment mode of the header, the intercept factor errors of
 * experiment 1, the constant-versus-drift split of experiment 3, the most
 * negative cell of experiment 10 and the FLOP-factor residual test of
 * experiment 12. All are read from experiment outputs or configuration, so
 * results.md depends on nothing but the experiment outputs.
 */
import { SEED } from '../config.ts';
import type { FactBook, FactContext } from '../../engine/fact-registry.ts';
import { interceptFactorError } from '../../explorable/law-errors.ts';
import { GRID_NAMES, MAIN_SURFACES } from '../figures/palette.ts';

/** Experiments whose run.json records the mode of the outputs results.md is built from. */
export const SUMMARY_EXPERIMENTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

const CONSTANT_BIASES = ['scale_1.5', 'scale_2.0'] as const;

/** Largest |intercept factor error| (%) over the width sweep of one surface and bias in a sweep.csv. */
function maxAbsIntercept(c: FactContext, exp: number, surface: string, bias: string): number {
  const t = c.store.exp(exp).table('sweep.csv');
  const b0 = t.column('b0', { surface, bias });
  const truth = t.column('b0_true', { surface, bias });
  return Math.max(...b0.map((v, i) => Math.abs(100 * interceptFactorError(v, truth[i]))));
}

export function summaryFacts(f: FactBook): void {
  f.config('cfg.seed', SEED, 'article/declarations/config.ts#SEED (the seed every experiment output must carry)');
  f.add('run.mode', { needs: [...SUMMARY_EXPERIMENTS], source: 'run.json of experiments 0–12 (quick: false means full mode)' }, (c) => {
    const quick = SUMMARY_EXPERIMENTS.filter((n) => (c.store.exp(n).json('run.json') as { quick?: boolean }).quick === true);
    return quick.length === 0 ? 'full' : `quick (experiments ${quick.join(', ')})`;
  });

  // Experiment 1: balanced surface, drift 0.2; intercept factor error at the narrowest and widest grid.
  for (const [name, idx] of [
    ['narrow', 0],
    ['wide', 19],
  ] as const) {
    f.add(`x1.icpt_err_${name}`, { needs: [1], unit: '%', source: 'sweep.csv, 10^(b̂0 − b0) − 1' }, (c) => {
      const t = c.store.exp(1).table('sweep.csv');
      const q = { surface: 'balanced', bias: 'drift_0.2', w_index: idx };
      return 100 * interceptFactorError(t.num(q, 'b0'), t.num(q, 'b0_true'));
    });
  }

  // Experiment 3: constant offsets keep the exponents, drifts move them.
  f.add(
    'x3.const.max_abs_exp_err',
    { needs: [3], unit: '%', source: 'sweep.csv, max |a error|, |b error| over the three surfaces, scale 1.5 and 2.0, all widths' },
    (c) => {
      const t = c.store.exp(3).table('sweep.csv');
      const errs = MAIN_SURFACES.flatMap((surface) =>
        CONSTANT_BIASES.flatMap((bias) => [...t.column('a_err_pct', { surface, bias }), ...t.column('b_err_pct', { surface, bias })]),
      );
      return Math.max(...errs.map(Math.abs));
    },
  );
  f.add('x3.symmetric.scale20.max_abs_icpt_err', { needs: [3], unit: '%' }, (c) => maxAbsIntercept(c, 3, 'symmetric', 'scale_2.0'));
  for (const bias of ['drift_0.2', 'drift_0.4'] as const) {
    const k = bias.replace(/[._]/g, '');
    f.add(`x3.asymmetric.${k}.a_err_wide`, { needs: [3], unit: '%', source: 'sweep.csv at the widest grid' }, (c) =>
      c.store.exp(3).table('sweep.csv').num({ surface: 'asymmetric', bias, w_index: 19 }, 'a_err_pct'),
    );
  }

  // Experiment 5: the other locally refined 2-D methods.
  f.derive('rec.refined2d_alt.max', ['rec.vpnls_lbfgsb_fd.max', 'rec.vpnls_nelder_mead.max'], Math.max, '%');

  // Experiment 10: the centered Symmetric cells and the most negative cell.
  const sym = GRID_NAMES.map((g) => `x10.centered.symmetric.${g.toLowerCase()}.d_err_pct`);
  f.derive('x10.centered.symmetric.max_abs', sym, (...v) => Math.max(...v.map(Math.abs)), '%');
  const all10 = ['centered', 'offset_3x', 'drift_3x'].flatMap((b) =>
    MAIN_SURFACES.flatMap((s) => GRID_NAMES.map((g) => `x10.${b}.${s}.${g.toLowerCase()}.d_err_pct`)),
  );
  f.derive('x10.min_signed', all10, (...v) => Math.min(...v), '%');

  // Experiment 12: the location test once the FLOP constant may vary per budget.
  f.add(
    'res.kruskal_sig_flop',
    { needs: [12], source: 'data sets with Kruskal–Wallis p < 0.05, flop_factor variant' },
    (c) =>
      c.store
        .exp(12)
        .table('experiment_stats.csv')
        .column('kruskal_p', { variant: 'flop_factor' })
        .filter((p) => p < 0.05).length,
  );
}
