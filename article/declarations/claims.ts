/**
 * Claim checks (specs/article.md, "Claims"): each predicate protects the sentence that
 * carries `<!-- claim: id -->`. A false claim fails the build with its
 * values, so the author rewrites the text rather than the numbers.
 */
import type { ClaimDef } from '../engine/types.ts';
import { EXP5_METHODS, EXP7_METHODS } from './facts/surface-fits.ts';

const GRIDS = ['xs', 's', 'l', 'xl'] as const;
const keys = (prefix: string, suffix: string): string[] => GRIDS.map((g) => `${prefix}.${g}.${suffix}`);
const vals = (v: Readonly<Record<string, number>>, ks: readonly string[]): number[] => ks.map((k) => v[k]);
const increasing = (xs: readonly number[]): boolean => xs.every((x, i) => i === 0 || x > xs[i - 1]);
const decreasing = (xs: readonly number[]): boolean => xs.every((x, i) => i === 0 || x < xs[i - 1]);

const SYM_CENTERED = keys('x10.centered.symmetric', 'd_err_pct');
const CHIN_CENTERED = keys('x10.centered.chinchilla', 'd_err_pct');
const ASYM_CENTERED = keys('x10.centered.asymmetric', 'd_err_pct');
const SYM_OFFSET = keys('x10.offset_3x.symmetric', 'd_err_pct');
const MAIN_SURFACE_KEYS = ['symmetric', 'chinchilla', 'asymmetric'];
const OS_SYM_SWITCH = keys('os.symmetric', 'sign_change');
const REFINED_2D = ['vpnls_lbfgsb_grad', 'vpnls_lbfgsb_fd', 'vpnls_nelder_mead'].map((m) => `rec.${m}.max`);
const IMBALANCE = ['small_imbalance', 'moderate_imbalance', 'high_imbalance', 'extreme_imbalance'].map((c) => `x2.${c}.a_err_wide`);
const SIM_COST = ['llama_3_sim', 'chinchilla_sim', 'soda_sim', 'sparse_nmm_sim'];

