/**
 * What the `fit` command prints: the JSON object (`--json`) and the readable
 * summary, from the fit, the data description, the predicted Approach 2
 * bias and the bootstrap intervals. Schema: specs/cli.md.
 */
import { describePinned } from '../fit/pinned.ts';
import { SCHEME_DESCRIPTIONS, zeroWidthWarnings, type BootstrapSummary } from './bootstrap-core.ts';
import type { FitOutcome, QuantityKey, Scales } from './fit-core.ts';

/** How the input was read and grouped. */
export interface DataDescription {
  /** File path as given, or `<stdin>`. */
  readonly source: string;
  readonly nPoints: number;
  readonly nGroups: number;
  /** `budget column "budget"` or `compute rounded to 2 significant digits`. */
  readonly groupedBy: string;
  /** Human-readable filters applied, in order (empty when none). */
  readonly filters: readonly string[];
  /** The largest IsoFLOP group (FLOPs). */
  readonly largestBudget: number;
  /** Whether the target came from `--target-compute` or the default rule. */
  readonly targetRule: string;
}

/** Per-group sampling grid: centre-independent width and size. */
export interface GroupGrid {
  readonly C: number;
  readonly n: number;
  /** Half-width of the group's log10 N range: (log10 N_max − log10 N_min)/2. */
  readonly W: number;
}

/** Closed-form Approach 2 bias for the data's grid (centred sampling assumed). */
export interface Approach2BiasReport {
  /** Median half-width over the groups (log10 units) and the factor 10^W. */
  readonly W: number;
  readonly n: number;
  readonly alpha: number;
  readonly beta: number;
  /** N̂* ÷ N* − 1 and D̂* ÷ D* − 1 at every budget. */
  readonly nError: number;
  readonly dError: number;
  /** Where α and β came from: `this fit` or `a VPNLS fit of the same data`. */
  readonly exponentsFrom: string;
}

/** Everything the outputs are made from. */
export interface RunReport {
  readonly outcome: FitOutcome;
  readonly scales: Scales;
  readonly data: DataDescription;
  readonly grids: readonly GroupGrid[];
  readonly bias: Approach2BiasReport | null;
  readonly bootstrap: BootstrapSummary | null;
}

type Interval = readonly [number, number] | null;

function interval(b: BootstrapSummary | null, key: QuantityKey): Interval {
  return b === null ? null : b.intervals[key];
}

/**
 * Quantities held fixed by `--fix`: the pinned parameters, and a and b when
 * both exponents are pinned (a = β/(α+β), b = α/(α+β)). Empty without pins.
 */
export function pinnedQuantities(o: FitOutcome): QuantityKey[] {
  const pins = o.surfaceFit?.pinned;
  if (pins === undefined) return [];
  const keys = (['E', 'A', 'B', 'alpha', 'beta'] as const).filter((k) => pins[k] !== undefined) as QuantityKey[];
  if (pins.alpha !== undefined && pins.beta !== undefined) keys.push('a', 'b');
  return keys;
}

/** Every warning of a run, in words: weak identification, then the bootstrap's (pinned quantities' zero width is no warning). */
export function runWarnings(r: RunReport): string[] {
  const pinned = pinnedQuantities(r.outcome);
  const b = r.bootstrap;
  const boot = b === null ? [] : pinned.length === 0 ? b.warnings : zeroWidthWarnings(b.intervals, b.scheme, pinned);
  return [...r.outcome.warnings, ...boot];
}

