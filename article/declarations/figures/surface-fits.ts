/**
 * Figures of article §8 and §9 (experiments 4, 5, 7, 8, 9, 11): conditioning,
 * Approach 2 against VPNLS on identical data, parameter recovery, exponent
 * inference under noise, estimator efficiency and the cost of misallocation.
 */
import { panelGrid } from '../../../src/plot/figure.ts';
import { MissingResultError } from '../../engine/errors.ts';
import type { FigureDef } from '../../engine/types.ts';
import { EXP5_METHODS, EXP7_METHODS, exp5Errors, gmean } from '../facts/surface-fits.ts';
import { cell, checked, reuseFigure } from './figure-helpers.ts';
import { BIAS_LABELS, COST_LABELS, EXP5_LABELS, MAIN_SURFACES, METHOD_COLORS, methodLabel, surfaceLabel } from './palette.ts';

const PARAMS = ['e', 'coef_a', 'coef_b', 'alpha', 'beta'] as const;
const PARAM_LABELS = ['E', 'A', 'B', 'α', 'β'];
const BIASES = ['baseline', 'drift_0.2', 'drift_0.4', 'scale_1.5', 'scale_2.0'] as const;

function heatmapText(z: number[][]): string[][] {
  return z.map((r) => r.map((v) => (Number.isFinite(v) ? v.toExponential(1) : '')));
}

