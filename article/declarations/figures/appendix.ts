/**
 * Appendix figures. Where an experiment already writes the figure the
 * appendix asks for (same panels and axes), its JSON is reused with the
 * title removed; appendix I is rebuilt with signed errors on a symmetric-log axis.
 */
import { panelGrid } from '../../../src/plot/figure.ts';
import type { FigureDef } from '../../engine/types.ts';
import { americanize, checked, compactBoxes, declutter, MAX_FIGURE_BYTES, reuseFigure, symlog, symlogAxis, thinTicks } from './figure-helpers.ts';
import { EXP5_METHOD_LABELS } from '../../../experiments/exp5/fits.ts';
import { EXP7_METHOD_LABELS } from '../../../experiments/exp7/fits.ts';
import { EXP9_METHOD_LABELS } from '../../../experiments/exp9/fits.ts';
import { BIAS_LABELS, relabel, SURFACE_COLORS, surfaceLabel } from './palette.ts';

interface ReuseOptions {
  /** Renames traces (legend entries) from the experiment's ids to the article's labels. */
  readonly names?: Readonly<Record<string, string>>;
  /** y title of the first column when a row's panels carry different ones (see `declutter`). */
  readonly rowTitle?: string;
}

/**
 * An experiment figure for the page: American spelling, crowded ticks
 * thinned, repeated axis titles removed; box plots keep every point when the
 * spec fits the size budget, else become precomputed boxes.
 */
const reused = (id: string, exp: number, name: string, summary: string, options: ReuseOptions = {}): FigureDef => ({
  id,
  needs: [exp],
  build: (ctx) => {
    const fig = ctx.store.exp(exp).figure(name);
    const fits = JSON.stringify({ data: fig.data, layout: fig.layout }).length <= MAX_FIGURE_BYTES;
    const figure = declutter(thinTicks(americanize(reuseFigure(fits ? fig : compactBoxes(fig), id))), { rowTitle: options.rowTitle });
    const names = options.names;
    if (names) for (const t of figure.data as Array<{ name?: string }>) if (t.name !== undefined && names[t.name]) t.name = names[t.name];
    return { figure, summary };
  },
});

/** Linear part of the symmetric-log axis of the imbalance figure (%). */
const IMBALANCE_SYMLOG_LINEAR = 0.01;

const IMBALANCE = ['balanced', 'chinchilla', 'small_imbalance', 'moderate_imbalance', 'high_imbalance', 'extreme_imbalance'] as const;

export const APPENDIX_FIGURES: readonly FigureDef[] = [
  reused(
    'fig-app-recovery',
    5,
    'method_comparison',
    'Absolute relative error of each surface parameter against grid width for six optimizer configurations, one row per surface.',
    { names: relabel(EXP5_METHOD_LABELS), rowTitle: '|relative error| (%)' },
  ),
  reused(
    'fig-app-extrapolation',
    4,
    'extrapolation_error',
    'Approach 2 D* error against extrapolation budget from 10²² to 10²⁵ FLOPs, for three grid widths and three surfaces, one line per sampling bias.',
    { names: BIAS_LABELS },
  ),
  reused(
    'fig-app-noisy',
    7,
    'isoflop_curves',
    'Noisy IsoFLOP samples at three noise levels against model size and against tokens, with the noise-free curves, true optima and drifting sampling centers.',
  ),
  reused(
    'fig-app-inference',
    7,
    'exponent_inference_errors',
    'Box plots of the absolute exponent errors per method against points per curve, by number of budgets, for the lowest and highest noise levels.',
    { names: relabel(EXP7_METHOD_LABELS), rowTitle: '|relative error| (%)' },
  ),
  reused(
    'fig-app-efficiency',
    9,
    'data_efficiency_detailed',
    'Box plots of the exponent error b̂ − b per method and noise level on a symmetric-log axis, every fit drawn beside its box.',
    { names: relabel(EXP9_METHOD_LABELS) },
  ),
  reused('fig-app-residuals', 12, 'residuals_log_loss', 'Residual distributions by budget for log-loss Approach 3 fits on six published sweeps.'),
  {
    id: 'fig-app-imbalance',
    needs: [2],
    build: (ctx) => {
      const t = ctx.store.exp(2).table('sweep.csv');
      // Signed errors on a symmetric-log axis: the sign changes the text describes stay visible as zero crossings.
      const maxAbs = Math.max(...(['a', 'b'] as const).flatMap((x) => IMBALANCE.flatMap((cfg) => t.column(`${x}_err_pct`, { config: cfg }).map(Math.abs))));
      const yAxis = symlogAxis(maxAbs, IMBALANCE_SYMLOG_LINEAR, '%');
      const panels = (['a', 'b'] as const).map((x) => ({
        title: `Exponent ${x}`,
        x: { title: 'Grid width', wTicks: true },
        y: { title: `${x} error (%)`, extra: yAxis },
        traces: IMBALANCE.map((cfg) => {
          const ratio = t.column('ratio', { config: cfg })[0];
          const err = t.column(`${x}_err_pct`, { config: cfg });
          return {
            type: 'scatter',
            mode: 'lines+markers',
            name: `${surfaceLabel(cfg)} (α/β ${ratio.toFixed(2)})`,
            legendgroup: cfg,
            x: t.column('log_range', { config: cfg }),
            y: err.map((v) => symlog(v, IMBALANCE_SYMLOG_LINEAR)),
            customdata: err,
            hovertemplate: `${x} error %{customdata:.4g}%<extra>${surfaceLabel(cfg)}</extra>`,
            line: { color: SURFACE_COLORS[cfg] ?? '#666', width: 1.8 },
            marker: { size: 4 },
          };
        }),
      }));
      return {
        figure: checked(panelGrid({ rows: 1, cols: 2, height: 460, hSpacing: 0.1, panels }), 'fig-app-imbalance'),
        summary: `Signed error (symmetric-log axis) of the Approach 2 exponents a and b against grid width with the grid drifting to ${BIAS_LABELS['drift_0.2'].replace('drift to ', '')}, one line per exponent ratio from 1 to 9.`,
      };
    },
  },
];
