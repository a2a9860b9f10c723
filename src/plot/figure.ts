/**
 * Figure-spec plumbing: plain Plotly `{data, layout}` objects and a subplot
 * grid laid out with axis domains (no plotly.js needed at build time).
 */
import type { PlotlyFigure, Trace } from './plotly.ts';
import { baseAxis, baseLayout, PANEL_TITLE_FONT_SIZE, TITLE_FONT_SIZE, wAxis, ZERO_LINE_COLOR } from './theme.ts';

export type { Trace };

/** A figure as Plotly takes it (the figure builders' name for {@link PlotlyFigure}). */
export type Figure = PlotlyFigure;

/** One axis of a panel. */
export interface AxisSpec {
  /** Title with units. */
  title?: string;
  /** Default linear. */
  type?: 'linear' | 'log' | 'category';
  /** Use the W-sweep ticks of specs/experiments.md §A.5 (x axes). */
  wTicks?: boolean;
  /** Any further Plotly axis attributes. */
  extra?: Record<string, unknown>;
}

/** A trace placed in a panel; `secondary` puts it on the panel's right-hand y axis. */
export type PanelTrace = Trace & { secondary?: boolean };

/** A text note inside a panel, positioned in panel fractions (0–1). */
export interface PanelNote {
  text: string;
  x: number;
  y: number;
  xanchor?: 'left' | 'center' | 'right';
  yanchor?: 'top' | 'middle' | 'bottom';
}

export interface PanelSpec {
  title?: string;
  x?: AxisSpec;
  y?: AxisSpec;
  /** Secondary y axis on the right (overlaying y). */
  y2?: AxisSpec;
  traces: PanelTrace[];
  /** Draw a horizontal line at y = 0. */
  zeroLine?: boolean;
  notes?: PanelNote[];
}

export interface GridSpec {
  rows: number;
  cols: number;
  /** Row-major, `rows·cols` entries; `null` leaves a cell empty. */
  panels: Array<PanelSpec | null>;
  title?: string;
  /** Pixel height; default 120 + 300 per row. */
  height?: number;
  /** Pixel width; default responsive. */
  width?: number;
  /** Gap between columns, fraction of the width (default 0.06; 0.075 from 3 columns; 0.1 with secondary axes). */
  hSpacing?: number;
  /** Gap between rows, fraction of the height (default 0.4/rows capped at 0.12). */
  vSpacing?: number;
  /** Extra layout attributes merged last (e.g. `barmode`). */
  layout?: Record<string, unknown>;
}

function axisName(kind: 'x' | 'y', n: number): string {
  return n === 1 ? kind : `${kind}${n}`;
}

function layoutKey(kind: 'x' | 'y', n: number): string {
  return n === 1 ? `${kind}axis` : `${kind}axis${n}`;
}

function axisLayout(spec: AxisSpec | undefined, isX: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...baseAxis() };
  if (spec?.wTicks && isX) Object.assign(out, wAxis(spec.title));
  else if (spec?.title) out.title = { text: spec.title };
  if (spec?.type) out.type = spec.type;
  if (spec?.extra) Object.assign(out, spec.extra);
  return out;
}

/**
 * A grid of panels as one figure: panel k (row-major) uses axes x{k+1} and
 * y{k+1}; secondary y axes are numbered after the last panel. Subplot titles
 * are paper annotations above each panel. A trace's legend entry is shown
 * only the first time its `legendgroup` (or `name`) appears, unless the
 * trace sets `showlegend` itself.
 */
