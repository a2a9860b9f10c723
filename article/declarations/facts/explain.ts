/**
 * Facts of the article's explanations: the VPNLS pseudo-code settings, why
 * quasi-Newton fits stop before the flat directions are resolved (§8.1,
 * experiment 8), the Huber rows of the validation table (appendix F,
 * experiment 0), noise levels against IsoFLOP curve depth (§8.4–8.5), the
 * Asymmetric surface's scale, and the reproducibility note.
 */
import { conditioningAtTruth } from '../../../src/analysis/index.ts';
import { defaultConfig as exp7Config } from '../../../experiments/exp7/exp7-exponent-inference.ts';
import { defaultConfig as exp9Config } from '../../../experiments/exp9/exp9-data-efficiency.ts';
import { VPNLS_EXPONENT_BOUNDS, VPNLS_GRID } from '../../../src/fit/vpnls.ts';
import { LBFGSB_DEFAULTS, NELDER_MEAD_DEFAULTS } from '../../../src/optim/index.ts';
import { BIASES, DEFAULT_BUDGETS, RANGE_NAMES, sampleIsoflops, sweepWidth, type SamplingBias } from '../../../src/sampling/index.ts';
import { dOpt, lossOpt, nOpt, SURFACES, type LossSurface } from '../../../src/surface/index.ts';
import { logspace } from '../../../src/util/space.ts';
import { quantile } from '../../../src/util/stats.ts';
import { SEED } from '../config.ts';
import type { FactBook, FactContext } from '../../engine/fact-registry.ts';
import { publishedSets } from '../../engine/published-data.ts';

const PARAMS = ['e', 'coef_a', 'coef_b', 'alpha', 'beta'] as const;
/** Rows of experiment 0's fits.csv quoted in appendix F. */
const VAL_EXTRA = ['approach3_lse_logloss_huber'] as const;

/** Depth of each noise-free IsoFLOP curve (max L − min L over its points) of a design. */
export function curveDepths(surface: LossSurface, o: { W: number; budgets: readonly number[]; points: number; bias: SamplingBias }): number[] {
  const s = sampleIsoflops(surface, { W: o.W, budgets: o.budgets, pointsPerCurve: o.points, bias: o.bias });
  return o.budgets.map((C) => {
    const L = Array.from(s.L).filter((_, i) => s.C[i] === C);
    return Math.max(...L) - Math.min(...L);
  });
}

/** Experiment 7's design at its most budgets and points: Asymmetric, ±gridFactor×, drift to 3×. */
function exp7Depths(): number[] {
  const c = exp7Config;
  const nb = Math.max(...c.nBudgetsValues);
  const budgets = Array.from(logspace(Math.log10(c.budgetRange[0]), Math.log10(c.budgetRange[1]), nb));
  return curveDepths(SURFACES[c.surface], { W: Math.log10(c.gridFactor), budgets, points: Math.max(...c.nPointsValues), bias: BIASES[c.bias] });
}

/** Experiment 9's design: Symmetric, centered, every grid factor, most budgets, fewest points. */
function exp9Depths(): number[] {
  const c = exp9Config;
  const nb = Math.max(...c.nBudgetsValues);
  const budgets = Array.from(logspace(Math.log10(c.budgetRange[0]), Math.log10(c.budgetRange[1]), nb));
  return c.gridFactors.flatMap((k) =>
    curveDepths(SURFACES[c.surface], { W: Math.log10(k), budgets, points: Math.min(...c.nPointsValues), bias: BIASES.centered }),
  );
}

/** Depth of every published budget curve with at least `minPoints` runs. */
function publishedDepths(minPoints = 5): number[] {
  return publishedSets().flatMap((d) => d.budgets.filter((b) => b.L.length >= minPoints).map((b) => Math.max(...b.L) - Math.min(...b.L)));
}

