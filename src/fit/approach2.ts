import { lstsq } from '../util/lstsq.ts';
import { formatCompute } from '../util/format.ts';
import { checkArray } from '../core/validate.ts';
import {
  InvalidInputError,
  NoMinimumError,
  TooFewBudgetsError,
  TooFewPointsError,
  NonFiniteResultError,
  DegenerateDataError,
  VertexOutOfRangeError,
} from '../core/errors.ts';

/** Curvature at or below which a parabola has no clear minimum (specs/conventions.md §3). */
export const APPROACH2_MIN_CURVATURE = 1e-10;

export interface Approach2Options {
  /** Threshold on the quadratic coefficient c2. Default {@link APPROACH2_MIN_CURVATURE}. */
  minCurvature?: number;
}

/** A parabola L ≈ c0 + c1·x + c2·x² in x = log10 N (or log10 D), fitted in centred coordinates. */
export interface Parabola {
  /** Coefficients in the centred variable u = x − xMean: L ≈ p0 + p1·u + p2·u². */
  readonly p0: number;
  readonly p1: number;
  readonly p2: number;
  readonly xMean: number;
  /** Vertex x* = xMean − p1/(2·p2). */
  readonly vertex: number;
  /** Fitted loss at the vertex. */
  readonly minimum: number;
}

export interface Approach2Budget {
  readonly C: number;
  readonly nPoints: number;
  readonly parabolaN: Parabola;
  readonly parabolaD: Parabola;
  /** N̂* = 10^vertex of the L-vs-log10 N parabola. */
  readonly nOpt: number;
  /** D̂* = 10^vertex of the L-vs-log10 D parabola. */
  readonly dOpt: number;
}

/** Approach 2 result: log10 N̂* = a·log10 C + a0, log10 D̂* = b·log10 C + b0. */
export interface Approach2Result {
  readonly a: number;
  readonly a0: number;
  readonly b: number;
  readonly b0: number;
  /** Per-budget parabolas and vertices, budgets ascending. */
  readonly budgets: readonly Approach2Budget[];
  readonly nPoints: number;
}

/** Least-squares parabola in centred coordinates with an orthogonal solve. */
export function fitParabola(x: ArrayLike<number>, L: ArrayLike<number>): { p0: number; p1: number; p2: number; xMean: number } | null {
  const m = x.length;
  let xMean = 0;
  for (let i = 0; i < m; i++) xMean += x[i];
  xMean /= m;
  const one = new Float64Array(m).fill(1);
  const u = new Float64Array(m);
  const u2 = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    u[i] = x[i] - xMean;
    u2[i] = u[i] * u[i];
  }
  const c = lstsq([one, u, u2], L);
  if (!c) return null;
  return { p0: c[0], p1: c[1], p2: c[2], xMean };
}

function budgetParabola(x: Float64Array, L: Float64Array, C: number, axis: 'N' | 'D', minCurvature: number): Parabola {
  const fit = fitParabola(x, L);
  if (!fit) {
    throw new DegenerateDataError(`budget C = ${formatCompute(C)}: the log10 ${axis} values do not determine a parabola (fewer than 3 distinct values)`);
  }
  if (!(fit.p2 > minCurvature)) {
    throw new NoMinimumError(
      `budget C = ${formatCompute(C)}: the parabola in log10 ${axis} has curvature c2 = ${fit.p2} ≤ ${minCurvature}, so no clear minimum`,
      C,
      fit.p2,
      axis,
    );
  }
  const uStar = -fit.p1 / (2 * fit.p2);
  return { ...fit, vertex: fit.xMean + uStar, minimum: fit.p0 + fit.p1 * uStar + fit.p2 * uStar * uStar };
}

/** 10^x* of a budget's vertex, refusing an overflow, an underflow to 0 or NaN (specs/fitting.md). */
function vertexValue(p: Parabola, C: number, axis: 'N' | 'D'): number {
  const value = Math.pow(10, p.vertex);
  if (value > 0 && Number.isFinite(value)) return value;
  const what = Number.isNaN(value) ? 'is NaN' : value === 0 ? 'underflows to 0' : 'overflows to Infinity';
  throw new VertexOutOfRangeError(
    `budget C = ${formatCompute(C)}: the parabola in log10 ${axis} has its vertex at x* = ${Number(p.vertex.toPrecision(6))}, so ${axis}\u0302* = 10^x* ${what}`,
    C,
    axis,
    p.vertex,
    value,
  );
}