/** The `--json` object (keys in schema order; non-finite numbers become null). */
export function jsonRecord(r: RunReport): Record<string, unknown> {
  const o = r.outcome;
  const b = r.bootstrap;
  const record: Record<string, unknown> = {
    method: o.method,
    E: o.E,
    A: o.A,
    B: o.B,
    alpha: o.alpha,
    beta: o.beta,
    a: o.a,
    b: o.b,
    a0: o.a0,
    b0: o.b0,
    rss: o.rss,
    n_points: o.nPoints,
    status: o.status,
    message: o.message,
    iterations: o.iterations,
    n_scale: r.scales.n,
    d_scale: r.scales.d,
    target: { compute: o.target.compute, N: o.target.N, D: o.target.D, D_over_N: o.target.D_over_N, loss: o.target.loss },
    data: {
      source: r.data.source,
      n_points: r.data.nPoints,
      n_groups: r.data.nGroups,
      grouped_by: r.data.groupedBy,
      filters: r.data.filters,
    },
    approach2_bias:
      r.bias === null
        ? null
        : {
            W: r.bias.W,
            n: r.bias.n,
            alpha: r.bias.alpha,
            beta: r.bias.beta,
            N_error: r.bias.nError,
            D_error: r.bias.dError,
            exponents_from: r.bias.exponentsFrom,
          },
  };
  // Only with --fix, so the output without it is unchanged (specs/cli.md).
  if (o.surfaceFit?.pinned !== undefined) record.pinned = o.surfaceFit.pinned;
  record.warnings = runWarnings(r);
  // L-BFGS-B's stop diagnostics (specs/fitting.md); null for fits without L-BFGS-B.
  const d = o.surfaceFit?.diagnostics;
  record.optimizer_diagnostics = d === undefined || d.projGradInf === null ? null : { proj_grad_inf: d.projGradInf, last_rel_change: d.lastRelChange };
  if (o.approach2 !== null) {
    record.approach2_groups = o.approach2.budgets.map((g) => ({ C: g.C, n_points: g.nPoints, N: g.nOpt, D: g.dOpt }));
  }
  if (b !== null) {
    record.bootstrap = {
      replicates: b.replicates,
      seed: b.seed,
      level: b.level,
      scheme: b.scheme,
      resampling: SCHEME_DESCRIPTIONS[b.scheme],
      scheme_reason: b.schemeReason,
      succeeded: b.succeeded,
      failed: b.failed,
      failures: b.failures.map((f) => ({ message: f.message, count: f.count })),
      intervals: {
        E: b.intervals.E,
        A: b.intervals.A,
        B: b.intervals.B,
        alpha: b.intervals.alpha,
        beta: b.intervals.beta,
        a: b.intervals.a,
        b: b.intervals.b,
        a0: b.intervals.a0,
        b0: b.intervals.b0,
        rss: b.intervals.rss,
        target: {
          N: b.intervals['target.N'],
          D: b.intervals['target.D'],
          D_over_N: b.intervals['target.D_over_N'],
          loss: b.intervals['target.loss'],
        },
      },
    };
  }
  return record;
}

/** The JSON text: one object on one line, then a newline. */
export function formatJson(r: RunReport): string {
  return `${JSON.stringify(jsonRecord(r), (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))}\n`;
}

/** A number with `digits` significant digits: exponent form for large and tiny values. */
export function formatNumber(x: number | null, digits = 6): string {
  if (x === null) return '—';
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const ax = Math.abs(x);
  if (ax >= 1e6 || ax < 1e-3) {
    const [m, e] = x.toExponential(digits - 1).split('e');
    const mant = m!.includes('.') ? m!.replace(/0+$/, '').replace(/\.$/, '') : m!;
    return `${mant}e${e!.startsWith('+') ? e!.slice(1) : e}`;
  }
  return String(Number(x.toPrecision(digits)));
}

/** A signed percentage, e.g. `+5.37%`. */
export function formatPercent(x: number, digits = 3): string {
  const s = Number((100 * x).toPrecision(digits));
  return `${s > 0 ? '+' : ''}${s}%`;
}

/** Column where the interval brackets start. */
const INTERVAL_COLUMN = 46;

function row(label: string, value: number | null, iv: Interval, unit = '', digits = 6): string {
  const v = `${formatNumber(value, digits)}${unit === '' ? '' : ` ${unit}`}`;
  const left = `  ${label.padEnd(9)}${v}`;
  if (iv === null) return left;
  const pad = left.length < INTERVAL_COLUMN ? left.padEnd(INTERVAL_COLUMN) : `${left}  `;
  return `${pad}[${formatNumber(iv[0], 4)}, ${formatNumber(iv[1], 4)}]`;
}

/** A row of the summary; a pinned quantity says `pinned` where its interval would be. */
function quantityRow(r: RunReport, label: string, key: QuantityKey, value: number | null): string {
  if (!pinnedQuantities(r.outcome).includes(key)) return row(label, value, interval(r.bootstrap, key));
  const left = `  ${label.padEnd(9)}${formatNumber(value)}`;
  return r.bootstrap === null ? `${left}  (pinned)` : `${left.length < INTERVAL_COLUMN ? left.padEnd(INTERVAL_COLUMN) : `${left}  `}pinned`;
}

/** `±8.0×` for a half-width W in log10 units. */
export function gridFactor(W: number): string {
  const k = Math.pow(10, W);
  return `±${k < 10 ? k.toFixed(1) : k.toFixed(0)}×`;
}

