/**
 * `--report FILE.html`: one self-contained page (plotly.js inlined once, so
 * it opens offline) with the summary, the IsoFLOP curves with the fits, the
 * residuals, the power laws and their extrapolation to the target budget,
 * the closed-form Approach 2 bias for the data's own grid, and the bootstrap
 * distributions.
 */
import { approach2InterceptError, approach2ExtrapolationError } from '../fit/approach2-bias.ts';
import type { Approach2Result } from '../fit/approach2.ts';
import { baseAxis, baseLayout, budgetColor, D_COLOR, formatPow10, gridFactorLabel, N_COLOR, QUALITATIVE } from '../plot/theme.ts';
import { loss, nOpt, lossOpt, FLOPS_PER_PARAM_TOKEN, type LossSurface } from '../surface/loss-surface.ts';
import { linspace } from '../util/space.ts';
import { maxOf } from '../util/stats.ts';
import { escapeHtml } from '../plot/html.ts';
import { OFFLINE_PLOTLY_CONFIG, type PlotlyFigure } from '../plot/plotly.ts';
import { quantileSorted, SCHEME_DESCRIPTIONS } from './bootstrap-core.ts';
import type { FitInput, FitOutcome, QuantityKey } from './fit-core.ts';
import { formatNumber, formatPercent, formatSummary, gridFactor, pinnedQuantities, type RunReport } from './output.ts';
import { pageHtml, type PageFigure } from './page.ts';

/** A figure with its anchor id, heading and caption. */
export type ReportFigure = PageFigure;

/** Extra fits drawn for comparison: Approach 2 next to a surface fit, a surface next to Approach 2. */
export interface Companions {
  /** Approach 2 on the same groups (null if it cannot run on these data). */
  readonly approach2: Approach2Result | null;
  /** A surface in natural units (the fit's own, or a VPNLS fit when the method is Approach 2). */
  readonly surface: LossSurface | null;
  /** Which fit `surface` is. */
  readonly surfaceLabel: string;
}

/** Plotly config of the report page: offline, no cloud or logo link. */
export const REPORT_PLOTLY_CONFIG = OFFLINE_PLOTLY_CONFIG;

function logAxis(title: string): Record<string, unknown> {
  return { ...baseAxis(), type: 'log', title: { text: title } };
}

function linAxis(title: string): Record<string, unknown> {
  return { ...baseAxis(), title: { text: title } };
}

function layout(title: string, extra: Record<string, unknown>): Record<string, unknown> {
  return { ...baseLayout(), title: { text: title, x: 0.01, xanchor: 'left' }, height: 520, margin: { l: 80, r: 30, t: 60, b: 60 }, ...extra };
}

/** Distinct groups ascending with the row indices of each. */
export function groupsOf(groups: Float64Array): Array<{ C: number; rows: number[] }> {
  const map = new Map<number, number[]>();
  groups.forEach((g, i) => {
    const r = map.get(g);
    if (r) r.push(i);
    else map.set(g, [i]);
  });
  return [...map.keys()].sort((x, y) => x - y).map((C) => ({ C, rows: map.get(C)! }));
}

const geomspace = (lo: number, hi: number, n: number): number[] => Array.from(linspace(Math.log10(lo), Math.log10(hi), n), (e) => Math.pow(10, e));

function parabolaAt(p: Approach2Result['budgets'][number]['parabolaN'], x: number): number {
  const u = x - p.xMean;
  return p.p0 + p.p1 * u + p.p2 * u * u;
}

function groupLabel(C: number): string {
  return `C = ${formatPow10(C)}`;
}

