/**
 * `report.md` of experiment 11: cost basis, the DCL definition, one block per
 * cost row, the fitted Llama 3 surfaces and the progressive-filter table.
 */
import type { Approach2Result, SurfaceFitResult } from '../../src/fit/index.ts';
import type { QcReason } from '../shared/qc/index.ts';
import { MFU, PEAK_FLOPS_PER_GPU, USD_PER_FLOP, USD_PER_GPU_HOUR } from './cost.ts';
import type { FilterRow } from './costs.ts';
import { type CostRow, costRowLabel } from './figures.ts';
import { formatCount, formatFlops, formatNumber, formatPct, formatSignedPct, formatUsd } from '../shared/real-data/format.ts';

/** The three part 2 fits on all Llama 3 rows. */
export interface Llama3Fits {
  readonly vpnls: SurfaceFitResult;
  readonly approach3: SurfaceFitResult;
  readonly approach2: Approach2Result;
  readonly nPoints: number;
  readonly nBudgets: number;
}

/** What the report needs from the run (a structural subset of the experiment's result). */
export interface Exp11ReportData {
  readonly fits: Llama3Fits;
  readonly costRows: readonly CostRow[];
  readonly bootstrap: { nResamples: number; nSuccessful: number; seed: number };
  readonly filterRows: readonly FilterRow[];
  readonly qcCounts: Record<string, Record<QcReason, number>>;
}