export function panelGrid(spec: GridSpec): Figure {
  const { rows, cols, panels } = spec;
  if (!(Number.isInteger(rows) && rows >= 1 && Number.isInteger(cols) && cols >= 1)) {
    throw new RangeError(`panelGrid: rows and cols must be positive integers, got ${rows}×${cols}`);
  }
  if (panels.length !== rows * cols) throw new RangeError(`panelGrid: ${panels.length} panels given for a ${rows}×${cols} grid`);
  const hasSecondary = panels.some((p) => p?.y2);
  const hs = spec.hSpacing ?? (cols > 1 ? (hasSecondary ? 0.1 : cols >= 3 ? 0.075 : 0.06) : 0);
  const vs = spec.vSpacing ?? (rows > 1 ? Math.min(0.12, 0.4 / rows) : 0);
  // Leave room for the right-hand axes of the last column before the legend.
  const xEnd = hasSecondary ? 0.96 : 1;
  const w = (xEnd - (cols - 1) * hs) / cols;
  const h = (1 - (rows - 1) * vs) / rows;

  const layout: Record<string, unknown> = { ...baseLayout() };
  layout.height = spec.height ?? 120 + 300 * rows;
  if (spec.width) layout.width = spec.width;
  if (spec.title) layout.title = { text: spec.title, font: { size: TITLE_FONT_SIZE }, x: 0.5, xanchor: 'center' };
  const annotations: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  const data: Trace[] = [];
  const seenLegend = new Set<string>();
  let nextSecondary = rows * cols + 1;

  panels.forEach((panel, k) => {
    const r = Math.floor(k / cols);
    const c = k % cols;
    const n = k + 1;
    const x0 = c * (w + hs);
    const yTop = 1 - r * (h + vs);
    const xa = axisLayout(panel?.x, true);
    const ya = axisLayout(panel?.y, false);
    xa.domain = [x0, Math.min(xEnd, x0 + w)];
    xa.anchor = axisName('y', n);
    ya.domain = [Math.max(0, yTop - h), yTop];
    ya.anchor = axisName('x', n);
    if (!panel) {
      xa.visible = false;
      ya.visible = false;
    }
    layout[layoutKey('x', n)] = xa;
    layout[layoutKey('y', n)] = ya;
    if (!panel) return;

    let y2Name: string | null = null;
    if (panel.y2) {
      const m = nextSecondary++;
      y2Name = axisName('y', m);
      const y2 = axisLayout(panel.y2, false);
      Object.assign(y2, { overlaying: axisName('y', n), side: 'right', anchor: axisName('x', n), showgrid: false, mirror: false });
      layout[layoutKey('y', m)] = y2;
    }
    if (panel.title) {
      annotations.push({
        text: `<b>${panel.title}</b>`,
        x: x0 + w / 2,
        y: yTop,
        xref: 'paper',
        yref: 'paper',
        xanchor: 'center',
        yanchor: 'bottom',
        yshift: 4,
        showarrow: false,
        font: { size: PANEL_TITLE_FONT_SIZE },
      });
    }
    for (const note of panel.notes ?? []) {
      annotations.push({
        text: note.text,
        x: note.x,
        y: note.y,
        xref: `${axisName('x', n)} domain`,
        yref: `${axisName('y', n)} domain`,
        xanchor: note.xanchor ?? 'left',
        yanchor: note.yanchor ?? 'top',
        showarrow: false,
        align: 'left',
        bgcolor: 'rgba(255,255,255,0.8)',
        font: { size: 11 },
      });
    }
    if (panel.zeroLine) {
      shapes.push({
        type: 'line',
        xref: `${axisName('x', n)} domain`,
        yref: axisName('y', n),
        x0: 0,
        x1: 1,
        y0: 0,
        y1: 0,
        line: { color: ZERO_LINE_COLOR, width: 1, dash: 'dot' },
        layer: 'below',
      });
    }
    for (const t of panel.traces) {
      const { secondary, ...trace } = t;
      if (secondary && !y2Name) throw new RangeError(`panelGrid: panel ${k} has a secondary trace but no y2 axis`);
      const out: Trace = { ...trace, xaxis: axisName('x', n), yaxis: secondary ? y2Name! : axisName('y', n) };
      const key = (trace.legendgroup ?? trace.name) as string | undefined;
      if (trace.showlegend === undefined) {
        if (key === undefined || seenLegend.has(key)) out.showlegend = false;
        else {
          seenLegend.add(key);
          out.showlegend = true;
          if (trace.legendgroup === undefined) out.legendgroup = key;
        }
      }
      data.push(out);
    }
  });
  layout.annotations = annotations;
  layout.shapes = shapes;
  if (spec.layout) Object.assign(layout, spec.layout);
  return { data, layout };
}

/** A line/marker trace with the common defaults. */
export function scatter(name: string, x: ArrayLike<number>, y: ArrayLike<number>, style: Record<string, unknown> = {}): Trace {
  return { type: 'scatter', mode: 'lines', name, x: Array.from(x), y: Array.from(y), ...style };
}
