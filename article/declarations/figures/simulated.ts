/**
 * Figures of article §3–§5 and §7: built at build time with the library
 * (same code path as experiments 3 and 10) and from experiment 6 and 10
 * outputs.
 */
import { panelGrid, type PanelSpec } from '../../../src/plot/figure.ts';
import { NAMED_GRIDS } from '../../../src/sampling/index.ts';
import { SURFACES } from '../../../src/surface/index.ts';
import { gridRun, leadingOrderShift, offsetWidths, simRun } from '../../engine/approach2-runs.ts';
import { interceptFactorError } from '../../explorable/law-errors.ts';
import type { FigureDef } from '../../engine/types.ts';
import { cell, checked, isoflopPanel, powerLawPanel, signedPct } from './figure-helpers.ts';
import { ASYMMETRIC_FIGURE, OFFSET_FIGURE } from '../../explorable/scenarios.ts';
import { GRID_COLORS, GRID_NAMES, MAIN_SURFACES, METHOD_COLORS, surfaceLabel, BIAS_LABELS } from './palette.ts';

const gridTicks = { tickmode: 'array', tickvals: GRID_NAMES.map((g) => NAMED_GRIDS[g].W), ticktext: GRID_NAMES.map((g) => `${g} ±${NAMED_GRIDS[g].factor}×`) };

