/**
 * The explorable's two Plotly views, built from one recompute:
 * (1) loss against log10 D per budget with samples, Approach 2 parabolas,
 * sampling centers ◆, true optima × and Approach 2 vertices +;
 * (2) D* against C with the true law, Approach 2 and VPNLS, the fitting
 * range shaded and markers at the chosen budget.
 */
import { budgetColor, formatPow10, MARKERS } from '../../src/plot/theme.ts';
import { dOpt, loss, lossOpt } from '../../src/surface/index.ts';
import { METHOD_COLORS } from './style.ts';
import type { ExplorableResult } from './compute.ts';

type Trace = Record<string, unknown>;

const axis = { showline: true, linecolor: '#444', mirror: true, gridcolor: '#e6e6e6', zeroline: false, ticks: 'outside', automargin: true };

export function curvesFigure(r: ExplorableResult): { data: Trace[]; layout: Record<string, unknown> } {
  const data: Trace[] = [];
  const nb = r.budgets.length;
  const a2 = r.approach2.ok ? r.approach2.value.fit : null;
  r.budgets.forEach((C, i) => {
    const color = budgetColor(i, nb);
    const x: number[] = [];
    const y: number[] = [];
    for (let k = 0; k < r.samples.C.length; k++) {
      if (r.samples.C[k] === C) {
        x.push(Math.log10(r.samples.D[k]));
        y.push(r.samples.L[k]);
      }
    }
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: formatPow10(C),
      legendgroup: `b${i}`,
      x,
      y,
      marker: { color, size: 5 },
      hovertemplate: 'log₁₀ D %{x:.3f}<br>L %{y:.5f}<extra></extra>',
    });
    const g = a2?.budgets.find((b) => b.C === C);
    if (g) {
      const p = g.parabolaD;
      const lo = Math.min(...x);
      const hi = Math.max(...x);
      const px: number[] = [];
      const py: number[] = [];
      for (let s = 0; s <= 40; s++) {
        const xv = lo + ((hi - lo) * s) / 40;
        const u = xv - p.xMean;
        px.push(xv);
        py.push(p.p0 + p.p1 * u + p.p2 * u * u);
      }
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: 'parabola',
        legendgroup: `b${i}`,
        showlegend: false,
        x: px,
        y: py,
        line: { color, width: 1.5 },
        hoverinfo: 'skip',
      });
    }
    // Sampling center: mean log10 D of the budget's points, at the true loss there.
    const xc = x.reduce((s, v) => s + v, 0) / x.length;
    const Dc = Math.pow(10, xc);
    const Nc = C / (6 * Dc);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'sampling center',
      legendgroup: 'center',
      showlegend: i === 0,
      x: [xc],
      y: [loss(r.surface, Nc, Dc)],
      marker: { symbol: MARKERS.samplingCenter, color: '#444', size: 8 },
    });
  });
  data.push({
    type: 'scatter',
    mode: 'markers',
    name: 'true optimum',
    x: r.budgets.map((C) => Math.log10(dOpt(r.surface, C))),
    y: r.budgets.map((C) => lossOpt(r.surface, C)),
    marker: { symbol: MARKERS.trueOptimum, color: '#000', size: 9 },
  });
  if (a2) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'Approach 2 vertex',
      x: a2.budgets.map((b) => b.parabolaD.vertex),
      y: a2.budgets.map((b) => b.parabolaD.minimum),
      marker: { symbol: MARKERS.approach2Vertex, color: METHOD_COLORS.approach2, size: 10, line: { width: 1 } },
    });
  }
  return {
    data,
    layout: {
      height: 360,
      margin: { l: 60, r: 10, t: 30, b: 50 },
      showlegend: true,
      legend: { font: { size: 10 } },
      xaxis: { ...axis, title: { text: 'log₁₀ D (tokens)' } },
      yaxis: { ...axis, title: { text: 'Loss (nats)' } },
      title: { text: 'IsoFLOP samples and Approach 2 parabolas', font: { size: 13 } },
    },
  };
}

export function lawFigure(r: ExplorableResult, Ctarget: number): { data: Trace[]; layout: Record<string, unknown> } {
  const lo = 17;
  const hi = Math.log10(Ctarget);
  const Cs: number[] = [];
  for (let s = 0; s <= 60; s++) Cs.push(Math.pow(10, lo + ((hi - lo) * s) / 60));
  const data: Trace[] = [
    { type: 'scatter', mode: 'lines', name: 'true D*', x: Cs, y: Cs.map((C) => dOpt(r.surface, C)), line: { color: '#000', dash: 'dash', width: 2 } },
  ];
  const marks: Trace[] = [
    {
      type: 'scatter',
      mode: 'markers',
      name: 'true at C',
      showlegend: false,
      x: [Ctarget],
      y: [r.truth.D],
      marker: { symbol: MARKERS.trueOptimum, color: '#000', size: 10 },
    },
  ];
  if (r.approach2.ok) {
    const f = r.approach2.value.fit;
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: 'Approach 2',
      x: Cs,
      y: Cs.map((C) => Math.pow(10, f.b * Math.log10(C) + f.b0)),
      line: { color: METHOD_COLORS.approach2, width: 2 },
    });
    marks.push({
      type: 'scatter',
      mode: 'markers',
      name: 'Approach 2 at C',
      showlegend: false,
      x: [Ctarget],
      y: [r.approach2.value.at.D],
      marker: { symbol: MARKERS.approach2Vertex, color: METHOD_COLORS.approach2, size: 11, line: { width: 1 } },
    });
  }
  if (r.vpnls.ok) {
    const f = r.vpnls.value.fit;
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: 'VPNLS',
      x: Cs,
      y: Cs.map((C) => dOpt(f, C)),
      line: { color: METHOD_COLORS.vpnls, width: 2, dash: 'dot' },
    });
    marks.push({
      type: 'scatter',
      mode: 'markers',
      name: 'VPNLS at C',
      showlegend: false,
      x: [Ctarget],
      y: [r.vpnls.value.at.D],
      marker: { symbol: MARKERS.vpnls, color: METHOD_COLORS.vpnls, size: 11 },
    });
  }
  return {
    data: [...data, ...marks],
    layout: {
      height: 360,
      margin: { l: 70, r: 10, t: 30, b: 50 },
      legend: { font: { size: 10 }, x: 0.02, y: 0.98 },
      xaxis: { ...axis, type: 'log', title: { text: 'Compute C (FLOPs)' }, exponentformat: 'power' },
      yaxis: { ...axis, type: 'log', title: { text: 'D* (tokens)' }, exponentformat: 'power' },
      title: { text: 'Compute-optimal tokens: truth and fitted laws', font: { size: 13 } },
      shapes: [
        {
          type: 'rect',
          xref: 'x',
          yref: 'paper',
          x0: r.budgets[0],
          x1: r.budgets[r.budgets.length - 1],
          y0: 0,
          y1: 1,
          fillcolor: 'rgba(0,114,178,0.08)',
          line: { width: 0 },
          layer: 'below',
        },
      ],
      annotations: [
        {
          xref: 'x',
          yref: 'paper',
          x: Math.log10(Math.sqrt(r.budgets[0] * r.budgets[r.budgets.length - 1])),
          y: 0.02,
          text: 'fitting range',
          showarrow: false,
          font: { size: 10, color: '#0072B2' },
        },
      ],
    },
  };
}
