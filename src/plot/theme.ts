/**
 * The shared look of every figure: font, colours per surface, bias, grid and
 * budget, marker symbols, and the W-axis ticks of specs/experiments.md §A.5.
 */

export const FONT_FAMILY = 'Inter, "Helvetica Neue", Arial, sans-serif';
export const FONT_SIZE = 12;
export const TITLE_FONT_SIZE = 16;
export const PANEL_TITLE_FONT_SIZE = 13;

export const TEXT_COLOR = '#222222';
export const GRID_LINE_COLOR = '#e6e6e6';
export const ZERO_LINE_COLOR = '#888888';

/** Colour-blind-safe qualitative palette (Okabe–Ito, with black last). */
export const QUALITATIVE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'] as const;

/** Colour of an item by position in a qualitative list. */
export function qualitative(i: number): string {
  return QUALITATIVE[((i % QUALITATIVE.length) + QUALITATIVE.length) % QUALITATIVE.length];
}

export const SURFACE_COLORS: Readonly<Record<string, string>> = {
  symmetric: '#0072B2',
  chinchilla: '#009E73',
  asymmetric: '#D55E00',
  soda: '#CC79A7',
  sparse_nmm: '#E69F00',
  llama_3: '#56B4E9',
  balanced: '#0072B2',
  small_imbalance: '#56B4E9',
  moderate_imbalance: '#E69F00',
  high_imbalance: '#D55E00',
  extreme_imbalance: '#CC79A7',
};

export const BIAS_COLORS: Readonly<Record<string, string>> = {
  baseline: '#000000',
  'drift_0.2': '#56B4E9',
  'drift_0.4': '#0072B2',
  'scale_1.5': '#E69F00',
  'scale_2.0': '#D55E00',
  centered: '#000000',
  offset_3x: '#D55E00',
  drift_3x: '#0072B2',
};

export const GRID_COLORS: Readonly<Record<string, string>> = {
  XS: '#c6dbef',
  S: '#6baed6',
  L: '#2171b5',
  XL: '#08306b',
};

/** Colours of the N and D quantities when they share a panel. */
export const N_COLOR = '#0072B2';
export const D_COLOR = '#D55E00';

/** Marker symbols (specs/article.md, "Adding a figure"): true optimum ×, Approach 2 vertex +, sampling centre ◆, VPNLS ○. */
export const MARKERS = {
  trueOptimum: 'x',
  approach2Vertex: 'cross',
  samplingCenter: 'diamond',
  vpnls: 'circle-open',
} as const;

/** A colour from `map`, else a qualitative colour by index. */
export function colorFor(map: Readonly<Record<string, string>>, key: string, index = 0): string {
  return map[key] ?? qualitative(index);
}

const VIRIDIS_STOPS: ReadonlyArray<readonly [number, number, number]> = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 73, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [109, 205, 89],
  [180, 222, 44],
  [253, 231, 37],
];

/** Viridis at t ∈ [0, 1] (0 dark purple, 1 yellow), as `rgb(r,g,b)`. */
export function viridis(t: number): string {
  const u = Math.min(1, Math.max(0, t)) * (VIRIDIS_STOPS.length - 1);
  const i = Math.min(VIRIDIS_STOPS.length - 2, Math.floor(u));
  const f = u - i;
  const c = VIRIDIS_STOPS[i].map((v, k) => Math.round(v + f * (VIRIDIS_STOPS[i + 1][k] - v)));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Budget colour on the sequential scale: darker = larger budget (index i of n, ascending budgets). */
export function budgetColor(i: number, n: number): string {
  return viridis(n <= 1 ? 0 : 0.85 * (1 - i / (n - 1)));
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};

/** `1e17` → `10¹⁷`, `6e18` → `6×10¹⁸` (for legends and titles). */
export function formatPow10(x: number): string {
  const e = Math.floor(Math.log10(Math.abs(x)) + 1e-12);
  const m = x / Math.pow(10, e);
  const exp = String(e)
    .split('')
    .map((ch) => SUPERSCRIPT[ch] ?? ch)
    .join('');
  const mant = Math.abs(m - Math.round(m)) < 1e-9 ? String(Math.round(m)) : String(Number(m.toPrecision(3)));
  return mant === '1' ? `10${exp}` : `${mant}×10${exp}`;
}

/** Label of a grid factor 10^W (specs/experiments.md §A.5): one decimal below 10, none from 10 up, e.g. `±3.2×`, `±32×`. */
export function gridFactorLabel(W: number): string {
  const k = Math.pow(10, W);
  return `±${k < 10 ? k.toFixed(1) : k.toFixed(0)}×`;
}

/** Tick positions of every W axis (specs/experiments.md §A.5). */
export const W_TICK_VALUES: readonly number[] = [0.3, 0.5, 1.0, 1.5, 2.0];

/** A Plotly axis for a sweep over W: x = log_range with ±k× tick labels. */
export function wAxis(title = 'Grid width ±k× (W = log₁₀ k)'): Record<string, unknown> {
  return {
    title: { text: title },
    tickmode: 'array',
    tickvals: [...W_TICK_VALUES],
    ticktext: W_TICK_VALUES.map(gridFactorLabel),
    range: [0.25, 2.05],
  };
}

/** Layout defaults shared by every figure. */
export function baseLayout(): Record<string, unknown> {
  return {
    font: { family: FONT_FAMILY, size: FONT_SIZE, color: TEXT_COLOR },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    hovermode: 'closest',
    margin: { l: 70, r: 40, t: 90, b: 60 },
    legend: { font: { size: 11 }, tracegroupgap: 4 },
  };
}

/** Axis defaults: light grid, a frame, "10ⁿ" exponents on log axes. */
export function baseAxis(): Record<string, unknown> {
  return {
    showgrid: true,
    gridcolor: GRID_LINE_COLOR,
    zeroline: false,
    showline: true,
    linecolor: '#444444',
    mirror: true,
    ticks: 'outside',
    exponentformat: 'power',
    automargin: true,
  };
}