/** IsoFLOP curves: the runs, the fitted surface (or the parabolas) along each curve, and the optimum of each. */
function isoflopFigure(input: FitInput, outcome: FitOutcome): PlotlyFigure {
  const gs = groupsOf(input.groups);
  const showLegend = gs.length <= 16;
  const data: Array<Record<string, unknown>> = [];
  const optN: number[] = [];
  const optL: number[] = [];
  gs.forEach((g, i) => {
    const color = budgetColor(i, gs.length);
    const Ns = g.rows.map((r) => input.N[r]!);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: groupLabel(g.C),
      legendgroup: String(g.C),
      showlegend: showLegend,
      x: Ns,
      y: g.rows.map((r) => input.L[r]!),
      marker: { color, size: 7, line: { color: '#ffffff', width: 0.5 } },
      hovertemplate: `${groupLabel(g.C)}<br>N = %{x:.3s}<br>L = %{y:.4f}<extra></extra>`,
    });
    // Loops, not a spread into Math.min: spreading 10⁶ values overflows the call stack.
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of Ns) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    lo /= 1.3;
    hi *= 1.3;
    const xs = geomspace(lo, hi, 80);
    if (outcome.surface !== null) {
      const s = outcome.surface;
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `fit, ${groupLabel(g.C)}`,
        legendgroup: String(g.C),
        showlegend: false,
        x: xs,
        y: xs.map((N) => loss(s, N, g.C / (FLOPS_PER_PARAM_TOKEN * N))),
        line: { color, width: 1.5 },
        hoverinfo: 'skip',
      });
      optN.push(nOpt(s, g.C));
      optL.push(lossOpt(s, g.C));
    } else if (outcome.approach2 !== null) {
      const b = outcome.approach2.budgets.find((x) => x.C === g.C);
      if (b) {
        data.push({
          type: 'scatter',
          mode: 'lines',
          name: `parabola, ${groupLabel(g.C)}`,
          legendgroup: String(g.C),
          showlegend: false,
          x: xs,
          y: xs.map((N) => parabolaAt(b.parabolaN, Math.log10(N))),
          line: { color, width: 1.5, dash: 'dot' },
          hoverinfo: 'skip',
        });
        optN.push(b.nOpt);
        optL.push(b.parabolaN.minimum);
      }
    }
  });
  if (optN.length > 0) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: outcome.surface !== null ? 'N*(C) of the fit' : 'Approach 2 vertex',
      x: optN,
      y: optL,
      marker: { symbol: outcome.surface !== null ? 'x' : 'cross', size: 10, color: '#000000' },
      hovertemplate: 'N* = %{x:.3s}<br>L = %{y:.4f}<extra></extra>',
    });
  }
  return {
    data,
    layout: layout(outcome.surface !== null ? 'IsoFLOP curves and the fitted surface along each' : 'IsoFLOP curves and the Approach 2 parabolas', {
      xaxis: logAxis('parameters N'),
      yaxis: linAxis('loss L'),
      showlegend: true,
    }),
  };
}

/** Residuals L − L̂ against N, one colour per group. */
function residualFigure(input: FitInput, outcome: FitOutcome): PlotlyFigure {
  const gs = groupsOf(input.groups);
  const data: Array<Record<string, unknown>> = [];
  const fitted = (r: number): number | null => {
    if (outcome.surface !== null) return loss(outcome.surface, input.N[r]!, input.D[r]!);
    const b = outcome.approach2?.budgets.find((x) => x.C === input.groups[r]);
    return b ? parabolaAt(b.parabolaN, Math.log10(input.N[r]!)) : null;
  };
  gs.forEach((g, i) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const r of g.rows) {
      const f = fitted(r);
      if (f === null) continue;
      xs.push(input.N[r]!);
      ys.push(input.L[r]! - f);
    }
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: groupLabel(g.C),
      showlegend: gs.length <= 16,
      x: xs,
      y: ys,
      marker: { color: budgetColor(i, gs.length), size: 7 },
      hovertemplate: `${groupLabel(g.C)}<br>N = %{x:.3s}<br>residual = %{y:.4f}<extra></extra>`,
    });
  });
  const what = outcome.surface !== null ? 'the fitted surface' : 'the per-group Approach 2 parabolas';
  return {
    data,
    layout: layout(`Residuals L − L̂ of ${what}`, {
      xaxis: logAxis('parameters N'),
      yaxis: { ...linAxis('residual L − L̂'), zeroline: true, zerolinecolor: '#888888' },
      showlegend: gs.length <= 16,
    }),
  };
}

