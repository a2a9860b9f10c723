/**
 * The per-budget quadratic of the IsoFLOP quality control (specs/experiments.md §B.7
 * stages 3 and 5): least squares y = c2·x² + c1·x + c0 with x = ln N and
 * y = ln L, and the standard error of c2.
 */
import { lstsq } from '../../../src/util/lstsq.ts';

/** A least-squares quadratic and what the QC needs from it. */
export interface QuadraticFit {
  readonly c0: number;
  readonly c1: number;
  readonly c2: number;
  /** x* = −c1/(2·c2) (meaningful when c2 > 0). */
  readonly vertex: number;
  /** Σ (y − ŷ)². */
  readonly rss: number;
  readonly n: number;
  /** [(XᵀX)⁻¹]₀₀ for the design X = [x², x, 1]: Var(ĉ2) = s²·this. */
  readonly c2VarianceFactor: number;
}

/**
 * Least-squares quadratic through (x, y), solved in centred and scaled
 * coordinates u = (x − x̄)/s by Householder QR and mapped back; the
 * coefficient of x² and its variance factor do not depend on the shift,
 * and the scale enters as s⁻² and s⁻⁴. Returns null for fewer than 3 distinct x.
 *
 * @example fitQuadratic([0, 1, 2, 3], [1, 0, 1, 4]).c2 // 1 (vertex 1, rss 0)
 */
export function fitQuadratic(x: ArrayLike<number>, y: ArrayLike<number>): QuadraticFit | null {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`fitQuadratic: x has ${n} values but y has ${y.length}`);
  if (n < 3) return null;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  const s = Math.sqrt(ss / n);
  if (!(s > 0)) return null;
  const one = new Float64Array(n).fill(1);
  const u = new Float64Array(n);
  const u2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    u[i] = (x[i] - mean) / s;
    u2[i] = u[i] * u[i];
  }
  const p = lstsq([one, u, u2], y);
  if (!p) return null;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - (p[0] + p[1] * u[i] + p[2] * u2[i])) ** 2;
  // y = p0 + p1·u + p2·u², u = (x − mean)/s.
  const c2 = p[2] / (s * s);
  const c1 = p[1] / s - 2 * c2 * mean;
  const c0 = p[0] - (p[1] * mean) / s + c2 * mean * mean;
  const vertex = mean - (p[1] * s) / (2 * p[2]);
  return { c0, c1, c2, vertex, rss, n, c2VarianceFactor: varianceFactorU2(u, u2) / s ** 4 };
}

/** [(UᵀU)⁻¹] at the u² entry for U = [u², u, 1] (3×3 cofactor inverse; u is centred and scaled). */
function varianceFactorU2(u: Float64Array, u2: Float64Array): number {
  const n = u.length;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    s1 += u[i];
    s2 += u2[i];
    s3 += u2[i] * u[i];
    s4 += u2[i] * u2[i];
  }
  // M = [[s4, s3, s2], [s3, s2, s1], [s2, s1, n]].
  const cof00 = s2 * n - s1 * s1;
  const cof01 = -(s3 * n - s1 * s2);
  const cof02 = s3 * s1 - s2 * s2;
  const det = s4 * cof00 + s3 * cof01 + s2 * cof02;
  return cof00 / det;
}
