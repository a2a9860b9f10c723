/**
 * Figures of experiment 12 (specs/experiments.md §C.12): residual distributions per
 * budget, IsoFLOP curves with QC labels and model predictions, FLOP factors,
 * and the residual-spread summary. Each data set is one panel of a 2×3 grid.
 */
import { fitQuadratic, type QcReason } from '../shared/qc/index.ts';
import { budgetColor, type Figure, formatPow10, type PanelSpec, type PanelTrace, panelGrid, qualitative } from '../../src/plot/index.ts';
import { loss, type LossSurface } from '../../src/surface/index.ts';
import { logspace } from '../../src/util/space.ts';
import { type BudgetStat, type DatasetAnalysis, type ExperimentStat, flopFactorLoss, residualBoxes, type Variant } from './analysis.ts';
import { gaussianKde, silvermanBandwidth } from './stats.ts';
import { formatNumber, formatP } from '../shared/real-data/format.ts';
import { withSideTable } from '../shared/real-data/table.ts';

const VARIANT_LABELS: Record<Variant, string> = {
  linear_loss: 'Approach 3, LSE, linear loss',
  log_loss: 'Approach 3, LSE, log-loss',
  flop_factor: 'log-loss fit with a FLOP factor k per budget',
};

/** Residuals need at least this many values for a density curve. */
const KDE_MIN_POINTS = 5;
const KDE_POINTS = 60;
const CURVE_POINTS = 40;

const surfaceOf = (a: DatasetAnalysis, v: 'linear_loss' | 'log_loss'): LossSurface => {
  const f = a.fits[v];
  return { E: f.e, A: f.coef_a, B: f.coef_b, alpha: f.alpha, beta: f.beta };
};

function fitTitle(a: DatasetAnalysis, v: Variant): string {
  const f = a.fits[v === 'linear_loss' ? 'linear_loss' : 'log_loss'];
  return `${a.label}<br><span style="font-size:11px">E = ${formatNumber(f.e, 4)}, α = ${formatNumber(f.alpha, 3)}, β = ${formatNumber(f.beta, 3)}</span>`;
}

function grid(analyses: readonly DatasetAnalysis[], title: string, panel: (a: DatasetAnalysis) => PanelSpec, height = 980): Figure {
  const panels: Array<PanelSpec | null> = analyses.map(panel);
  while (panels.length < 6) panels.push(null);
  return panelGrid({ rows: 2, cols: 3, title, height, panels, vSpacing: 0.16 });
}

/** Polygon and segment traces use `null` to separate pieces. */
type Pts = Array<number | null>;

