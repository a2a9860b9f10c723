/**
 * Figures of article §6 from the six published IsoFLOP data sets: per-budget
 * Approach 2 parabolas with sampling centers and vertices (a button switches
 * every panel between x = N and x = D), and the center-minus-vertex offsets
 * against compute.
 */
import { panelGrid, type PanelSpec, type PanelTrace } from '../../src/plot/figure.ts';
import { budgetColor, formatPow10, MARKERS } from '../../src/plot/theme.ts';
import { centerOffsets, publishedSets } from '../lib/published.ts';
import type { FigureDef } from '../lib/types.ts';
import { checked } from './common.ts';
import { METHOD_COLORS, qualitativeColor } from './palette.ts';

export const PUBLISHED_FIGURES: readonly FigureDef[] = [
  {
    id: 'fig-published-curves',
    needs: [],
    build: () => {
      const sets = publishedSets();
      const xs: Record<'N' | 'D', unknown[]> = { N: [], D: [] };
      const panels: PanelSpec[] = sets.map((set, si) => {
        const traces: PanelTrace[] = [];
        const push = (t: PanelTrace, xN: unknown, xD: unknown): void => {
          traces.push({ ...t, x: xN });
          xs.N.push(xN);
          xs.D.push(xD);
        };
        // One trace for all points of a panel (colored by budget), one parabola per budget,
        // one trace each for the sampling centers and the vertices: few traces, fast to draw.
        const pts = { xN: [] as number[], xD: [] as number[], y: [] as number[], color: [] as string[], symbol: [] as string[], text: [] as string[] };
        const centers = { xN: [] as number[], xD: [] as number[], y: [] as number[] };
        const vertices = { xN: [] as number[], xD: [] as number[], y: [] as number[] };
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
            push({ type: 'scatter', mode: 'lines', name: 'parabola', showlegend: false, y: cN.py, line: { color, width: 1.3 }, hoverinfo: 'skip' }, cN.px, cD.px);
            vertices.xN.push(fN.vertex);
            vertices.xD.push(fD.vertex);
            vertices.y.push(fN.minimum);
          }
          centers.xN.push(b.center.N);
          centers.xD.push(b.center.D);
          // On the fitted parabola where there is one, else the mean loss of the budget.
          centers.y.push('failure' in fN ? b.L.reduce((s, v) => s + v, 0) / b.L.length : fN.p0 + fN.p1 * (b.center.N - fN.xMean) + fN.p2 * (b.center.N - fN.xMean) ** 2);
        });
        push({ type: 'scatter', mode: 'markers', name: 'runs', showlegend: false, y: pts.y, text: pts.text, marker: { color: pts.color, size: 5, symbol: pts.symbol }, hovertemplate: '%{text}<br>L = %{y:.4f}<extra></extra>' }, pts.xN, pts.xD);
        push({ type: 'scatter', mode: 'markers', name: 'sampling center ◆', legendgroup: 'center', showlegend: si === 0, y: centers.y, marker: { symbol: MARKERS.samplingCenter, color: '#444', size: 7 }, hovertemplate: 'center of the sampled range<extra></extra>' }, centers.xN, centers.xD);
        push({ type: 'scatter', mode: 'markers', name: 'Approach 2 vertex +', legendgroup: 'vertex', showlegend: si === 0, y: vertices.y, marker: { symbol: MARKERS.approach2Vertex, color: METHOD_COLORS.approach2, size: 9, line: { width: 1, color: METHOD_COLORS.approach2 } } }, vertices.xN, vertices.xD);
        return { title: set.label, x: { title: 'log₁₀ N (parameters)' }, y: { title: si % 3 === 0 ? 'Loss (nats)' : undefined }, traces };
      });
      panels.push(...Array.from({ length: 6 - panels.length }, () => null as unknown as PanelSpec));
      const fig = panelGrid({ rows: 2, cols: 3, height: 800, panels: panels.slice(0, 6), vSpacing: 0.16 });
      const axisTitles = (axis: 'N' | 'D'): Record<string, string> =>
        Object.fromEntries(sets.map((_, i) => [`xaxis${i === 0 ? '' : i + 1}.title.text`, axis === 'N' ? 'log₁₀ N (parameters)' : 'log₁₀ D (tokens)']));
      fig.layout.updatemenus = [
        {
          type: 'buttons', direction: 'right', x: 0, xanchor: 'left', y: 1.1, yanchor: 'bottom', showactive: true,
          buttons: [
            { label: 'x = N (parameters)', method: 'update', args: [{ x: xs.N }, axisTitles('N')] },
            { label: 'x = D (tokens)', method: 'update', args: [{ x: xs.D }, axisTitles('D')] },
          ],
        },
      ];
      fig.layout.margin = { l: 70, r: 30, t: 110, b: 60 };
      return {
        figure: checked(fig, 'fig-published-curves'),
        summary: 'Six published IsoFLOP sweeps (Epoch AI / Chinchilla, Llama 3, Misfitting / FineWeb-C4 and three Marin sweeps): loss against model size per budget, with per-budget Approach 2 parabolas, sampling centers and vertices.',
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
        return { type: 'scatter', mode: 'lines+markers', name: set.label, x: o.map((p) => p.C), y: o.map((p) => p.offset), line: { color: qualitativeColor(i), width: 1.8 }, marker: { size: 6 }, hovertemplate: `${set.label}<br>C = %{x:.2e}<br>center − vertex = %{y:.3f} decades<extra></extra>` };
      });
      return {
        figure: checked({
          data,
          layout: {
            height: 420, margin: { l: 80, r: 20, t: 30, b: 60 }, font: { family: 'system-ui, sans-serif', size: 12 },
            xaxis: { type: 'log', title: { text: 'Compute C (FLOPs)' }, exponentformat: 'power', showline: true, mirror: true, linecolor: '#444' },
            yaxis: { title: { text: 'Sampling center − vertex (decades of N)' }, zeroline: true, zerolinecolor: '#888', showline: true, mirror: true, linecolor: '#444' },
            legend: { orientation: 'h', y: -0.2 },
          },
        }, 'fig-published-offsets'),
        summary: 'Distance between the sampling center and the Approach 2 vertex, in decades of model size, against compute for the six published sweeps.',
      };
    },
  },
];
