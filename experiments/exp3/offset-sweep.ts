/**
 * Constant-offset sweep (experiment 3, `offset_sweep.csv`): the Approach 2
 * D* error at the evaluation budget and its DCL as the sampling centre moves
 * from 0.5× to 4× the optimal token count (specs/conventions.md §2: center_scale = k puts
 * every D-centre at k·D*), per named grid and surface, noise-free.
 */
import { extrapolateApproach2 } from '../../src/fit/approach2.ts';
import { type LinePanel, lineGrid } from '../../src/plot/builders.ts';
import type { Figure } from '../../src/plot/figure.ts';
import { formatPow10, GRID_COLORS } from '../../src/plot/theme.ts';
import { type SamplingGridName, NAMED_GRIDS } from '../../src/sampling/index.ts';
import type { LossSurface } from '../../src/surface/index.ts';
import { linspace } from '../../src/util/space.ts';
import { runApproach2 } from '../shared/approach2-run.ts';
import { type AllocationCost, allocationCost } from '../../src/surface/allocation-cost.ts';

/** Leading-order sign switch of the Symmetric offset error, |log10 k| ÷ W for n → ∞ (see {@link symmetricSignChangeFactor}). */
export const SYMMETRIC_SWITCH_RATIO = Math.sqrt(3 / 35);

/** Offsets always in the sweep besides the log-spaced ones (those the article and the referee quote). */
export const NAMED_OFFSET_FACTORS: readonly number[] = [0.75, 1.5, 2.5, 3];

export interface OffsetFactorOptions {
  /** Smallest factor (default 0.5). */
  readonly min?: number;
  /** Largest factor (default 4). */
  readonly max?: number;
  /** Log-spaced points per factor of 2 (default 8, so 0.5, 1, 2 and 4 are exact powers of 2). */
  readonly perOctave?: number;
  /** Extra factors merged in (default {@link NAMED_OFFSET_FACTORS}). */
  readonly extra?: readonly number[];
}

/** Sorted, de-duplicated offset factors: 2^(j/perOctave) from min to max plus the extras (29 by default). */
export function offsetFactors(opts: OffsetFactorOptions = {}): number[] {
  const { min = 0.5, max = 4, perOctave = 8, extra = NAMED_OFFSET_FACTORS } = opts;
  if (!(min > 0 && max > min)) throw new RangeError(`offsetFactors: need 0 < min < max, got min = ${min}, max = ${max}`);
  if (!(Number.isInteger(perOctave) && perOctave >= 1)) throw new RangeError(`offsetFactors: perOctave = ${perOctave} must be a positive integer`);
  const lo = Math.ceil(Math.log2(min) * perOctave - 1e-9);
  const hi = Math.floor(Math.log2(max) * perOctave + 1e-9);
  const ks = new Set<number>();
  for (let j = lo; j <= hi; j++) ks.add(Math.pow(2, j / perOctave));
  for (const k of extra) if (k >= min && k <= max) ks.add(k);
  return [...ks].sort((x, y) => x - y);
}

export interface OffsetSweepConfig {
  readonly surfaces: ReadonlyArray<{ name: string; surface: LossSurface }>;
  readonly grids: readonly SamplingGridName[];
  readonly factors: readonly number[];
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
  /** Budget at which D* is extrapolated and the DCL evaluated. */
  readonly evalBudget: number;
}

export type OffsetSweepRow = {
  surface: string;
  alpha: number;
  beta: number;
  grid: SamplingGridName;
  grid_factor: number;
  log_range: number;
  n_points: number;
  drift_rate: number;
  center_scale: number;
  b_err_pct: number;
  b0_err_pct: number;
  eval_budget: number;
} & AllocationCost;

export const OFFSET_SWEEP_COLUMNS = [
  'surface',
  'alpha',
  'beta',
  'grid',
  'grid_factor',
  'log_range',
  'n_points',
  'drift_rate',
  'center_scale',
  'b_err_pct',
  'b0_err_pct',
  'eval_budget',
  'd_true',
  'd_hat',
  'd_err_abs',
  'd_err_pct',
  'loss_penalty',
  'dcl_flops',
  'dcl_pct',
] as const;

