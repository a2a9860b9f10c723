/**
 * Panels shared by several figures: IsoFLOP curves with Approach 2
 * parabolas and markers, and the D* power law against compute; plus small
 * helpers for reused experiment figures and data tables.
 */
import type { Approach2Run } from '../../../experiments/shared/approach2-run.ts';
import type { PanelSpec, PanelTrace } from '../../../src/plot/figure.ts';
import { budgetColor, formatPow10, MARKERS } from '../../../src/plot/theme.ts';
import { dOpt, loss, lossOpt, type LossSurface } from '../../../src/surface/index.ts';
import { BuildError } from '../../engine/errors.ts';
import type { PlotlyFigure } from '../../engine/types.ts';
import { METHOD_COLORS } from './palette.ts';

/** Largest figure spec allowed in the page (the 300 KB budget of specs/article.md, "Adding a figure"). */
export const MAX_FIGURE_BYTES = 300_000;

/** Loss against log10 D per budget: samples, fitted parabolas, sampling centers, true optima and Approach 2 vertices. */
export function isoflopPanel(run: Approach2Run, surface: LossSurface, options: { title?: string; legend?: boolean; centers?: boolean } = {}): PanelSpec {
  const traces: PanelTrace[] = [];
  const budgets = run.fit.budgets;
  const showLegend = options.legend ?? true;
  budgets.forEach((b, i) => {
    const color = budgetColor(i, budgets.length);
    const idx: number[] = [];
    run.samples.C.forEach((C, k) => C === b.C && idx.push(k));
    const x = idx.map((k) => Math.log10(run.samples.D[k]));
    const y = idx.map((k) => run.samples.L[k]);
    traces.push({
      type: 'scatter',
      mode: 'markers',
      name: `C = ${formatPow10(b.C)}`,
      legendgroup: `budget${i}`,
      showlegend: showLegend,
      x,
      y,
      marker: { color, size: 5 },
      hovertemplate: 'log₁₀ D = %{x:.4f}<br>L = %{y:.6f} nats<extra></extra>',
    });
    const p = b.parabolaD;
    const lo = Math.min(...x);
    const hi = Math.max(...x);
    const px = Array.from({ length: 41 }, (_, s) => lo + ((hi - lo) * s) / 40);
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: 'parabola',
      legendgroup: `budget${i}`,
      showlegend: false,
      x: px,
      y: px.map((v) => p.p0 + p.p1 * (v - p.xMean) + p.p2 * (v - p.xMean) ** 2),
      line: { color, width: 1.5 },
      hoverinfo: 'skip',
    });
    if (options.centers) {
      const xc = x.reduce((s, v) => s + v, 0) / x.length;
      const Dc = 10 ** xc;
      traces.push({
        type: 'scatter',
        mode: 'markers',
        name: 'sampling center ◆',
        legendgroup: 'center',
        showlegend: showLegend && i === 0,
        x: [xc],
        y: [loss(surface, b.C / (6 * Dc), Dc)],
        marker: { symbol: MARKERS.samplingCenter, color: '#444', size: 8 },
      });
    }
  });
  traces.push({
    type: 'scatter',
    mode: 'markers',
    name: 'true optimum ×',
    legendgroup: 'true',
    showlegend: showLegend,
    x: budgets.map((b) => Math.log10(dOpt(surface, b.C))),
    y: budgets.map((b) => lossOpt(surface, b.C)),
    marker: { symbol: MARKERS.trueOptimum, color: '#000', size: 9 },
    hovertemplate: 'true D* = 10^%{x:.4f}<extra></extra>',
  });
  traces.push({
    type: 'scatter',
    mode: 'markers',
    name: 'Approach 2 vertex +',
    legendgroup: 'vertex',
    showlegend: showLegend,
    x: budgets.map((b) => b.parabolaD.vertex),
    y: budgets.map((b) => b.parabolaD.minimum),
    marker: { symbol: MARKERS.approach2Vertex, color: METHOD_COLORS.approach2, size: 10, line: { width: 1, color: METHOD_COLORS.approach2 } },
    hovertemplate: 'inferred D* = 10^%{x:.4f}<extra></extra>',
  });
  return { title: options.title, x: { title: 'log₁₀ D (tokens)' }, y: { title: 'Loss (nats)' }, traces };
}

