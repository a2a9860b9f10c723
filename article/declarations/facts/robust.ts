/**
 * Facts of the statistics that survive another seed (article §8.4–8.5 and
 * §9): experiment 9's IQR, MAD, tail quantiles, failures counted as losses
 * and the multi-seed study; experiment 7's pooled quantiles with bootstrap
 * intervals and the bootstrap range of the maximum; experiment 11's interval
 * spread across bootstrap seeds.
 */
import { SYMLOG_LINEAR } from '../../../experiments/exp9/figures.ts';
import { SEED_RANGE_QUANTILES, TAIL_QUANTILES } from '../../../experiments/exp9/robust.ts';
import { EXP7_POOLED_QUANTILES } from '../../../experiments/exp7/tables.ts';
import type { FactBook, FactContext } from '../../engine/fact-registry.ts';
import { EXP7_METHODS, EXP9_METHODS } from './surface-fits.ts';

const EFF_SHORT: Readonly<Record<(typeof EXP9_METHODS)[number], string>> = {
  approach2: 'approach2',
  approach3_lse: 'approach3_lse',
  vpnls_lbfgsb_grad: 'vpnls',
};
const RATIO = 'approach2_over_vpnls_lbfgsb_grad';

const tails = (c: FactContext, method: string, col: string): number => c.store.exp(9).table('tails.csv').num({ method, noise_std: 'all' }, col);