export interface Exp11ReportConfig {
  readonly evalBudget: number;
  readonly budgets: readonly number[];
  readonly costBias: string;
  readonly costGrid: string;
  readonly ciPercentiles: readonly [number, number];
  readonly filterModels: ReadonlyArray<{
    readonly model: string;
    readonly evalBudget: number;
    readonly dataset: { readonly experiment: string; readonly label: string };
  }>;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function costBlock(r: CostRow, ci: readonly [number, number]): string {
  const lines = [
    `### ${costRowLabel(r)} (\`${r.row}\`)`,
    '',
    `- D*: true ${formatCount(r.d_true)} tokens, Approach 2 ${formatCount(r.d_hat)} (${formatSignedPct((100 * (r.d_hat - r.d_true)) / r.d_true)})`,
    `- N*: true ${formatCount(r.n_true)} parameters, forced by the budget ${formatCount(r.n_hat)} (${formatSignedPct((100 * (r.n_hat - r.n_true)) / r.n_true)})`,
    `- tokens per parameter D/N: true ${formatNumber(r.d_true / r.n_true)}, Approach 2 ${formatNumber(r.d_hat / r.n_hat)}`,
    `- loss: optimal ${formatNumber(r.loss_true, 6)}, at the Approach 2 allocation ${formatNumber(r.loss_hat, 6)}, penalty ${r.loss_penalty.toExponential(3)} nats`,
    `- DCL: ${formatFlops(r.dcl_flops)} FLOPs, ${formatPct(r.dcl_pct, 3)} of the budget, ${formatUsd(r.dcl_usd)}`,
    `- α/β: ${formatNumber(r.alpha_over_beta)}`,
  ];
  if (Number.isFinite(r.ci_low_flops)) {
    lines.push(
      `- ${ci[1] - ci[0]}% bootstrap interval of the DCL: ${formatFlops(r.ci_low_flops)} – ${formatFlops(r.ci_high_flops)} FLOPs, ` +
        `${formatUsd(r.ci_low_usd)} – ${formatUsd(r.ci_high_usd)}`,
    );
  }
  return lines.join('\n');
}

function fitsTable(f: Llama3Fits): string {
  const row = (name: string, s: SurfaceFitResult): string[] => [
    name,
    formatNumber(s.E, 5),
    formatNumber(s.A, 5),
    formatNumber(s.B, 5),
    formatNumber(s.alpha, 5),
    formatNumber(s.beta, 5),
    formatNumber(s.a, 5),
    formatNumber(s.b, 5),
    s.rss.toExponential(4),
    s.status,
  ];
  const surfaces = table(
    ['method', 'E', 'A', 'B', 'α', 'β', 'a', 'b', 'RSS', 'status'],
    [row('VPNLS (`vpnls_lbfgsb_grad_256`)', f.vpnls), row('Approach 3 (`approach3_lse_logloss`, grid 8⁵)', f.approach3)],
  );
  const a2 = f.approach2;
  return (
    `${surfaces}\n\nApproach 2 on the same ${f.nPoints} points (${f.nBudgets} budgets): ` +
    `a = ${formatNumber(a2.a, 5)}, b = ${formatNumber(a2.b, 5)}, a0 = ${formatNumber(a2.a0, 5)}, b0 = ${formatNumber(a2.b0, 5)}.`
  );
}

const TRUTH_LABELS: Record<string, string> = { vpnls: 'VPNLS', approach3_lse_logloss: 'Approach 3 (LSE, log-loss)' };

/** The report text. */
export function exp11Report(result: Exp11ReportData, config: Exp11ReportConfig): string {
  const C = config.evalBudget;
  const real = result.costRows.filter((r) => r.group === 'real');
  const sim = result.costRows.filter((r) => r.group === 'simulated');
  const out: string[] = [
    '# Experiment 11: what the errors cost at frontier scale',
    '',
    '## Cost basis',
    '',
    `- Target budget C = ${formatFlops(C)} FLOPs (the Llama 3 405B training run).`,
    `- One H100 SXM GPU at its dense BF16 peak of ${PEAK_FLOPS_PER_GPU / 1e12} TFLOP/s, ${MFU * 100}% model FLOPs utilisation, ` +
      `US$ ${USD_PER_GPU_HOUR.toFixed(2)} per GPU-hour: US$ ${USD_PER_FLOP.toExponential(4)} per FLOP, so the whole budget costs ${formatUsd(C * USD_PER_FLOP)}.`,
    '',
    '## Deadweight compute loss (DCL)',
    '',
    'Approach 2 extrapolates the compute-optimal token count D* to the target budget; the run then trains on that many tokens ' +
      'and the budget fixes the parameter count, N = C/(6·D). On the true loss surface this run ends at a higher loss than the ' +
      'compute-optimal run. The DCL is the compute that would not have been needed: the budget minus the smaller budget at which ' +
      'a compute-optimal run reaches the same loss. It is reported in FLOPs, as a share of C and in dollars.',
    '',
    '## Fitted Llama 3 surfaces',
    '',
    `All ${result.fits.nPoints} \`llama_3__raw_loss\` points, no QC filtering.`,
    '',
    fitsTable(result.fits),
    '',
    '## Real Llama 3 data',
    '',
    `Each fitted surface in turn is taken as the truth; Approach 2 fitted on the same points supplies D*. Intervals come from ` +
      `${result.bootstrap.nSuccessful} of ${result.bootstrap.nResamples} bootstrap resamples within budgets (seed ${result.bootstrap.seed}).`,
    '',
    ...real.flatMap((r) => [costBlock(r, config.ciPercentiles), '']),
    '## Simulated surfaces',
    '',
    `Noise-free IsoFLOP sweeps on ${config.budgets.map((b) => formatFlops(b)).join(', ')} FLOPs, 15 points per curve, ` +
      `sampling bias \`${config.costBias}\`, grid ${config.costGrid}; Approach 2 extrapolated to ${formatFlops(C)} FLOPs.`,
    '',
    ...sim.flatMap((r) => [costBlock(r, config.ciPercentiles), '']),
    '## Progressive QC filter',
    '',
    'Rows are labelled with the IsoFLOP quality control; each level excludes one more group of reasons and Approach 2 is refitted ' +
      'on what remains. The truth surfaces are fitted on all rows.',
    '',
  ];
  for (const m of config.filterModels) {
    const counts = result.qcCounts[m.model] ?? {};
    const flagged = Object.entries(counts)
      .filter(([k, v]) => k !== 'none' && v > 0)
      .map(([k, v]) => `${k} ${v}`);
    out.push(`### ${m.dataset.label} (\`${m.dataset.experiment}\`, C = ${formatFlops(m.evalBudget)} FLOPs)`, '');
    out.push(`QC: ${counts.none ?? 0} clean rows; flagged: ${flagged.length > 0 ? flagged.join(', ') : 'none'}.`, '');
    out.push(
      table(
        ['truth', 'level', 'points removed', 'points left', 'budgets removed', 'budgets left', 'DCL FLOPs', 'DCL %', 'DCL $'],
        result.filterRows
          .filter((r) => r.model === m.model)
          .map((r) => [
            TRUTH_LABELS[r.truth_method] ?? r.truth_method,
            r.level,
            String(r.points_removed),
            String(r.points_remaining),
            String(r.budgets_removed),
            String(r.budgets_remaining),
            formatFlops(r.dcl_flops),
            formatPct(r.dcl_pct, 3),
            formatUsd(r.dcl_usd),
          ]),
      ),
      '',
    );
  }
  return out.join('\n');
}
