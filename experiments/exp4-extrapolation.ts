/**
 * Experiment 4: extrapolation error of Approach 2 (specs/experiments.md §C.4).
 */
import { type LinePanel, lineGrid } from '../src/plot/builders.ts';
import { BIAS_COLORS, colorFor, gridFactorLabel } from '../src/plot/theme.ts';
import { BIASES, type BiasName, DEFAULT_BUDGETS, DEFAULT_POINTS_PER_CURVE, STANDARD_BIAS_NAMES } from '../src/sampling/index.ts';
import { type LossSurface, SURFACES } from '../src/surface/index.ts';
import { runApproach2 } from './shared/approach2-run.ts';
import { extrapolationBudgets } from './shared/budgets.ts';
import { EXTRAPOLATION_COLUMNS } from './shared/columns.ts';
import { allocationCost, type TokenError } from '../src/surface/allocation-cost.ts';
import { extrapolateApproach2 } from '../src/fit/approach2.ts';
import { biasColumns, namedWidth, RANGE_NAME_LIST, type RangeName } from './shared/sweep.ts';
import type { Artifacts, RunContext } from './harness/types.ts';

export const id = 4;
export const title = 'Extrapolation error of Approach 2';
export const hypothesis =
  'Intercept and exponent biases that look small on 1e17–1e21 FLOPs compound when the fitted power law ' +
  'chooses D* at 1e22–1e25 FLOPs; the token-count error grows with grid width, surface asymmetry and sampling bias.';

export interface Exp4Config {
  readonly surfaces: ReadonlyArray<{ name: string; surface: LossSurface }>;
  readonly biases: readonly BiasName[];
  readonly ranges: readonly RangeName[];
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
  readonly evalBudgets: readonly number[];
}

export const defaultConfig: Exp4Config = {
  surfaces: (['symmetric', 'chinchilla', 'asymmetric'] as const).map((name) => ({ name, surface: SURFACES[name] })),
  biases: STANDARD_BIAS_NAMES,
  ranges: RANGE_NAME_LIST,
  budgets: DEFAULT_BUDGETS,
  pointsPerCurve: DEFAULT_POINTS_PER_CURVE,
  evalBudgets: extrapolationBudgets(),
};

/** No quick variant. */
export const quickConfig: Exp4Config = defaultConfig;

export type Exp4Row = {
  range_name: RangeName;
  w_index: number;
  log_range: number;
  surface: string;
  bias: BiasName;
  drift_rate: number;
  center_scale: number;
  budget_index: number;
  budget: number;
} & TokenError & { dcl_flops: number; dcl_pct: number };

/** specs/experiments.md §C.4 columns plus the DCL (specs/experiments.md §B.4) of the extrapolated D* at each row's budget (extra columns, specs/experiments.md §A.2). */
export const EXP4_EXTRAPOLATION_COLUMNS = [...EXTRAPOLATION_COLUMNS, 'dcl_flops', 'dcl_pct'] as const;

export interface Exp4Result {
  readonly rows: Exp4Row[];
}

function costColumns(c: ReturnType<typeof allocationCost>): TokenError & { dcl_flops: number; dcl_pct: number } {
  return { d_true: c.d_true, d_hat: c.d_hat, d_err_abs: c.d_err_abs, d_err_pct: c.d_err_pct, dcl_flops: c.dcl_flops, dcl_pct: c.dcl_pct };
}

export async function run(config: Exp4Config, ctx: RunContext): Promise<Exp4Result> {
  const task = ctx.progress.start('fits', config.ranges.length * config.surfaces.length * config.biases.length);
  const rows: Exp4Row[] = [];
  for (const range of config.ranges) {
    const w = namedWidth(range);
    for (const s of config.surfaces) {
      for (const bias of config.biases) {
        const { fit } = runApproach2({
          surface: s.surface,
          bias: BIASES[bias],
          W: w.log_range,
          budgets: config.budgets,
          pointsPerCurve: config.pointsPerCurve,
        });
        config.evalBudgets.forEach((C, k) => {
          rows.push({
            range_name: range,
            w_index: w.w_index,
            log_range: w.log_range,
            surface: s.name,
            ...biasColumns(bias),
            budget_index: k,
            budget: C,
            ...costColumns(allocationCost(s.surface, extrapolateApproach2(fit, C).D, C)),
          });
        });
        task.tick();
      }
    }
  }
  task.done();
  return { rows };
}

export function render(result: Exp4Result, config: Exp4Config): Artifacts {
  const { rows } = result;
  const panels: LinePanel[] = [];
  const maxAbs: Record<string, Record<string, Record<string, number>>> = {};
  const maxDcl: Record<string, Record<string, Record<string, number>>> = {};
  for (const range of config.ranges) {
    const w = namedWidth(range);
    for (const s of config.surfaces) {
      const series = config.biases.map((bias, i) => {
        const sel = rows.filter((r) => r.range_name === range && r.surface === s.name && r.bias === bias);
        ((maxAbs[range] ??= {})[s.name] ??= {})[bias] = Math.max(...sel.map((r) => Math.abs(r.d_err_pct)));
        ((maxDcl[range] ??= {})[s.name] ??= {})[bias] = Math.max(...sel.map((r) => r.dcl_pct));
        return { name: bias, x: sel.map((r) => r.budget), y: sel.map((r) => r.d_err_pct), color: colorFor(BIAS_COLORS, bias, i), markerSize: 4 };
      });
      panels.push({
        title: `${range} (${gridFactorLabel(w.log_range)}), ${s.name}`,
        xTitle: 'Compute budget C (FLOPs)',
        xType: 'log',
        yTitle: 'D* relative error (%)',
        zeroLine: true,
        series,
      });
    }
  }
  return {
    tables: { 'extrapolation.csv': { columns: EXP4_EXTRAPOLATION_COLUMNS, rows } },
    figures: {
      extrapolation_error: lineGrid({
        title: 'Error of the extrapolated D* (fit on 10¹⁷–10²¹ FLOPs)',
        rows: config.ranges.length,
        cols: config.surfaces.length,
        panels,
        height: 1000,
      }),
    },
    summary: { max_abs_d_err_pct: maxAbs, max_dcl_pct: maxDcl },
  };
}