export function explainFacts(f: FactBook): void {
  // VPNLS pseudo-code: grid, bounds and stopping rules (library defaults).
  f.config('algo.grid.lo', VPNLS_GRID.lo, 'src/fit/vpnls.ts#VPNLS_GRID.lo');
  f.config('algo.grid.hi', VPNLS_GRID.hi, 'src/fit/vpnls.ts#VPNLS_GRID.hi');
  f.config('algo.bound.lo', VPNLS_EXPONENT_BOUNDS[0], 'src/fit/vpnls.ts#VPNLS_EXPONENT_BOUNDS');
  f.config('algo.bound.hi', VPNLS_EXPONENT_BOUNDS[1], 'src/fit/vpnls.ts#VPNLS_EXPONENT_BOUNDS');
  f.config('algo.ftol', LBFGSB_DEFAULTS.ftol, 'src/optim/lbfgsb/lbfgsb.ts#LBFGSB_DEFAULTS.ftol');
  f.config('algo.gtol', LBFGSB_DEFAULTS.gtol, 'src/optim/lbfgsb/lbfgsb.ts#LBFGSB_DEFAULTS.gtol');
  f.config('algo.memory', LBFGSB_DEFAULTS.m, 'src/optim/lbfgsb/lbfgsb.ts#LBFGSB_DEFAULTS.m');
  f.config('algo.xatol', NELDER_MEAD_DEFAULTS.xatol, 'src/optim/nelder-mead.ts#NELDER_MEAD_DEFAULTS.xatol');
  f.config('algo.fatol', NELDER_MEAD_DEFAULTS.fatol, 'src/optim/nelder-mead.ts#NELDER_MEAD_DEFAULTS.fatol');
  f.add(
    'same.a2.chinchilla_baseline',
    { needs: [4], unit: '%', source: 'Approach 2, medium grid, Chinchilla, centered, 1e24 FLOPs (budget_index 10 as same.a2.max_abs)' },
    (c) => c.store.exp(4).table('extrapolation.csv').num({ range_name: 'medium', surface: 'chinchilla', bias: 'baseline', budget_index: 10 }, 'd_err_pct'),
  );
  f.config('cfg.sweep.medium.k', Math.pow(10, sweepWidth(RANGE_NAMES.medium)), 'src/sampling/grids.ts#RANGE_NAMES.medium (10^W)');

  // Section 3: one bound for both errors, so the sentence does not repeat itself.
  f.derive('sim.symmetric.max_abs_err', ['sim.symmetric.max_abs_b_err', 'sim.symmetric.max_abs_icpt_err'], (b, i) => Math.max(Math.abs(b), Math.abs(i)), '%');

  // Why L-BFGS-B stops early on the 5-D problem (experiment 8, raw parameters).
  const e8 = (c: FactContext) => c.store.exp(8);
  f.add('qn.delta', { needs: [8], source: 'summary.json perturbation_delta' }, (c) => e8(c).num('perturbation_delta'));
  f.add(
    'qn.grad.flat',
    { needs: [8], source: 'gradient norm after a step of perturbation_delta along the flattest eigenvector' },
    (c) => (e8(c).value('perturbation_grad_norms') as number[])[0],
  );
  f.add('qn.grad.steep', { needs: [8], source: 'gradient norm after a step of perturbation_delta along the steepest eigenvector' }, (c) => {
    const g = e8(c).value('perturbation_grad_norms') as number[];
    return g[g.length - 1];
  });
  // A decrease test at ftol resolves an error d along curvature λ only while λd²/2 > ftol (RSS < 1, so the test is absolute).
  f.add('qn.resolve.flat5', { needs: [8], source: '√(2·ftol/λ_min) of the 5-D Hessian' }, (c) =>
    Math.sqrt((2 * LBFGSB_DEFAULTS.ftol) / Math.min(...(e8(c).value('eigenvalues_5d') as number[]))),
  );
  f.add('qn.resolve.flat2', { needs: [8], source: '√(2·ftol/λ_min) of the 2-D Hessian' }, (c) =>
    Math.sqrt((2 * LBFGSB_DEFAULTS.ftol) / Math.min(...(e8(c).value('eigenvalues_2d') as number[]))),
  );
  f.add('qn.rss_true', { needs: [8], source: 'summary.json rss_true (RSS at the true parameters: the rounding floor)' }, (c) => e8(c).num('rss_true'));
  f.add(
    'qn.a3.exp_err',
    { needs: [8], unit: '%', source: 'experiment 8 step 1: larger |relative error| of α and β' },
    (c) => 100 * Math.max(Math.abs(e8(c).num('rel_err_approach3.alpha')), Math.abs(e8(c).num('rel_err_approach3.beta'))),
  );
  f.add(
    'qn.ftol0.exp_err',
    { needs: [8], unit: '%', source: 'experiment 8 step 8 with step 1 bounds (ftol = 0): larger |relative error| of α and β' },
    (c) => 100 * Math.max(e8(c).num('ftol0_step1_bounds.alpha_abs_rel_err'), e8(c).num('ftol0_step1_bounds.beta_abs_rel_err')),
  );
  f.add('qn.ftol0.iterations', { needs: [8] }, (c) => e8(c).num('ftol0_step1_bounds.iterations'));
  f.add('qn.a3.iterations', { needs: [8] }, (c) => e8(c).table('fits.csv').num({ method: 'approach3' }, 'iterations'));

  // Appendix F: the Huber objective on ln L (Hoffmann et al., Epoch AI).
  for (const m of VAL_EXTRA) {
    for (const p of [...PARAMS, 'a', 'b'] as const) {
      f.add(`val.${m}.${p}`, { needs: [0], family: true }, (c) => c.store.exp(0).table('fits.csv').num({ method: m }, p));
    }
  }
  f.add('val.huber_delta', { needs: [0], source: 'summary.json huber_delta' }, (c) => c.store.exp(0).num('huber_delta'));
  const valRel = (a: string, b: string) => (c: FactContext) => {
    const t = c.store.exp(0).table('fits.csv');
    return 100 * Math.max(...PARAMS.map((p) => Math.abs(t.num({ method: a }, p) / t.num({ method: b }, p) - 1)));
  };
  f.add(
    'val.huber_vs_vpnls_pct',
    { needs: [0], unit: '%', source: 'max relative difference over E, A, B, α, β' },
    valRel('approach3_lse_logloss_huber', 'vpnls'),
  );
  // D* at the evaluation budget under each objective, relative to the squared-error fit (units cancel in the ratio).
  const dRatio = (m: string) => (c: FactContext) => {
    const t = c.store.exp(0).table('fits.csv');
    const s = (row: string): LossSurface => ({
      E: t.num({ method: row }, 'e'),
      A: t.num({ method: row }, 'coef_a'),
      B: t.num({ method: row }, 'coef_b'),
      alpha: t.num({ method: row }, 'alpha'),
      beta: t.num({ method: row }, 'beta'),
    });
    // Fits use N/n_scale and D/d_scale, so 6·N·D in those units is C/(n_scale·d_scale).
    const C = c.fact('cfg.eval_budget') / (c.store.exp(0).num('n_scale') * c.store.exp(0).num('d_scale'));
    return 100 * (dOpt(s(m), C) / dOpt(s('vpnls'), C) - 1);
  };
  f.add(
    'val.huber.d_vs_vpnls_pct',
    { needs: [0], unit: '%', source: 'D*(1e24 FLOPs) of the Huber fit relative to VPNLS' },
    dRatio('approach3_lse_logloss_huber'),
  );
  f.add(
    'val.logloss.d_vs_vpnls_pct',
    { needs: [0], unit: '%', source: 'D*(1e24 FLOPs) of the log-loss fit relative to VPNLS' },
    dRatio('approach3_lse_logloss'),
  );

  // Noise against curve depth (max − min L of one noise-free IsoFLOP curve).
  f.add('depth.asym.min', { unit: 'nats', source: 'library: experiment 7 design, noise-free' }, () => Math.min(...exp7Depths()));
  f.add('depth.asym.max', { unit: 'nats', source: 'library: experiment 7 design, noise-free' }, () => Math.max(...exp7Depths()));
  f.add('depth.sym.min', { unit: 'nats', source: 'library: experiment 9 design (all grid widths), noise-free' }, () => Math.min(...exp9Depths()));
  f.add('depth.sym.max', { unit: 'nats', source: 'library: experiment 9 design (all grid widths), noise-free' }, () => Math.max(...exp9Depths()));
  f.add('depth.real.q1', { unit: 'nats', source: 'published sweeps: lower quartile of per-budget depth (budgets with ≥ 5 runs)' }, () =>
    quantile(publishedDepths(), 0.25),
  );
  f.add('depth.real.q3', { unit: 'nats', source: 'published sweeps: upper quartile of per-budget depth (budgets with ≥ 5 runs)' }, () =>
    quantile(publishedDepths(), 0.75),
  );
  f.add(
    'depth.asym.rel.min',
    { needs: [7], unit: '%', source: 'smallest σ of experiment 7 over the deepest curve' },
    (c) => (100 * Math.min(...(c.store.exp(7).value('noise_levels') as number[]))) / Math.max(...exp7Depths()),
  );
  f.add(
    'depth.asym.rel.max',
    { needs: [7], unit: '%', source: 'largest σ of experiment 7 over the shallowest curve' },
    (c) => (100 * Math.max(...(c.store.exp(7).value('noise_levels') as number[]))) / Math.min(...exp7Depths()),
  );
  const exp9Noise = (c: FactContext) =>
    c.store
      .exp(9)
      .table('summary.csv')
      .text('noise_std')
      .filter((x) => x !== 'all')
      .map(Number);
  f.add(
    'depth.sym.rel.min',
    { needs: [9], unit: '%', source: 'smallest σ of experiment 9 over the deepest curve' },
    (c) => (100 * Math.min(...exp9Noise(c))) / Math.max(...exp9Depths()),
  );
  f.add(
    'depth.sym.rel.max',
    { needs: [9], unit: '%', source: 'largest σ of experiment 9 over the shallowest curve' },
    (c) => (100 * Math.max(...exp9Noise(c))) / Math.min(...exp9Depths()),
  );
  f.add('depth.real.sd.min', { needs: [12], unit: 'nats', source: 'experiment 12 experiment_stats.csv mean_std, linear_loss' }, (c) =>
    Math.min(...c.store.exp(12).table('experiment_stats.csv').column('mean_std', { variant: 'linear_loss' })),
  );
  f.add('depth.real.sd.max', { needs: [12], unit: 'nats', source: 'experiment 12 experiment_stats.csv mean_std, linear_loss' }, (c) =>
    Math.max(...c.store.exp(12).table('experiment_stats.csv').column('mean_std', { variant: 'linear_loss' })),
  );

  f.derive('depth.real.rel.min', ['depth.real.sd.min', 'depth.real.q3'], (sd, d) => (100 * sd) / d, '%');
  f.derive('depth.real.rel.max', ['depth.real.sd.max', 'depth.real.q1'], (sd, d) => (100 * sd) / d, '%');

  // The Asymmetric surface's scale over the fitting budgets.
  const asym = SURFACES.asymmetric;
  const cMin = DEFAULT_BUDGETS[0];
  const cMax = DEFAULT_BUDGETS[DEFAULT_BUDGETS.length - 1];
  f.add('asym.nstar.min', { unit: 'parameters', source: 'library: N* of the Asymmetric surface at the smallest default budget' }, () => nOpt(asym, cMin));
  f.add('asym.nstar.max', { unit: 'parameters', source: 'library: N* of the Asymmetric surface at the largest default budget' }, () => nOpt(asym, cMax));
  f.add('asym.lstar.min', { unit: 'nats', source: 'library: optimal loss of the Asymmetric surface at the largest default budget' }, () => lossOpt(asym, cMax));
  f.add('asym.lstar.max', { unit: 'nats', source: 'library: optimal loss of the Asymmetric surface at the smallest default budget' }, () =>
    lossOpt(asym, cMin),
  );

  // Reproducibility note.
  f.config('repro.seed', SEED, 'article/declarations/config.ts#SEED');
  f.add('repro.rng.exp9', { needs: [9], source: 'summary.json rng (generator the shown results were drawn with)' }, (c) => String(c.store.exp(9).value('rng')));
  // The multi-seed spread of the variance ratio is quoted through facts/robust.ts (eff.seed.ratio.*).
  f.add(
    'repro.k2_centered',
    { source: 'library: conditioningAtTruth(asymmetric, centered).twoD' },
    () => conditioningAtTruth(SURFACES.asymmetric, { bias: BIASES.centered }).twoD.spectrum.conditionNumber,
  );
}
