/**
 * Phone layouts of multi-panel figures: below {@link PHONE_BREAKPOINT_PX}
 * the page swaps a figure's layout for one with every panel stacked in a
 * single full-width column (subplot domains rewritten, panel titles and
 * other paper-anchored annotations and shapes moved with their panel, the
 * legend and buttons placed outside the panels, hidden row labels of
 * side-by-side heatmaps shown again). Computed at build time from the
 * desktop layout, so the page only swaps layouts.
 */

/** Viewport width (CSS px) below which figures use their phone layout. */
export const PHONE_BREAKPOINT_PX = 600;

/** Options of {@link phoneLayout}; every field has a default. */
export interface PhoneLayoutOptions {
  /** Height of one stacked panel's plot area in px (default 250). */
  readonly panelHeight?: number;
  /** Gap between stacked panels in px, room for the x axis of the panel above and the title of the next (default 110). */
  readonly gap?: number;
  /** Top margin in px, room for the first panel title and buttons (default 60). */
  readonly top?: number;
  /** Bottom margin in px, room for the last x axis title (default 60). */
  readonly bottom?: number;
}

type Obj = Record<string, unknown>;

interface Cell {
  /** Layout keys of the panel's axes. */
  readonly xKey: string;
  readonly yKey: string;
  readonly x: [number, number];
  readonly y: [number, number];
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const axisKey = (id: string): string => (id.length === 1 ? `${id}axis` : `${id[0]}axis${id.slice(1)}`);
const domainOf = (a: Obj | undefined): [number, number] => {
  const d = a?.domain;
  return Array.isArray(d) && d.length === 2 ? [Number(d[0]), Number(d[1])] : [0, 1];
};

/** The visible panels of a layout (x axis with its anchored y axis), top row first, then left to right. */
export function panelCells(layout: Obj): Cell[] {
  const cells: Cell[] = [];
  for (const [k, v] of Object.entries(layout)) {
    const m = /^xaxis(\d*)$/.exec(k);
    if (!m || !isObj(v) || v.visible === false || v.overlaying) continue;
    const yId = typeof v.anchor === 'string' && v.anchor.startsWith('y') ? v.anchor : `y${m[1]}`;
    const yKey = axisKey(yId);
    const ya = layout[yKey];
    if (!isObj(ya) || ya.visible === false) continue;
    cells.push({ xKey: k, yKey, x: domainOf(v), y: domainOf(ya) });
  }
  return cells.sort((a, b) => b.y[1] - a.y[1] || a.x[0] - b.x[0]);
}

/** Number of visible panels of a layout. */
export function panelCount(layout: Obj): number {
  return panelCells(layout).length;
}

/** Characters per line of a panel title or category label on a phone. */
const TITLE_CHARS = 32;
const LABEL_CHARS = 22;

/** Breaks text longer than `max` visible characters at spaces into lines of at most about `max` (HTML tags kept whole). */
export function wrapText(text: string, max: number): string {
  if (text.includes('<br>') || text.replace(/<[^>]+>/g, '').length <= max) return text;
  const m = /^(<b>)?(.*?)(<\/b>)?$/.exec(text)!;
  const lines: string[] = [];
  let line = '';
  for (const word of m[2].split(' ')) {
    if (line && (line + ' ' + word).replace(/<[^>]+>/g, '').length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l) => `${m[1] ?? ''}${l}${m[3] ?? ''}`).join('<br>');
}

/** For a category y axis with long labels: the same categories with wrapped tick text. */
function wrappedCategories(data: readonly Obj[], yKey: string): Obj {
  const yId = yKey === 'yaxis' ? 'y' : `y${yKey.slice(5)}`;
  const onAxis = data.filter((t) => (t.yaxis ?? 'y') === yId && Array.isArray(t.y));
  const cats = [...new Set(onAxis.flatMap((t) => (t.y as unknown[]).filter((v): v is string => typeof v === 'string')))];
  if (cats.length === 0 || cats.every((c) => c.length <= LABEL_CHARS)) return {};
  return { tickmode: 'array', tickvals: cats, ticktext: cats.map((c) => wrapText(c, LABEL_CHARS)), tickfont: { size: 10 } };
}

/** Automatic ticks limited to what a phone panel can label without overlap (log axes otherwise add 2 and 5 labels). */
function fewerTicks(axis: Obj): Obj {
  return axis.type === 'category' || axis.tickmode === 'array' || Array.isArray(axis.tickvals) ? {} : { nticks: 6 };
}

/** For a category x axis whose labels do not fit side by side on a phone: slanted labels. */
function slantedCategories(data: readonly Obj[], xKey: string): Obj {
  const xId = xKey === 'xaxis' ? 'x' : `x${xKey.slice(5)}`;
  const cats = [
    ...new Set(
      data.filter((t) => (t.xaxis ?? 'x') === xId && Array.isArray(t.x)).flatMap((t) => (t.x as unknown[]).filter((v): v is string => typeof v === 'string')),
    ),
  ];
  const chars = cats.reduce((n, c) => n + Math.max(...c.split('<br>').map((l) => l.length)) + 2, 0);
  // About 6 px per character at the phone tick font against roughly 280 px of axis.
  return chars * 6 > 280
    ? { tickangle: -45, tickfont: { size: 10 }, tickmode: 'array', tickvals: cats, ticktext: cats.map((c) => c.replace(/<br>/g, ' ')) }
    : {};
}

const inside = (v: number, [lo, hi]: [number, number], slack: number): boolean => v >= lo - slack && v <= hi + slack;
const remap = (v: number, from: [number, number], to: [number, number]): number => to[0] + ((v - from[0]) / (from[1] - from[0] || 1)) * (to[1] - to[0]);

/**
 * The phone layout of a multi-panel figure, or null for a single panel
 * (it reflows by itself). Only keys that change are returned; the page
 * merges them over the desktop layout.
 */
export function phoneLayout(figure: { readonly data: readonly Obj[]; readonly layout: Obj }, options: PhoneLayoutOptions = {}): Obj | null {
  const layout = figure.layout;
  const cells = panelCells(layout);
  if (cells.length < 2) return null;
  const panelH = options.panelHeight ?? 250;
  const gap = options.gap ?? 110;
  const top = options.top ?? 60;
  const bottom = options.bottom ?? 60;
  const plotH = cells.length * panelH + (cells.length - 1) * gap;
  const height = plotH + top + bottom;
  const hasRightAxis = Object.values(layout).some((v) => isObj(v) && v.overlaying && v.side === 'right');
  const xDomain: [number, number] = [0, hasRightAxis ? 0.86 : 1];
  const slots = cells.map((_, i): [number, number] => {
    const hi = 1 - (i * (panelH + gap)) / plotH;
    return [hi - panelH / plotH, hi];
  });
  const out: Obj = { height, margin: { ...(isObj(layout.margin) ? layout.margin : {}), t: top, b: bottom, l: 60, r: hasRightAxis ? 50 : 15 } };
  // Desktop grids title only the bottom row's x axes and the first column's y axes; a stacked panel
  // takes the title of the panel that carries it in its column (x) or row (y).
  const titleOf = (key: string): unknown => (layout[key] as Obj).title;
  const hasTitle = (t: unknown): boolean => (typeof t === 'string' ? t !== '' : isObj(t) && typeof t.text === 'string' && t.text !== '');
  const borrowed = (c: Cell, axis: 'x' | 'y'): unknown => {
    const own = titleOf(axis === 'x' ? c.xKey : c.yKey);
    if (hasTitle(own)) return own;
    const same = cells.filter((o) => (axis === 'x' ? Math.abs(o.x[0] - c.x[0]) < 1e-6 : Math.abs(o.y[1] - c.y[1]) < 1e-6));
    const donor = same.map((o) => titleOf(axis === 'x' ? o.xKey : o.yKey)).find(hasTitle);
    return donor ?? own;
  };
  cells.forEach((c, i) => {
    const xa: Obj = { ...(layout[c.xKey] as Obj), title: borrowed(c, 'x') };
    const ya: Obj = { ...(layout[c.yKey] as Obj), title: borrowed(c, 'y') };
    // Every panel gets its own axis titles and tick labels back (the desktop grid shares them across rows and columns).
    out[c.xKey] = {
      ...xa,
      domain: xDomain,
      ...(xa.showticklabels === false && xa.type === 'category' ? { showticklabels: true } : {}),
      ...fewerTicks(xa),
      ...slantedCategories(figure.data, c.xKey),
    };
    out[c.yKey] = {
      ...ya,
      domain: slots[i],
      ...(ya.showticklabels === false && ya.type === 'category' ? { showticklabels: true } : {}),
      ...fewerTicks(ya),
      ...wrappedCategories(figure.data, c.yKey),
    };
  });
  // Secondary y axes follow their panel.
  for (const [k, v] of Object.entries(layout)) {
    if (!/^yaxis\d*$/.test(k) || !isObj(v) || !v.overlaying) continue;
    const i = cells.findIndex((c) => c.yKey === axisKey(String(v.overlaying)));
    if (i >= 0) out[k] = { ...v, domain: slots[i] };
  }
  // The panel a paper point belongs to: inside its cell, or on its title line just above it.
  const owner = (x: number, y: number): number => cells.findIndex((c) => inside(x, c.x, 0.01) && inside(y, c.y, 0.02));
  const movePoint = (x: number, y: number): { x: number; y: number } | null => {
    const i = owner(x, y);
    return i < 0 ? null : { x: remap(x, cells[i].x, xDomain), y: remap(y, cells[i].y, slots[i]) };
  };
  if (Array.isArray(layout.annotations)) {
    out.annotations = (layout.annotations as Obj[]).map((a) => {
      if (a.xref !== 'paper' || a.yref !== 'paper' || typeof a.x !== 'number' || typeof a.y !== 'number') return a;
      const p = movePoint(a.x, a.y);
      return p ? { ...a, ...p, ...(typeof a.text === 'string' ? { text: wrapText(a.text, TITLE_CHARS) } : {}) } : a;
    });
  }
  if (Array.isArray(layout.shapes)) {
    out.shapes = (layout.shapes as Obj[]).map((s) => {
      const next: Obj = { ...s };
      if (s.xref === 'paper' && typeof s.x0 === 'number' && typeof s.x1 === 'number') {
        const i = cells.findIndex((c) => inside((Number(s.x0) + Number(s.x1)) / 2, c.x, 0.01));
        if (i >= 0) Object.assign(next, { x0: remap(Number(s.x0), cells[i].x, xDomain), x1: remap(Number(s.x1), cells[i].x, xDomain) });
      }
      if (s.yref === 'paper' && typeof s.y0 === 'number' && typeof s.y1 === 'number') {
        const i = cells.findIndex((c) => inside((Number(s.y0) + Number(s.y1)) / 2, c.y, 0.01));
        if (i >= 0) Object.assign(next, { y0: remap(Number(s.y0), cells[i].y, slots[i]), y1: remap(Number(s.y1), cells[i].y, slots[i]) });
      }
      return next;
    });
  }
  // Legend below the last panel (clear of its axis title); buttons above the first panel title.
  if (layout.showlegend !== false) {
    out.legend = {
      ...(isObj(layout.legend) ? layout.legend : {}),
      orientation: 'h',
      x: 0,
      xanchor: 'left',
      y: -55 / plotH,
      yanchor: 'top',
      font: { size: 10 },
    };
  }
  if (Array.isArray(layout.updatemenus)) {
    out.updatemenus = (layout.updatemenus as Obj[]).map((u) => ({ ...u, x: 0, xanchor: 'left', y: 1 + 30 / plotH, yanchor: 'bottom', font: { size: 10 } }));
  }
  return out;
}