/** One residual panel: a row per budget (largest on top) plus "Overall" at the bottom. */
function residualPanel(a: DatasetAnalysis, v: Variant): PanelSpec {
  const rows = residualBoxes(a, v);
  const nb = rows.length - 1;
  const rugX: number[] = [];
  const rugY: number[] = [];
  const rugColor: string[] = [];
  const boxX: Pts = [];
  const boxY: Pts = [];
  const lineX: Pts = [];
  const lineY: Pts = [];
  const meanX: number[] = [];
  const meanY: number[] = [];
  const kdeX: Pts = [];
  const kdeY: Pts = [];
  rows.forEach((row, pos) => {
    const color = pos === 0 ? '#555555' : budgetColor(pos - 1, nb);
    for (const r of row.values) {
      rugX.push(r);
      rugY.push(pos - 0.32);
      rugColor.push(color);
    }
    const b = row.box;
    if (!b) return;
    const yc = pos - 0.1;
    const hh = 0.09;
    boxX.push(b.q1, b.q3, b.q3, b.q1, b.q1, null);
    boxY.push(yc - hh, yc - hh, yc + hh, yc + hh, yc - hh, null);
    lineX.push(b.median, b.median, null, b.lowerWhisker, b.q1, null, b.q3, b.upperWhisker, null);
    lineY.push(yc - hh, yc + hh, null, yc, yc, null, yc, yc, null);
    meanX.push(b.mean);
    meanY.push(yc);
    if (row.values.length >= KDE_MIN_POINTS) {
      const h = silvermanBandwidth(row.values);
      if (h > 0) {
        const lo = Math.min(...row.values) - 3 * h;
        const hi = Math.max(...row.values) + 3 * h;
        const xs = Array.from({ length: KDE_POINTS }, (_, i) => lo + ((hi - lo) * i) / (KDE_POINTS - 1));
        const dens = gaussianKde(row.values, h, xs);
        const peak = Math.max(...dens);
        kdeX.push(lo, ...xs, hi, null);
        kdeY.push(pos + 0.02, ...dens.map((d) => pos + 0.02 + (0.4 * d) / peak), pos + 0.02, null);
      }
    }
  });
  const traces: PanelTrace[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: 'density (Silverman)',
      legendgroup: 'kde',
      x: kdeX,
      y: kdeY,
      fill: 'toself',
      fillcolor: 'rgba(0,114,178,0.18)',
      line: { color: 'rgba(0,114,178,0.8)', width: 1 },
      hoverinfo: 'skip',
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: 'box (quartiles, 1.5 IQR whiskers)',
      legendgroup: 'box',
      x: boxX,
      y: boxY,
      fill: 'toself',
      fillcolor: 'rgba(120,120,120,0.25)',
      line: { color: '#333333', width: 1 },
      hoverinfo: 'skip',
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: 'median and whiskers',
      legendgroup: 'box',
      showlegend: false,
      x: lineX,
      y: lineY,
      line: { color: '#333333', width: 1.5 },
      hoverinfo: 'skip',
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: 'residuals (rug)',
      legendgroup: 'rug',
      x: rugX,
      y: rugY,
      marker: { symbol: 'line-ns-open', size: 9, color: rugColor, line: { width: 1.2 } },
      hovertemplate: 'residual %{x:.4g}<extra></extra>',
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: 'mean',
      legendgroup: 'mean',
      x: meanX,
      y: meanY,
      marker: { symbol: 'diamond', size: 8, color: '#D55E00' },
      hovertemplate: 'mean %{x:.4g}<extra></extra>',
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: 'zero',
      legendgroup: 'zero',
      showlegend: false,
      x: [0, 0],
      y: [-0.5, nb + 0.5],
      line: { color: '#888888', dash: 'dash', width: 1 },
      hoverinfo: 'skip',
    },
  ];
  return {
    title: fitTitle(a, v),
    x: { title: 'Residual L − L̂ (nats)' },
    y: {
      title: 'Budget (FLOPs)',
      extra: {
        tickmode: 'array',
        tickvals: rows.map((_, pos) => pos),
        ticktext: rows.map((r) => (r.budget === null ? 'Overall' : formatPow10(r.budget))),
        range: [-0.55, nb + 0.5],
        zeroline: false,
      },
    },
    traces,
  };
}

/** `residuals_<variant>`: residual distributions per budget for each data set. */
export function residualsFigure(analyses: readonly DatasetAnalysis[], v: Variant): Figure {
  return grid(analyses, `Residuals of the ${VARIANT_LABELS[v]} per budget (clean rows)`, (a) => residualPanel(a, v), 1100);
}

/** Marker symbol of each QC reason on the IsoFLOP figures. */
const REASON_SYMBOLS: Record<Exclude<QcReason, 'none'>, string> = {
  exact_duplicate: 'square-open',
  near_duplicate_params: 'diamond-open',
  too_few_points: 'triangle-down-open',
  off_center: 'x-thin-open',
  spline_outlier: 'star-open',
  negative_curvature: 'triangle-up-open',
  weak_curvature: 'hexagon-open',
  too_few_post_qc: 'cross-thin-open',
};