export const SIMULATED_FIGURES: readonly FigureDef[] = [
  {
    id: 'fig-symmetric',
    needs: [],
    build: () => {
      const run = gridRun('symmetric', 'XL');
      const s = SURFACES.symmetric;
      return {
        figure: checked(
          panelGrid({
            rows: 1,
            cols: 2,
            height: 420,
            panels: [isoflopPanel(run, s, { title: 'IsoFLOP curves, XL grid' }), powerLawPanel(run, s, { title: 'D* against compute' })],
          }),
          'fig-symmetric',
        ),
        summary:
          'Symmetric surface: five IsoFLOP curves with fitted parabolas whose vertices coincide with the true optima, and the fitted D* power law lying on the true law.',
      };
    },
  },
  {
    id: 'fig-asymmetric',
    needs: [],
    build: () => {
      const panels: PanelSpec[] = [];
      for (const row of ['curves', 'law'] as const) {
        for (const name of ASYMMETRIC_FIGURE.surfaces) {
          const run = gridRun(name, ASYMMETRIC_FIGURE.grid);
          const first = row === 'curves' && name === 'chinchilla';
          panels.push(
            row === 'curves'
              ? isoflopPanel(run, SURFACES[name], { title: `${surfaceLabel(name)}: IsoFLOP curves`, legend: first })
              : powerLawPanel(run, SURFACES[name], { title: `${surfaceLabel(name)}: D* against compute`, legend: name === 'chinchilla' }),
          );
        }
      }
      return {
        figure: checked(panelGrid({ rows: 2, cols: 2, height: 800, panels, vSpacing: 0.16 }), 'fig-asymmetric'),
        summary:
          'Chinchilla and Asymmetric surfaces on the XL grid: Approach 2 vertices sit left of the true optima in log D, and the fitted D* law runs parallel to and below the true law, with a visible gap for Asymmetric.',
      };
    },
  },
  {
    id: 'fig-closed-form',
    needs: [6],
    build: (ctx) => {
      const t = ctx.store.exp(6).table('validation.csv');
      let maxDiff = 0;
      const panels: PanelSpec[] = MAIN_SURFACES.map((s, i) => {
        const W = t.column('log_range', { surface: s });
        const num = t.column('intercept_err_num_pct', { surface: s }).map((v) => 100 * (1 / (1 + v / 100) - 1));
        const pred = t.column('d_extrap_err_pred_pct', { surface: s });
        const diffs = t.column('intercept_abs_diff', { surface: s });
        const md = Math.max(...diffs);
        maxDiff = Math.max(maxDiff, md);
        const { alpha, beta } = SURFACES[s];
        const lo = W.map((w) => 100 * Math.expm1(-leadingOrderShift(alpha, beta, w, 15) * Math.LN10));
        return {
          title: `${surfaceLabel(s)} (max |difference| ${md.toExponential(1)})`,
          x: { title: 'Grid width', wTicks: true },
          y: { title: i === 0 ? 'D* intercept error (%)' : undefined },
          zeroLine: true,
          traces: [
            { type: 'scatter', mode: 'lines', name: 'closed form', legendgroup: 'cf', x: W, y: pred, line: { color: '#0072B2', width: 2 } },
            { type: 'scatter', mode: 'lines', name: 'leading order', legendgroup: 'lo', x: W, y: lo, line: { color: '#444', width: 1.5, dash: 'dot' } },
            {
              type: 'scatter',
              mode: 'markers',
              name: 'numerical Approach 2',
              legendgroup: 'num',
              x: W,
              y: num,
              marker: { color: METHOD_COLORS.approach2, size: 6, symbol: 'circle-open' },
            },
          ],
        };
      });
      return {
        figure: checked(panelGrid({ rows: 1, cols: 3, height: 400, panels }), 'fig-closed-form'),
        summary: `D* intercept error against grid width for the Symmetric, Chinchilla and Asymmetric surfaces: closed form, leading-order approximation and numerical Approach 2; the largest difference between closed form and numerical values is ${maxDiff.toExponential(1)}.`,
      };
    },
  },
  {
    id: 'fig-extrapolation-bars',
    needs: [10],
    build: (ctx) => {
      const t = ctx.store.exp(10).table('compounding_errors.csv');
      const cats = MAIN_SURFACES.map(surfaceLabel);
      const data = GRID_NAMES.map((g) => ({
        type: 'bar',
        name: `${g} (±${NAMED_GRIDS[g].factor}×)`,
        x: cats,
        y: MAIN_SURFACES.map((s) => t.num({ bias: 'centered', surface: s, grid: g }, 'd_err_pct')),
        marker: { color: GRID_COLORS[g] },
        hovertemplate: '%{x}, ' + g + ': %{y:.4f}%<extra></extra>',
        text: MAIN_SURFACES.map((s) => signedPct(t.num({ bias: 'centered', surface: s, grid: g }, 'd_err_pct'))),
        textposition: 'outside',
        cliponaxis: false,
      }));
      // One box under the Chinchilla group (its bars are short, so the space below them is free).
      const chin = (['S', 'L'] as const).map((g) => {
        const q = { bias: 'centered', surface: 'chinchilla', grid: g };
        return `<b>${g}</b>: true D* ${(t.num(q, 'd_true') / 1e12).toFixed(2)}T, inferred ${(t.num(q, 'd_hat') / 1e12).toFixed(2)}T`;
      });
      const annotations = [
        {
          xref: 'x',
          yref: 'paper',
          x: surfaceLabel('chinchilla'),
          y: 0.35,
          xanchor: 'center',
          yanchor: 'top',
          showarrow: false,
          align: 'left',
          bgcolor: 'rgba(255,255,255,0.85)',
          font: { size: 11 },
          text: `<b>Chinchilla at 10²⁴ FLOPs</b><br>${chin.join('<br>')}`,
        },
      ];
      return {
        figure: checked(
          {
            data,
            layout: {
              barmode: 'group',
              height: 440,
              margin: { l: 70, r: 20, t: 40, b: 60 },
              font: { family: 'system-ui, sans-serif', size: 12 },
              xaxis: { title: { text: 'Surface' } },
              yaxis: { title: { text: 'D* error at 10²⁴ FLOPs (%)' }, zeroline: true, zerolinecolor: '#888' },
              legend: { orientation: 'h', y: 1.08 },
              annotations,
            },
          },
          'fig-extrapolation-bars',
        ),
        summary:
          'Grouped bars of the Approach 2 D* error at 10²⁴ FLOPs: zero for Symmetric, negative and growing with grid width for Chinchilla and more so for Asymmetric.',
      };
    },
  },
  offsetFigure('fig-offset-constant', 'offset_3x'),
  offsetFigure('fig-offset-drift', 'drift_3x'),
  {
    id: 'fig-compounding',
    needs: [10],
    build: (ctx) => {
      const t = ctx.store.exp(10).table('compounding_errors.csv');
      const panels: PanelSpec[] = (['offset_3x', 'drift_3x'] as const).map((bias, i) => ({
        title: BIAS_LABELS[bias],
        x: { title: 'Surface', type: 'category' },
        y: { title: i === 0 ? 'D* error at 10²⁴ FLOPs (%)' : undefined },
        zeroLine: true,
        traces: GRID_NAMES.map((g) => ({
          type: 'bar',
          name: `${g} (±${NAMED_GRIDS[g].factor}×)`,
          legendgroup: g,
          x: MAIN_SURFACES.map(surfaceLabel),
          y: MAIN_SURFACES.map((s) => t.num({ bias, surface: s, grid: g }, 'd_err_pct')),
          marker: { color: GRID_COLORS[g] },
          hovertemplate: `%{x}, ${g}: %{y:.3f}%<extra></extra>`,
        })),
      }));
      const fig = panelGrid({ rows: 1, cols: 2, height: 440, panels, layout: { barmode: 'group', legend: { orientation: 'h', y: 1.12 } } });
      const y = panels.flatMap((p) => p.traces.flatMap((tr) => tr.y as number[]));
      const range = [Math.min(0, ...y) * 1.1, Math.max(...y) * 1.1];
      (fig.layout.yaxis as Record<string, unknown>).range = range;
      (fig.layout.yaxis2 as Record<string, unknown>).range = range;
      return {
        figure: checked(fig, 'fig-compounding'),
        summary:
          'Grouped bars of the D* error at 10²⁴ FLOPs with the grid offset by 3× (left) and drifting to 3× (right), for the three surfaces and four grids.',
      };
    },
  },
];

