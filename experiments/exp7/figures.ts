/**
 * Experiment 7's figures (specs/experiments.md §C.7): the method comparison
 * (`exponent_inference`), box plots of |error| per n (`exponent_inference_errors`)
 * and one noisy sample per σ (`isoflop_curves`).
 */
import { type Figure, type PanelSpec, type PanelTrace, panelGrid, scatter } from '../../src/plot/figure.ts';
import { budgetColor, formatPow10, MARKERS, qualitative } from '../../src/plot/theme.ts';
import { centerOffset, type SamplingBias } from '../../src/sampling/index.ts';
import { FLOPS_PER_PARAM_TOKEN, loss, type LossSurface, lossOpt, nOpt } from '../../src/surface/index.ts';
import { linspace } from '../../src/util/space.ts';
import { EXP7_METHOD_LABELS, EXP7_METHODS, type Exp7Method } from './fits.ts';
import { type Exp7FitRow, type MethodComparisonRow, groupStats, pooledAbsErrors } from './tables.ts';
import { roundSignificant } from './noisy-stats.ts';

/** One colour per method, fixed across figures. */
export function methodColor(method: Exp7Method): string {
  return qualitative(EXP7_METHODS.indexOf(method));
}

/** Non-zero |values| rounded for plotting (the tables keep full precision). */
const plotAbs = (values: readonly number[]) =>
  values
    .map(Math.abs)
    .filter((v) => v > 0)
    .map((v) => roundSignificant(v));

const fmtPct = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toPrecision(2)) : '–');

/** Resizes the two columns of a 1×2 grid (domains and panel-title positions). */
function setColumnDomains(fig: Figure, domains: ReadonlyArray<readonly [number, number]>): void {
  const annotations = fig.layout.annotations as Array<Record<string, unknown>>;
  domains.forEach((d, k) => {
    const axis = fig.layout[k === 0 ? 'xaxis' : `xaxis${k + 1}`] as Record<string, unknown>;
    const old = axis.domain as [number, number];
    const title = annotations.find((a) => a.xref === 'paper' && a.x === (old[0] + old[1]) / 2);
    axis.domain = [...d];
    if (title) title.x = (d[0] + d[1]) / 2;
  });
}

/**
 * Left: one row per method, sorted by the largest pooled |error| (largest on
 * top): geometric mean (dot), min–max bar, rug of every pooled |error|, log x.
 * Right: heat map of the largest |a| and |b| errors, values printed.
 */
