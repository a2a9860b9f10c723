/**
 * Figures of experiment 11: the cost overview (`compute_allocation_errors`)
 * and the progressive QC filter (`progressive_filter_<model>_<truth>`).
 */
import { type Figure, panelGrid, type PanelTrace, qualitative, SURFACE_COLORS } from '../../src/plot/index.ts';
import type { FilterRow } from './costs.ts';
import type { AllocationCost } from '../../src/surface/allocation-cost.ts';
import { formatCount, formatNumber, formatPct, formatUsd } from '../shared/real-data/format.ts';
import { withSideTable } from '../shared/real-data/table.ts';

/** One `cost_estimates.csv` row (the fields the figures and report use): the specs/experiments.md §B.4 quantities plus labels, cost and interval. */
export interface CostRow extends Omit<AllocationCost, 'd_err_abs' | 'd_err_pct'> {
  row: string;
  group: 'real' | 'simulated';
  truth_method: string;
  surface: string;
  dcl_usd: number;
  alpha_over_beta: number;
  ci_low_flops: number;
  ci_high_flops: number;
  ci_low_usd: number;
  ci_high_usd: number;
}

/** The specs/experiments.md §B.4 columns of a cost row. */
export type CostFields = Pick<
  CostRow,
  'd_true' | 'd_hat' | 'n_true' | 'n_hat' | 'loss_true' | 'loss_hat' | 'loss_penalty' | 'c_equivalent' | 'dcl_flops' | 'dcl_pct' | 'dcl_usd'
>;

/** Display label of a cost row. */
export function costRowLabel(r: Pick<CostRow, 'row' | 'group' | 'truth_method' | 'surface'>): string {
  if (r.group === 'real') return `Llama 3 data vs ${r.truth_method === 'vpnls' ? 'VPNLS' : 'Approach 3'} surface`;
  const names: Record<string, string> = { llama_3: 'Llama 3', chinchilla: 'Chinchilla', soda: 'SODA', sparse_nmm: 'Sparse-NMM' };
  return `${names[r.surface] ?? r.surface} (simulated)`;
}

const REAL_COLOR = '#0072B2';

/**
 * Left: horizontal bars of `dcl_flops` (log x axis), real rows first, each
 * group sorted by DCL (largest on top), with the bootstrap interval as an
 * error bar and in the label; right: the numbers behind each bar.
 */