/** D* against C on log axes: true optima, the true law (dashed) and the fitted Approach 2 law (solid). */
export function powerLawPanel(run: Approach2Run, surface: LossSurface, options: { title?: string; legend?: boolean; extendTo?: number } = {}): PanelSpec {
  const budgets = run.fit.budgets.map((b) => b.C);
  const lo = Math.log10(budgets[0]);
  const hi = Math.log10(options.extendTo ?? budgets[budgets.length - 1]);
  const Cs = Array.from({ length: 31 }, (_, s) => 10 ** (lo + ((hi - lo) * s) / 30));
  const show = options.legend ?? true;
  return {
    title: options.title,
    x: { title: 'Compute C (FLOPs)', type: 'log' },
    y: { title: 'D* (tokens)', type: 'log' },
    traces: [
      {
        type: 'scatter',
        mode: 'lines',
        name: 'true law',
        legendgroup: 'truelaw',
        showlegend: show,
        x: Cs,
        y: Cs.map((C) => dOpt(surface, C)),
        line: { color: '#000', dash: 'dash', width: 1.5 },
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: 'Approach 2 fit',
        legendgroup: 'a2law',
        showlegend: show,
        x: Cs,
        y: Cs.map((C) => 10 ** (run.fit.b * Math.log10(C) + run.fit.b0)),
        line: { color: METHOD_COLORS.approach2, width: 2 },
      },
      {
        type: 'scatter',
        mode: 'markers',
        name: 'Approach 2 vertex +',
        legendgroup: 'vertex',
        showlegend: false,
        x: budgets,
        y: run.fit.budgets.map((b) => b.dOpt),
        marker: { symbol: MARKERS.approach2Vertex, color: METHOD_COLORS.approach2, size: 10, line: { width: 1, color: METHOD_COLORS.approach2 } },
      },
      {
        type: 'scatter',
        mode: 'markers',
        name: 'true optimum ×',
        legendgroup: 'true',
        showlegend: false,
        x: budgets,
        y: budgets.map((C) => dOpt(surface, C)),
        marker: { symbol: MARKERS.trueOptimum, color: '#000', size: 9 },
      },
    ],
  };
}

/**
 * An experiment's figure JSON prepared for the page: its own title removed
 * (the caption replaces it), size checked against {@link MAX_FIGURE_BYTES}.
 */
export function reuseFigure(fig: PlotlyFigure, id: string): PlotlyFigure {
  const layout = { ...fig.layout };
  delete layout.title;
  if (typeof layout.margin === 'object' && layout.margin) layout.margin = { ...(layout.margin as object), t: 50 };
  const out = { data: fig.data, layout };
  const bytes = JSON.stringify(out).length;
  if (bytes > MAX_FIGURE_BYTES)
    throw new BuildError(
      `figure ${id} from experiment output is ${bytes} bytes, above the ${MAX_FIGURE_BYTES}-byte budget; build it with downsampling instead`,
    );
  return out;
}

/** Checks a built figure against the size budget and thins crowded array ticks (see {@link thinTicks}). */
export function checked(fig: PlotlyFigure, id: string): PlotlyFigure {
  const bytes = JSON.stringify(fig).length;
  if (bytes > MAX_FIGURE_BYTES) throw new BuildError(`figure ${id} is ${bytes} bytes, above the ${MAX_FIGURE_BYTES}-byte budget`);
  return thinTicks(fig);
}

/**
 * Signed percentage label with `digits` decimals and a true minus sign; a
 * value that rounds to zero prints as "0%" (never "−0.0%").
 */
export function signedPct(v: number, digits = 1): string {
  const t = Math.abs(v).toFixed(digits);
  if (Number(t) === 0) return '0%';
  return `${v < 0 ? '\u2212' : '+'}${t}%`;
}