/** specs/experiments.md §B.2 + §B.3 + §B.4 for every surface × grid × constant offset factor. */
export function offsetSweepRows(config: OffsetSweepConfig): OffsetSweepRow[] {
  const rows: OffsetSweepRow[] = [];
  for (const s of config.surfaces) {
    for (const grid of config.grids) {
      const { W, factor } = NAMED_GRIDS[grid];
      for (const k of config.factors) {
        const run = runApproach2({
          surface: s.surface,
          bias: { driftRate: 0, centerScale: k },
          W,
          budgets: config.budgets,
          pointsPerCurve: config.pointsPerCurve,
        });
        const cost = allocationCost(s.surface, extrapolateApproach2(run.fit, config.evalBudget).D, config.evalBudget);
        rows.push({
          surface: s.name,
          alpha: s.surface.alpha,
          beta: s.surface.beta,
          grid,
          grid_factor: factor,
          log_range: W,
          n_points: config.pointsPerCurve,
          drift_rate: 0,
          center_scale: k,
          b_err_pct: run.params.b_err_pct,
          b0_err_pct: run.params.b0_err_pct,
          eval_budget: config.evalBudget,
          ...cost,
        });
      }
    }
  }
  return rows;
}

/**
 * The offset factor k > 1 above which the D* error stays positive: the last
 * change of sign from negative to positive between consecutive factors
 * above 1, interpolated linearly in (ln k, error). Null when the error is
 * never negative above 1 or never turns positive.
 */
export function signChangeFactor(rows: ReadonlyArray<Pick<OffsetSweepRow, 'center_scale' | 'd_err_pct'>>): number | null {
  const above = rows.filter((r) => r.center_scale > 1).sort((x, y) => x.center_scale - y.center_scale);
  let found: number | null = null;
  for (let i = 0; i + 1 < above.length; i++) {
    const [p, q] = [above[i], above[i + 1]];
    if (p.d_err_pct < 0 && q.d_err_pct >= 0) {
      const t = -p.d_err_pct / (q.d_err_pct - p.d_err_pct);
      found = Math.exp(Math.log(p.center_scale) + t * (Math.log(q.center_scale) - Math.log(p.center_scale)));
    }
  }
  return found;
}

/**
 * Leading-order sign-change offset for α = β. With x = α·ln10·w the IsoFLOP
 * curve is E + 2P·cosh x, even in x. Fitting a parabola to it on the grid
 * s + t_i (t_i = linspace(−W, W, n), centre offset s) and expanding cosh to
 * fourth order gives a vertex at x* ≈ s·(s²/3 + μ/12 − λ/6) with
 * λ = Σt⁴/Σt² (the t³ term seen by the slope) and μ the t² coefficient of
 * the least-squares fit of t⁴ on (1, t²). So the vertex lands on the far
 * side of the optimum (D* error of the opposite sign to the offset) for
 * s² < λ/2 − μ/4 and on the near side beyond; for n → ∞ the switch is at
 * |s| = W·√(3/35) ≈ 0.29·W. Returns the factor k = 10^s of the switch.
 */
export function symmetricSignChangeFactor(W: number, n: number): number {
  if (!(W > 0) || !(Number.isInteger(n) && n >= 3)) throw new RangeError(`symmetricSignChangeFactor: need W > 0 and integer n ≥ 3, got W = ${W}, n = ${n}`);
  const t = Array.from(linspace(-W, W, n));
  const m = (p: number): number => t.reduce((acc, x) => acc + Math.pow(x, p), 0) / n;
  const lambda = m(4) / m(2);
  const mu = (m(6) - m(4) * m(2)) / (m(4) - m(2) * m(2));
  const s2 = lambda / 2 - mu / 4;
  return Math.pow(10, Math.sqrt(s2));
}

/** Figure `offset_sweep`: D* error against the offset factor (log x), one panel per surface, one line per grid. */
export function offsetSweepFigure(rows: readonly OffsetSweepRow[], config: Pick<OffsetSweepConfig, 'surfaces' | 'grids' | 'evalBudget'>): Figure {
  const panels: LinePanel[] = config.surfaces.map((s) => ({
    title: s.name,
    xTitle: 'Grid center ÷ D* (offset factor k)',
    xType: 'log',
    yTitle: `D* error at ${formatPow10(config.evalBudget)} FLOPs (%)`,
    zeroLine: true,
    series: config.grids.map((grid) => {
      const sel = rows.filter((r) => r.surface === s.name && r.grid === grid);
      return {
        name: `${grid} (±${NAMED_GRIDS[grid].factor}×)`,
        group: grid,
        x: sel.map((r) => r.center_scale),
        y: sel.map((r) => r.d_err_pct),
        color: GRID_COLORS[grid],
        markerSize: 4,
        text: sel.map((r) => `k = ${r.center_scale.toPrecision(3)}: D* ${r.d_err_pct.toFixed(2)} %, DCL ${r.dcl_pct.toPrecision(2)} %`),
      };
    }),
  }));
  return lineGrid({
    title: 'Approach 2 D* error against a constant sampling offset (noise-free, 5 budgets, 15 points)',
    rows: 1,
    cols: config.surfaces.length,
    panels,
    height: 480,
  });
}