export function exponentInferenceFigure(fits: readonly Exp7FitRow[], comparison: readonly MethodComparisonRow[]): Figure {
  const order = [...comparison].sort((p, q) => (q.max_abs_err_pct || 0) - (p.max_abs_err_pct || 0));
  const m = order.length;
  const pos = (rank: number) => m - 1 - rank;
  const left: PanelTrace[] = [];
  order.forEach((row, rank) => {
    const color = methodColor(row.method);
    const pooled = plotAbs(pooledAbsErrors(groupStats(fits.filter((f) => f.method === row.method))));
    left.push(
      scatter(
        `${row.label}: all |errors|`,
        pooled,
        pooled.map(() => pos(rank) - 0.28),
        {
          mode: 'markers',
          marker: { symbol: 'line-ns-open', size: 9, color, opacity: 0.25 },
          showlegend: false,
          hoverinfo: 'x',
        },
      ),
    );
    const g = row.gmean_abs_err_pct;
    left.push(
      scatter(row.label, [g], [pos(rank)], {
        mode: 'markers',
        marker: { size: 11, color, line: { color: '#222222', width: 1 } },
        error_x: { type: 'data', symmetric: false, array: [row.max_abs_err_pct - g], arrayminus: [g - row.min_abs_err_pct], color, thickness: 2, width: 6 },
        hovertemplate: `${row.label}<br>geometric mean %{x:.3g}%<br>min ${fmtPct(row.min_abs_err_pct)}%, max ${fmtPct(row.max_abs_err_pct)}%<extra></extra>`,
      }),
    );
  });
  const yAxis = {
    type: 'linear' as const,
    extra: { tickmode: 'array', tickvals: order.map((_, r) => pos(r)), ticktext: order.map((r) => r.label), range: [-0.7, m - 0.4], showgrid: false },
  };
  const heat: PanelTrace = {
    type: 'heatmap',
    x: ['max |a| error (%)', 'max |b| error (%)'],
    y: order.map((_, r) => pos(r)),
    z: order.map((r) => [r.max_abs_a_err_pct, r.max_abs_b_err_pct].map((v) => (v > 0 ? Math.log10(v) : null))),
    text: order.map((r) => [fmtPct(r.max_abs_a_err_pct), fmtPct(r.max_abs_b_err_pct)]),
    texttemplate: '%{text}%',
    textfont: { size: 13 },
    colorscale: 'YlOrRd',
    reversescale: true,
    showscale: false,
    hovertemplate: '%{x}: %{text}%<extra></extra>',
    showlegend: false,
  };
  const panels: PanelSpec[] = [
    {
      title: 'Pooled |a| and |b| errors per method (dot: geometric mean; bar: min–max; ticks: every fit)',
      x: { title: '|relative error| of a and b (%)', type: 'log' },
      y: yAxis,
      traces: left,
    },
    { title: 'Worst case', x: { type: 'category' }, y: { ...yAxis, extra: { ...yAxis.extra, showticklabels: false } }, traces: [heat] },
  ];
  const fig = panelGrid({
    rows: 1,
    cols: 2,
    panels,
    title: 'Exponent inference from few, noisy points: error of a and b by method',
    height: 520,
    layout: { showlegend: false },
  });
  setColumnDomains(fig, [
    [0, 0.7],
    [0.76, 1],
  ]);
  return fig;
}

/**
 * Rows: number of budgets; columns: (σ, a) and (σ, b) for the given σ
 * levels; each panel: box plots of |error| (log y) per n, one box per method.
 */
export function errorsFigure(
  fits: readonly Exp7FitRow[],
  config: { nBudgetsValues: readonly number[]; nPointsValues: readonly number[]; methods: readonly Exp7Method[]; errorFigureNoise: readonly number[] },
): Figure {
  const methods = config.methods.filter((mm) => mm !== 'approach3_naive');
  const panels: PanelSpec[] = [];
  for (const nb of config.nBudgetsValues) {
    for (const sigma of config.errorFigureNoise) {
      for (const which of ['a', 'b'] as const) {
        const cell = fits.filter((f) => f.n_budgets === nb && f.noise_std === sigma && !f.failed);
        const traces: PanelTrace[] = methods.map((method) => {
          const x: string[] = [];
          const y: number[] = [];
          for (const f of cell) {
            if (f.method !== method) continue;
            const v = Math.abs(which === 'a' ? f.a_err_pct! : f.b_err_pct!);
            if (v > 0) {
              x.push(String(f.n_points));
              y.push(roundSignificant(v));
            }
          }
          // offsetgroup/alignmentgroup keep the boxes of one panel side by side at full width.
          return {
            type: 'box',
            name: EXP7_METHOD_LABELS[method],
            legendgroup: method,
            offsetgroup: method,
            alignmentgroup: `panel-${panels.length}`,
            x,
            y,
            marker: { color: methodColor(method), size: 3 },
            line: { width: 1.2 },
            boxpoints: 'outliers',
          };
        });
        panels.push({
          title: `${nb} budgets, σ = ${sigma}: ${which}`,
          x: { title: 'points per curve n', type: 'category', extra: { categoryorder: 'array', categoryarray: config.nPointsValues.map(String) } },
          y: { title: `|${which} relative error| (%)`, type: 'log' },
          traces,
        });
      }
    }
  }
  return panelGrid({
    rows: config.nBudgetsValues.length,
    cols: 2 * config.errorFigureNoise.length,
    panels,
    title: 'Exponent errors by points per curve, number of budgets and noise (random-start Approach 3 omitted)',
    layout: { boxmode: 'group', boxgap: 0.25, boxgroupgap: 0.1 },
  });
}

