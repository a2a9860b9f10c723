/**
 * Appendix figures. Where an experiment already writes the figure the
 * appendix asks for (same panels and axes), its JSON is reused with the
 * title removed; appendix I is rebuilt with absolute errors.
 */
import { panelGrid } from '../../src/plot/figure.ts';
import type { FigureDef } from '../lib/types.ts';
import { checked, compactBoxes, declutter, reuseFigure } from './common.ts';
import { BIAS_LABELS, SURFACE_COLORS, surfaceLabel } from './palette.ts';

/** `names` renames traces (legend entries) from the experiment's ids to the article's labels. */
const reused = (id: string, exp: number, name: string, summary: string, options: { compact?: boolean; names?: Readonly<Record<string, string>> } = {}): FigureDef => ({
  id,
  needs: [exp],
  build: (ctx) => {
    const fig = ctx.store.exp(exp).figure(name);
    const figure = declutter(reuseFigure(options.compact ? compactBoxes(fig) : fig, id));
    const names = options.names;
    if (names) for (const t of figure.data as Array<{ name?: string }>) if (t.name !== undefined && names[t.name]) t.name = names[t.name];
    return { figure, summary };
  },
});

const IMBALANCE = ['balanced', 'chinchilla', 'small_imbalance', 'moderate_imbalance', 'high_imbalance', 'extreme_imbalance'] as const;

export const APPENDIX_FIGURES: readonly FigureDef[] = [
  reused('fig-app-recovery', 5, 'method_comparison', 'Absolute relative error of each surface parameter against grid width for six optimizer configurations, one row per surface.'),
  reused('fig-app-extrapolation', 4, 'extrapolation_error', 'Approach 2 D* error against extrapolation budget from 10²² to 10²⁵ FLOPs, for three grid widths and three surfaces, one line per sampling bias.', { names: BIAS_LABELS }),
  reused('fig-app-noisy', 7, 'isoflop_curves', 'Noisy IsoFLOP samples at three noise levels against model size and against tokens, with the noise-free curves, true optima and drifting sampling centers.'),
  reused('fig-app-inference', 7, 'exponent_inference_errors', 'Box plots of the absolute exponent errors per method against points per curve, by number of budgets, for the lowest and highest noise levels.', { compact: true }),
  reused('fig-app-efficiency', 9, 'data_efficiency_detailed', 'Box plots of the exponent error b̂ − b per method and noise level on a symmetric-log axis.', { compact: true }),
  reused('fig-app-residuals', 12, 'residuals_log_loss', 'Residual distributions by budget for log-loss Approach 3 fits on six published sweeps.'),
  {
    id: 'fig-app-imbalance',
    needs: [2],
    build: (ctx) => {
      const t = ctx.store.exp(2).table('sweep.csv');
      const panels = (['a', 'b'] as const).map((x) => ({
        title: `Exponent ${x}`,
        x: { title: 'Grid width', wTicks: true },
        y: { title: `|${x} error| (%)`, type: 'log' as const },
        traces: IMBALANCE.map((cfg) => {
          const ratio = t.column('ratio', { config: cfg })[0];
          return {
            type: 'scatter', mode: 'lines+markers', name: `${surfaceLabel(cfg)} (α/β ${ratio.toFixed(2)})`, legendgroup: cfg,
            x: t.column('log_range', { config: cfg }), y: t.column(`${x}_err_pct`, { config: cfg }).map((v) => Math.max(Math.abs(v), 1e-6)),
            line: { color: SURFACE_COLORS[cfg] ?? '#666', width: 1.8 }, marker: { size: 4 },
          };
        }),
      }));
      return {
        figure: checked(panelGrid({ rows: 1, cols: 2, height: 440, panels }), 'fig-app-imbalance'),
        summary: `Absolute error of the Approach 2 exponents a and b against grid width with the grid drifting to ${BIAS_LABELS['drift_0.2'].replace('drift to ', '')}, one line per exponent ratio from 1 to 9.`,
      };
    },
  },
];