export function robustFacts(f: FactBook): void {
  // Quantile levels quoted in prose ("99th percentile", "10–90 % range"), in percent.
  const pct = (q: number) => Math.round(q * 1e5) / 1e3;
  const tail = (key: string) => TAIL_QUANTILES.find((x) => x.key === key)!.q;
  f.config('q.p99', pct(tail('p99')), 'experiments/exp9/robust.ts#TAIL_QUANTILES (= experiments/exp7/tables.ts#EXP7_POOLED_QUANTILES p99)');
  f.config('q.p999', pct(tail('p999')), 'experiments/exp9/robust.ts#TAIL_QUANTILES');
  f.config('q.seed_lo', pct(SEED_RANGE_QUANTILES[0]), 'experiments/exp9/robust.ts#SEED_RANGE_QUANTILES');
  f.config('q.seed_hi', pct(SEED_RANGE_QUANTILES[1]), 'experiments/exp9/robust.ts#SEED_RANGE_QUANTILES');
  if (EXP7_POOLED_QUANTILES.find((x) => x.key === 'p99')!.q !== tail('p99'))
    throw new Error('robust facts: experiments 7 and 9 must use the same upper quantile for q.p99');

  // Experiment 9: robust spread of the pooled b̂ − b (seed of the run).
  for (const m of EXP9_METHODS) {
    const k = `eff.${EFF_SHORT[m]}`;
    f.add(`${k}.mad`, { needs: [9], family: true, source: 'summary.csv, pooled row, median absolute deviation from the median' }, (c) =>
      c.store.exp(9).table('summary.csv').num({ method: m, noise_std: 'all' }, 'mad'),
    );
    for (const q of ['p99', 'p999'] as const) {
      f.add(`${k}.${q}`, { needs: [9], family: true, source: `tails.csv, pooled ${q} of |b̂ − b|` }, (c) => tails(c, m, `${q}_abs_b_err`));
      f.add(`${k}.${q}.low`, { needs: [9], family: true }, (c) => tails(c, m, `${q}_abs_b_err_low`));
      f.add(`${k}.${q}.high`, { needs: [9], family: true }, (c) => tails(c, m, `${q}_abs_b_err_high`));
    }
    f.add(`${k}.max_abs`, { needs: [9], family: true }, (c) => tails(c, m, 'max_abs_b_err'));
    f.add(
      `${k}.loss_rate`,
      { needs: [9], family: true, unit: '%', source: 'tails.csv, share of data sets failed or with |b̂ − b| above the threshold' },
      (c) => 100 * tails(c, m, 'loss_rate'),
    );
    f.add(`${k}.loss_rate.low`, { needs: [9], family: true, unit: '%' }, (c) => 100 * tails(c, m, 'loss_rate_low'));
    f.add(`${k}.loss_rate.high`, { needs: [9], family: true, unit: '%' }, (c) => 100 * tails(c, m, 'loss_rate_high'));
    f.add(`${k}.n_loss`, { needs: [9], family: true }, (c) => tails(c, m, 'n_loss'));
  }
  f.add('eff.loss_threshold', { needs: [9], source: 'summary.json loss_threshold (absolute error in b)' }, (c) => c.store.exp(9).num('loss_threshold'));
  f.derive('eff.loss_threshold_pct', ['eff.loss_threshold', 'surf.symmetric.b'], (t, b) => (100 * t) / b, '%');
  f.add('eff.tail_level', { needs: [9], unit: '%' }, (c) => 100 * c.store.exp(9).num('tail_ci_level'));
  f.derive('eff.ratio.mad', ['eff.approach2.mad', 'eff.vpnls.mad'], (a, v) => a / v);
  f.add(
    'eff.ratio.p99',
    { needs: [9], family: true, source: 'tails.csv, pooled p99 of |b̂ − b|, Approach 2 / VPNLS' },
    (c) => tails(c, 'approach2', 'p99_abs_b_err') / tails(c, 'vpnls_lbfgsb_grad', 'p99_abs_b_err'),
  );
  f.add('eff.approach2.var_peak_sigma', { needs: [9], source: 'summary.csv, noise level with the largest Approach 2 variance' }, (c) => {
    const t = c.store.exp(9).table('summary.csv');
    const levels = t
      .text('noise_std', { method: 'approach2' })
      .filter((x) => x !== 'all')
      .map(Number);
    return levels.reduce((best, s) =>
      t.num({ method: 'approach2', noise_std: s }, 'variance') > t.num({ method: 'approach2', noise_std: best }, 'variance') ? s : best,
    );
  });

  f.config('eff.symlog_linear', SYMLOG_LINEAR, 'experiments/exp9/figures.ts#SYMLOG_LINEAR (half-width of the linear part of the axis)');

  // Experiment 9: the multi-seed study.
  const study = (c: FactContext, path: string): number => c.store.exp(9).num(`seed_study.${path}`);
  f.add('eff.seeds', { needs: [9], source: 'summary.json seed_study.n_seeds' }, (c) => study(c, 'n_seeds'));
  for (const s of ['variance', 'iqr', 'mad'] as const) {
    for (const q of ['median', 'p10', 'p90', 'min', 'max', 'share_above_1'] as const) {
      const unit = q === 'share_above_1' ? '%' : '';
      f.add(
        `eff.seed.ratio.${s}.${q}`,
        { needs: [9], family: true, unit, source: `seed_study.ratios.${RATIO}.${s}.${q}` },
        (c) => (q === 'share_above_1' ? 100 : 1) * study(c, `ratios.${RATIO}.${s}.${q}`),
      );
    }
  }
  for (const m of EXP9_METHODS) {
    for (const s of ['variance', 'iqr', 'mad', 'n_failed'] as const) {
      for (const q of ['median', 'p10', 'p90'] as const) {
        f.add(`eff.seed.${EFF_SHORT[m]}.${s}.${q}`, { needs: [9], family: true, source: `seed_study.methods.${m}.${s}.${q}` }, (c) =>
          study(c, `methods.${m}.${s}.${q}`),
        );
      }
    }
  }
  // Where the seed of the run falls among the seeds: the share of seeds with a smaller variance ratio.
  f.add(
    'eff.seed.ratio.variance.rank_pct',
    { needs: [9], family: true, unit: '%', source: 'seed_study.csv: share of seeds whose variance ratio is below the run seed’s' },
    (c) => {
      const t = c.store.exp(9).table('seed_study.csv');
      const a2 = t.column('variance', { method: 'approach2' });
      const vp = t.column('variance', { method: 'vpnls_lbfgsb_grad' });
      const r = a2.map((v, i) => v / vp[i]);
      return (100 * r.filter((x) => x < r[0]).length) / (r.length - 1 || 1);
    },
  );

  // Experiment 7: pooled quantiles with bootstrap intervals, and the maximum's dependence on the draw.
  for (const m of EXP7_METHODS) {
    const t = (c: FactContext) => c.store.exp(7).table('method_comparison.csv');
    for (const q of ['median', 'p90', 'p99'] as const) {
      f.add(`inf.${m}.${q}`, { needs: [7], family: true, unit: '%' }, (c) => t(c).num({ method: m }, `${q}_abs_err_pct`));
      f.add(`inf.${m}.${q}.low`, { needs: [7], family: true, unit: '%' }, (c) => t(c).num({ method: m }, `${q}_abs_err_pct_low`));
      f.add(`inf.${m}.${q}.high`, { needs: [7], family: true, unit: '%' }, (c) => t(c).num({ method: m }, `${q}_abs_err_pct_high`));
    }
    f.add(
      `inf.${m}.max.boot_low`,
      { needs: [7], family: true, unit: '%', source: 'lower end of the bootstrap interval of the maximum over resampled fits' },
      (c) => t(c).num({ method: m }, 'max_abs_err_pct_boot_low'),
    );
    f.add(`inf.${m}.max.boot_high`, { needs: [7], family: true, unit: '%' }, (c) => t(c).num({ method: m }, 'max_abs_err_pct_boot_high'));
  }
  f.add('inf.boot.level', { needs: [7], unit: '%' }, (c) => 100 * c.store.exp(7).num('bootstrap.level'));
  f.add('inf.boot.resamples', { needs: [7], family: true }, (c) => c.store.exp(7).num('bootstrap.resamples'));
  f.derive('inf.abnormal_share.vpnls', ['inf.vpnls_lbfgsb_grad.abnormal', 'inf.fits_per_method'], (a, n) => (100 * a) / n, '%');

  // Experiment 11: the bootstrap interval is itself random.
  f.add('cost.boot.seeds', { needs: [11], source: 'summary.json bootstrap_spread.n_seeds' }, (c) => c.store.exp(11).num('bootstrap_spread.n_seeds'));
  for (const row of ['llama_3_vpnls', 'llama_3_approach3'] as const) {
    for (const end of ['low', 'high'] as const) {
      for (const q of ['min', 'median', 'max'] as const) {
        f.add(`cost.${row}.ci_${end}_pct.seed_${q}`, { needs: [11], family: true, unit: '%', source: `bootstrap_spread.${row}.ci_${end}_pct.${q}` }, (c) =>
          c.store.exp(11).num(`bootstrap_spread.${row}.ci_${end}_pct.${q}`),
        );
      }
    }
  }
}
