/**
 * Facts of article §3–§5 and §7 and appendices B and I: noise-free
 * simulations computed at build time with the library (same code path as
 * experiments 3 and 10) and values read from experiments 1, 2, 3, 4, 6, 10.
 */
import { approach2ExtrapolationError, approach2VertexShift } from '../../../src/fit/approach2-bias.ts';
import { BIASES, NAMED_GRIDS, type SamplingGridName } from '../../../src/sampling/index.ts';
import { SURFACES, type SurfaceName } from '../../../src/surface/index.ts';
import type { FactBook } from '../../engine/fact-registry.ts';
import { gridRun, leadingOrderShift, offsetWidths, simRun } from '../../engine/approach2-runs.ts';
import { interceptFactorError } from '../../explorable/law-errors.ts';
import { GRID_NAMES, MAIN_SURFACES } from '../figures/palette.ts';

const LIB = 'library: experiments/shared/approach2-run.ts#runApproach2 (noise-free, 5 budgets, 15 points)';
const X10 = 'compounding_errors.csv';
const BIASES10 = ['centered', 'offset_3x', 'drift_3x'] as const;
const short = (s: string): string => s.replace('_', '');

export function simulatedFacts(f: FactBook): void {
  // §3 and §4.1: Approach 2 on named grids, centered (library).
  for (const s of MAIN_SURFACES) {
    for (const g of GRID_NAMES) {
      const k = `sim.${s}.${g.toLowerCase()}`;
      const src = `${LIB}; ${s}, grid ${g}, centered`;
      f.add(`${k}.b_fit`, { source: src, family: true }, () => gridRun(s, g).params.b);
      f.add(`${k}.b_err`, { source: src, unit: '%', family: true }, () => gridRun(s, g).params.b_err_pct);
      f.add(`${k}.b0_fit`, { source: src, family: true }, () => gridRun(s, g).params.b0);
      f.add(
        `${k}.icpt_err`,
        { source: `${src}; 10^(b̂0 − b0) − 1`, unit: '%', family: true },
        () => 100 * interceptFactorError(gridRun(s, g).params.b0, gridRun(s, g).params.b0_true),
      );
    }
    f.add(`sim.${s}.b_true`, { source: `${LIB}; truth b = α/(α+β)`, family: true }, () => gridRun(s, 'XL').params.b_true);
    f.add(`sim.${s}.b0_true`, { source: `${LIB}; truth b0`, family: true }, () => gridRun(s, 'XL').params.b0_true);
    f.add(`sim.${s}.max_abs_b_err`, { source: `${LIB}; max over grids XS–XL`, unit: '%', family: true }, () =>
      Math.max(...GRID_NAMES.map((g) => Math.abs(gridRun(s, g).params.b_err_pct))),
    );
    f.add(`sim.${s}.max_abs_icpt_err`, { source: `${LIB}; max over grids XS–XL`, unit: '%', family: true }, () =>
      Math.max(...GRID_NAMES.map((g) => Math.abs(100 * interceptFactorError(gridRun(s, g).params.b0, gridRun(s, g).params.b0_true)))),
    );
  }
  f.add('sim.symmetric.delta_w', { source: 'library: src/fit/approach2-bias.ts#approach2VertexShift (Symmetric, XL, 15 points)' }, () =>
    approach2VertexShift(SURFACES.symmetric.alpha, SURFACES.symmetric.beta, NAMED_GRIDS.XL.W, 15),
  );

  // §4.2: closed form and leading order (library), numerical agreement (experiment 6).
  const cfCases: Array<[SurfaceName, SamplingGridName]> = [
    ['chinchilla', 'XS'],
    ['chinchilla', 'XL'],
    ['asymmetric', 'XL'],
  ];
  for (const [s, g] of cfCases) {
    const { alpha, beta } = SURFACES[s];
    const W = NAMED_GRIDS[g].W;
    const k = `cf.${s}.${g.toLowerCase()}`;
    f.add(
      `${k}.exact`,
      { source: 'library: src/fit/approach2-bias.ts#approach2ExtrapolationError', unit: '%' },
      () => 100 * approach2ExtrapolationError(alpha, beta, W, 15),
    );
    f.add(
      `${k}.lo`,
      { source: 'article/engine/approach2-runs.ts#leadingOrderShift: 10^(−δw) − 1', unit: '%' },
      () => 100 * Math.expm1(-leadingOrderShift(alpha, beta, W, 15) * Math.LN10),
    );
    f.add(`${k}.delta_w`, { source: 'library: src/fit/approach2-bias.ts#approach2VertexShift', unit: 'decades', family: true }, () =>
      approach2VertexShift(alpha, beta, W, 15),
    );
  }
  f.add('cf.max_abs_diff', { needs: [6], source: 'max over surfaces of max_abs_intercept_diff' }, (c) =>
    Math.max(...MAIN_SURFACES.map((s) => c.store.exp(6).num(`surfaces.${s}.max_abs_intercept_diff`))),
  );
  f.add('cf.max_abs_exponent_err', { needs: [6], source: 'max over surfaces of max_abs_exponent_err' }, (c) =>
    Math.max(...MAIN_SURFACES.map((s) => c.store.exp(6).num(`surfaces.${s}.max_abs_exponent_err`))),
  );
  f.add('cf.n_cases', { needs: [6] }, (c) => c.store.exp(6).table('validation.csv').column('delta_w').length);

  // Experiment 3: exponent versus intercept error across the W sweep, Chinchilla centered.
  f.add('x3.chinchilla.max_abs_b_err', { needs: [3], unit: '%' }, (c) =>
    Math.max(...c.store.exp(3).table('sweep.csv').column('b_err_pct', { surface: 'chinchilla', bias: 'baseline' }).map(Math.abs)),
  );
  f.add('x3.chinchilla.icpt_err_wide', { needs: [3], unit: '%' }, (c) => {
    const t = c.store.exp(3).table('sweep.csv');
    const q = { surface: 'chinchilla', bias: 'baseline', w_index: 19 };
    return 100 * interceptFactorError(t.num(q, 'b0'), t.num(q, 'b0_true'));
  });

  // Experiment 1: balanced surface with a mild drift.
  for (const w of ['narrow', 'wide'] as const) {
    f.add(`x1.b_err_${w}`, { needs: [1], unit: '%' }, (c) => c.store.exp(1).num(`b_err_pct_${w}`));
    f.add(`x1.a_err_${w}`, { needs: [1], unit: '%', family: true }, (c) => c.store.exp(1).num(`a_err_pct_${w}`));
  }
  // The drift as a multiple of the optimum (article §2), 10^driftRate.
  f.add('x1.drift', { needs: [1], source: 'summary.json bias; src/sampling/center-offset.ts#BIASES (10^driftRate)' }, (c) => {
    const b = c.store.exp(1).value('bias');
    if (b !== 'drift_0.2') throw new Error(`experiment 1 bias is ${String(b)}, the prose assumes drift_0.2`);
    return Math.pow(10, BIASES[b].driftRate);
  });

  // Experiment 10: every (bias, surface, grid) cell at 1e24.
  for (const bias of BIASES10) {
    for (const s of MAIN_SURFACES) {
      for (const g of GRID_NAMES) {
        const k = `x10.${bias}.${short(s)}.${g.toLowerCase()}`;
        const q = { bias, surface: s, grid: g };
        for (const col of ['d_true', 'd_hat', 'd_err_abs', 'd_err_pct', 'n_true', 'n_hat', 'loss_penalty', 'dcl_pct'] as const) {
          f.add(`${k}.${col}`, { needs: [10], unit: col.endsWith('pct') ? '%' : '', family: true }, (c) => c.store.exp(10).table(X10).num(q, col));
        }
      }
    }
  }
  f.derive('x10.centered.chinchilla.l.shortfall', ['x10.centered.chinchilla.l.d_err_abs'], (v) => -v, 'tokens');
  f.derive('ref.chinchilla.xl.dstar_err', ['x10.centered.chinchilla.xl.d_err_pct'], (v) => v, '%');
  const ratios = GRID_NAMES.map((g) => [`x10.centered.asymmetric.${g.toLowerCase()}.d_err_pct`, `x10.centered.chinchilla.${g.toLowerCase()}.d_err_pct`]);
  f.derive('x10.ratio.asym_chin.min', ratios.flat(), (...v) => Math.min(...GRID_NAMES.map((_, i) => v[2 * i] / v[2 * i + 1])));
  f.derive('x10.ratio.asym_chin.max', ratios.flat(), (...v) => Math.max(...GRID_NAMES.map((_, i) => v[2 * i] / v[2 * i + 1])));
  const all10 = BIASES10.flatMap((b) => MAIN_SURFACES.flatMap((s) => GRID_NAMES.map((g) => `x10.${b}.${short(s)}.${g.toLowerCase()}.d_err_pct`)));
  f.derive('x10.max_abs', all10, (...v) => Math.max(...v.map(Math.abs)), '%');
  f.derive('x10.max_signed', all10, (...v) => v[v.map(Math.abs).indexOf(Math.max(...v.map(Math.abs)))], '%');

  // §5: the offset and drift sweeps over 16 widths (library) on the Symmetric surface.
  for (const bias of ['offset_3x', 'drift_3x'] as const) {
    const src = `${LIB}; Symmetric, ${bias}, 16 widths from ±2× to ±16×`;
    f.add(`off.${bias}.max_abs_b_err`, { source: src, unit: '%', family: true }, () =>
      Math.max(...offsetWidths().map((W) => Math.abs(simRun('symmetric', W, bias).params.b_err_pct))),
    );
    f.add(
      `off.${bias}.l.b_err`,
      { source: `${LIB}; Symmetric, ${bias}, grid L`, unit: '%', family: true },
      () => gridRun('symmetric', 'L', bias).params.b_err_pct,
    );
    f.add(`off.${bias}.l.b_fit`, { source: `${LIB}; Symmetric, ${bias}, grid L`, family: true }, () => gridRun('symmetric', 'L', bias).params.b);
    f.add(
      `off.${bias}.l.icpt_err`,
      { source: `${LIB}; Symmetric, ${bias}, grid L`, unit: '%', family: true },
      () => 100 * interceptFactorError(gridRun('symmetric', 'L', bias).params.b0, gridRun('symmetric', 'L', bias).params.b0_true),
    );
  }
  f.config('off.widths', offsetWidths().length, 'article/engine/approach2-runs.ts#offsetWidths');

  // Experiment 2: exponent error at the widest grid per imbalance ratio (drift 0.2).
  for (const cfg of ['balanced', 'chinchilla', 'small_imbalance', 'moderate_imbalance', 'high_imbalance', 'extreme_imbalance']) {
    f.add(`x2.${cfg}.ratio`, { needs: [2], family: true }, (c) => c.store.exp(2).num(`configs.${cfg}.ratio`));
    f.add(`x2.${cfg}.a_err_wide`, { needs: [2], unit: '%', family: true }, (c) => c.store.exp(2).num(`configs.${cfg}.a_err_pct_wide`));
    f.add(`x2.${cfg}.b_err_wide`, { needs: [2], unit: '%', family: true }, (c) => c.store.exp(2).num(`configs.${cfg}.b_err_pct_wide`));
  }

  // Experiment 4: extrapolation error from 1e22 to 1e25.
  for (const range of ['narrow', 'medium', 'wide'] as const) {
    for (const s of MAIN_SURFACES) {
      for (const bias of ['baseline', 'drift_0.2', 'drift_0.4', 'scale_1.5', 'scale_2.0'] as const) {
        const k = `x4.${range}.${short(s)}.${bias.replace(/[._]/g, '')}`;
        for (const [idx, name] of [
          [0, 'first'],
          [15, 'last'],
        ] as const) {
          f.add(`${k}.${name}`, { needs: [4], unit: '%', family: true }, (c) =>
            c.store.exp(4).table('extrapolation.csv').num({ range_name: range, surface: s, bias, budget_index: idx }, 'd_err_pct'),
          );
        }
      }
    }
  }
  f.add('x4.narrow.asymmetric.drift04.growth', { needs: [4] }, (c) => {
    const t = c.store.exp(4).table('extrapolation.csv');
    const q = { range_name: 'narrow', surface: 'asymmetric', bias: 'drift_0.4' };
    return t.num({ ...q, budget_index: 15 }, 'd_err_pct') / t.num({ ...q, budget_index: 0 }, 'd_err_pct');
  });
}