export const CLAIMS: readonly ClaimDef[] = [
  {
    id: 'sym-exact',
    description: 'every Symmetric centered error (D* at 1e24 for XS–XL, exponent and intercept at XS–XL) is below 1e-9 %',
    facts: [...SYM_CENTERED, 'sim.symmetric.max_abs_b_err', 'sim.symmetric.max_abs_icpt_err'],
    check: (v) => Object.values(v).every((x) => Math.abs(x) < 1e-9),
  },
  {
    id: 'sym-vertex-zero',
    description: 'the closed-form vertex shift is exactly zero when α = β',
    facts: ['sim.symmetric.delta_w'],
    check: (v) => v['sim.symmetric.delta_w'] === 0,
  },
  {
    id: 'asym-exponent-exact',
    description: 'on Chinchilla and Asymmetric, centered, the exponent error stays below 1e-9 % at every named grid',
    facts: ['sim.chinchilla.max_abs_b_err', 'sim.asymmetric.max_abs_b_err'],
    check: (v) => Object.values(v).every((x) => Math.abs(x) < 1e-9),
  },
  {
    id: 'asym-underestimates',
    description: 'every centered D* error on Chinchilla and Asymmetric is negative',
    facts: [...CHIN_CENTERED, ...ASYM_CENTERED],
    check: (v) => Object.values(v).every((x) => x < 0),
  },
  {
    id: 'wider-grid-worse',
    description: '|D* error| grows monotonically from XS to XL on Chinchilla and on Asymmetric',
    facts: [...CHIN_CENTERED, ...ASYM_CENTERED],
    check: (v) => increasing(vals(v, CHIN_CENTERED).map(Math.abs)) && increasing(vals(v, ASYM_CENTERED).map(Math.abs)),
  },
  {
    id: 'asym-vs-chin-ratio',
    description: 'the Asymmetric/Chinchilla error ratio exceeds 3 at every grid and varies by less than 30% across grids',
    facts: ['x10.ratio.asym_chin.min', 'x10.ratio.asym_chin.max'],
    check: (v) => v['x10.ratio.asym_chin.min'] > 3 && v['x10.ratio.asym_chin.max'] / v['x10.ratio.asym_chin.min'] < 1.3,
  },
  {
    id: 'offset-keeps-exponent',
    description: '|b̂ − b| stays below 1e-9 % under a constant offset over all 16 widths',
    facts: ['off.offset_3x.max_abs_b_err'],
    check: (v) => v['off.offset_3x.max_abs_b_err'] < 1e-9,
  },
  {
    id: 'offset-3x-overestimates',
    description: 'at 3× every Symmetric D* error is positive, and at 3× and above the Symmetric error never turns negative on any grid',
    facts: [...SYM_OFFSET, 'os.symmetric.min_err_k_ge_3'],
    check: (v) => Object.values(v).every((x) => x > 0),
  },
  {
    id: 'offset-sign-changes',
    description:
      'on every grid the Symmetric D* error is negative for a small offset above 1 and turns positive at a factor between 1 and 3 that grows from XS to XL; at 1.5× the L and XL errors are negative and at 2× XL is still negative',
    facts: [
      ...OS_SYM_SWITCH,
      ...['l', 'xl'].flatMap((g) => [`os.symmetric.${g}.k150.d_err_pct`, `os.symmetric.${g}.k200.d_err_pct`, `os.symmetric.${g}.k300.d_err_pct`]),
    ],
    check: (v) => {
      const sw = vals(v, OS_SYM_SWITCH);
      return (
        sw.every((k) => k > 1 && k < 3) &&
        increasing(sw) &&
        v['os.symmetric.l.k150.d_err_pct'] < 0 &&
        v['os.symmetric.xl.k150.d_err_pct'] < 0 &&
        v['os.symmetric.xl.k200.d_err_pct'] < 0 &&
        v['os.symmetric.l.k200.d_err_pct'] > 0 &&
        v['os.symmetric.l.k300.d_err_pct'] > 0 &&
        v['os.symmetric.xl.k300.d_err_pct'] > 0
      );
    },
  },
  {
    id: 'offset-switch-predicted',
    description: 'the fourth-order expansion predicts every Symmetric sign-change factor to within 2 %',
    facts: ['os.symmetric.max_lo_gap'],
    check: (v) => v['os.symmetric.max_lo_gap'] < 0.02,
  },
  {
    id: 'offset-narrow-worse',
    description: 'the Symmetric error falls from XS to XL at 3× and at 4×, while at 1.5× the XL grid has the largest |error| of the four',
    facts: [...SYM_OFFSET, ...keys('os.symmetric', 'k400.d_err_pct'), ...keys('os.symmetric', 'k150.d_err_pct')],
    check: (v) => {
      const small = vals(v, keys('os.symmetric', 'k150.d_err_pct')).map(Math.abs);
      return decreasing(vals(v, SYM_OFFSET)) && decreasing(vals(v, keys('os.symmetric', 'k400.d_err_pct'))) && small[3] === Math.max(...small);
    },
  },
  {
    id: 'offset-dcl-small',
    description: 'every Symmetric DCL at 1.5×, 2× and 3× is below 0.1 % of compute',
    facts: [...keys('x10.offset_3x.symmetric', 'dcl_pct'), ...keys('os.symmetric', 'k150.dcl_pct'), ...keys('os.symmetric', 'k200.dcl_pct')],
    check: (v) => Object.values(v).every((x) => x >= -1e-12 && x < 0.1),
  },
  {
    id: 'offset-vs-asym',
    description: 'at the L grid the 3× offset error (Symmetric) and the asymmetry error (Chinchilla) have opposite signs and magnitudes within a factor of 2',
    facts: ['x10.offset_3x.symmetric.l.d_err_pct', 'x10.centered.chinchilla.l.d_err_pct'],
    check: (v) => {
      const o = v['x10.offset_3x.symmetric.l.d_err_pct'];
      const a = v['x10.centered.chinchilla.l.d_err_pct'];
      return o > 0 && a < 0 && Math.abs(o / a) > 0.5 && Math.abs(o / a) < 2;
    },
  },
  {
    id: 'drift-intercept-misleads',
    description:
      'on the L grid with drift to 3× the intercept factor error and the D* errors at the sweep centre and at 1e24 do not share one sign, and the 1e24 error exceeds the centre error',
    facts: ['off.drift_3x.l.icpt_err', 'off.drift_3x.l.d_err_center', 'off.drift_3x.l.d_err_eval'],
    check: (v) =>
      Math.sign(v['off.drift_3x.l.icpt_err']) !== Math.sign(v['off.drift_3x.l.d_err_eval']) &&
      v['off.drift_3x.l.d_err_eval'] > v['off.drift_3x.l.d_err_center'],
  },
  {
    id: 'drift-moves-exponent',
    description: 'drift to 3× moves the fitted exponent by more than 0.1% at some width',
    facts: ['off.drift_3x.max_abs_b_err'],
    check: (v) => v['off.drift_3x.max_abs_b_err'] > 0.1,
  },
  {
    id: 'drift-imbalance',
    description:
      'under drift 0.2 at the widest grid, |a error| grows monotonically with α/β from 1.5 to 9, and the extreme ratio has the largest error of all six',
    facts: [...IMBALANCE, 'x2.balanced.a_err_wide', 'x2.chinchilla.a_err_wide'],
    check: (v) => {
      const m = vals(v, IMBALANCE).map(Math.abs);
      return increasing(m) && m[3] > Math.abs(v['x2.balanced.a_err_wide']) && m[3] > Math.abs(v['x2.chinchilla.a_err_wide']);
    },
  },
  {
    id: 'compound-max',
    description: 'the largest |D* error| of experiment 10 is Asymmetric with drift to 3× at XS, and it is positive',
    facts: ['x10.max_abs', 'x10.drift_3x.asymmetric.xs.d_err_pct'],
    check: (v) => v['x10.max_abs'] === v['x10.drift_3x.asymmetric.xs.d_err_pct'],
  },
  {
    id: 'compound-exceeds-parts',
    description: 'at XS, Asymmetric with drift exceeds the sum of |Symmetric with drift| and |Asymmetric centered|',
    facts: ['x10.drift_3x.asymmetric.xs.d_err_pct', 'x10.drift_3x.symmetric.xs.d_err_pct', 'x10.centered.asymmetric.xs.d_err_pct'],
    check: (v) =>
      Math.abs(v['x10.drift_3x.asymmetric.xs.d_err_pct']) >
      Math.abs(v['x10.drift_3x.symmetric.xs.d_err_pct']) + Math.abs(v['x10.centered.asymmetric.xs.d_err_pct']),
  },
  {
    id: 'off-center-3x-pushes-up',
    description:
      'at 3× (offset or drift) every Symmetric and Chinchilla D* error is positive, while every centered Chinchilla and Asymmetric error is negative',
    facts: [
      ...SYM_OFFSET,
      ...keys('x10.drift_3x.symmetric', 'd_err_pct'),
      ...keys('x10.offset_3x.chinchilla', 'd_err_pct'),
      ...keys('x10.drift_3x.chinchilla', 'd_err_pct'),
      ...CHIN_CENTERED,
      ...ASYM_CENTERED,
    ],
    check: (v) => Object.entries(v).every(([k, x]) => (k.includes('.centered.') ? x < 0 : x > 0)),
  },
  {
    id: 'offset-sign-not-fixed',
    description:
      'on every surface and grid the D* error changes sign between 1× and 4× (a sign-change factor exists), and the switch comes later on wider grids',
    facts: MAIN_SURFACE_KEYS.flatMap((s) => keys(`os.${s}`, 'sign_change')),
    check: (v) =>
      MAIN_SURFACE_KEYS.every((s) => {
        const sw = vals(v, keys(`os.${s}`, 'sign_change'));
        return sw.every((k) => k > 1 && k < 4) && increasing(sw);
      }),
  },
  {
    id: 'dcl-quadratic',
    description:
      'the derived DCL coefficient (α+β)/2 agrees with the least-squares fit over experiment 10 to 2 % and with every row above 0.1 % D* error to 10 %',
    facts: ['dcl.coef', 'dcl.coef_fitted', 'dcl.max_rel_gap'],
    check: (v) => Math.abs(v['dcl.coef_fitted'] / v['dcl.coef'] - 1) < 0.02 && v['dcl.max_rel_gap'] < 0.1,
  },
  {
    id: 'cfr-others-small',
    description:
      'the closed form on the Chinchilla, Llama 3 and FineWeb grids predicts a D* error at the far target below a tenth of the smallest Marin one in magnitude',
    facts: ['cfr.others.max_abs_d_err_1000x', 'cfr.marin.d_err_1000x.max'],
    check: (v) => v['cfr.others.max_abs_d_err_1000x'] < 0.1 * Math.abs(v['cfr.marin.d_err_1000x.max']),
  },
  {
    // alpha > beta puts every vertex on the same side (delta w > 0) and grows it with W, so a negative b error means δw,
    // and with it the grid width, grows with budget.
    id: 'cfr-marin-large',
    description:
      'the Marin grids span a range of widths, their fitted α/β exceeds one, the closed form lowers b and underestimates D* at the far target for every Marin sweep',
    facts: [
      'cfr.marin_comma.w_min_factor',
      'cfr.marin_comma.w_max_factor',
      'cfr.marin.ratio.min',
      'cfr.marin.b_err.max',
      'cfr.marin.d_err_1000x.max',
      'cfr.marin.dcl_1000x.min',
      'cfr.marin.dcl_1000x.max',
    ],
    check: (v) =>
      v['cfr.marin_comma.w_max_factor'] > 2 * v['cfr.marin_comma.w_min_factor'] &&
      v['cfr.marin.ratio.min'] > 1 &&
      v['cfr.marin.b_err.max'] < 0 &&
      v['cfr.marin.d_err_1000x.max'] < 0 &&
      v['cfr.marin.dcl_1000x.min'] > 0 &&
      v['cfr.marin.dcl_1000x.min'] <= v['cfr.marin.dcl_1000x.max'],
  },
  {
    id: 'a2-near-meta-plan',
    description: 'Approach 2 on the Llama 3 points allocates parameters and tokens within 5% of the plan published in the Llama 3 report',
    facts: ['cost.llama_3_vpnls.n_hat', 'cost.llama_3_vpnls.d_hat', 'lit.llama3_plan_params', 'lit.llama3_plan_tokens'],
    check: (v) =>
      Math.abs(v['cost.llama_3_vpnls.n_hat'] / v['lit.llama3_plan_params'] - 1) < 0.05 &&
      Math.abs(v['cost.llama_3_vpnls.d_hat'] / v['lit.llama3_plan_tokens'] - 1) < 0.05,
  },
  {
    id: 'dcl-budget-free',
    description: 'the same misallocation costs the same DCL % at both budgets (to 1e-9 relative) while its loss penalty is smaller at the larger budget',
    facts: ['dcl.same.pct_lo', 'dcl.same.pct_hi', 'dcl.same.penalty_lo', 'dcl.same.penalty_hi', 'dcl.same.budget_lo', 'dcl.same.budget_hi'],
    check: (v) =>
      Math.abs(v['dcl.same.pct_hi'] / v['dcl.same.pct_lo'] - 1) < 1e-9 &&
      v['dcl.same.penalty_hi'] < v['dcl.same.penalty_lo'] &&
      v['dcl.same.budget_hi'] > v['dcl.same.budget_lo'],
  },
  {
    id: 'imbalance-dips-are-sign-changes',
    description:
      'under drift 0.2 the a error changes sign inside the sweep for the balanced and Chinchilla ratios (balanced first) and keeps one sign for ratios 1.5 to 9',
    facts: ['balanced', 'chinchilla', 'small_imbalance', 'moderate_imbalance', 'high_imbalance', 'extreme_imbalance'].map((c) => `x2.${c}.a_zero_factor`),
    check: (v) =>
      v['x2.balanced.a_zero_factor'] > 1 &&
      v['x2.chinchilla.a_zero_factor'] > v['x2.balanced.a_zero_factor'] &&
      ['small_imbalance', 'moderate_imbalance', 'high_imbalance', 'extreme_imbalance'].every((c) => v[`x2.${c}.a_zero_factor`] === 0),
  },
  {
    id: 'drift-grows-with-distance',
    description: 'on the narrow grid |D* error| under drift grows from 1e22 to 1e25 for every surface; constant-scale errors do not change with the budget',
    facts: [
      ...['symmetric', 'chinchilla', 'asymmetric'].flatMap((s) =>
        ['drift02', 'drift04'].flatMap((b) => [`x4.narrow.${s}.${b}.first`, `x4.narrow.${s}.${b}.last`]),
      ),
      ...['narrow', 'medium', 'wide'].flatMap((r) =>
        ['symmetric', 'chinchilla', 'asymmetric'].flatMap((s) => ['scale15', 'scale20'].flatMap((b) => [`x4.${r}.${s}.${b}.first`, `x4.${r}.${s}.${b}.last`])),
      ),
    ],
    check: (v) => {
      const ks = Object.keys(v);
      const pairs = (tag: string): Array<[number, number]> =>
        ks.filter((k) => k.includes(tag) && k.endsWith('.first')).map((k) => [v[k], v[k.replace('.first', '.last')]]);
      return pairs('drift').every(([a, b]) => Math.abs(b) > Math.abs(a)) && pairs('scale').every(([a, b]) => Math.abs(b - a) < 1e-6);
    },
  },
  {
    id: 'kappa-ratio',
    description:
      'projecting out E, A, B lowers the raw condition number by more than 1e9 and the Jacobi-scaled one by more than 1e3; most of the raw gap is units; Jacobi scaling gives the same κ₅ in raw and LSE parameters, and LSE alone leaves κ₅ above 1e5',
    facts: [
      'cond.ratio',
      'cond.k5',
      'cond.k2',
      'cond.ratio_scaled',
      'cond.k5_scaled',
      'cond.k2_scaled',
      'cond.k5_lse',
      'cond.k5_lse_scaled',
      'cond.units_factor',
    ],
    check: (v) =>
      v['cond.ratio'] > 1e9 &&
      v['cond.k2'] < v['cond.k5'] &&
      v['cond.ratio_scaled'] > 1e3 &&
      v['cond.units_factor'] > 1e3 &&
      Math.abs(v['cond.k5_lse_scaled'] / v['cond.k5_scaled'] - 1) < 1e-6 &&
      v['cond.k5_lse'] > 1e5 &&
      v['cond.k5_lse'] < v['cond.k5'],
  },
  {
    id: 'vpnls-exact-noise-free',
    description: 'on identical noise-free samples VPNLS recovers D* at 1e24 to below 1e-6 % while Approach 2 errs by more than 1%',
    facts: ['same.vpnls.max_abs', 'same.a2.max_abs'],
    check: (v) => v['same.vpnls.max_abs'] < 1e-6 && v['same.a2.max_abs'] > 1,
  },
  {
    id: 'refined-2d-precise',
    description: 'every locally refined 2-D method has max |error| below 1e-6 %',
    facts: REFINED_2D,
    check: (v) => Object.values(v).every((x) => x < 1e-6),
  },
  {
    id: 'a3-5d-worse',
    description: '5-D analytic L-BFGS-B has a larger max error than every refined 2-D method',
    facts: ['rec.approach3_lse_logloss.max', ...REFINED_2D],
    check: (v) => REFINED_2D.every((k) => v['rec.approach3_lse_logloss.max'] > v[k]),
  },
  {
    id: 'a3-5d-fd-worst',
    description: '5-D finite-difference L-BFGS-B has the largest max error among the refined methods',
    facts: ['rec.approach3_lse_logloss_fd.max', 'rec.approach3_lse_logloss.max', ...REFINED_2D],
    check: (v) => ['rec.approach3_lse_logloss.max', ...REFINED_2D].every((k) => v['rec.approach3_lse_logloss_fd.max'] >= v[k]),
  },
  {
    id: 'grid-resolution',
    description: 'the 256² grid without refinement is less precise than every refined 2-D method',
    facts: ['rec.vpnls_grid256.max', ...REFINED_2D],
    check: (v) => REFINED_2D.every((k) => v['rec.vpnls_grid256.max'] > v[k]),
  },
  {
    id: 'a2-persistent-bias',
    description: 'in the most favorable cell (lowest noise, most points and budgets) Approach 2 has a geometric-mean error at least 5× that of VPNLS',
    facts: ['inf.a2.best_cell_gmean', 'inf.vpnls.best_cell_gmean'],
    check: (v) => v['inf.a2.best_cell_gmean'] > 5 * v['inf.vpnls.best_cell_gmean'],
  },
  {
    id: 'naive-worst-typical',
    description: 'Naive Approach 3 has the highest geometric-mean error',
    facts: EXP7_METHODS.map((m) => `inf.${m}.gmean`),
    check: (v) => EXP7_METHODS.every((m) => v['inf.approach3_naive.gmean'] >= v[`inf.${m}.gmean`]),
  },
  {
    id: 'lse-improves-max',
    description: 'LSE with log-loss has a smaller worst case than MLE Approach 3',
    facts: ['inf.approach3_lse_logloss.max', 'inf.approach3.max'],
    check: (v) => v['inf.approach3_lse_logloss.max'] < v['inf.approach3.max'],
  },
  {
    id: 'logloss-misspecified',
    description: 'the log-loss variant has a higher geometric-mean error than MLE Approach 3 and VPNLS',
    facts: ['inf.approach3_lse_logloss.gmean', 'inf.approach3.gmean', 'inf.vpnls_lbfgsb_grad.gmean'],
    check: (v) => v['inf.approach3_lse_logloss.gmean'] > v['inf.approach3.gmean'] && v['inf.approach3_lse_logloss.gmean'] > v['inf.vpnls_lbfgsb_grad.gmean'],
  },
  {
    id: 'vpnls-smallest-p99',
    description:
      'VPNLS has the smallest pooled 99th-percentile exponent error of the five methods, and its bootstrap interval lies below MLE Approach 3’s point value and wholly below Approach 2’s interval',
    facts: [...EXP7_METHODS.map((m) => `inf.${m}.p99`), 'inf.vpnls_lbfgsb_grad.p99.high', 'inf.approach2.p99.low', 'inf.approach3.p99'],
    check: (v) =>
      EXP7_METHODS.every((m) => v['inf.vpnls_lbfgsb_grad.p99'] <= v[`inf.${m}.p99`]) &&
      v['inf.vpnls_lbfgsb_grad.p99.high'] < v['inf.approach3.p99'] &&
      v['inf.vpnls_lbfgsb_grad.p99.high'] < v['inf.approach2.p99.low'],
  },
  {
    id: 'median-tie-mle',
    description: 'the bootstrap intervals of the pooled median error of VPNLS and MLE Approach 3 overlap',
    facts: ['inf.vpnls_lbfgsb_grad.median.low', 'inf.vpnls_lbfgsb_grad.median.high', 'inf.approach3.median.low', 'inf.approach3.median.high'],
    check: (v) =>
      v['inf.vpnls_lbfgsb_grad.median.low'] <= v['inf.approach3.median.high'] && v['inf.approach3.median.low'] <= v['inf.vpnls_lbfgsb_grad.median.high'],
  },
  {
    id: 'max-depends-on-draw',
    description: 'the bootstrap range of Approach 2’s maximum spans at least a factor of 1.2 and lies wholly above VPNLS’s',
    facts: ['inf.approach2.max.boot_low', 'inf.approach2.max.boot_high', 'inf.vpnls_lbfgsb_grad.max.boot_high'],
    check: (v) =>
      v['inf.approach2.max.boot_high'] >= 1.2 * v['inf.approach2.max.boot_low'] && v['inf.approach2.max.boot_low'] > v['inf.vpnls_lbfgsb_grad.max.boot_high'],
  },
  {
    id: 'a2-iqr-larger-every-seed',
    description:
      'Approach 2’s IQR and MAD exceed VPNLS’s at the run seed, the IQR ratio exceeds 1 in at least 90 % of the seeds, and it stays below 2 (a modest difference)',
    facts: ['eff.ratio.iqr', 'eff.ratio.mad', 'eff.seed.ratio.iqr.share_above_1', 'eff.seed.ratio.iqr.median', 'eff.seed.ratio.iqr.p90'],
    check: (v) =>
      v['eff.ratio.iqr'] > 1 &&
      v['eff.ratio.mad'] > 1 &&
      v['eff.seed.ratio.iqr.share_above_1'] >= 90 &&
      v['eff.seed.ratio.iqr.median'] > 1 &&
      v['eff.seed.ratio.iqr.p90'] < 2,
  },
  {
    id: 'var-ratio-seed-spread',
    description: 'the across-seed 10–90 % range of the variance ratio spans at least a factor of 5, while the IQR ratio’s spans less than a factor of 1.5',
    facts: ['eff.seed.ratio.variance.p10', 'eff.seed.ratio.variance.p90', 'eff.seed.ratio.iqr.p10', 'eff.seed.ratio.iqr.p90'],
    check: (v) => v['eff.seed.ratio.variance.p90'] >= 5 * v['eff.seed.ratio.variance.p10'] && v['eff.seed.ratio.iqr.p90'] < 1.5 * v['eff.seed.ratio.iqr.p10'],
  },
  {
    id: 'a2-heavier-tail',
    description: 'Approach 2’s 99th-percentile |b̂ − b| interval lies wholly above VPNLS’s, and its 99.9th percentile is larger',
    facts: ['eff.approach2.p99.low', 'eff.vpnls.p99.high', 'eff.approach2.p999', 'eff.vpnls.p999'],
    check: (v) => v['eff.approach2.p99.low'] > v['eff.vpnls.p99.high'] && v['eff.approach2.p999'] > v['eff.vpnls.p999'],
  },
  {
    id: 'a2-more-losses',
    description: 'Approach 2 failed at least once, VPNLS never, and Approach 2’s loss-rate interval lies wholly above VPNLS’s',
    facts: ['eff.approach2.failed', 'eff.vpnls_lbfgsb_grad.failed', 'eff.approach2.loss_rate.low', 'eff.vpnls.loss_rate.high'],
    check: (v) => v['eff.approach2.failed'] > 0 && v['eff.vpnls_lbfgsb_grad.failed'] === 0 && v['eff.approach2.loss_rate.low'] > v['eff.vpnls.loss_rate.high'],
  },
  {
    id: 'llama3-ci-wide',
    description: 'both real-data bootstrap intervals contain their point value and span more than a factor of 3',
    facts: [
      'cost.llama_3_vpnls.ci_low_pct',
      'cost.llama_3_vpnls.ci_high_pct',
      'cost.llama_3_vpnls.dcl_pct',
      'cost.llama_3_approach3.ci_low_pct',
      'cost.llama_3_approach3.ci_high_pct',
      'cost.llama_3_approach3.dcl_pct',
    ],
    check: (v) =>
      ['llama_3_vpnls', 'llama_3_approach3'].every((r) => {
        const [lo, hi, p] = [v[`cost.${r}.ci_low_pct`], v[`cost.${r}.ci_high_pct`], v[`cost.${r}.dcl_pct`]];
        return lo <= p && p <= hi && hi > 3 * lo;
      }),
  },
  {
    id: 'boot-interval-seed-spread',
    description: 'the across-seed range of each VPNLS-reference interval end contains the reported end (the reported bootstrap is one of the seeds)',
    facts: [
      'cost.llama_3_vpnls.ci_high_pct',
      'cost.llama_3_vpnls.ci_high_pct.seed_min',
      'cost.llama_3_vpnls.ci_high_pct.seed_max',
      'cost.llama_3_vpnls.ci_low_pct',
      'cost.llama_3_vpnls.ci_low_pct.seed_min',
      'cost.llama_3_vpnls.ci_low_pct.seed_max',
    ],
    check: (v) =>
      ['high', 'low'].every((e) => {
        const x = v[`cost.llama_3_vpnls.ci_${e}_pct`];
        return v[`cost.llama_3_vpnls.ci_${e}_pct.seed_min`] <= x * (1 + 1e-12) && x <= v[`cost.llama_3_vpnls.ci_${e}_pct.seed_max`] * (1 + 1e-12);
      }),
  },
  {
    id: 'a2-lower-efficiency',
    description: 'Approach 2 has a larger pooled variance of b̂ than both surface fits',
    facts: ['eff.approach2.var', 'eff.approach3_lse.var', 'eff.vpnls_lbfgsb_grad.var'],
    check: (v) => v['eff.approach2.var'] > v['eff.approach3_lse.var'] && v['eff.approach2.var'] > v['eff.vpnls_lbfgsb_grad.var'],
  },
  {
    id: 'llama3-overestimates-D',
    description: 'on the real Llama 3 sweep Approach 2 puts D* above both reference surfaces',
    facts: ['cost.llama_3_vpnls.d_hat', 'cost.llama_3_vpnls.d_true', 'cost.llama_3_approach3.d_hat', 'cost.llama_3_approach3.d_true'],
    check: (v) => v['cost.llama_3_vpnls.d_hat'] > v['cost.llama_3_vpnls.d_true'] && v['cost.llama_3_approach3.d_hat'] > v['cost.llama_3_approach3.d_true'],
  },
  {
    id: 'llama3-dcl-range',
    description: 'both real-data DCL estimates are positive',
    facts: ['cost.real.pct.min', 'cost.real.pct.max'],
    check: (v) => v['cost.real.pct.min'] > 0 && v['cost.real.pct.max'] >= v['cost.real.pct.min'],
  },
  {
    id: 'sim-llama3-small',
    description: 'the simulated Llama 3 DCL is below both real-data estimates',
    facts: ['cost.llama_3_sim.dcl_pct', 'cost.real.pct.min'],
    check: (v) => v['cost.llama_3_sim.dcl_pct'] < v['cost.real.pct.min'],
  },
  {
    id: 'dcl-grows-with-ba',
    description: 'simulated DCL increases with b/a (= α/β) across the four surfaces',
    facts: SIM_COST.flatMap((r) => [`cost.${r}.alpha_over_beta`, `cost.${r}.dcl_pct`]),
    check: (v) => {
      const pts = SIM_COST.map((r) => [v[`cost.${r}.alpha_over_beta`], v[`cost.${r}.dcl_pct`]] as const).sort((a, b) => a[0] - b[0]);
      return increasing(pts.map((p) => p[1]));
    },
  },
  {
    id: 'vpnls-matches-scalefit',
    description: 'VPNLS agrees with ml-scalefit to 4 significant digits on all five parameters',
    facts: ['val.vpnls_vs_scalefit'],
    check: (v) => v['val.vpnls_vs_scalefit'] < 5e-4,
  },
  {
    id: 'linear-a3-equals-vpnls',
    description: 'Approach 3 with linear loss matches VPNLS to 1e-3 relative',
    facts: ['val.lse_vs_vpnls'],
    check: (v) => v['val.lse_vs_vpnls'] < 1e-3,
  },
  {
    id: 'logloss-differs',
    description: 'the log-loss fit differs from VPNLS by more than 1% in some parameter',
    facts: ['val.logloss_vs_vpnls'],
    check: (v) => v['val.logloss_vs_vpnls'] > 0.01,
  },
  {
    id: 'residuals-vary',
    description: 'at least one data set has budget-dependent residual spread (Levene p < 0.05)',
    facts: ['res.levene_sig'],
    check: (v) => v['res.levene_sig'] >= 1,
  },
  {
    id: 'flat-gradient-small',
    description:
      'the same step along the flattest 5-D eigenvector moves the gradient at least 1e6 times less than along the steepest, and the ftol decrease test leaves the flattest 5-D direction at least 1e3 times less resolved than the 2-D problem',
    facts: ['qn.grad.flat', 'qn.grad.steep', 'qn.resolve.flat5', 'qn.resolve.flat2'],
    check: (v) => v['qn.grad.steep'] / v['qn.grad.flat'] > 1e6 && v['qn.resolve.flat5'] / v['qn.resolve.flat2'] > 1e3,
  },
  {
    id: 'ftol-stops-early',
    description: 'without the decrease test the same 5-D run takes more iterations and its largest exponent error falls at least 100-fold',
    facts: ['qn.a3.exp_err', 'qn.ftol0.exp_err', 'qn.a3.iterations', 'qn.ftol0.iterations'],
    check: (v) => v['qn.ftol0.iterations'] > v['qn.a3.iterations'] && v['qn.ftol0.exp_err'] * 100 < v['qn.a3.exp_err'],
  },
  {
    id: 'noise-calibrated',
    description: 'the noise of experiment 7 relative to curve depth lies within the range of σ/depth of the published sweeps',
    facts: ['depth.asym.rel.min', 'depth.asym.rel.max', 'depth.real.rel.min', 'depth.real.rel.max'],
    check: (v) => v['depth.asym.rel.min'] >= v['depth.real.rel.min'] && v['depth.asym.rel.max'] <= v['depth.real.rel.max'],
  },
  {
    id: 'shallow-curves',
    description: 'in experiment 9 the largest noise exceeds the depth of the shallowest curve, and the smallest is below a tenth of the deepest',
    facts: ['depth.sym.rel.min', 'depth.sym.rel.max'],
    check: (v) => v['depth.sym.rel.max'] > 100 && v['depth.sym.rel.min'] < 10,
  },
  {
    id: 'variance-ratio-unstable',
    description:
      'across seeds the pooled variance ratio Approach 2 / VPNLS spans more than a factor of 3, and the IQR ratio spans less than the variance ratio',
    facts: ['eff.seed.ratio.variance.min', 'eff.seed.ratio.variance.max', 'eff.seed.ratio.iqr.min', 'eff.seed.ratio.iqr.max'],
    check: (v) =>
      v['eff.seed.ratio.variance.max'] > 3 * v['eff.seed.ratio.variance.min'] &&
      v['eff.seed.ratio.iqr.max'] / v['eff.seed.ratio.iqr.min'] < v['eff.seed.ratio.variance.max'] / v['eff.seed.ratio.variance.min'],
  },
  {
    id: 'huber-differs-more',
    description:
      'the Huber fit on ln L moves the parameters further from the least-squares optimum than the squared log-loss fit, and moves D* at the evaluation budget more',
    facts: ['val.huber_vs_vpnls_pct', 'val.logloss_vs_vpnls_pct', 'val.huber.d_vs_vpnls_pct', 'val.logloss.d_vs_vpnls_pct'],
    check: (v) =>
      v['val.huber_vs_vpnls_pct'] > v['val.logloss_vs_vpnls_pct'] && Math.abs(v['val.huber.d_vs_vpnls_pct']) > Math.abs(v['val.logloss.d_vs_vpnls_pct']),
  },
];