export const SURFACE_FIT_FIGURES: readonly FigureDef[] = [
  {
    id: 'fig-conditioning',
    needs: [8],
    build: (ctx) => {
      const e = ctx.store.exp(8);
      const ev5 = e.value('eigenvalues_5d') as number[];
      const ev2 = e.value('eigenvalues_2d') as number[];
      const t = e.table('hessian_5d.csv');
      const z = [1, 2, 3, 4, 5].map((k) => PARAMS.map((p) => Math.abs(t.num({ k }, `v_${p}`))));
      const fig = panelGrid({
        rows: 1,
        cols: 2,
        height: 420,
        hSpacing: 0.14,
        panels: [
          {
            title: 'Hessian eigenvalues',
            x: { title: 'Problem', type: 'category' },
            y: { title: 'Eigenvalue', type: 'log' },
            traces: [
              {
                type: 'scatter',
                mode: 'markers',
                name: '5-D (E, A, B, α, β)',
                x: ev5.map(() => '5-D'),
                y: ev5,
                marker: { size: 11, color: METHOD_COLORS.approach3, symbol: 'line-ew-open', line: { width: 3 } },
              },
              {
                type: 'scatter',
                mode: 'markers',
                name: '2-D (α, β) after projection',
                x: ev2.map(() => '2-D'),
                y: ev2,
                marker: { size: 11, color: METHOD_COLORS.vpnls, symbol: 'line-ew-open', line: { width: 3 } },
              },
            ],
          },
          {
            title: '|Eigenvector components|, 5-D',
            x: { title: 'Parameter', type: 'category' },
            y: { title: 'Eigenvalue rank (1 = flattest)', type: 'category' },
            traces: [
              {
                type: 'heatmap',
                name: '|component|',
                showlegend: false,
                x: PARAM_LABELS,
                y: ['1', '2', '3', '4', '5'],
                z,
                text: z.map((r) => r.map((v) => v.toFixed(2))),
                texttemplate: '%{text}',
                colorscale: [
                  [0, '#f7fbff'],
                  [1, '#2171b5'],
                ],
                zmin: 0,
                zmax: 1,
                showscale: false,
              },
            ],
          },
        ],
      });
      return {
        figure: checked(fig, 'fig-conditioning'),
        summary:
          'Eigenvalues of the 5-D Hessian of the squared-error objective and of the 2-D VPNLS objective on a log scale, and the absolute eigenvector components of the 5-D Hessian.',
        dataTable: { columns: ['rank', ...PARAM_LABELS, 'eigenvalue'], rows: z.map((r, i) => [String(i + 1), ...r.map((v) => v.toFixed(3)), cell(ev5[i])]) },
      };
    },
  },
  {
    id: 'fig-same-data',
    needs: [4, 5],
    build: (ctx) => {
      const a2 = ctx.store.exp(4).table('extrapolation.csv');
      const vp = ctx.store.exp(5).table('extrapolation.csv');
      const cats = MAIN_SURFACES.flatMap((s) => BIASES.map((b) => `${surfaceLabel(s)}, ${BIAS_LABELS[b]}`));
      const q = (s: string, b: string) => ({ range_name: 'medium', surface: s, bias: b, budget_index: 10 });
      const ya = MAIN_SURFACES.flatMap((s) => BIASES.map((b) => a2.num(q(s, b), 'd_err_pct')));
      const yv = MAIN_SURFACES.flatMap((s) => BIASES.map((b) => vp.num(q(s, b), 'd_err_pct')));
      // |error| on a log axis: VPNLS errors sit many decades below Approach 2's and would be invisible as bars;
      // the marker direction keeps the sign (up = overestimate, down = underestimate).
      const FLOOR = 1e-14;
      const dots = (name: string, y: number[], color: string): Record<string, unknown> => ({
        type: 'scatter',
        mode: 'markers',
        name,
        x: cats,
        y: y.map((v) => Math.max(Math.abs(v), FLOOR)),
        customdata: y,
        marker: { color, size: 9, symbol: y.map((v) => (v >= 0 ? 'triangle-up' : 'triangle-down')) },
        hovertemplate: `${name}, %{x}: %{customdata:.3e}%<extra></extra>`,
      });
      return {
        figure: checked(
          {
            data: [dots('Approach 2', ya, METHOD_COLORS.approach2), dots('VPNLS', yv, METHOD_COLORS.vpnls)],
            layout: {
              height: 480,
              margin: { l: 80, r: 20, t: 40, b: 150 },
              xaxis: { tickangle: -45, showgrid: true, gridcolor: '#eee' },
              yaxis: { type: 'log', title: { text: '|D* error| at 10²⁴ FLOPs (%)' }, exponentformat: 'power', dtick: 2 },
              legend: { orientation: 'h', y: 1.1 },
              annotations: [
                {
                  xref: 'paper',
                  yref: 'paper',
                  x: 1,
                  y: 1.02,
                  xanchor: 'right',
                  yanchor: 'bottom',
                  showarrow: false,
                  font: { size: 11 },
                  text: '▲ overestimate  ▼ underestimate',
                },
              ],
            },
          },
          'fig-same-data',
        ),
        summary:
          'Absolute D* error at 10²⁴ FLOPs on a log scale for Approach 2 and VPNLS fitted to the same noise-free samples, medium grid, for every surface and sampling bias; marker direction gives the sign.',
        dataTable: { columns: ['configuration', 'Approach 2 (%)', 'VPNLS (%)'], rows: cats.map((c, i) => [c, cell(ya[i]), cell(yv[i])]) },
      };
    },
  },
  {
    id: 'fig-recovery',
    needs: [5],
    build: (ctx) => {
      const stats = EXP5_METHODS.map((m) => {
        const errs = exp5Errors(ctx, m);
        if (errs.length === 0) throw new MissingResultError(`experiment 5 has no successful fits for ${m}`, 5, m);
        return { m, g: gmean(errs), lo: Math.min(...errs.filter((v) => v > 0)), hi: Math.max(...errs) };
      }).sort((a, b) => a.g - b.g);
      const labels = stats.map((s) => EXP5_LABELS[s.m]);
      const t = ctx.store.exp(5).table('method_summary.csv');
      const z = stats.map((s) => PARAMS.map((p) => Math.log10(Math.max(1e-16, t.num({ surface: 'all', method: s.m }, `max_abs_${p}_err_pct`)))));
      const fig = panelGrid({
        rows: 1,
        cols: 2,
        height: 420,
        hSpacing: 0.02,
        panels: [
          {
            title: 'Geometric mean |error| with min–max',
            x: { title: '|Relative error| (%)', type: 'log' },
            y: { type: 'category', extra: { automargin: true } },
            traces: [
              {
                type: 'scatter',
                mode: 'markers',
                name: 'geometric mean',
                x: stats.map((s) => s.g),
                y: labels,
                marker: { size: 10, color: stats.map((s) => METHOD_COLORS[s.m]) },
                error_x: { type: 'data', symmetric: false, array: stats.map((s) => s.hi - s.g), arrayminus: stats.map((s) => s.g - s.lo), color: '#666' },
                showlegend: false,
              },
            ],
          },
          {
            title: 'Max |error| per parameter (log₁₀ %)',
            x: { type: 'category' },
            y: { type: 'category', extra: { showticklabels: false } },
            traces: [
              {
                type: 'heatmap',
                name: 'log10 max error',
                showlegend: false,
                x: PARAM_LABELS,
                y: labels,
                z,
                text: heatmapText(z.map((r) => r.map((v) => 10 ** v))),
                texttemplate: '%{text}',
                colorscale: 'YlOrRd',
                reversescale: true,
                showscale: false,
              },
            ],
          },
        ],
      });
      return {
        figure: checked(fig, 'fig-recovery'),
        summary:
          'Parameter recovery on noise-free data for six optimizer configurations: geometric mean and range of the relative error, and the maximum error per parameter.',
      };
    },
  },
  {
    id: 'fig-inference',
    needs: [7],
    build: (ctx) => {
      const t = ctx.store.exp(7).table('method_comparison.csv');
      const fits = ctx.store.exp(7).table('fits.csv');
      const rows = EXP7_METHODS.map((m) => ({
        m,
        g: t.num({ method: m }, 'gmean_abs_err_pct'),
        lo: t.num({ method: m }, 'min_abs_err_pct'),
        hi: t.num({ method: m }, 'max_abs_err_pct'),
        ma: t.num({ method: m }, 'max_abs_a_err_pct'),
        mb: t.num({ method: m }, 'max_abs_b_err_pct'),
      })).sort((a, b) => a.hi - b.hi);
      const labels = rows.map((r) => methodLabel(r.m));
      // Rug: a quantile sample of the pooled |errors| per method (downsampled at build time).
      const rug = rows.map((r, i) => {
        const errs = [...fits.column('a_err_pct', { method: r.m }), ...fits.column('b_err_pct', { method: r.m })]
          .map(Math.abs)
          .filter((v) => v > 0)
          .sort((a, b) => a - b);
        const q = Array.from(
          { length: Math.min(200, errs.length) },
          (_, k) => errs[Math.floor((k * (errs.length - 1)) / Math.max(1, Math.min(200, errs.length) - 1))],
        );
        return {
          type: 'scatter',
          mode: 'markers',
          name: 'errors (quantile sample)',
          showlegend: false,
          x: q,
          y: q.map(() => labels[i]),
          marker: { symbol: 'line-ns-open', size: 8, color: 'rgba(0,0,0,0.25)' },
          hoverinfo: 'skip',
        };
      });
      const z = rows.map((r) => [r.ma, r.mb]);
      const fig = panelGrid({
        rows: 1,
        cols: 2,
        height: 420,
        hSpacing: 0.02,
        panels: [
          {
            title: 'Geometric mean |error| with min–max',
            x: { title: '|Relative error| in a and b (%)', type: 'log' },
            y: { type: 'category', extra: { automargin: true } },
            traces: [
              ...rug,
              {
                type: 'scatter',
                mode: 'markers',
                name: 'geometric mean',
                showlegend: false,
                x: rows.map((r) => r.g),
                y: labels,
                marker: { size: 11, color: rows.map((r) => METHOD_COLORS[r.m]) },
                error_x: { type: 'data', symmetric: false, array: rows.map((r) => r.hi - r.g), arrayminus: rows.map((r) => r.g - r.lo), color: '#666' },
              },
            ],
          },
          {
            title: 'Max |error| (%)',
            x: { type: 'category' },
            y: { type: 'category', extra: { showticklabels: false } },
            traces: [
              {
                type: 'heatmap',
                name: 'max error',
                showlegend: false,
                x: ['a', 'b'],
                y: labels,
                z: z.map((r) => r.map((v) => Math.log10(v))),
                text: z.map((r) => r.map((v) => v.toPrecision(3))),
                texttemplate: '%{text}',
                colorscale: 'YlOrRd',
                reversescale: true,
                showscale: false,
              },
            ],
          },
        ],
      });
      return {
        figure: checked(fig, 'fig-inference'),
        summary:
          'Exponent inference under noise for five methods: geometric mean, range and a quantile sample of the absolute relative errors in a and b, and the worst case per exponent.',
      };
    },
  },
  {
    id: 'fig-efficiency',
    needs: [9],
    build: (ctx) => {
      const t = ctx.store.exp(9).table('summary.csv');
      return {
        figure: reuseFigure(ctx.store.exp(9).figure('data_efficiency'), 'fig-efficiency'),
        summary: 'Pooled variance of the recovered exponent b per method, and the variance per noise level.',
        dataTable: {
          columns: ['method', 'noise σ', 'fits', 'variance of b̂ − b'],
          rows: t.rows.map((r) => [methodLabel(r.method), r.noise_std, r.n, cell(Number(r.variance))]),
        },
      };
    },
  },
  {
    id: 'fig-costs',
    needs: [11],
    build: (ctx) => {
      const t = ctx.store.exp(11).table('cost_estimates.csv');
      const rows = t.rows.map((r) => r.row);
      const real = rows.filter((r) => t.row({ row: r }).group === 'real');
      const sim = rows.filter((r) => t.row({ row: r }).group === 'simulated').sort((a, b) => t.num({ row: a }, 'dcl_pct') - t.num({ row: b }, 'dcl_pct'));
      const order = [...sim, ...real];
      const label = (r: string): string => `${COST_LABELS[r] ?? r} (α/β ${t.num({ row: r }, 'alpha_over_beta').toFixed(2)})`;
      const pct = order.map((r) => t.num({ row: r }, 'dcl_pct'));
      const ciLo = order.map((r) => (real.includes(r) ? (100 * t.num({ row: r }, 'ci_low_flops')) / ctx.fact('cost.eval_budget') : NaN));
      const ciHi = order.map((r) => (real.includes(r) ? (100 * t.num({ row: r }, 'ci_high_flops')) / ctx.fact('cost.eval_budget') : NaN));
      const cols = ['D* true', 'D*<br>inferred', 'N* true', 'N*<br>inferred', 'loss<br>penalty', 'DCL $'];
      const colKeys = ['d_true', 'd_hat', 'n_true', 'n_hat', 'loss_penalty', 'dcl_usd'];
      const raw = order.map((r) => colKeys.map((c) => t.num({ row: r }, c)));
      const z = raw.map((r) => r.map((v, j) => (j === 5 ? Math.log10(Math.max(1, v)) : 0)));
      const text = raw.map((r) =>
        r.map((v, j) =>
          j < 4 ? `${(v / (j < 2 ? 1e12 : 1e9)).toPrecision(3)}${j < 2 ? 'T' : 'B'}` : j === 4 ? v.toExponential(1) : `$${(v / 1e6).toPrecision(2)}M`,
        ),
      );
      const fig = panelGrid({
        rows: 1,
        cols: 2,
        height: 440,
        hSpacing: 0.02,
        panels: [
          {
            title: 'Deadweight compute loss at the Llama 3 405B budget',
            x: { title: 'DCL (% of the budget)' },
            y: { type: 'category', extra: { automargin: true } },
            traces: [
              {
                type: 'bar',
                orientation: 'h',
                name: 'simulated',
                showlegend: false,
                x: pct.map((p, i) => (real.includes(order[i]) ? null : p)),
                y: order.map(label),
                marker: { color: '#999' },
              },
              {
                type: 'bar',
                orientation: 'h',
                name: 'real sweep',
                showlegend: false,
                x: pct.map((p, i) => (real.includes(order[i]) ? p : null)),
                y: order.map(label),
                marker: { color: METHOD_COLORS.approach2 },
                error_x: {
                  type: 'data',
                  symmetric: false,
                  array: pct.map((p, i) => (Number.isFinite(ciHi[i]) ? ciHi[i] - p : 0)),
                  arrayminus: pct.map((p, i) => (Number.isFinite(ciLo[i]) ? p - ciLo[i] : 0)),
                  color: '#333',
                },
              },
            ],
          },
          {
            title: 'Allocations and costs',
            x: { type: 'category', extra: { tickangle: 0, side: 'bottom' } },
            y: { type: 'category', extra: { showticklabels: false } },
            traces: [
              {
                type: 'heatmap',
                name: 'values',
                showlegend: false,
                x: cols,
                y: order.map(label),
                z,
                text,
                texttemplate: '%{text}',
                textfont: { size: 10 },
                colorscale: [
                  [0, '#ffffff'],
                  [1, '#fdd0a2'],
                ],
                showscale: false,
                hoverinfo: 'skip',
              },
            ],
          },
        ],
        layout: {
          barmode: 'overlay',
          shapes: [
            {
              type: 'line',
              xref: 'x domain',
              yref: 'y',
              x0: 0,
              x1: 1,
              y0: sim.length - 0.5,
              y1: sim.length - 0.5,
              line: { dash: 'dash', color: '#666', width: 1 },
            },
          ],
        },
      });
      fig.layout.xaxis = { ...(fig.layout.xaxis as object), domain: [0, 0.46] };
      fig.layout.xaxis2 = { ...(fig.layout.xaxis2 as object), domain: [0.5, 1] };
      return {
        figure: checked(fig, 'fig-costs'),
        summary:
          'Deadweight compute loss of Approach 2 at the Llama 3 405B budget for the real Llama 3 sweep (two reference surfaces, with bootstrap intervals) and four simulated surfaces, with the allocations and dollar costs.',
      };
    },
  },
];