/** The readable summary. */
export function formatSummary(r: RunReport): string {
  const o = r.outcome;
  const b = r.bootstrap;
  const lines: string[] = [];
  const methodTitle =
    o.methodName === 'approach2' ? 'Approach 2' : o.methodName === 'vpnls' ? 'VPNLS' : o.methodName === 'approach3' ? 'Approach 3' : '5-D grid search';
  lines.push(`${methodTitle} (${o.method}) on ${r.data.source}`);
  lines.push(`  data     ${r.data.nPoints} points in ${r.data.nGroups} IsoFLOP groups (grouped by ${r.data.groupedBy})`);
  if (r.data.filters.length > 0) lines.push(`  filters  ${r.data.filters.join('; ')}`);
  if (o.methodName !== 'approach2' && (r.scales.n !== 1 || r.scales.d !== 1)) {
    lines.push(
      `  units    N in units of ${formatNumber(r.scales.n)} parameters, D in units of ${formatNumber(r.scales.d)} tokens (E, A, B refer to these units)`,
    );
  }
  const pins = o.surfaceFit?.pinned;
  if (pins !== undefined)
    lines.push(`  pinned   ${describePinned(pins)} (--fix: held fixed in the fit${b !== null ? ' and in every bootstrap replicate' : ''})`);
  if (b !== null) {
    const failed = b.failed > 0 ? `, ${b.failed} failed` : '';
    lines.push(
      `  bootstrap ${b.succeeded} of ${b.replicates} replicates (seed ${b.seed}${failed}); brackets: ${formatNumber(100 * b.level)}% percentile intervals`,
    );
    lines.push(`  resampling ${SCHEME_DESCRIPTIONS[b.scheme]} (${b.scheme}): ${b.schemeReason}`);
  }
  lines.push('');
  if (o.methodName !== 'approach2') {
    lines.push('Loss surface  L(N, D) = E + A/N^alpha + B/D^beta');
    lines.push(quantityRow(r, 'E', 'E', o.E));
    lines.push(quantityRow(r, 'A', 'A', o.A));
    lines.push(quantityRow(r, 'B', 'B', o.B));
    lines.push(quantityRow(r, 'alpha', 'alpha', o.alpha));
    lines.push(quantityRow(r, 'beta', 'beta', o.beta));
    lines.push(row('RSS', o.rss, interval(b, 'rss')));
  } else {
    lines.push('Approach 2  parabolas through each IsoFLOP curve, power laws through their vertices');
  }
  lines.push(`  status   ${o.status}: ${o.message}${o.iterations > 0 ? ` (${o.iterations} iterations)` : ''}`);
  lines.push('');
  lines.push('Allocation  N* = 10^a0 · C^a,  D* = 10^b0 · C^b  (N in parameters, D in tokens, C in FLOPs)');
  lines.push(quantityRow(r, 'a', 'a', o.a));
  lines.push(quantityRow(r, 'b', 'b', o.b));
  lines.push(row('a0', o.a0, interval(b, 'a0')));
  lines.push(row('b0', o.b0, interval(b, 'b0')));
  lines.push('');
  lines.push(`At C = ${formatNumber(o.target.compute, 4)} FLOPs (${r.data.targetRule})`);
  lines.push(row('N*', o.target.N, interval(b, 'target.N'), 'parameters', 4));
  lines.push(row('D*', o.target.D, interval(b, 'target.D'), 'tokens', 4));
  lines.push(row('D*/N*', o.target.D_over_N, interval(b, 'target.D_over_N'), 'tokens per parameter', 4));
  if (o.target.loss !== null) lines.push(row('L_opt', o.target.loss, interval(b, 'target.loss'), '', 5));
  if (r.bias !== null) {
    const x = r.bias;
    lines.push('');
    lines.push(
      `Approach 2 on this grid (${gridFactor(x.W)}, ${x.n} points per curve) would misplace N* by ${formatPercent(x.nError)} and D* by ${formatPercent(x.dError)}`,
    );
    const pinnedExp = (['alpha', 'beta'] as const).filter((k) => o.surfaceFit?.pinned?.[k] !== undefined);
    const pinNote = pinnedExp.length === 0 ? '' : `, ${pinnedExp.join(' and ')} pinned`;
    lines.push(`  at every budget, even with centred sampling and no noise (closed form; alpha, beta from ${x.exponentsFrom}${pinNote}).`);
  }
  if (o.status !== 'converged') {
    lines.push('');
    lines.push(`warning: the fit ended with status ${o.status}: ${o.message}`);
  }
  const warnings = runWarnings(r);
  if (warnings.length > 0) lines.push('');
  for (const w of warnings) lines.push(`warning: ${w}`);
  if (b !== null && b.failed > 0) {
    lines.push(`warning: ${b.failed} of ${b.replicates} bootstrap replicates failed (most often: ${b.failures[0]!.text})`);
  }
  return `${lines.join('\n')}\n`;
}