export interface CurveSample {
  readonly noiseStd: number;
  readonly samples: { N: readonly number[]; D: readonly number[]; L: readonly number[]; C: readonly number[] };
}

/**
 * 2 rows (L against log10 N; L against log10 D) × one column per σ: the
 * noisy points per budget, the noise-free curve, the true optimum (×) and
 * the biased sampling centre (◆).
 */
export function isoflopCurvesFigure(curves: readonly CurveSample[], surface: LossSurface, W: number, bias: SamplingBias): Figure {
  const rows: Array<Array<PanelSpec>> = [[], []];
  for (const curve of curves) {
    const { N, L, C } = curve.samples;
    const budgets = [...new Set(C)].sort((p, q) => p - q);
    const cMin = budgets[0];
    const cMax = budgets[budgets.length - 1];
    const tracesN: PanelTrace[] = [];
    const tracesD: PanelTrace[] = [];
    budgets.forEach((budget, j) => {
      const color = budgetColor(j, budgets.length);
      const group = `C = ${formatPow10(budget)}`;
      const idx = C.flatMap((c, i) => (c === budget ? [i] : []));
      const lgN = idx.map((i) => Math.log10(N[i]));
      const lgD = idx.map((i) => Math.log10(budget / (FLOPS_PER_PARAM_TOKEN * N[i])));
      const Ls = idx.map((i) => L[i]);
      const centre = Math.log10(nOpt(surface, budget)) + centerOffset(bias, budget, cMin, cMax);
      const dense = linspace(centre - W - 0.15, centre + W + 0.15, 80);
      const denseL = Array.from(dense, (x) => loss(surface, 10 ** x, budget / (FLOPS_PER_PARAM_TOKEN * 10 ** x)));
      const lgDOf = (x: number) => Math.log10(budget / FLOPS_PER_PARAM_TOKEN) - x;
      const nStar = Math.log10(nOpt(surface, budget));
      const lStar = lossOpt(surface, budget);
      const lCentre = loss(surface, 10 ** centre, budget / (FLOPS_PER_PARAM_TOKEN * 10 ** centre));
      for (const [traces, xOf, pts] of [
        [tracesN, (x: number) => x, lgN],
        [tracesD, lgDOf, lgD],
      ] as const) {
        traces.push(scatter(group, pts, Ls, { mode: 'markers', legendgroup: group, marker: { color, size: 6 } }));
        traces.push(scatter('noise-free curve', Array.from(dense, xOf), denseL, { legendgroup: 'noise-free', line: { color, width: 1.5, dash: 'dot' } }));
        traces.push(
          scatter('true optimum', [xOf(nStar)], [lStar], {
            mode: 'markers',
            legendgroup: 'optimum',
            marker: { symbol: MARKERS.trueOptimum, size: 11, color: '#000000' },
          }),
        );
        traces.push(
          scatter('sampling centre', [xOf(centre)], [lCentre], {
            mode: 'markers',
            legendgroup: 'centre',
            marker: { symbol: MARKERS.samplingCenter, size: 9, color, line: { color: '#000000', width: 1 } },
          }),
        );
      }
    });
    rows[0].push({ title: `σ = ${curve.noiseStd}: L against N`, x: { title: 'log₁₀ N (parameters)' }, y: { title: 'loss L (nats)' }, traces: tracesN });
    rows[1].push({ title: `σ = ${curve.noiseStd}: L against D`, x: { title: 'log₁₀ D (tokens)' }, y: { title: 'loss L (nats)' }, traces: tracesD });
  }
  return panelGrid({
    rows: 2,
    cols: curves.length,
    panels: [...rows[0], ...rows[1]],
    height: 860,
    vSpacing: 0.17,
    title: 'One noisy IsoFLOP sample per noise level (drift to 3×, ±8× grid, asymmetric surface)',
  });
}
