/**
 * A plan as one JSON record (the CLI's `--json`, the page's download; same
 * bytes for the same options) and as readable text (the CLI's default).
 * Errors are fractions in JSON and percentages in text.
 */
import { formatCompute } from '../util/format.ts';
import type { ErrorSummary, MethodSummary, PlanMethod } from './monte-carlo.ts';
import type { PlanResult } from './plan.ts';

/** An error summary in the record (fractions). */
export interface ErrorRecord {
  readonly median: number;
  readonly lo: number;
  readonly hi: number;
}

/** One method's Monte Carlo summary in the record. */
export interface MethodRecord {
  readonly succeeded: number;
  readonly failed: number;
  readonly failures: ReadonlyArray<{ readonly message: string; readonly count: number }>;
  readonly N_error: ErrorRecord | null;
  readonly D_error: ErrorRecord | null;
  readonly worst: number | null;
}

interface ErrorPair {
  readonly N_error: number;
  readonly D_error: number;
}

/** The plan as `plan --json` prints it (schema: specs/app.md). */
export interface PlanRecord {
  readonly surface: { readonly name: string | null; readonly E: number; readonly A: number; readonly B: number; readonly alpha: number; readonly beta: number };
  readonly design: {
    readonly budgets: readonly number[];
    readonly points_per_curve: number;
    readonly width_factor: number;
    readonly W: number;
    readonly center_scale: number;
    readonly drift_rate: number;
    readonly compute: number;
  };
  readonly noise_std: number;
  readonly target: { readonly compute: number; readonly N: number; readonly D: number; readonly loss: number };
  readonly approach2_bias: {
    readonly delta_w: number;
    readonly closed_form: ErrorPair;
    readonly centred: boolean;
    readonly noise_free: ErrorPair | null;
    readonly noise_free_error: string | null;
  };
  readonly monte_carlo: {
    readonly replicates: number;
    readonly seed: number;
    readonly level: number;
    readonly rng: string;
    readonly vpnls: MethodRecord;
    readonly approach2: MethodRecord;
  };
  readonly table: {
    readonly replicates: number;
    readonly tolerance: number;
    readonly rows: ReadonlyArray<{
      readonly width_factor: number;
      readonly points_per_curve: number;
      readonly compute: number;
      readonly closed_form: ErrorPair;
      readonly vpnls: MethodRecord;
      readonly approach2: MethodRecord;
      readonly meets: { readonly vpnls: boolean; readonly approach2: boolean };
    }>;
    readonly cheapest: { readonly vpnls: number | null; readonly approach2: number | null };
  };
}

function errorRecord(e: ErrorSummary | null): ErrorRecord | null {
  return e === null ? null : { median: e.median, lo: e.lo, hi: e.hi };
}

function methodRecord(m: MethodSummary): MethodRecord {
  return {
    succeeded: m.succeeded,
    failed: m.failed,
    failures: m.failures.map((f) => ({ message: f.message, count: f.count })),
    N_error: errorRecord(m.N),
    D_error: errorRecord(m.D),
    worst: m.worst,
  };
}

/** The plan as a plain object (schema in specs/app.md). */
export function planRecord(r: PlanResult): PlanRecord {
  const o = r.options;
  const b = r.approach2Bias;
  return {
    surface: { name: o.surfaceName, E: o.surface.E, A: o.surface.A, B: o.surface.B, alpha: o.surface.alpha, beta: o.surface.beta },
    design: {
      budgets: r.design.budgets,
      points_per_curve: r.design.pointsPerCurve,
      width_factor: r.design.widthFactor,
      W: r.design.W,
      center_scale: o.centerScale,
      drift_rate: o.driftRate,
      compute: r.design.compute,
    },
    noise_std: o.noiseStd,
    target: { compute: o.targetCompute, N: r.truth.N, D: r.truth.D, loss: r.truth.loss },
    approach2_bias: {
      delta_w: b.deltaW,
      closed_form: { N_error: b.closedForm.N, D_error: b.closedForm.D },
      centred: b.centred,
      noise_free: b.noiseFree === null ? null : { N_error: b.noiseFree.N, D_error: b.noiseFree.D },
      noise_free_error: b.noiseFreeError,
    },
    monte_carlo: {
      replicates: r.monteCarlo.replicates,
      seed: r.monteCarlo.seed,
      level: r.monteCarlo.level,
      rng: 'xoshiro',
      vpnls: methodRecord(r.monteCarlo.vpnls),
      approach2: methodRecord(r.monteCarlo.approach2),
    },
    table: {
      replicates: o.tableReplicates,
      tolerance: o.tolerance,
      rows: r.table.map((row) => ({
        width_factor: row.widthFactor,
        points_per_curve: row.pointsPerCurve,
        compute: row.compute,
        closed_form: { N_error: row.closedForm.N, D_error: row.closedForm.D },
        vpnls: methodRecord(row.vpnls),
        approach2: methodRecord(row.approach2),
        meets: { vpnls: row.meets.vpnls, approach2: row.meets.approach2 },
      })),
      cheapest: { vpnls: r.cheapest.vpnls, approach2: r.cheapest.approach2 },
    },
  };
}

/** `JSON.stringify` of {@link planRecord} plus a newline: what `plan --json` prints. */
export function formatPlanJson(r: PlanResult): string {
  return `${JSON.stringify(planRecord(r))}\n`;
}

