/**
 * The three-row Approach 2 diagnostic figure of experiments 1–3
 * (specs/experiments.md §C.1): sampled IsoFLOP curves with their parabolas,
 * inferred against true power laws, and errors against grid width.
 */
import { type Figure, type PanelSpec, type PanelTrace, panelGrid, scatter } from '../../src/plot/figure.ts';
import { budgetColor, D_COLOR, formatPow10, MARKERS, N_COLOR } from '../../src/plot/theme.ts';

/** One budget of one width: samples, fitted parabola, true optimum, vertex. */
export interface ParabolaBudget {
  budget: number;
  /** Sampled log10 N and losses. */
  logN: ArrayLike<number>;
  L: ArrayLike<number>;
  /** The fitted parabola evaluated across the sampled range. */
  curveLogN: ArrayLike<number>;
  curveL: ArrayLike<number>;
  /** True optimum (log10 N*, L(N*, D*)). */
  trueLogN: number;
  trueL: number;
  /** Parabola vertex (log10 N̂*, fitted loss at the vertex). */
  vertexLogN: number;
  vertexL: number;
}

/** Inferred and true optima across budgets for one width. */
export interface PowerLawData {
  logC: ArrayLike<number>;
  logNHat: ArrayLike<number>;
  logDHat: ArrayLike<number>;
  logNTrue: ArrayLike<number>;
  logDTrue: ArrayLike<number>;
  /** Fitted lines a·log10 C + a0 and b·log10 C + b0 at `logC`. */
  lineLogN: ArrayLike<number>;
  lineLogD: ArrayLike<number>;
  a: number;
  aTrue: number;
  b: number;
  bTrue: number;
}

/** One of the three displayed widths (narrow, medium, wide). */
export interface WidthDetail {
  /** Panel label, e.g. "narrow (±2.0×)". */
  label: string;
  budgets: ParabolaBudget[];
  powerLaw: PowerLawData;
}

/** Errors over the W sweep. */
export interface SweepErrors {
  W: ArrayLike<number>;
  a_err_pct: ArrayLike<number>;
  b_err_pct: ArrayLike<number>;
  a0_err_pct: ArrayLike<number>;
  b0_err_pct: ArrayLike<number>;
  /** Per budget (ascending), the optimum errors over the sweep. */
  perBudget: Array<{ budget: number; n_opt_err_pct: ArrayLike<number>; d_opt_err_pct: ArrayLike<number> }>;
}

export interface Approach2DiagnosticsData {
  title: string;
  widths: [WidthDetail, WidthDetail, WidthDetail];
  sweep: SweepErrors;
}

function fmt(x: number): string {
  return x.toFixed(4);
}

function parabolaPanel(d: WidthDetail): PanelSpec {
  const n = d.budgets.length;
  const traces: PanelTrace[] = [];
  d.budgets.forEach((b, i) => {
    const color = budgetColor(i, n);
    const group = `C=${b.budget}`;
    const label = `C = ${formatPow10(b.budget)} FLOPs`;
    traces.push(scatter(label, b.logN, b.L, { mode: 'markers', legendgroup: group, legendrank: 100 + i, marker: { color, size: 5 } }));
    traces.push(scatter(label, b.curveLogN, b.curveL, { legendgroup: group, showlegend: false, line: { color, width: 1.5 } }));
    traces.push(
      scatter('true optimum', [b.trueLogN], [b.trueL], {
        mode: 'markers',
        legendgroup: 'true-opt',
        legendrank: 200,
        marker: { symbol: MARKERS.trueOptimum, size: 10, color: '#000000' },
      }),
    );
    traces.push(
      scatter('Approach 2 vertex', [b.vertexLogN], [b.vertexL], {
        mode: 'markers',
        legendgroup: 'vertex',
        legendrank: 201,
        marker: { symbol: MARKERS.approach2Vertex, size: 10, color: '#e41a1c', line: { width: 1 } },
      }),
    );
  });
  return { title: `IsoFLOP samples, ${d.label}`, x: { title: 'log₁₀ N (parameters)' }, y: { title: 'Loss L (nats)' }, traces };
}