/** Compact number text for data tables. */
export function cell(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return '';
  return Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(digits - 1) : Number(x.toPrecision(digits)).toString();
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Replaces raw box-plot samples by precomputed statistics (quartiles by
 * linear interpolation, whiskers at the minimum and maximum, since the
 * points that would show outliers are dropped), so large Monte Carlo sets
 * fit the figure budget. Positions keep their order.
 */
export function compactBoxes(fig: PlotlyFigure): PlotlyFigure {
  const data = fig.data.map((t) => {
    if (t.type !== 'box' || !Array.isArray(t.y)) return t;
    const xs = (Array.isArray(t.x) ? t.x : (t.y as unknown[]).map(() => t.name)) as unknown[];
    const groups = new Map<string, { x: unknown; y: number[] }>();
    (t.y as number[]).forEach((y, i) => {
      if (typeof y !== 'number' || !Number.isFinite(y)) return;
      const key = String(xs[i]);
      (groups.get(key) ?? groups.set(key, { x: xs[i], y: [] }).get(key)!).y.push(y);
    });
    const g = [...groups.values()].map((v) => ({ x: v.x, y: v.y.sort((a, b) => a - b) }));
    const stats = g.map(({ y }) => {
      const q1 = quantile(y, 0.25);
      const q3 = quantile(y, 0.75);
      return { q1, median: quantile(y, 0.5), q3, lo: y[0], hi: y[y.length - 1] };
    });
    const out: Record<string, unknown> = {
      ...t,
      x: g.map((v) => v.x),
      q1: stats.map((s) => s.q1),
      median: stats.map((s) => s.median),
      q3: stats.map((s) => s.q3),
      lowerfence: stats.map((s) => s.lo),
      upperfence: stats.map((s) => s.hi),
    };
    delete out.y;
    out.boxpoints = false;
    return out;
  });
  return { data, layout: fig.layout };
}

/**
 * Drops `automargin` from all but category axes (it makes Plotly lay a
 * figure out several times) and sets fixed margins instead; untitled
 * figures get a small top margin.
 */
export function withoutAutomargin(fig: PlotlyFigure): PlotlyFigure {
  const layout: Record<string, unknown> = { ...fig.layout };
  for (const [k, v] of Object.entries(layout)) {
    if (/^[xy]axis\d*$/.test(k) && v && typeof v === 'object') {
      const axis = { ...(v as Record<string, unknown>) };
      // Category axes keep it for their long labels; the others get fixed margins below.
      if (axis.type !== 'category') delete axis.automargin;
      layout[k] = axis;
    }
  }
  // The caption replaces a figure title, so untitled figures need little room on top.
  const margin = (layout.margin ?? {}) as Record<string, number>;
  const fixed = { ...margin, l: Math.max(margin.l ?? 80, 80), b: Math.max(margin.b ?? 60, 60) };
  layout.margin = !layout.title && !layout.updatemenus ? { ...fixed, t: Math.min(margin.t ?? 50, 50) } : fixed;
  return { data: fig.data, layout };
}

/** Options of {@link declutter}. */
export interface DeclutterOptions {
  /**
   * y title for the first column when the panels of a row carry different
   * titles (e.g. "|E error|", "|A error|" with the parameter in the panel
   * title). Default: none, so differing titles are all kept.
   */
  readonly rowTitle?: string;
}

const titleText = (a: Record<string, unknown> | undefined): string => {
  const t = a?.title;
  return typeof t === 'string' ? t : ((t as { text?: string } | undefined)?.text ?? '');
};

/**
 * For a grid of panels: keeps axis titles only on the bottom row (x) and the
 * first column (y), so the titles of neighbouring panels do not collide. A
 * y title is only dropped where it repeats the first column's, or where
 * `rowTitle` replaces the row's differing titles.
 */
export function declutter(fig: PlotlyFigure, options: DeclutterOptions = {}): PlotlyFigure {
  const layout: Record<string, unknown> = { ...fig.layout };
  const axes = Object.entries(layout).filter(([k, v]) => /^[xy]axis\d*$/.test(k) && v && typeof v === 'object') as Array<[string, Record<string, unknown>]>;
  const yDomain = (xKey: string): number => {
    const x = layout[xKey] as Record<string, unknown>;
    const anchor = String(x.anchor ?? 'y');
    const y = layout[anchor === 'y' ? 'yaxis' : `yaxis${anchor.slice(1)}`] as Record<string, unknown> | undefined;
    return ((y?.domain as number[] | undefined) ?? [0, 1])[0];
  };
  const xs = axes.filter(([k]) => k.startsWith('x'));
  const ys = axes.filter(([k, v]) => k.startsWith('y') && !v.overlaying);
  const bottom = Math.min(...xs.map(([k]) => yDomain(k)));
  const left = Math.min(
    ...ys.map(([, v]) => ((v.domain as number[] | undefined) ?? [0, 1])[0]),
    ...xs.map(([, v]) => ((v.domain as number[] | undefined) ?? [0, 1])[0]),
  );
  for (const [k, v] of xs) {
    if (yDomain(k) > bottom + 1e-9) layout[k] = { ...v, title: undefined };
    else if ((v.title as { text?: string } | undefined)?.text?.startsWith('Grid width')) layout[k] = { ...v, title: { text: 'Grid width' } };
  }
  const x0Of = (v: Record<string, unknown>): number => {
    const anchor = String(v.anchor ?? 'x');
    const x = layout[anchor === 'x' ? 'xaxis' : `xaxis${anchor.slice(1)}`] as Record<string, unknown> | undefined;
    return ((x?.domain as number[] | undefined) ?? [0, 1])[0];
  };
  const rowOf = (v: Record<string, unknown>): string => ((v.domain as number[] | undefined) ?? [0, 1])[1].toFixed(6);
  const rowTitles = new Map<string, Set<string>>();
  for (const [, v] of ys) (rowTitles.get(rowOf(v)) ?? rowTitles.set(rowOf(v), new Set()).get(rowOf(v))!).add(titleText(v));
  for (const [k, v] of ys) {
    const differ = (rowTitles.get(rowOf(v))?.size ?? 1) > 1;
    if (differ && !options.rowTitle) continue;
    if (x0Of(v) > left + 1e-9) layout[k] = { ...v, title: undefined };
    else if (differ) layout[k] = { ...v, title: { text: options.rowTitle } };
  }
  return { data: fig.data, layout };
}

/** British spellings in experiment figures, as the article writes them (the article is written in American English; specs/article.md, "Lint"). */
const AMERICAN: ReadonlyArray<[RegExp, string]> = [
  [/\bcentred/g, 'centered'],
  [/\bcentre/g, 'center'],
  [/\boptimis/g, 'optimiz'],
  [/\bcolour/g, 'color'],
  [/\bbehaviour/g, 'behavior'],
  [/\bneighbour/g, 'neighbor'],
];

/** A copy of a figure with every string (trace names, titles, annotations) in American spelling. */
export function americanize(fig: PlotlyFigure): PlotlyFigure {
  const fix = (v: unknown): unknown => {
    if (typeof v === 'string') return AMERICAN.reduce((s, [re, to]) => s.replace(re, to), v);
    if (Array.isArray(v)) return v.map(fix);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fix(x)]));
    return v;
  };
  return fix(fig) as PlotlyFigure;
}