function offsetFigure(id: string, bias: 'offset_3x' | 'drift_3x'): FigureDef {
  return {
    id,
    needs: [10],
    build: (ctx) => {
      const s = SURFACES[OFFSET_FIGURE.surface];
      const t = ctx.store.exp(10).table('compounding_errors.csv');
      const Ws = offsetWidths();
      const runs = Ws.map((W) => simRun(OFFSET_FIGURE.surface, W, bias));
      const bErr = runs.map((r) => r.params.b_err_pct);
      const iErr = runs.map((r) => 100 * interceptFactorError(r.params.b0, r.params.b0_true));
      const all = [...bErr, ...iErr];
      const pad = 0.1 * (Math.max(...all) - Math.min(...all) || 1);
      const range = [Math.min(0, ...all) - pad, Math.max(0, ...all) + pad];
      const bars = GRID_NAMES.map((g) => t.num({ bias, surface: OFFSET_FIGURE.surface, grid: g }, 'd_err_pct'));
      const panels: PanelSpec[] = [
        isoflopPanel(gridRun(OFFSET_FIGURE.surface, OFFSET_FIGURE.grid, bias), s, {
          title: `IsoFLOP curves, ${OFFSET_FIGURE.grid} grid, ${BIAS_LABELS[bias]}`,
          centers: true,
        }),
        {
          title: 'D* error at 10²⁴ FLOPs by grid',
          x: { title: 'Grid', type: 'category' },
          y: { title: 'D* error (%)' },
          zeroLine: true,
          traces: [
            {
              type: 'bar',
              name: 'D* error at 10²⁴',
              showlegend: false,
              x: GRID_NAMES.map((g) => `${g} ±${NAMED_GRIDS[g].factor}×`),
              y: bars,
              marker: { color: GRID_NAMES.map((g) => GRID_COLORS[g]) },
              text: bars.map((v) => signedPct(v, 2)),
              textposition: 'outside',
              cliponaxis: false,
            },
          ],
        },
        {
          title: 'Exponent error b̂/b − 1',
          x: { title: 'Grid width', extra: gridTicks },
          y: { title: 'Error (%)', extra: { range } },
          zeroLine: true,
          traces: [
            { type: 'scatter', mode: 'lines+markers', name: 'exponent b', showlegend: false, x: Ws, y: bErr, line: { color: '#0072B2' }, marker: { size: 5 } },
          ],
        },
        {
          title: 'Intercept factor error',
          x: { title: 'Grid width', extra: gridTicks },
          y: { title: 'Error (%)', extra: { range } },
          zeroLine: true,
          traces: [
            {
              type: 'scatter',
              mode: 'lines+markers',
              name: 'intercept',
              showlegend: false,
              x: Ws,
              y: iErr,
              line: { color: METHOD_COLORS.approach2 },
              marker: { size: 5 },
            },
          ],
        },
      ];
      return {
        figure: checked(panelGrid({ rows: 2, cols: 2, height: 820, panels, hSpacing: 0.1, vSpacing: 0.16 }), id),
        summary: `Symmetric surface, sampling ${BIAS_LABELS[bias]}: IsoFLOP curves with sampling centers, D* error by grid at 10²⁴ FLOPs, and exponent and intercept errors against grid width on a shared scale.`,
        dataTable: { columns: ['grid', 'D* error at 1e24 (%)'], rows: GRID_NAMES.map((g, i) => [g, cell(bars[i])]) },
      };
    },
  };
}
