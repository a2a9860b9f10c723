/**
 * Configuration facts (kind `config`): constants quoted in prose, read from
 * the same modules the experiments use.
 */
import { MFU, PEAK_FLOPS_PER_GPU, USD_PER_GPU_HOUR } from '../../../experiments/exp11/cost.ts';
import { VPNLS_FINE_GRID, VPNLS_GRID } from '../../../src/fit/vpnls.ts';
import { BIASES, DEFAULT_BUDGETS, DEFAULT_POINTS_PER_CURVE, NAMED_GRIDS, W_SWEEP_COUNT, W_SWEEP_MAX, W_SWEEP_MIN } from '../../../src/sampling/index.ts';
import { exponentA, exponentB, SURFACES } from '../../../src/surface/index.ts';
import type { FactBook } from '../../engine/fact-registry.ts';
import { GRID_NAMES, MAIN_SURFACES } from '../figures/palette.ts';

const GRIDS = 'src/sampling/grids.ts';
const BIAS = 'src/sampling/center-offset.ts#BIASES';
const SURF = 'src/surface/named-surfaces.ts#SURFACES';

export function configFacts(f: FactBook): void {
  f.config('cfg.budget.min', DEFAULT_BUDGETS[0], `${GRIDS}#DEFAULT_BUDGETS`, 'FLOPs');
  f.config('cfg.budget.max', DEFAULT_BUDGETS[DEFAULT_BUDGETS.length - 1], `${GRIDS}#DEFAULT_BUDGETS`, 'FLOPs');
  f.config('cfg.budget.count', DEFAULT_BUDGETS.length, `${GRIDS}#DEFAULT_BUDGETS`);
  f.config('cfg.points', DEFAULT_POINTS_PER_CURVE, `${GRIDS}#DEFAULT_POINTS_PER_CURVE`);
  f.config('cfg.eval_budget', 1e24, 'specs/experiments.md §C.10 (evaluation budget of experiment 10)', 'FLOPs');
  f.config('cfg.extrap.min', 1e22, 'specs/experiments.md §B.1 (extrapolation budgets)', 'FLOPs');
  f.config('cfg.extrap.max', 1e25, 'specs/experiments.md §B.1 (extrapolation budgets)', 'FLOPs');
  // Offsets and drifts as multiples of the optimal token count (article §2): centerScale, and 10^driftRate at the largest budget.
  f.config('cfg.offset.factor', BIASES.offset_3x.centerScale, `${BIAS}.offset_3x.centerScale`);
  f.config('cfg.drift.factor', Math.pow(10, BIASES.drift_3x.driftRate), `${BIAS}.drift_3x (10^driftRate)`);
  f.config('cfg.drift.small', BIASES['drift_0.2'].driftRate, `${BIAS}.drift_0.2.driftRate`, 'decades');
  f.config('cfg.drift.large', BIASES['drift_0.4'].driftRate, `${BIAS}.drift_0.4.driftRate`, 'decades');
  f.config('cfg.drift.small_factor', Math.pow(10, BIASES['drift_0.2'].driftRate), `${BIAS}.drift_0.2 (10^driftRate)`);
  f.config('cfg.drift.large_factor', Math.pow(10, BIASES['drift_0.4'].driftRate), `${BIAS}.drift_0.4 (10^driftRate)`);
  f.config('cfg.scale.small', BIASES['scale_1.5'].centerScale, `${BIAS}.scale_1.5.centerScale`);
  f.config('cfg.scale.large', BIASES['scale_2.0'].centerScale, `${BIAS}.scale_2.0.centerScale`);
  for (const g of GRID_NAMES) {
    const { factor, W } = NAMED_GRIDS[g];
    const k = g.toLowerCase();
    f.config(`cfg.grid.${k}.k`, factor, `${GRIDS}#NAMED_GRIDS.${g}`, '', true);
    f.config(`cfg.grid.${k}.w`, W, `${GRIDS}#NAMED_GRIDS.${g}.W`, 'decades', true);
    f.config(`cfg.grid.${k}.inv`, 1 / factor, `${GRIDS}#NAMED_GRIDS.${g} (1/k)`, '', true);
    f.config(`cfg.grid.${k}.ratio`, factor * factor, `${GRIDS}#NAMED_GRIDS.${g} (k²)`, '', true);
    f.config(`cfg.grid.${k}.span`, 2 * W, `${GRIDS}#NAMED_GRIDS.${g} (2W)`, 'decades', true);
  }
  f.config('cfg.sweep.count', W_SWEEP_COUNT, `${GRIDS}#W_SWEEP_COUNT`);
  f.config('cfg.sweep.kmin', Math.pow(10, W_SWEEP_MIN), `${GRIDS}#W_SWEEP_MIN`);
  f.config('cfg.sweep.kmax', Math.pow(10, W_SWEEP_MAX), `${GRIDS}#W_SWEEP_MAX`);
  f.config('cfg.vpnls.grid', VPNLS_GRID.size, 'src/fit/vpnls.ts#VPNLS_GRID.size');
  f.config('cfg.vpnls.cells', VPNLS_GRID.size ** 2, 'src/fit/vpnls.ts#VPNLS_GRID (size²)');
  f.config('cfg.vpnls.fine', VPNLS_FINE_GRID.size, 'src/fit/vpnls.ts#VPNLS_FINE_GRID.size');
  f.config('cfg.a3.grid', 4, 'specs/conventions.md §4 (Approach 3 seed grid 4⁵)');
  f.config('cfg.cost.peak', PEAK_FLOPS_PER_GPU / 1e12, 'experiments/exp11/cost.ts#PEAK_FLOPS_PER_GPU', 'TFLOP/s');
  f.config('cfg.cost.mfu', MFU * 100, 'experiments/exp11/cost.ts#MFU', '%');
  f.config('cfg.ci', 90, 'specs/experiments.md §C.11 part 3 (5th to 95th percentile)', '%');
  f.config('cfg.cost.usd_per_hour', USD_PER_GPU_HOUR, 'experiments/exp11/cost.ts#USD_PER_GPU_HOUR', 'USD');
  for (const name of [...MAIN_SURFACES, 'soda', 'sparse_nmm'] as const) {
    const s = SURFACES[name];
    const k = name.replace('_', '');
    f.config(`surf.${k}.e`, s.E, `${SURF}.${name}.E`, '', true);
    f.config(`surf.${k}.coef_a`, s.A, `${SURF}.${name}.A`, '', true);
    f.config(`surf.${k}.coef_b`, s.B, `${SURF}.${name}.B`, '', true);
    f.config(`surf.${k}.alpha`, s.alpha, `${SURF}.${name}.alpha`, '', true);
    f.config(`surf.${k}.beta`, s.beta, `${SURF}.${name}.beta`, '', true);
    f.config(`surf.${k}.ratio`, s.alpha / s.beta, `${SURF}.${name} (α/β)`, '', true);
    f.config(`surf.${k}.sum`, s.alpha + s.beta, `${SURF}.${name} (α+β)`, '', true);
    f.config(`surf.${k}.a`, exponentA(s), `${SURF}.${name} (a = β/(α+β))`, '', true);
    f.config(`surf.${k}.b`, exponentB(s), `${SURF}.${name} (b = α/(α+β))`, '', true);
  }
}
