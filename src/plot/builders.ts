/**
 * General figure builders: grids of line panels and of grouped bar panels.
 * Finished numbers in, `{data, layout}` out.
 */
import { type Figure, type PanelSpec, type PanelTrace, panelGrid } from './figure.ts';

/** One line (or marker) series of a panel. */
export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  /** Plotly dash style: 'solid', 'dash', 'dot', … */
  dash?: string;
  mode?: 'lines' | 'markers' | 'lines+markers';
  /** Legend group; series sharing it share one legend entry. Default: the name. */
  group?: string;
  markerSize?: number | number[];
  markerSymbol?: string;
  opacity?: number | number[];
  /** Hover labels per point. */
  text?: string[];
}

export interface LinePanel {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  xType?: 'linear' | 'log';
  yType?: 'linear' | 'log';
  /** x is a W sweep: use the specs/experiments.md §A.5 ticks. */
  wAxis?: boolean;
  zeroLine?: boolean;
  series: Series[];
}

export interface LineGridSpec {
  title?: string;
  rows: number;
  cols: number;
  panels: Array<LinePanel | null>;
  height?: number;
}

function seriesTrace(s: Series): PanelTrace {
  const marker: Record<string, unknown> = {};
  if (s.color) marker.color = s.color;
  if (s.markerSize !== undefined) marker.size = s.markerSize;
  if (s.markerSymbol) marker.symbol = s.markerSymbol;
  if (Array.isArray(s.opacity)) marker.opacity = s.opacity;
  const trace: PanelTrace = {
    type: 'scatter',
    mode: s.mode ?? 'lines+markers',
    name: s.name,
    legendgroup: s.group ?? s.name,
    x: Array.from(s.x),
    y: Array.from(s.y),
    line: { color: s.color, dash: s.dash ?? 'solid', width: 1.8 },
    marker,
  };
  if (typeof s.opacity === 'number') trace.opacity = s.opacity;
  if (s.text) trace.text = s.text;
  return trace;
}

function linePanel(p: LinePanel): PanelSpec {
  return {
    title: p.title,
    x: { title: p.xTitle, type: p.xType, wTicks: p.wAxis },
    y: { title: p.yTitle, type: p.yType },
    zeroLine: p.zeroLine,
    traces: p.series.map(seriesTrace),
  };
}

/** A rows × cols grid of line panels; one legend entry per series group. */
export function lineGrid(spec: LineGridSpec): Figure {
  return panelGrid({
    rows: spec.rows,
    cols: spec.cols,
    title: spec.title,
    height: spec.height,
    panels: spec.panels.map((p) => (p ? linePanel(p) : null)),
  });
}

/** One bar group member (e.g. one grid) across the categories of a panel. */
export interface BarSeries {
  name: string;
  /** One value per category, in category order. */
  values: ArrayLike<number>;
  color?: string;
  /** Labels printed on the bars. */
  text?: string[];
}

export interface BarPanel {
  title?: string;
  /** Category labels on the x axis. */
  categories: string[];
  xTitle?: string;
  yTitle?: string;
  series: BarSeries[];
  zeroLine?: boolean;
}

export interface BarGridSpec {
  title?: string;
  rows: number;
  cols: number;
  panels: BarPanel[];
  height?: number;
}

/** A grid of grouped vertical bar panels. */
export function groupedBarGrid(spec: BarGridSpec): Figure {
  const panels: PanelSpec[] = spec.panels.map((p) => ({
    title: p.title,
    x: { title: p.xTitle, type: 'category' },
    y: { title: p.yTitle },
    zeroLine: p.zeroLine,
    traces: p.series.map((s) => ({
      type: 'bar',
      name: s.name,
      legendgroup: s.name,
      x: p.categories,
      y: Array.from(s.values),
      marker: { color: s.color },
      text: s.text,
      textposition: s.text ? 'outside' : undefined,
      textfont: s.text ? { size: 11 } : undefined,
      cliponaxis: false,
    })),
  }));
  return panelGrid({
    rows: spec.rows,
    cols: spec.cols,
    title: spec.title,
    height: spec.height,
    panels,
    layout: { barmode: 'group', bargap: 0.15, bargroupgap: 0.05 },
  });
}