/** Least-squares line y = slope·x + intercept in centred coordinates. */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>): { slope: number; intercept: number } {
  const m = x.length;
  let xm = 0;
  let ym = 0;
  for (let i = 0; i < m; i++) {
    xm += x[i];
    ym += y[i];
  }
  xm /= m;
  ym /= m;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < m; i++) {
    const dx = x[i] - xm;
    sxy += dx * (y[i] - ym);
    sxx += dx * dx;
  }
  const slope = sxy / sxx;
  return { slope, intercept: ym - slope * xm };
}

/**
 * Chinchilla Approach 2 (specs/conventions.md §3): per budget, least-squares parabolas
 * of L in log10 N and in log10 D give the vertices N̂*, D̂*; lines through
 * (log10 C, log10 N̂*) and (log10 C, log10 D̂*) give a, a0, b, b0.
 * Budgets are grouped by the exact value of C.
 *
 * @throws InvalidInputError for empty, mismatched, non-finite or non-positive inputs
 * @throws TooFewPointsError for a budget with fewer than 3 points
 * @throws NoMinimumError for a parabola with c2 ≤ minCurvature
 * @throws VertexOutOfRangeError when 10^x* of a vertex overflows, underflows to 0 or is NaN
 * @throws TooFewBudgetsError for fewer than 2 budgets
 * @example fitApproach2(s.N, s.D, s.L, s.C).b // ≈ 0.4516 on the chinchilla surface, XL grid
 */
export function fitApproach2(
  N: ArrayLike<number>,
  D: ArrayLike<number>,
  L: ArrayLike<number>,
  C: ArrayLike<number>,
  options: Approach2Options = {},
): Approach2Result {
  const minCurvature = options.minCurvature ?? APPROACH2_MIN_CURVATURE;
  checkArray('N', N, { positive: true });
  checkArray('D', D, { length: N.length, positive: true });
  checkArray('L', L, { length: N.length });
  checkArray('C', C, { length: N.length, positive: true });
  if (!(minCurvature >= 0)) throw new InvalidInputError(`minCurvature = ${minCurvature} must be ≥ 0`, 'minCurvature', undefined, minCurvature);

  const groups = new Map<number, number[]>();
  for (let i = 0; i < N.length; i++) {
    const g = groups.get(C[i]);
    if (g) g.push(i);
    else groups.set(C[i], [i]);
  }
  const keys = [...groups.keys()].sort((x, y) => x - y);
  const budgets: Approach2Budget[] = [];
  for (const c of keys) {
    const idx = groups.get(c)!;
    if (idx.length < 3) {
      throw new TooFewPointsError(
        `budget C = ${formatCompute(c)} has ${idx.length} point${idx.length === 1 ? '' : 's'}; a parabola needs at least 3`,
        c,
        idx.length,
        3,
      );
    }
    const xN = new Float64Array(idx.length);
    const xD = new Float64Array(idx.length);
    const y = new Float64Array(idx.length);
    idx.forEach((i, k) => {
      xN[k] = Math.log10(N[i]);
      xD[k] = Math.log10(D[i]);
      y[k] = L[i];
    });
    const parabolaN = budgetParabola(xN, y, c, 'N', minCurvature);
    const parabolaD = budgetParabola(xD, y, c, 'D', minCurvature);
    budgets.push({ C: c, nPoints: idx.length, parabolaN, parabolaD, nOpt: vertexValue(parabolaN, c, 'N'), dOpt: vertexValue(parabolaD, c, 'D') });
  }
  if (budgets.length < 2) {
    throw new TooFewBudgetsError(`${budgets.length} budget${budgets.length === 1 ? '' : 's'} given; the power-law fit needs at least 2`, budgets.length, 2);
  }
  const logC = budgets.map((g) => Math.log10(g.C));
  const lineN = fitLine(
    logC,
    budgets.map((g) => g.parabolaN.vertex),
  );
  const lineD = fitLine(
    logC,
    budgets.map((g) => g.parabolaD.vertex),
  );
  const result: Approach2Result = { a: lineN.slope, a0: lineN.intercept, b: lineD.slope, b0: lineD.intercept, budgets, nPoints: N.length };
  for (const k of ['a', 'a0', 'b', 'b0'] as const) {
    if (!Number.isFinite(result[k])) throw new NonFiniteResultError(`Approach 2 produced a non-finite ${k} = ${result[k]}`);
  }
  return result;
}

/** Extrapolated allocation of an Approach 2 fit: N̂*(C) = 10^(a·log10 C + a0), D̂*(C) = 10^(b·log10 C + b0). */
export function extrapolateApproach2(fit: Pick<Approach2Result, 'a' | 'a0' | 'b' | 'b0'>, C: number): { N: number; D: number } {
  const lc = Math.log10(C);
  return { N: Math.pow(10, fit.a * lc + fit.a0), D: Math.pow(10, fit.b * lc + fit.b0) };
}