export function computeAllocationFigure(rows: readonly CostRow[], evalBudget: number): Figure {
  const byDcl = (a: CostRow, b: CostRow): number => b.dcl_flops - a.dcl_flops;
  const ordered = [...rows.filter((r) => r.group === 'real').sort(byDcl), ...rows.filter((r) => r.group === 'simulated').sort(byDcl)];
  const labels = ordered.map(costRowLabel);
  const text = ordered.map((r) => {
    const base = `${formatUsd(r.dcl_usd)} (${formatPct(r.dcl_pct)})`;
    return Number.isFinite(r.ci_low_usd) ? `${base}<br>90% CI ${formatUsd(r.ci_low_usd)}–${formatUsd(r.ci_high_usd)}` : base;
  });
  const hasCi = ordered.map((r) => Number.isFinite(r.ci_low_flops));
  const labelX = ordered.map((r, i) => 1.1 * (hasCi[i] ? Math.max(r.dcl_flops, r.ci_high_flops) : r.dcl_flops));
  const positive = ordered.flatMap((r) => [r.dcl_flops, r.ci_low_flops]).filter((v) => v > 0);
  const xRange = positive.length > 0 ? [Math.log10(Math.min(...positive)) - 0.3, Math.log10(Math.max(...labelX)) + 1.6] : undefined;
  const fig = panelGrid({
    rows: 1,
    cols: 2,
    height: 520,
    title: `Deadweight compute of Approach 2's allocation at ${evalBudget.toExponential(1)} FLOPs`,
    panels: [
      {
        title: 'Deadweight compute loss (DCL)',
        x: { title: 'DCL (FLOPs, log scale)', type: 'log', extra: xRange ? { range: xRange } : undefined },
        y: { type: 'category', extra: { autorange: 'reversed' } },
        traces: [
          ...(['real', 'simulated'] as const).map((group) => {
            const idx = ordered.flatMap((r, i) => (r.group === group ? [i] : []));
            const bar: PanelTrace = {
              type: 'bar',
              orientation: 'h',
              name: group === 'real' ? 'Real Llama 3 data' : 'Simulated surfaces',
              showlegend: false,
              x: idx.map((i) => ordered[i].dcl_flops),
              y: idx.map((i) => labels[i]),
              marker: { color: idx.map((i) => (group === 'real' ? REAL_COLOR : (SURFACE_COLORS[ordered[i].surface] ?? qualitative(i)))) },
              hovertemplate: '%{y}<br>DCL %{x:.4g} FLOPs<extra></extra>',
            };
            if (idx.some((i) => hasCi[i])) {
              bar.error_x = {
                type: 'data',
                symmetric: false,
                array: idx.map((i) => Math.max(0, ordered[i].ci_high_flops - ordered[i].dcl_flops)),
                arrayminus: idx.map((i) => Math.max(0, ordered[i].dcl_flops - ordered[i].ci_low_flops)),
                color: '#444444',
                thickness: 1.2,
                width: 4,
              };
            }
            return bar;
          }),
          {
            // Labels right of the bar or its interval, whichever ends later.
            type: 'scatter',
            mode: 'text',
            name: 'labels',
            showlegend: false,
            hoverinfo: 'skip',
            x: labelX,
            y: labels,
            text,
            textposition: 'middle right',
            textfont: { size: 11 },
            cliponaxis: false,
          },
        ],
      },
      null,
    ],
  });
  return withSideTable(
    fig,
    {
      header: ['Row', 'D* true', 'D* inferred', 'N* true', 'N* inferred', 'Loss penalty (×1e3)', 'DCL %', 'DCL $', 'α/β'],
      rows: ordered.map((r, i) => [
        labels[i],
        formatCount(r.d_true),
        formatCount(r.d_hat),
        formatCount(r.n_true),
        formatCount(r.n_hat),
        formatNumber(1e3 * r.loss_penalty),
        formatPct(r.dcl_pct),
        formatUsd(r.dcl_usd),
        formatNumber(r.alpha_over_beta),
      ]),
      columnWidth: [2.6, 1, 1, 1, 1, 1.1, 0.9, 1, 0.7],
    },
    [0, 0.4],
    [0.5, 1],
  );
}

const LEVEL_LABELS: Record<string, string> = {
  raw: 'raw',
  pre_qc: '+ pre-QC',
  off_center: '+ off-centre',
  weak_curvature: '+ weak curvature',
  post_qc: '+ post-QC',
};

/** DCL % per cumulative QC level (dot-line with $ labels) beside a table of what each level removed. */
export function progressiveFilterFigure(rows: readonly FilterRow[], modelLabel: string, truthLabel: string, evalBudget: number): Figure {
  const x = rows.map((r) => LEVEL_LABELS[r.level] ?? r.level);
  const fig = panelGrid({
    rows: 1,
    cols: 2,
    height: 460,
    title: `${modelLabel}: Approach 2 DCL at ${evalBudget.toExponential(2)} FLOPs as QC removes points (truth: ${truthLabel})`,
    panels: [
      {
        title: 'DCL per cumulative QC level',
        x: { title: 'Points excluded (cumulative)', type: 'category' },
        y: { title: 'DCL (% of budget)', extra: { rangemode: 'tozero' } },
        traces: [
          {
            type: 'scatter',
            mode: 'lines+markers+text',
            name: 'DCL',
            showlegend: false,
            x,
            y: rows.map((r) => r.dcl_pct),
            text: rows.map((r) => formatUsd(r.dcl_usd)),
            textposition: 'top center',
            cliponaxis: false,
            marker: { size: 9, color: REAL_COLOR },
            line: { color: REAL_COLOR, width: 2 },
            hovertemplate: '%{x}<br>DCL %{y:.4f}%<br>%{text}<extra></extra>',
          },
        ],
      },
      null,
    ],
  });
  return withSideTable(
    fig,
    {
      header: ['Level', 'Points removed', 'Points left', 'Budgets removed', 'Budgets left', 'DCL %', 'DCL $'],
      rows: rows.map((r, i) => [
        x[i],
        String(r.points_removed),
        String(r.points_remaining),
        String(r.budgets_removed),
        String(r.budgets_remaining),
        formatPct(r.dcl_pct, 3),
        formatUsd(r.dcl_usd),
      ]),
      columnWidth: [1.6, 1, 1, 1, 1, 0.9, 0.9],
    },
    [0, 0.45],
    [0.53, 1],
  );
}