function isoflopPanel(a: DatasetAnalysis, v: 'log_loss' | 'flop_factor'): PanelSpec {
  const s = surfaceOf(a, 'log_loss');
  const nb = a.budgets.length;
  const colorOf = (C: number): string => budgetColor(a.budgets.indexOf(C), nb);
  const idx = a.rows.N.map((_, i) => i);
  const traces: PanelTrace[] = [];
  const clean = idx.filter((i) => a.reason[i] === 'none');
  traces.push({
    type: 'scatter',
    mode: 'markers',
    name: 'clean rows',
    legendgroup: 'clean',
    x: clean.map((i) => a.rows.N[i]),
    y: clean.map((i) => a.rows.L[i]),
    marker: { size: 6, color: clean.map((i) => colorOf(a.rows.budget[i])) },
    text: clean.map((i) => `C = ${a.rows.budget[i].toExponential(1)}`),
    hovertemplate: 'N %{x:.3s}<br>L %{y:.4f}<br>%{text}<extra></extra>',
  });
  for (const [reason, symbol] of Object.entries(REASON_SYMBOLS)) {
    const rows = idx.filter((i) => a.reason[i] === reason);
    if (rows.length === 0) continue;
    traces.push({
      type: 'scatter',
      mode: 'markers',
      name: reason,
      legendgroup: reason,
      x: rows.map((i) => a.rows.N[i]),
      y: rows.map((i) => a.rows.L[i]),
      marker: { size: 8, symbol, color: rows.map((i) => colorOf(a.rows.budget[i])), line: { width: 1.5 } },
      hovertemplate: `${reason}<br>N %{x:.3s}<br>L %{y:.4f}<extra></extra>`,
    });
  }
  a.budgets.forEach((C, bi) => {
    const color = budgetColor(bi, nb);
    const inBudget = idx.filter((i) => a.rows.budget[i] === C);
    const cleanIn = inBudget.filter((i) => a.reason[i] === 'none');
    const lnN = cleanIn.map((i) => Math.log(a.rows.N[i]));
    const q =
      cleanIn.length >= 3
        ? fitQuadratic(
            lnN,
            cleanIn.map((i) => Math.log(a.rows.L[i])),
          )
        : null;
    if (q) {
      const xs = logspace(Math.min(...lnN) / Math.LN10, Math.max(...lnN) / Math.LN10, CURVE_POINTS);
      traces.push({
        type: 'scatter',
        mode: 'lines',
        name: 'quadratic of ln L on ln N (clean rows)',
        legendgroup: 'quadratic',
        x: Array.from(xs),
        y: Array.from(xs, (N) => Math.exp(q.c0 + q.c1 * Math.log(N) + q.c2 * Math.log(N) ** 2)),
        line: { color, dash: 'dash', width: 1.2 },
        hoverinfo: 'skip',
      });
    }
    const k = a.k[bi];
    if (v === 'flop_factor' && Number.isNaN(k)) return;
    const allN = inBudget.map((i) => a.rows.N[i]);
    const xs = logspace(Math.log10(Math.min(...allN)), Math.log10(Math.max(...allN)), CURVE_POINTS);
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: v === 'log_loss' ? 'model, D = C/(6N)' : 'model, D = C/(kN)',
      legendgroup: 'model',
      x: Array.from(xs),
      y: Array.from(xs, (N) => (v === 'log_loss' ? loss(s, N, C / (6 * N)) : flopFactorLoss(s, C, k, N))),
      line: { color, width: 1.6 },
      hovertemplate: `C = ${C.toExponential(1)}<br>model %{y:.4f}<extra></extra>`,
    });
  });
  return {
    title: fitTitle(a, v),
    x: { title: 'Parameters N', type: 'log' },
    y: { title: 'Loss L (nats)', type: 'log' },
    traces,
  };
}

/** `isoflops_<variant>`: IsoFLOP curves with QC labels, the clean-row quadratics and the model along each budget. */
export function isoflopsFigure(analyses: readonly DatasetAnalysis[], v: 'log_loss' | 'flop_factor'): Figure {
  return grid(analyses, `IsoFLOP curves after QC with the ${VARIANT_LABELS[v]}`, (a) => isoflopPanel(a, v));
}

