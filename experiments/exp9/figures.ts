/**
 * Experiment 9's figures (specs/experiments.md §C.9): pooled and per-σ variance of
 * b_err (`data_efficiency`) and box plots of b_err on a symmetric-log axis
 * (`data_efficiency_detailed`).
 */
import { type Figure, type PanelNote, type PanelSpec, type PanelTrace, panelGrid } from '../../src/plot/figure.ts';
import { baseLayout, qualitative } from '../../src/plot/theme.ts';
import { EXP9_METHOD_LABELS, EXP9_METHODS, type Exp9Method } from './fits.ts';
import type { Exp9EstimateRow, Exp9SummaryRow } from './tables.ts';

/** Variances are shown in units of 1e−4. */
const VARIANCE_UNIT = 1e-4;
/** Half-width of the linear part of the symmetric-log axis. */
export const SYMLOG_LINEAR = 0.01;

export function methodColor(method: Exp9Method): string {
  return qualitative(EXP9_METHODS.indexOf(method));
}

/** Labels short enough for the notes under each σ group. */
const SHORT_LABELS: Readonly<Record<Exp9Method, string>> = { approach2: 'Approach 2', approach3_lse: 'Approach 3 LSE', vpnls_lbfgsb_grad: 'VPNLS' };

const fmt = (v: number, digits = 3) => (Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : '–');
const sigmaLabel = (s: number) => `σ = ${s}`;

function findRow(summary: readonly Exp9SummaryRow[], method: Exp9Method, noise: number | 'all'): Exp9SummaryRow {
  const row = summary.find((r) => r.method === method && r.noise_std === noise);
  if (!row) throw new Error(`experiment 9: no summary row for ${method}, noise ${noise}`);
  return row;
}

/**
 * Left: pooled variance of b_err per method as a dot plot (a bar on a log
 * axis would start from an arbitrary baseline, so its length means nothing);
 * right: heat map method × σ. Both ×1e−4, labelled.
 */
export function dataEfficiencyFigure(summary: readonly Exp9SummaryRow[], methods: readonly Exp9Method[], noiseLevels: readonly number[]): Figure {
  const labels = methods.map((m) => EXP9_METHOD_LABELS[m]);
  const pooled = methods.map((m) => findRow(summary, m, 'all').variance / VARIANCE_UNIT);
  const dots: PanelTrace = {
    type: 'scatter',
    mode: 'markers+text',
    name: 'pooled variance',
    x: pooled,
    y: labels,
    marker: { color: methods.map(methodColor), size: 13, line: { color: '#ffffff', width: 1 } },
    text: pooled.map((v) => fmt(v)),
    textposition: 'top center',
    cliponaxis: false,
    hovertemplate: '%{y}: %{x:.4g} ×10⁻⁴<extra></extra>',
    showlegend: false,
  };
  const z = methods.map((m) => noiseLevels.map((s) => findRow(summary, m, s).variance / VARIANCE_UNIT));
  // Colour by log10 of the variance (the estimators differ by orders of magnitude); the values are printed.
  const heat: PanelTrace = {
    type: 'heatmap',
    x: noiseLevels.map(sigmaLabel),
    y: labels,
    z: z.map((row) => row.map((v) => (v > 0 ? Math.log10(v) : null))),
    text: z.map((row) => row.map((v) => fmt(v))),
    texttemplate: '%{text}',
    textfont: { size: 13 },
    colorscale: 'Blues',
    reversescale: true,
    showscale: false,
    hovertemplate: '%{y}, %{x}: %{text} ×10⁻⁴<extra></extra>',
    showlegend: false,
  };
  const yAxis = { type: 'category' as const, extra: { autorange: 'reversed' } };
  const panels: PanelSpec[] = [
    { title: 'Variance of b̂ − b, all conditions pooled', x: { title: 'variance of b̂ − b (×10⁻⁴, log scale)', type: 'log' }, y: yAxis, traces: [dots] },
    {
      title: 'Variance of b̂ − b by noise level (×10⁻⁴)',
      x: { title: 'noise σ (nats)', type: 'category' },
      y: { ...yAxis, extra: { ...yAxis.extra, showticklabels: false } },
      traces: [heat],
    },
  ];
  return panelGrid({
    rows: 1,
    cols: 2,
    panels,
    title: 'Estimator efficiency: spread of the recovered exponent b (symmetric surface, centred sampling)',
    height: 420,
    hSpacing: 0.08,
  });
}

