/**
 * Figures of article §6 from the six published IsoFLOP data sets: per-budget
 * Approach 2 parabolas with sampling centers and vertices (a button switches
 * every panel between x = N and x = D), and the center-minus-vertex offsets
 * against compute.
 */
import { panelGrid, type PanelSpec, type PanelTrace } from '../../../src/plot/figure.ts';
import { budgetColor, formatPow10, MARKERS } from '../../../src/plot/theme.ts';
import { centerOffsets, publishedSets } from '../../engine/published-data.ts';
import type { FigureDef } from '../../engine/types.ts';
import { checked } from './figure-helpers.ts';
import { METHOD_COLORS, qualitativeColor } from './palette.ts';

export const PUBLISHED_FIGURES: readonly FigureDef[] = [
  {
    id: 'fig-published-curves',
    needs: [],
    build: () => {
      const sets = publishedSets();
      // Per trace, its x and y in each view: the D view is not the N view relabelled, since
      // D falls as N rises along a curve and each data set's D is its own column (C = 6ND need not hold).
      const xs: Record<'N' | 'D', unknown[]> = { N: [], D: [] };
      const ys: Record<'N' | 'D', unknown[]> = { N: [], D: [] };
      const panels: PanelSpec[] = sets.map((set, si) => {
        const traces: PanelTrace[] = [];
        // Five decimals (of log10 N, log10 D and nats) are far below what the figure resolves and keep the figure's JSON within its size budget.
        const r5 = (v: number[]): number[] => v.map((x) => Math.round(x * 1e5) / 1e5);
        const push = (t: PanelTrace, xN0: number[], xD0: number[], yN0: number[], yD0: number[] = yN0): void => {
          const [xN, xD, yN] = [r5(xN0), r5(xD0), r5(yN0)];
          const yD = yD0 === yN0 ? yN : r5(yD0);
          traces.push({ ...t, x: xN, y: yN });
          xs.N.push(xN);
          xs.D.push(xD);
          ys.N.push(yN);
          ys.D.push(yD);
        };
        // One trace for all points of a panel (colored by budget), one parabola per budget,
        // one trace each for the sampling centers and the vertices: few traces, fast to draw.
        const pts = { xN: [] as number[], xD: [] as number[], y: [] as number[], color: [] as string[], symbol: [] as string[], text: [] as string[] };
        const centers = { xN: [] as number[], xD: [] as number[], yN: [] as number[], yD: [] as number[] };
        const vertices = { xN: [] as number[], xD: [] as number[], yN: [] as number[], yD: [] as number[] };
        set.budgets.forEach((b, i) => {
          const color = budgetColor(i, set.budgets.length);
          const failed = 'failure' in b.fit.N;
          b.L.forEach((L, k) => {
            pts.xN.push(b.logN[k]);
            pts.xD.push(b.logD[k]);
            pts.y.push(L);
            pts.color.push(color);
            pts.symbol.push(failed ? 'circle-open' : 'circle');
            pts.text.push(`C = ${formatPow10(b.C)}`);
          });
          const fN = b.fit.N;
          const fD = b.fit.D;
          if (!('failure' in fN) && !('failure' in fD)) {
            const curve = (f: typeof fN & { xMean: number }, x: number[]): { px: number[]; py: number[] } => {
              const lo = Math.min(...x);
              const hi = Math.max(...x);
              const px = Array.from({ length: 25 }, (_, s) => lo + ((hi - lo) * s) / 24);
              return { px, py: px.map((v) => f.p0 + f.p1 * (v - f.xMean) + f.p2 * (v - f.xMean) ** 2) };
            };
            const cN = curve(fN, b.logN);
            const cD = curve(fD, b.logD);
            push(
              { type: 'scatter', mode: 'lines', name: 'parabola', showlegend: false, line: { color, width: 1.3 }, hoverinfo: 'skip' },
              cN.px,
              cD.px,
              cN.py,
              cD.py,
            );
            vertices.xN.push(fN.vertex);
            vertices.xD.push(fD.vertex);
            vertices.yN.push(fN.minimum);
            vertices.yD.push(fD.minimum);
          }
          centers.xN.push(b.center.N);
          centers.xD.push(b.center.D);
          // On the fitted parabola of the view where there is one, else the mean loss of the budget.
          const meanL = b.L.reduce((s, v) => s + v, 0) / b.L.length;
          const onParabola = (f: typeof fN, x: number): number => ('failure' in f ? meanL : f.p0 + f.p1 * (x - f.xMean) + f.p2 * (x - f.xMean) ** 2);
          centers.yN.push(onParabola(fN, b.center.N));
          centers.yD.push(onParabola(fD, b.center.D));
        });
        push(
          {
            type: 'scatter',
            mode: 'markers',
            name: 'runs',
            showlegend: false,
            text: pts.text,
            marker: { color: pts.color, size: 5, symbol: pts.symbol },
            hovertemplate: '%{text}<br>L = %{y:.4f}<extra></extra>',
          },
          pts.xN,
          pts.xD,
          pts.y,
        );
        push(
          {
            type: 'scatter',
            mode: 'markers',
            name: 'sampling center ◆',
            legendgroup: 'center',
            showlegend: si === 0,
            marker: { symbol: MARKERS.samplingCenter, color: '#444', size: 7 },
            hovertemplate: 'center of the sampled range<extra></extra>',
          },
          centers.xN,
          centers.xD,
          centers.yN,
          centers.yD,
        );
        push(
          {
            type: 'scatter',
            mode: 'markers',
            name: 'Approach 2 vertex +',
            legendgroup: 'vertex',
            showlegend: si === 0,
            marker: { symbol: MARKERS.approach2Vertex, color: METHOD_COLORS.approach2, size: 9, line: { width: 1, color: METHOD_COLORS.approach2 } },
          },
          vertices.xN,
          vertices.xD,
          vertices.yN,
          vertices.yD,
        );
        if (si === 0) {
          // Budget color key: a legend-only trace with the budgets' color scale (light = smallest budget, dark = largest).
          const n = 6;
          push(
            {
              type: 'scatter',
              mode: 'markers',
              name: 'budget',
              showlegend: false,
              hoverinfo: 'skip',
              marker: {
                size: 0.1,
                opacity: 0,
                color: [0, 1],
                cmin: 0,
                cmax: 1,
                colorscale: Array.from({ length: n }, (_, i) => [i / (n - 1), budgetColor(i, n)]),
                showscale: true,
                colorbar: {
                  title: { text: 'Budget', side: 'right' },
                  tickvals: [0, 1],
                  ticktext: ['smallest', 'largest'],
                  len: 0.35,
                  y: 1,
                  yanchor: 'top',
                  thickness: 12,
                  outlinewidth: 0,
                },
              },
            },
            [pts.xN[0]],
            [pts.xD[0]],
            [pts.y[0]],
          );
        }
        return { title: set.label, x: { title: 'log₁₀ N (parameters)' }, y: { title: si % 3 === 0 ? 'Loss (nats)' : undefined }, traces };
      });
      panels.push(...Array.from({ length: 6 - panels.length }, () => null as unknown as PanelSpec));
      const fig = panelGrid({ rows: 2, cols: 3, height: 800, panels: panels.slice(0, 6), vSpacing: 0.16 });
      const axisTitles = (axis: 'N' | 'D'): Record<string, string> =>
        Object.fromEntries(sets.map((_, i) => [`xaxis${i === 0 ? '' : i + 1}.title.text`, axis === 'N' ? 'log₁₀ N (parameters)' : 'log₁₀ D (tokens)']));
      fig.layout.updatemenus = [
        {
          type: 'buttons',
          direction: 'right',
          x: 0,
          xanchor: 'left',
          y: 1.1,
          yanchor: 'bottom',
          showactive: true,
          buttons: [
            { label: 'x = N (parameters)', method: 'update', args: [{ x: xs.N, y: ys.N }, axisTitles('N')] },
            { label: 'x = D (tokens)', method: 'update', args: [{ x: xs.D, y: ys.D }, axisTitles('D')] },
          ],
        },
      ];
      fig.layout.margin = { l: 70, r: 30, t: 110, b: 60 };
      return {
        figure: checked(fig, 'fig-published-curves'),
        summary:
          'Six published IsoFLOP sweeps (Epoch AI / Chinchilla, Llama 3, Misfitting / FineWeb-C4 and three Marin sweeps): loss against model size per budget, with per-budget Approach 2 parabolas, sampling centers and vertices.',
      };
    },
  },
  {
    id: 'fig-published-offsets',
    needs: [],
    build: () => {
      const sets = publishedSets();
      const data = sets.map((set, i) => {
        const o = centerOffsets(set);
        return {
          type: 'scatter',
          mode: 'lines+markers',
          name: set.label,
          x: o.map((p) => p.C),
          y: o.map((p) => p.offset),
          line: { color: qualitativeColor(i), width: 1.8 },
          marker: { size: 6 },
          hovertemplate: `${set.label}<br>C = %{x:.2e}<br>center − vertex = %{y:.3f} decades<extra></extra>`,
        };
      });
      return {
        figure: checked(
          {
            data,
            layout: {
              height: 420,
              margin: { l: 80, r: 20, t: 30, b: 60 },
              font: { family: 'system-ui, sans-serif', size: 12 },
              xaxis: { type: 'log', title: { text: 'Compute C (FLOPs)' }, exponentformat: 'power', showline: true, mirror: true, linecolor: '#444' },
              yaxis: {
                title: { text: 'Sampling center − vertex (decades of N)' },
                zeroline: true,
                zerolinecolor: '#888',
                showline: true,
                mirror: true,
                linecolor: '#444',
              },
              legend: { orientation: 'h', y: -0.2 },
            },
          },
          'fig-published-offsets',
        ),
        summary: 'Distance between the sampling center and the Approach 2 vertex, in decades of model size, against compute for the six published sweeps.',
      };
    },
  },
];