function bandFromSamples(a: Float64Array, a0: Float64Array, Cs: number[], level: number): { lo: number[]; hi: number[] } {
  const tail = (1 - level) / 2;
  const lo: number[] = [];
  const hi: number[] = [];
  const v = new Float64Array(a.length);
  for (const C of Cs) {
    const lc = Math.log10(C);
    for (let i = 0; i < a.length; i++) v[i] = a[i]! * lc + a0[i]!;
    v.sort();
    lo.push(Math.pow(10, quantileSorted(v, tail)));
    hi.push(Math.pow(10, quantileSorted(v, 1 - tail)));
  }
  return { lo, hi };
}

/** N*(C) and D*(C): the fitted power laws from the smallest budget to the target, the per-group optima, the target with its interval. */
function powerLawFigure(input: FitInput, r: RunReport, comp: Companions): PlotlyFigure {
  const o = r.outcome;
  const gs = groupsOf(input.groups);
  const cLo = gs[0]!.C / 2;
  const cHi = Math.max(o.target.compute, gs[gs.length - 1]!.C) * 2;
  const Cs = geomspace(cLo, cHi, 80);
  const line = (slope: number, icpt: number): number[] => Cs.map((C) => Math.pow(10, slope * Math.log10(C) + icpt));
  const fitName = o.methodName === 'approach2' ? 'Approach 2' : 'fit';
  const data: Array<Record<string, unknown>> = [];
  const b = r.bootstrap;
  for (const [q, color, slope, icpt, sa, sa0] of [
    ['N*', N_COLOR, o.a, o.a0, 'a', 'a0'],
    ['D*', D_COLOR, o.b, o.b0, 'b', 'b0'],
  ] as const) {
    if (b !== null && b.samples[sa] !== null && b.samples[sa0] !== null) {
      const band = bandFromSamples(b.samples[sa]!, b.samples[sa0]!, Cs, b.level);
      data.push({ type: 'scatter', mode: 'lines', x: Cs, y: band.lo, line: { width: 0 }, showlegend: false, hoverinfo: 'skip' });
      data.push({
        type: 'scatter',
        mode: 'lines',
        x: Cs,
        y: band.hi,
        line: { width: 0 },
        fill: 'tonexty',
        fillcolor: color === N_COLOR ? 'rgba(0,114,178,0.15)' : 'rgba(213,94,0,0.15)',
        name: `${q} ${formatNumber(100 * b.level)}% bootstrap band`,
        hoverinfo: 'skip',
      });
    }
    data.push({ type: 'scatter', mode: 'lines', name: `${q}(C), ${fitName}`, x: Cs, y: line(slope, icpt), line: { color, width: 2 } });
    if (o.methodName !== 'approach2' && comp.approach2 !== null) {
      const a2 = comp.approach2;
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${q}(C), Approach 2 on the same data`,
        x: Cs,
        y: line(q === 'N*' ? a2.a : a2.b, q === 'N*' ? a2.a0 : a2.b0),
        line: { color, width: 1.5, dash: 'dash' },
      });
    }
    const a2 = o.approach2 ?? comp.approach2;
    if (a2 !== null) {
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: `${q} Approach 2 vertices`,
        x: a2.budgets.map((g) => g.C),
        y: a2.budgets.map((g) => (q === 'N*' ? g.nOpt : g.dOpt)),
        marker: { color, symbol: 'cross', size: 9 },
      });
    } else {
      // No parabolas possible: show the lowest-loss run of each group.
      const best = gs.map((g) => g.rows.reduce((m, i) => (input.L[i]! < input.L[m]! ? i : m), g.rows[0]!));
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: `${q} of the lowest-loss run per group`,
        x: gs.map((g) => g.C),
        y: best.map((i) => (q === 'N*' ? input.N[i]! : input.D[i]!)),
        marker: { color, symbol: 'circle-open', size: 8 },
      });
    }
    const t = q === 'N*' ? o.target.N : o.target.D;
    const iv = b?.intervals[q === 'N*' ? 'target.N' : 'target.D'] ?? null;
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `${q} at the target`,
      x: [o.target.compute],
      y: [t],
      marker: { color, symbol: 'star', size: 14, line: { color: '#000000', width: 1 } },
      ...(iv !== null ? { error_y: { type: 'data', symmetric: false, array: [iv[1] - t], arrayminus: [t - iv[0]], color, thickness: 2, width: 8 } } : {}),
      hovertemplate: `${q} = %{y:.4s} at C = %{x:.3s}<extra></extra>`,
    });
  }
  return {
    data,
    layout: layout('Compute-optimal N* and D* against compute, extrapolated to the target', {
      legend: { traceorder: 'normal', font: { size: 11 } },
      xaxis: logAxis('compute C (FLOPs)'),
      yaxis: logAxis('N* (parameters), D* (tokens)'),
      shapes: [
        { type: 'line', xref: 'x', yref: 'paper', x0: o.target.compute, x1: o.target.compute, y0: 0, y1: 1, line: { color: '#888888', dash: 'dot', width: 1 } },
      ],
    }),
  };
}

/** Per-group and width-sweep predictions of the Approach 2 bias from the closed form. */
function biasFigures(r: RunReport, comp: Companions): ReportFigure[] {
  const s = r.outcome.surface ?? comp.surface;
  if (s === null) return [];
  const usable = r.grids.filter((g) => g.n >= 3 && g.W > 0);
  if (usable.length === 0) return [];
  const from = r.outcome.surface !== null ? 'this fit' : comp.surfaceLabel;
  const labels = usable.map((g) => `${formatPow10(g.C)} (${gridFactorLabel(g.W)}, n=${g.n})`);
  const nErr = usable.map((g) => 100 * approach2InterceptError(s.alpha, s.beta, g.W, g.n));
  const dErr = usable.map((g) => 100 * approach2ExtrapolationError(s.alpha, s.beta, g.W, g.n));
  const perGroup: ReportFigure = {
    id: 'fig-bias-groups',
    title: 'Predicted Approach 2 bias on your grid',
    caption:
      `Closed form (specs/approach2-bias.md): with α = ${formatNumber(s.alpha, 4)} and β = ${formatNumber(s.beta, 4)} from ${from}, ` +
      'a parabola fitted to noise-free IsoFLOP points on each group’s grid (its half-width W and its n points, centred on the true optimum) ' +
      'puts N̂* and D̂* off by these fractions. With equal grids the error is the same at every budget, so the extrapolated N* and D* carry it in full; ' +
      'off-centre sampling adds to it.',
    figure: {
      data: [
        { type: 'bar', name: 'N̂*/N* − 1', x: labels, y: nErr, marker: { color: N_COLOR }, hovertemplate: '%{x}<br>N* error %{y:.3f}%<extra></extra>' },
        { type: 'bar', name: 'D̂*/D* − 1', x: labels, y: dErr, marker: { color: D_COLOR }, hovertemplate: '%{x}<br>D* error %{y:.3f}%<extra></extra>' },
      ],
      layout: layout('Approach 2 error per IsoFLOP group (closed form)', {
        barmode: 'group',
        xaxis: { ...baseAxis(), title: { text: 'IsoFLOP group (grid half-width, points)' }, type: 'category' },
        yaxis: { ...linAxis('relative error (%)'), zeroline: true, zerolinecolor: '#888888' },
      }),
    },
  };
  const bias = r.bias;
  const n = bias?.n ?? usable[0]!.n;
  const wMax = Math.max(1.5, maxOf(usable.map((g) => g.W * 1.2)));
  const Ws = Array.from(linspace(0.05, wMax, 120));
  const sweep: ReportFigure = {
    id: 'fig-bias-width',
    title: 'Approach 2 bias against grid width',
    caption:
      `The same closed form for n = ${n} points per curve as the grid widens; the markers are your groups. ` +
      'Narrower grids are less biased but noisier; VPNLS and the other surface fits have no such bias.',
    figure: {
      data: [
        {
          type: 'scatter',
          mode: 'lines',
          name: 'N̂*/N* − 1',
          x: Ws.map((w) => Math.pow(10, w)),
          y: Ws.map((w) => 100 * approach2InterceptError(s.alpha, s.beta, w, n)),
          line: { color: N_COLOR },
        },
        {
          type: 'scatter',
          mode: 'lines',
          name: 'D̂*/D* − 1',
          x: Ws.map((w) => Math.pow(10, w)),
          y: Ws.map((w) => 100 * approach2ExtrapolationError(s.alpha, s.beta, w, n)),
          line: { color: D_COLOR },
        },
        {
          type: 'scatter',
          mode: 'markers',
          name: 'your groups, N*',
          x: usable.map((g) => Math.pow(10, g.W)),
          y: nErr,
          marker: { color: N_COLOR, size: 9, symbol: 'circle-open' },
        },
        {
          type: 'scatter',
          mode: 'markers',
          name: 'your groups, D*',
          x: usable.map((g) => Math.pow(10, g.W)),
          y: dErr,
          marker: { color: D_COLOR, size: 9, symbol: 'circle-open' },
        },
      ],
      layout: layout(`Approach 2 error against the grid factor 10^W (n = ${n})`, {
        xaxis: { ...logAxis('grid factor ±k× (N from N*/k to k·N*)'), tickvals: FACTOR_TICKS, ticktext: FACTOR_TICKS.map((k) => `±${k}×`) },
        yaxis: { ...linAxis('relative error (%)'), zeroline: true, zerolinecolor: '#888888' },
      }),
    },
  };
  return [perGroup, sweep];
}

const FACTOR_TICKS = [1.25, 1.5, 2, 3, 5, 10, 20, 50, 100];

const HISTOGRAM_KEYS: ReadonlyArray<readonly [QuantityKey, string]> = [
  ['alpha', 'α'],
  ['beta', 'β'],
  ['E', 'E'],
  ['a', 'a (N* ∝ C^a)'],
  ['b', 'b (D* ∝ C^b)'],
  ['target.N', 'N* at the target'],
  ['target.D', 'D* at the target'],
  ['target.D_over_N', 'D*/N* at the target'],
  ['target.loss', 'L_opt at the target'],
];

/** Histograms of the bootstrap replicates with the estimate (solid) and the interval (dashed). */
function bootstrapFigure(r: RunReport): PlotlyFigure | null {
  const b = r.bootstrap;
  if (b === null) return null;
  const point: Record<QuantityKey, number | null> = {
    E: r.outcome.E,
    A: r.outcome.A,
    B: r.outcome.B,
    alpha: r.outcome.alpha,
    beta: r.outcome.beta,
    a: r.outcome.a,
    b: r.outcome.b,
    a0: r.outcome.a0,
    b0: r.outcome.b0,
    rss: r.outcome.rss,
    'target.N': r.outcome.target.N,
    'target.D': r.outcome.target.D,
    'target.D_over_N': r.outcome.target.D_over_N,
    'target.loss': r.outcome.target.loss,
  };
  // Pinned quantities (--fix) take one value in every replicate: no histogram.
  const pinned = pinnedQuantities(r.outcome);
  const shown = HISTOGRAM_KEYS.filter(([k]) => b.samples[k] !== null && !pinned.includes(k));
  const cols = 3;
  const rows = Math.ceil(shown.length / cols);
  const data: Array<Record<string, unknown>> = [];
  const shapes: Array<Record<string, unknown>> = [];
  const annotations: Array<Record<string, unknown>> = [];
  const extra: Record<string, unknown> = {};
  shown.forEach(([key, label], i) => {
    const ax = i === 0 ? '' : String(i + 1);
    const samples = Array.from(b.samples[key]!);
    data.push({
      type: 'histogram',
      x: samples,
      xaxis: `x${ax}`,
      yaxis: `y${ax}`,
      name: label,
      showlegend: false,
      marker: { color: QUALITATIVE[0], opacity: 0.75 },
      nbinsx: 30,
    });
    const iv = b.intervals[key]!;
    const p = point[key]!;
    for (const [x, dash, color] of [
      [p, 'solid', '#000000'],
      [iv[0], 'dash', '#D55E00'],
      [iv[1], 'dash', '#D55E00'],
    ] as const) {
      shapes.push({ type: 'line', xref: `x${ax}`, yref: `y${ax} domain`, x0: x, x1: x, y0: 0, y1: 1, line: { color, dash, width: 1.5 } });
    }
    annotations.push({
      text: `<b>${label}</b>`,
      xref: `x${ax} domain`,
      yref: `y${ax} domain`,
      x: 0,
      y: 1.12,
      showarrow: false,
      xanchor: 'left',
      font: { size: 12 },
    });
    extra[`xaxis${ax}`] = { ...baseAxis(), exponentformat: 'e' };
    extra[`yaxis${ax}`] = { ...baseAxis() };
  });
  return {
    data,
    layout: {
      ...baseLayout(),
      title: {
        text: `Bootstrap distributions (${b.succeeded} replicates, seed ${b.seed}); black: estimate, orange: ${formatNumber(100 * b.level)}% interval`,
        x: 0.01,
        xanchor: 'left',
      },
      grid: { rows, columns: cols, pattern: 'independent', ygap: 0.45, xgap: 0.12 },
      height: 260 * rows + 80,
      margin: { l: 60, r: 30, t: 80, b: 40 },
      showlegend: false,
      shapes,
      annotations,
      ...extra,
    },
  };
}

/** Every figure of the report, in page order. */
export function reportFigures(input: FitInput, r: RunReport, comp: Companions): ReportFigure[] {
  const out: ReportFigure[] = [
    {
      id: 'fig-isoflop',
      title: 'IsoFLOP curves with the fit',
      caption:
        r.outcome.surface !== null
          ? 'Each colour is one IsoFLOP group. Lines: the fitted surface along the group’s IsoFLOP curve D = C/(6N); ×: its compute-optimal N*(C).'
          : 'Each colour is one IsoFLOP group. Dotted: the least-squares parabola in log10 N; +: its vertex, the Approach 2 estimate of N*(C).',
      figure: isoflopFigure(input, r.outcome),
    },
    {
      id: 'fig-residuals',
      title: 'Residuals',
      caption: 'Structure here (trends within a group, a funnel) means the model misses something the data show.',
      figure: residualFigure(input, r.outcome),
    },
    {
      id: 'fig-power-laws',
      title: 'Power laws and extrapolation',
      caption:
        'Solid: N*(C) and D*(C) of the fit, extended to the target budget (★, with the bootstrap interval when --bootstrap was given). ' +
        'Dashed: Approach 2 on the same data, when its parabolas can be fitted; +: its per-group vertices.',
      figure: powerLawFigure(input, r, comp),
    },
    ...biasFigures(r, comp),
  ];
  const boot = bootstrapFigure(r);
  if (boot !== null) {
    out.push({
      id: 'fig-bootstrap',
      title: 'Bootstrap distributions',
      caption: `Replicates resample ${SCHEME_DESCRIPTIONS[r.bootstrap!.scheme]} with replacement (${r.bootstrap!.schemeReason}) and refit with the same method and options.`,
      figure: boot,
    });
  }
  return out;
}

function biasParagraph(r: RunReport): string {
  const x = r.bias;
  if (x === null) return '';
  return (
    `<p class="callout">Approach 2 on this grid (${escapeHtml(gridFactor(x.W))}, ${x.n} points per curve, centred) would misplace N* by ` +
    `<b>${escapeHtml(formatPercent(x.nError))}</b> and D* by <b>${escapeHtml(formatPercent(x.dError))}</b> at every budget, even without noise ` +
    `(closed form with α, β from ${escapeHtml(x.exponentsFrom)}).</p>`
  );
}

/**
 * The report page (the shell of src/cli/page.ts). `plotlySource` is the
 * plotly.js bundle, inlined once; it must register every trace type of the
 * figures (PlotlyTraceTypeError if not). `figures` defaults to
 * {@link reportFigures}; pass them when already built (to choose the bundle).
 */
export function reportHtml(
  input: FitInput,
  r: RunReport,
  comp: Companions,
  plotlySource: string,
  figures: readonly ReportFigure[] = reportFigures(input, r, comp),
): string {
  const meta = `${r.outcome.method} · ${r.data.nPoints} points in ${r.data.nGroups} IsoFLOP groups · target ${formatNumber(r.outcome.target.compute, 4)} FLOPs`;
  return pageHtml(
    { title: `Scaling-law fit: ${r.data.source}`, meta, calloutHtml: biasParagraph(r), summary: formatSummary(r), figures },
    plotlySource,
    'fit report',
  );
}