/**
 * Drops tick labels of array-tick axes that sit closer than `minFraction` of
 * the ticks' span to the previous kept tick (e.g. ±2× and ±3.2× on a narrow
 * grid-width axis), so neighbouring labels do not overlap.
 */
export function thinTicks(fig: PlotlyFigure, minFraction = 0.15): PlotlyFigure {
  const layout: Record<string, unknown> = { ...fig.layout };
  for (const [k, v] of Object.entries(layout)) {
    if (!/^[xy]axis\d*$/.test(k) || !v || typeof v !== 'object') continue;
    const a = v as Record<string, unknown>;
    if (!Array.isArray(a.tickvals) || !Array.isArray(a.ticktext) || a.type === 'category') continue;
    const vals = a.tickvals as number[];
    const span = Math.max(...vals) - Math.min(...vals);
    const keep: number[] = [];
    vals.forEach((t, i) => {
      if (keep.length === 0 || Math.abs(t - vals[keep[keep.length - 1]]) >= minFraction * span) keep.push(i);
    });
    layout[k] = { ...a, tickvals: keep.map((i) => vals[i]), ticktext: keep.map((i) => (a.ticktext as unknown[])[i]) };
  }
  return { data: fig.data, layout };
}

/** Symmetric-log map: linear within ±t, log10 beyond, continuous at ±t. */
export function symlog(y: number, t: number): number {
  const a = Math.abs(y);
  return a <= t ? y / t : Math.sign(y) * (1 + Math.log10(a / t));
}

/** Axis settings for a signed symmetric-log axis covering ±maxAbs (ticks at 0, ±t, ±10t, …, labelled in data units). */
export function symlogAxis(maxAbs: number, t: number, unit = ''): Record<string, unknown> {
  const pos: number[] = [t];
  for (let v = 10 * t; v / 10 < maxAbs; v *= 10) pos.push(v);
  const ticks = [...pos.map((v) => -v).reverse(), 0, ...pos];
  const label = (v: number): string => (v === 0 ? '0' : `${v < 0 ? '\u2212' : ''}${Number(Math.abs(v).toPrecision(3))}${unit}`);
  return { tickmode: 'array', tickvals: ticks.map((v) => symlog(v, t)), ticktext: ticks.map(label), zeroline: true, zerolinecolor: '#888' };
}