function powerLawPanel(d: WidthDetail): PanelSpec {
  const p = d.powerLaw;
  return {
    title: `Power laws, ${d.label}`,
    x: { title: 'log₁₀ C (FLOPs)' },
    y: { title: 'log₁₀ N* (parameters)', extra: { color: N_COLOR, tickformat: '.2f' } },
    y2: { title: 'log₁₀ D* (tokens)', extra: { color: D_COLOR, tickformat: '.2f' } },
    traces: [
      scatter('N̂* (Approach 2)', p.logC, p.logNHat, {
        mode: 'markers',
        legendgroup: 'n-hat',
        marker: { color: N_COLOR, symbol: MARKERS.approach2Vertex, size: 9 },
      }),
      scatter('N̂* fit', p.logC, p.lineLogN, { legendgroup: 'n-fit', line: { color: N_COLOR, width: 2 } }),
      scatter('N* true', p.logC, p.logNTrue, {
        mode: 'lines+markers',
        legendgroup: 'n-true',
        line: { color: N_COLOR, dash: 'dash', width: 1 },
        marker: { symbol: MARKERS.trueOptimum, size: 7, color: N_COLOR },
      }),
      scatter('D̂* (Approach 2)', p.logC, p.logDHat, {
        secondary: true,
        mode: 'markers',
        legendgroup: 'd-hat',
        marker: { color: D_COLOR, symbol: MARKERS.approach2Vertex, size: 9 },
      }),
      scatter('D̂* fit', p.logC, p.lineLogD, { secondary: true, legendgroup: 'd-fit', line: { color: D_COLOR, width: 2 } }),
      scatter('D* true', p.logC, p.logDTrue, {
        secondary: true,
        mode: 'lines+markers',
        legendgroup: 'd-true',
        line: { color: D_COLOR, dash: 'dash', width: 1 },
        marker: { symbol: MARKERS.trueOptimum, size: 7, color: D_COLOR },
      }),
    ],
    notes: [{ text: `a = ${fmt(p.a)} (true ${fmt(p.aTrue)})<br>b = ${fmt(p.b)} (true ${fmt(p.bTrue)})`, x: 0.02, y: 0.98 }],
  };
}

/** The three-row figure: parabolas, power laws (narrow, medium, wide), errors against W. */
export function approach2DiagnosticsFigure(data: Approach2DiagnosticsData): Figure {
  const s = data.sweep;
  const n = s.perBudget.length;
  const optTraces: PanelTrace[] = [];
  s.perBudget.forEach((b, i) => {
    const color = budgetColor(i, n);
    optTraces.push(scatter(`N* error, C = ${formatPow10(b.budget)}`, s.W, b.n_opt_err_pct, { legendgroup: `nopt-${b.budget}`, line: { color, width: 1.5 } }));
    optTraces.push(
      scatter(`D* error, C = ${formatPow10(b.budget)}`, s.W, b.d_opt_err_pct, { legendgroup: `dopt-${b.budget}`, line: { color, width: 1.5, dash: 'dash' } }),
    );
  });
  const panels: PanelSpec[] = [
    ...data.widths.map(parabolaPanel),
    ...data.widths.map(powerLawPanel),
    {
      title: 'Exponent errors',
      x: { wTicks: true },
      y: { title: 'Relative error (%)' },
      zeroLine: true,
      traces: [
        scatter('a error', s.W, s.a_err_pct, { mode: 'lines+markers', line: { color: N_COLOR }, marker: { size: 5 } }),
        scatter('b error', s.W, s.b_err_pct, { mode: 'lines+markers', line: { color: D_COLOR }, marker: { size: 5 } }),
      ],
    },
    {
      title: 'Intercept errors',
      x: { wTicks: true },
      y: { title: 'Relative error of log₁₀ intercept (%)' },
      zeroLine: true,
      traces: [
        scatter('a₀ error', s.W, s.a0_err_pct, { mode: 'lines+markers', line: { color: N_COLOR, dash: 'dot' }, marker: { size: 5 } }),
        scatter('b₀ error', s.W, s.b0_err_pct, { mode: 'lines+markers', line: { color: D_COLOR, dash: 'dot' }, marker: { size: 5 } }),
      ],
    },
    { title: 'Per-budget optimum errors (N solid, D dashed)', x: { wTicks: true }, y: { title: 'Relative error (%)' }, zeroLine: true, traces: optTraces },
  ];
  return panelGrid({ rows: 3, cols: 3, panels, title: data.title, height: 1150 });
}