/** Methods of experiment 5 (re-exported for figures). */
export { EXP5_METHODS };

/**
 * Claims of results.md (specs/article.md, "results.md") beyond those of the article. Each
 * must protect a sentence of `article/results.md.tmpl`; the summary may also
 * reuse any claim of {@link CLAIMS}.
 */
export const SUMMARY_CLAIMS: readonly ClaimDef[] = [
  {
    id: 'x10-sym-exact',
    description: 'every centered Symmetric D* error of experiment 10 is below 1e-9 %',
    facts: ['x10.centered.symmetric.max_abs'],
    check: (v) => v['x10.centered.symmetric.max_abs'] < 1e-9,
  },
  {
    id: 'x1-drift-wider-worse',
    description:
      'under drift 0.2 on the balanced surface the exponent error is nonzero (> 1e-3 %) and larger in magnitude at the widest grid than at the narrowest',
    facts: ['x1.b_err_narrow', 'x1.b_err_wide'],
    check: (v) => Math.abs(v['x1.b_err_narrow']) > 1e-3 && Math.abs(v['x1.b_err_wide']) > Math.abs(v['x1.b_err_narrow']),
  },
  {
    id: 'x1-intercept-moves',
    description: 'under drift 0.2 on the balanced surface the intercept factor error exceeds 0.1 % at both ends of the sweep',
    facts: ['x1.icpt_err_narrow', 'x1.icpt_err_wide'],
    check: (v) => Math.abs(v['x1.icpt_err_narrow']) > 0.1 && Math.abs(v['x1.icpt_err_wide']) > 0.1,
  },
  {
    id: 'x3-constant-keeps-exponents',
    description:
      'constant offsets (scale 1.5 and 2.0) leave both exponents within 1e-9 % on every surface and width, while the Symmetric intercept moves by more than 1 %',
    facts: ['x3.const.max_abs_exp_err', 'x3.symmetric.scale20.max_abs_icpt_err'],
    check: (v) => v['x3.const.max_abs_exp_err'] < 1e-9 && v['x3.symmetric.scale20.max_abs_icpt_err'] > 1,
  },
  {
    id: 'x3-drift-moves-exponent',
    description: 'drift 0.4 moves the Asymmetric exponent a by more than 1 % at the widest grid, and more than drift 0.2 does',
    facts: ['x3.asymmetric.drift04.a_err_wide', 'x3.asymmetric.drift02.a_err_wide'],
    check: (v) =>
      Math.abs(v['x3.asymmetric.drift04.a_err_wide']) > 1 && Math.abs(v['x3.asymmetric.drift04.a_err_wide']) > Math.abs(v['x3.asymmetric.drift02.a_err_wide']),
  },
  {
    id: 'cf-agrees',
    description: 'the closed form and the numerical Approach 2 fits agree to 1e-9 in the intercept error and the fitted exponent error stays below 1e-9',
    facts: ['cf.max_abs_diff', 'cf.max_abs_exponent_err'],
    check: (v) => v['cf.max_abs_diff'] < 1e-9 && v['cf.max_abs_exponent_err'] < 1e-9,
  },
  {
    id: 'eff-tail-driven',
    description: 'the pooled variance ratio is more than three times the interquartile-range ratio, which is below 2 (numpy seed 42 gives 8.0× against 1.27×)',
    facts: ['eff.ratio.a2_vpnls', 'eff.ratio.iqr'],
    check: (v) => v['eff.ratio.iqr'] < 2 && v['eff.ratio.a2_vpnls'] > 3 * v['eff.ratio.iqr'],
  },
  {
    id: 'surface-fits-beat-a2',
    description:
      'MLE Approach 3, Approach 3 (LSE, log-loss) and VPNLS each have a smaller geometric-mean and worst-case exponent error than Approach 2, and Naive Approach 3 the largest geometric-mean error',
    facts: EXP7_METHODS.flatMap((m) => [`inf.${m}.gmean`, `inf.${m}.max`]),
    check: (v) =>
      (['approach3', 'approach3_lse_logloss', 'vpnls_lbfgsb_grad'] as const).every(
        (m) => v[`inf.${m}.gmean`] < v['inf.approach2.gmean'] && v[`inf.${m}.max`] < v['inf.approach2.max'],
      ) && EXP7_METHODS.every((m) => v['inf.approach3_naive.gmean'] >= v[`inf.${m}.gmean`]),
  },
  {
    id: 'x10-min-centered-asym-xl',
    description: 'the most negative D* error of experiment 10 is the centered Asymmetric surface on the XL grid',
    facts: ['x10.min_signed', 'x10.centered.asymmetric.xl.d_err_pct'],
    check: (v) => v['x10.min_signed'] === v['x10.centered.asymmetric.xl.d_err_pct'],
  },
  {
    id: 'x10-offset-cancels',
    description: 'offset by 3× on the XL grid, the Asymmetric D* error is less than a quarter of its centered value in magnitude',
    facts: ['x10.offset_3x.asymmetric.xl.d_err_pct', 'x10.centered.asymmetric.xl.d_err_pct'],
    check: (v) => Math.abs(v['x10.offset_3x.asymmetric.xl.d_err_pct']) < 0.25 * Math.abs(v['x10.centered.asymmetric.xl.d_err_pct']),
  },
  {
    id: 'dcl-millions',
    description: 'both real-data DCL estimates exceed one million dollars',
    facts: ['cost.real.usd.min'],
    check: (v) => v['cost.real.usd.min'] > 1e6,
  },
  {
    id: 'res-location-shifts',
    description:
      'residual location shifts with budget in at least half of the data sets (log-loss fits), and in fewer once the FLOP constant varies per budget',
    facts: ['res.kruskal_sig', 'res.kruskal_sig_flop', 'res.datasets'],
    check: (v) => v['res.kruskal_sig'] >= v['res.datasets'] / 2 && v['res.kruskal_sig_flop'] < v['res.kruskal_sig'],
  },
];