/** `flop_factors`: the fitted k per budget against a reference at k = 6. */
export function flopFactorsFigure(analyses: readonly DatasetAnalysis[], medianK: Record<string, number>): Figure {
  return grid(
    analyses,
    'Per-budget FLOP factor k in C = k·N·D (log-loss surface held fixed)',
    (a) => {
      const has = a.budgets.map((_, i) => !Number.isNaN(a.k[i]));
      const x = a.budgets.filter((_, i) => has[i]);
      const y = a.k.filter((_, i) => has[i]);
      const lo = Math.min(...a.budgets);
      const hi = Math.max(...a.budgets);
      return {
        title: `${a.label}<br><span style="font-size:11px">median k = ${formatNumber(medianK[a.experiment], 4)}</span>`,
        x: { title: 'Budget C (FLOPs)', type: 'log' },
        y: { title: 'FLOP factor k' },
        traces: [
          {
            type: 'scatter',
            mode: 'lines',
            name: 'k = 6',
            legendgroup: 'ref',
            x: [lo, hi],
            y: [6, 6],
            line: { color: '#888888', dash: 'dash', width: 1.2 },
            hoverinfo: 'skip',
          },
          {
            type: 'scatter',
            mode: 'lines+markers',
            name: 'fitted k',
            legendgroup: 'k',
            x,
            y,
            marker: { size: 7, color: x.map((C) => budgetColor(a.budgets.indexOf(C), a.budgets.length)) },
            line: { color: '#0072B2', width: 1.5 },
            hovertemplate: 'C %{x:.2e}<br>k %{y:.4f}<extra></extra>',
          },
        ],
      };
    },
    900,
  );
}

/** `residuals_summary`: per-budget residual σ (FLOP-factor variant) per data set, beside the test table. */
export function residualsSummaryFigure(analyses: readonly DatasetAnalysis[], budgetStats: readonly BudgetStat[], stats: readonly ExperimentStat[]): Figure {
  const traces: PanelTrace[] = analyses.map((a, i) => {
    const rows = budgetStats.filter((b) => b.experiment === a.experiment && b.variant === 'flop_factor' && b.n_clean > 0);
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: a.label,
      x: rows.map((b) => b.budget),
      y: rows.map((b) => b.std_residual),
      line: { color: qualitative(i), width: 1.6 },
      marker: { size: 7, color: qualitative(i) },
      hovertemplate: `${a.label}<br>C %{x:.2e}<br>σ %{y:.4g}<extra></extra>`,
    };
  });
  const fig = panelGrid({
    rows: 1,
    cols: 2,
    height: 720,
    title: 'Residual spread per budget and tests of equal residuals across budgets',
    panels: [
      {
        title: 'Per-budget residual σ (FLOP-factor variant)',
        x: { title: 'Budget C (FLOPs)', type: 'log' },
        y: { title: 'Residual standard deviation (nats)', type: 'log' },
        traces,
      },
      null,
    ],
    layout: { legend: { orientation: 'h', x: 0, y: -0.12, font: { size: 11 } } },
  });
  const labelOf = new Map(analyses.map((a) => [a.experiment, a.label]));
  return withSideTable(
    fig,
    {
      header: ['Data set', 'Variant', 'Points (clean/all)', 'Budgets', 'Mean σ', 'Kruskal–Wallis p', 'Levene p'],
      rows: stats.map((s) => [
        labelOf.get(s.experiment) ?? s.experiment,
        s.variant,
        `${s.n_clean}/${s.n_rows}`,
        String(s.n_budgets),
        formatNumber(s.mean_std),
        formatP(s.kruskal_p),
        formatP(s.levene_p),
      ]),
      columnWidth: [1.8, 1.1, 1, 0.7, 0.8, 1, 0.9],
    },
    [0, 0.4],
    [0.47, 1],
  );
}