/** Symmetric-log map: linear within ±t, log10 beyond (continuous at ±t). */
export function symlog(y: number, t = SYMLOG_LINEAR): number {
  const a = Math.abs(y);
  return a <= t ? y / t : Math.sign(y) * (1 + Math.log10(a / t));
}

/** Tick values (in data units) covering ±maxAbs on the symmetric-log axis. */
function symlogTicks(maxAbs: number, t = SYMLOG_LINEAR): number[] {
  const pos = [t / 2, t];
  for (let v = 10 * t; v / 10 < maxAbs; v *= 10) pos.push(v);
  return [...pos.map((v) => -v).reverse(), 0, ...pos];
}

/**
 * Box plots of b_err per method grouped by σ on a symmetric-log y axis
 * (linear within ±0.01), every fit drawn as a jittered point so the far
 * misses stay visible; under each group n, failures, variance, IQR and MAD
 * per method.
 */
export function dataEfficiencyDetailedFigure(
  estimates: readonly Exp9EstimateRow[],
  summary: readonly Exp9SummaryRow[],
  methods: readonly Exp9Method[],
  noiseLevels: readonly number[],
): Figure {
  let maxAbs = SYMLOG_LINEAR;
  const traces: PanelTrace[] = methods.map((method) => {
    const x: string[] = [];
    const y: number[] = [];
    const text: string[] = [];
    for (const r of estimates) {
      if (r.method !== method || r.failed) continue;
      maxAbs = Math.max(maxAbs, Math.abs(r.b_err!));
      x.push(sigmaLabel(r.noise_std));
      y.push(Number(symlog(r.b_err!).toPrecision(6)));
      text.push(`b̂ − b = ${r.b_err!.toPrecision(3)}`);
    }
    return {
      type: 'box',
      name: EXP9_METHOD_LABELS[method],
      legendgroup: method,
      x,
      y,
      text,
      hoverinfo: 'text+name',
      // Every fit drawn (jittered) beside its box: the few far misses are what the pooled variance measures.
      marker: { color: methodColor(method), size: 2.5, opacity: 0.45 },
      line: { width: 1.2 },
      boxpoints: 'all',
      jitter: 0.5,
      pointpos: 0,
    };
  });
  const ticks = symlogTicks(maxAbs);
  const notes: PanelNote[] = noiseLevels.map((sigma, i) => ({
    text: methods
      .map((m) => {
        const r = findRow(summary, m, sigma);
        return `<b>${SHORT_LABELS[m]}</b>: n = ${r.n}, failed ${r.n_failed}<br>var = ${fmt(r.variance / VARIANCE_UNIT)}×10⁻⁴, IQR = ${fmt(r.iqr, 2)}, MAD = ${fmt(r.mad, 2)}`;
      })
      .join('<br>'),
    x: (i + 0.5) / noiseLevels.length,
    y: -0.09,
    xanchor: 'center',
    yanchor: 'top',
  }));
  const panel: PanelSpec = {
    title: 'b̂ − b per method and noise level (symmetric-log axis, linear within ±0.01)',
    x: { type: 'category', extra: { categoryorder: 'array', categoryarray: noiseLevels.map(sigmaLabel) } },
    y: {
      title: 'b̂ − b (signed; symmetric-log scale, linear within ±0.01)',
      extra: { tickmode: 'array', tickvals: ticks.map((v) => symlog(v)), ticktext: ticks.map((v) => String(v)), zeroline: true, zerolinecolor: '#888888' },
    },
    traces,
    notes,
  };
  return panelGrid({
    rows: 1,
    cols: 1,
    panels: [panel],
    title: 'Estimator efficiency: distribution of the error in b',
    height: 640,
    layout: { boxmode: 'group', margin: { ...(baseLayout().margin as object), b: 170 } },
  });
}
