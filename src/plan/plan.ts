/**
 * The sweep planner: for a design and an assumed surface, how wrong will the
 * compute-optimal N* and D* at the target be? Closed-form Approach 2 bias, a
 * seeded Monte Carlo of VPNLS and Approach 2 on noisy sweeps, and a table of
 * designs (grid width × points per curve) with their total compute and the
 * cheapest one meeting a tolerance. No DOM and no Node: the CLI
 * (`scaling-fit plan`) and the page both call {@link runPlan}.
 */
import { dOpt, lossOpt, nOpt } from '../surface/loss-surface.ts';
import { approach2DesignBias, type Approach2Bias } from './closed-form.ts';
import { designOf, sweepCompute, type SweepDesign } from './design.ts';
import { simulateDesign, PLAN_METHODS, type MethodSummary, type MonteCarloResult, type PlanMethod } from './monte-carlo.ts';
import { resolvePlanOptions, type PlanOptions, type ResolvedPlanOptions } from './options.ts';

/** One design of the table. */
export interface DesignRow {
  readonly widthFactor: number;
  readonly pointsPerCurve: number;
  /** Total compute of the sweep (FLOPs). */
  readonly compute: number;
  /** Closed-form Approach 2 errors (centred sampling). */
  readonly closedForm: { readonly N: number; readonly D: number };
  readonly vpnls: MethodSummary;
  readonly approach2: MethodSummary;
  /** Per method: every simulated error of N* and D* within ±tolerance across the interval, and no failed fit. */
  readonly meets: Readonly<Record<PlanMethod, boolean>>;
}

export interface PlanResult {
  readonly options: ResolvedPlanOptions;
  readonly design: SweepDesign & { readonly compute: number };
  /** The assumed surface's optimum at the target. */
  readonly truth: { readonly N: number; readonly D: number; readonly loss: number };
  readonly approach2Bias: Approach2Bias;
  readonly monteCarlo: MonteCarloResult;
  readonly table: readonly DesignRow[];
  /** Index into `table` of the cheapest design meeting the tolerance per method (ties: the smaller worst error), or null. */
  readonly cheapest: Readonly<Record<PlanMethod, number | null>>;
}

export interface PlanProgress {
  /** Called with (simulated sweeps done, total) as the plan runs. */
  readonly onProgress?: (done: number, total: number) => void;
}

function meets(m: MethodSummary, tolerance: number): boolean {
  return m.failed === 0 && m.worst !== null && m.worst <= tolerance;
}

function cheapestIndex(table: readonly DesignRow[], method: PlanMethod): number | null {
  let best: number | null = null;
  table.forEach((row, i) => {
    if (!row.meets[method]) return;
    const b = best === null ? null : table[best]!;
    if (b === null || row.compute < b.compute || (row.compute === b.compute && row[method].worst! < b[method].worst!)) best = i;
  });
  return best;
}

/**
 * Runs the plan: closed form, the Monte Carlo of the chosen design, then the table.
 * @throws PlanOptionsError for an unusable option
 */
export function runPlan(options: PlanOptions = {}, progress: PlanProgress = {}): PlanResult {
  const o = resolvePlanOptions(options);
  const truth = o.surface;
  const C = o.targetCompute;
  const design = designOf(o);
  const total = o.replicates + o.tableWidths.length * o.tablePoints.length * o.tableReplicates;
  let done = 0;
  const tick = (): void => {
    done++;
    progress.onProgress?.(done, total);
  };
  const settings = { noiseStd: o.noiseStd, targetCompute: C, seed: o.seed, level: o.level };
  const monteCarlo = simulateDesign(truth, design, { ...settings, replicates: o.replicates }, tick);
  const table: DesignRow[] = [];
  for (const k of o.tableWidths) {
    for (const n of o.tablePoints) {
      const d = designOf(o, k, n);
      const mc = simulateDesign(truth, d, { ...settings, replicates: o.tableReplicates }, tick);
      const cf = approach2DesignBias(truth, d, C).closedForm;
      table.push({
        widthFactor: k,
        pointsPerCurve: n,
        compute: sweepCompute(d),
        closedForm: cf,
        vpnls: mc.vpnls,
        approach2: mc.approach2,
        meets: { vpnls: meets(mc.vpnls, o.tolerance), approach2: meets(mc.approach2, o.tolerance) },
      });
    }
  }
  const cheapest = Object.fromEntries(PLAN_METHODS.map((m) => [m, cheapestIndex(table, m)])) as Record<PlanMethod, number | null>;
  return {
    options: o,
    design: { ...design, compute: sweepCompute(design) },
    truth: { N: nOpt(truth, C), D: dOpt(truth, C), loss: lossOpt(truth, C) },
    approach2Bias: approach2DesignBias(truth, design, C),
    monteCarlo,
    table,
    cheapest,
  };
}
