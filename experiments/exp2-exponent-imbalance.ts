/**
 * Experiment 2: sensitivity to exponent imbalance (specs/experiments.md §C.2).
 */
import { approach2DiagnosticsFigure } from './shared/approach2-diagnostics.ts';
import { lineGrid, type Series } from '../src/plot/builders.ts';
import type { Figure } from '../src/plot/figure.ts';
import { colorFor, SURFACE_COLORS } from '../src/plot/theme.ts';
import { BIASES, type BiasName, DEFAULT_BUDGETS, DEFAULT_POINTS_PER_CURVE, RANGE_NAMES } from '../src/sampling/index.ts';
import { type ImbalanceConfig, imbalanceFamily, type LossSurface } from '../src/surface/index.ts';
import { SWEEP_COLUMNS_FROM_BIAS } from './shared/columns.ts';
import { diagnosticsData, type SurfaceSweep, sweepRows, sweepSurface } from './shared/sweep.ts';
import type { Artifacts, RunContext } from './harness/types.ts';

export const id = 2;
export const title = 'Sensitivity to exponent imbalance';
export const hypothesis =
  "The more α and β differ, the less symmetric each IsoFLOP curve is in log N, so Approach 2's exponent " +
  'recovery becomes more sensitive to the grid width.';

export interface Exp2Config {
  readonly configs: ReadonlyArray<{ config: ImbalanceConfig; ratio: number; surface: LossSurface }>;
  readonly bias: BiasName;
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
}

export const defaultConfig: Exp2Config = {
  configs: imbalanceFamily(),
  bias: 'drift_0.2',
  budgets: DEFAULT_BUDGETS,
  pointsPerCurve: DEFAULT_POINTS_PER_CURVE,
};

/** No quick variant. */
export const quickConfig: Exp2Config = defaultConfig;

export interface Exp2Result {
  readonly sweeps: ReadonlyArray<{ config: ImbalanceConfig; ratio: number; surface: LossSurface; sweep: SurfaceSweep }>;
}

export const SWEEP_COLUMNS_EXP2 = ['config', 'ratio', 'alpha', 'beta', ...SWEEP_COLUMNS_FROM_BIAS] as const;

export async function run(config: Exp2Config, ctx: RunContext): Promise<Exp2Result> {
  const task = ctx.progress.start('configs', config.configs.length);
  const sweeps = config.configs.map((c) => {
    const sweep = sweepSurface(c.surface, BIASES[config.bias], config);
    task.tick();
    return { ...c, sweep };
  });
  task.done();
  return { sweeps };
}

function fmtRatio(r: number): string {
  return String(Number(r.toFixed(3)));
}

export function render(result: Exp2Result, config: Exp2Config): Artifacts {
  const rows = result.sweeps.flatMap((s) =>
    sweepRows({ config: s.config, ratio: s.ratio, alpha: s.surface.alpha, beta: s.surface.beta }, config.bias, s.sweep),
  );
  const ordered = [...result.sweeps].sort((x, y) => x.ratio - y.ratio);
  const series = (key: 'a_err_pct' | 'b_err_pct'): Series[] =>
    ordered.map((s, i) => ({
      name: `${s.config}: α = ${s.surface.alpha.toFixed(3)}, β = ${s.surface.beta.toFixed(3)}, α/β = ${fmtRatio(s.ratio)}`,
      group: s.config,
      x: s.sweep.widths.map((w) => w.log_range),
      y: s.sweep.params.map((p) => p[key]),
      color: colorFor(SURFACE_COLORS, s.config, i),
    }));
  const figures: Record<string, Figure> = {
    combined_errors: lineGrid({
      title: `Approach 2 exponent errors by exponent imbalance (bias ${config.bias})`,
      rows: 1,
      cols: 2,
      height: 520,
      panels: [
        { title: 'Exponent a (N* ∝ C^a)', wAxis: true, yTitle: 'a relative error (%)', zeroLine: true, series: series('a_err_pct') },
        { title: 'Exponent b (D* ∝ C^b)', wAxis: true, yTitle: 'b relative error (%)', zeroLine: true, series: series('b_err_pct') },
      ],
    }),
  };
  const configs: Record<string, unknown> = {};
  for (const s of result.sweeps) {
    figures[s.config] = approach2DiagnosticsFigure(
      diagnosticsData(`Approach 2 error versus grid width: ${s.config} (α/β = ${fmtRatio(s.ratio)}), bias ${config.bias}`, s.sweep),
    );
    const wide = s.sweep.params[RANGE_NAMES.wide];
    configs[s.config] = { ratio: s.ratio, alpha: s.surface.alpha, beta: s.surface.beta, a_err_pct_wide: wide.a_err_pct, b_err_pct_wide: wide.b_err_pct };
  }
  return {
    tables: { 'sweep.csv': { columns: SWEEP_COLUMNS_EXP2, rows } },
    figures,
    summary: { configs },
  };
}