/** A signed percentage with 3 significant digits, e.g. `-5.10%`. */
export function pct(x: number): string {
  const p = 100 * x;
  const s = Math.abs(p) >= 100 ? p.toFixed(0) : p.toPrecision(3);
  return `${p > 0 ? '+' : ''}${s}%`;
}

function sig(x: number): string {
  return Number(x.toPrecision(4)).toExponential().replace('e+', 'e');
}

/** FLOPs with 3 significant digits, e.g. `1.67e22`. */
function flops(x: number): string {
  return Number(x.toPrecision(3)).toExponential().replace('e+', 'e');
}

function errLine(label: string, m: MethodSummary, pctLevel: string): string[] {
  const name = label.padEnd(11);
  if (m.N === null || m.D === null) return [`  ${name}no replicate could be fitted${m.failures[0] ? ` (${m.failures[0].message})` : ''}`];
  const part = (e: ErrorSummary): string => `${pct(e.median)} [${pct(e.lo)}, ${pct(e.hi)}]`;
  const out = [`  ${name}N* ${part(m.N)}   D* ${part(m.D)}   (median [${pctLevel} interval])`];
  if (m.failed > 0)
    out.push(
      `  ${''.padEnd(11)}${m.failed} replicate${m.failed === 1 ? '' : 's'} failed: ${m.failures[0]!.message}${m.failures.length > 1 ? ` (and ${m.failures.length - 1} other messages)` : ''}`,
    );
  return out;
}

function worstCell(m: MethodSummary, meets: boolean): string {
  if (m.succeeded + m.failed === 0) return '—';
  const w = m.worst === null ? 'failed' : `±${(100 * m.worst).toPrecision(3)}%`;
  return `${w}${m.failed > 0 && m.worst !== null ? '!' : ''}${meets ? ' ✓' : ''}`;
}

const METHOD_LABEL: Readonly<Record<PlanMethod, string>> = { vpnls: 'VPNLS', approach2: 'Approach 2' };

/** The readable plan. */
export function formatPlanText(r: PlanResult): string {
  const o = r.options;
  const s = o.surface;
  const b = r.approach2Bias;
  const mc = r.monteCarlo;
  const lvl = `${Math.round(100 * o.level)}%`;
  const centring = b.centred
    ? 'centred on N*'
    : `centre ${o.centerScale === 1 ? '' : `${o.centerScale}× below N*`}${o.centerScale !== 1 && o.driftRate !== 0 ? ', ' : ''}${o.driftRate === 0 ? '' : `drifting ${o.driftRate} decades below N* by the largest budget`}`;
  const lines = [
    `Assumed surface: ${o.surfaceName ?? 'custom'} (E = ${s.E}, A = ${s.A}, B = ${s.B}, alpha = ${s.alpha}, beta = ${s.beta})`,
    `Sweep: ${o.budgets.count} budgets ${formatCompute(o.budgets.min)} … ${formatCompute(o.budgets.max)} FLOPs, ${o.pointsPerCurve} runs per curve, ±${o.widthFactor}× grid, ${centring}`,
    `       total compute ${flops(r.design.compute)} FLOPs; loss noise σ = ${o.noiseStd} nats`,
    `Target ${formatCompute(o.targetCompute)} FLOPs: true N* = ${sig(r.truth.N)}, D* = ${sig(r.truth.D)}, L_opt = ${r.truth.loss.toPrecision(6)}`,
    '',
    'Approach 2 without noise:',
    `  closed form (centred grid): N* ${pct(b.closedForm.N)}, D* ${pct(b.closedForm.D)} (vertex shift ${b.deltaW.toPrecision(4)} decades)`,
    b.noiseFree === null
      ? `  simulated: cannot be fitted (${b.noiseFreeError})`
      : `  simulated on this design: N* ${pct(b.noiseFree.N)}, D* ${pct(b.noiseFree.D)}`,
    '',
    `Monte Carlo: ${mc.replicates} noisy sweeps, seed ${mc.seed}; error of the predicted N*, D* at the target:`,
    ...errLine(METHOD_LABEL.vpnls, mc.vpnls, lvl),
    ...errLine(METHOD_LABEL.approach2, mc.approach2, lvl),
    '',
    `Designs (${o.tableReplicates} sweeps each, same seed): largest |error| of N*, D* across the ${lvl} interval; ✓ within ±${(100 * o.tolerance).toPrecision(3)}%`,
    `  ${'grid'.padEnd(7)}${'runs'.padStart(5)}  ${'compute'.padEnd(10)}${'A2 closed D*'.padEnd(14)}${'VPNLS'.padEnd(13)}Approach 2`,
    ...r.table.map(
      (row) =>
        `  ${`±${row.widthFactor}×`.padEnd(7)}${String(row.pointsPerCurve).padStart(5)}  ${flops(row.compute).padEnd(10)}${pct(row.closedForm.D).padEnd(14)}${worstCell(row.vpnls, row.meets.vpnls).padEnd(13)}${worstCell(row.approach2, row.meets.approach2)}`,
    ),
  ];
  for (const m of ['vpnls', 'approach2'] as const) {
    const i = r.cheapest[m];
    lines.push(
      i === null
        ? `Cheapest with ${METHOD_LABEL[m]}: no design in the table meets ±${(100 * o.tolerance).toPrecision(3)}%`
        : `Cheapest with ${METHOD_LABEL[m]}: ±${r.table[i]!.widthFactor}× grid, ${r.table[i]!.pointsPerCurve} runs per curve, ${flops(r.table[i]!.compute)} FLOPs`,
    );
  }
  return `${lines.join('\n')}\n`;
}
