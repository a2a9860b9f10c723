/**
 * WebAssembly answers against their TypeScript twins, before timing.
 *
 * Tolerances, and why they are not all 1e−12 relative:
 * - Grid RSS surfaces: the columns use fdlibm's exp on both sides (V8's
 *   Math.exp is fdlibm; assembly/columns.ts evaluates the same routine), the
 *   sums run in the same order, so the cells are expected bit-identical. The
 *   bound allowed is 1e−12·ΣL² absolute: an RSS formed as a difference of sums
 *   is only accurate to about eps·ΣL² (assembly/nnls3.ts), so that is the
 *   scale on which two correct implementations could differ.
 * - lossBatch: AssemblyScript's Math.pow (musl) and V8's (fdlibm) may differ
 *   in the last bit; L is well conditioned in them, so 1e−12 relative.
 * - Finite-difference Jacobians: each prediction may differ by ~eps·|f| for the
 *   same reason (exp), and the difference quotient divides that by the step h,
 *   so entries may differ by a few eps·max|f|/h absolute (plus 1e−12 relative).
 * - Fits: the optimisers stop within their tolerances, and last-bit differences
 *   of the point kernels (musl vs fdlibm exp in vpnlsPoint and rss5) can move
 *   the stopping point within them: VPNLS agrees to 1e−9 relative; Approach 3,
 *   whose Hessian is ill-conditioned (specs/conditioning.md), to 1e−5.
 */
import type { GridResult } from '../src/kernels/index.ts';
import type { SurfaceFitResult } from '../src/fit/index.ts';
import type { CheckOutcome } from './types.ts';

export const RTOL = 1e-12;
export const JACOBIAN_EPS_FACTOR = 8;
export const VPNLS_FIT_RTOL = 1e-9;
export const APPROACH3_FIT_RTOL = 1e-5;

const fmt = (x: number): string => (x === 0 ? '0' : x.toExponential(1));

/** Both grids' every cell (surface), best cell, its RSS and coefficients. */
export function compareGrids(w: GridResult, t: GridResult, sumL2: number): CheckOutcome {
  const sw = w.surface;
  const st = t.surface;
  if (!sw || !st || sw.length !== st.length) return { ok: false, detail: 'surfaces missing or of different length' };
  let maxAbs = 0;
  let identical = true;
  for (let i = 0; i < st.length; i++) {
    if (!Object.is(sw[i], st[i])) identical = false;
    const d = Math.abs(sw[i] - st[i]);
    if (!(d <= maxAbs)) maxAbs = Number.isNaN(d) ? Infinity : d;
  }
  const bound = RTOL * sumL2;
  let ok = maxAbs <= bound;
  if (w.bestIndex !== t.bestIndex) {
    // A near-tie may pick another cell; both RSS values must then tie within the bound.
    ok &&= Math.abs(st[w.bestIndex] - t.rss) <= 2 * bound;
  } else {
    ok &&= relErr(w.E, t.E) <= RTOL && relErr(w.A, t.A) <= RTOL && relErr(w.B, t.B) <= RTOL;
  }
  const coef = Object.is(w.E, t.E) && Object.is(w.A, t.A) && Object.is(w.B, t.B) && Object.is(w.rss, t.rss);
  const detail =
    identical && coef && w.bestIndex === t.bestIndex
      ? `${st.length} cells, best cell and E, A, B bit-identical`
      : `max |ΔRSS| ${fmt(maxAbs)} ≤ 1e-12·ΣL² = ${fmt(bound)}; best cell ${w.bestIndex === t.bestIndex ? 'same' : 'tied'}`;
  return { ok, detail };
}

function relErr(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);
}

/** Element-wise relative agreement (lossBatch). */
export function compareRelative(w: Float64Array, t: Float64Array, rtol = RTOL): CheckOutcome {
  if (w.length !== t.length) return { ok: false, detail: 'lengths differ' };
  let max = 0;
  let same = 0;
  for (let i = 0; i < t.length; i++) {
    const e = relErr(w[i], t[i]);
    if (e === 0) same++;
    if (!(e <= max)) max = Number.isNaN(e) ? Infinity : e;
  }
  return { ok: max <= rtol, detail: `max rel. diff ${fmt(max)} ≤ ${fmt(rtol)} (${((100 * same) / t.length).toFixed(1)}% bit-identical)` };
}

/** Jacobian entries: |Δ| ≤ 1e−12·|J| + 8·eps·max|f|/h (see the module comment). */
export function compareJacobians(w: Float64Array, t: Float64Array, fmax: number, h: number): CheckOutcome {
  if (w.length !== t.length) return { ok: false, detail: 'lengths differ' };
  const slack = (JACOBIAN_EPS_FACTOR * Number.EPSILON * fmax) / h;
  let worst = 0;
  let maxAbs = 0;
  for (let i = 0; i < t.length; i++) {
    const d = Math.abs(w[i] - t[i]);
    if (!(d <= maxAbs)) maxAbs = Number.isNaN(d) ? Infinity : d;
    const r = d / (RTOL * Math.abs(t[i]) + slack);
    if (!(r <= worst)) worst = Number.isNaN(r) ? Infinity : r;
  }
  return { ok: worst <= 1, detail: `max |ΔJ| ${fmt(maxAbs)} ≤ 1e-12·|J| + 8·eps·max|f|/h = ${fmt(slack)}` };
}

/** Fitted E, A, B, α, β of the two backends agree to rtol relative, and both finished normally. */
export function compareFits(w: SurfaceFitResult, t: SurfaceFitResult, rtol: number): CheckOutcome {
  const names = ['E', 'A', 'B', 'alpha', 'beta'] as const;
  let max = 0;
  for (const k of names) {
    const e = relErr(w[k], t[k]);
    if (!(e <= max)) max = Number.isNaN(e) ? Infinity : e;
  }
  const statuses = w.status === t.status ? w.status : `${w.status} vs ${t.status}`;
  const ok = max <= rtol && w.status === t.status && w.status !== 'abnormal';
  return { ok, detail: `max rel. diff of E, A, B, α, β ${fmt(max)} ≤ ${fmt(rtol)}; ${statuses}` };
}

/** The same best cell, RSS and coefficients (a grid split across workers against one piece). */
export function compareBest(w: Omit<GridResult, 'surface'>, t: GridResult): CheckOutcome {
  const same = w.bestIndex === t.bestIndex && Object.is(w.rss, t.rss) && Object.is(w.E, t.E) && Object.is(w.A, t.A) && Object.is(w.B, t.B);
  const near = w.bestIndex === t.bestIndex && relErr(w.rss, t.rss) <= RTOL && relErr(w.E, t.E) <= RTOL;
  return { ok: same || near, detail: same ? 'best cell, RSS and E, A, B bit-identical' : `best cell ${w.bestIndex} vs ${t.bestIndex}` };
}

/**
 * Bit-identical numbers (the fused Approach 3 kernels against the twin and the
 * per-point path: same operations in the same order, so no tolerance).
 */
export function compareSame(w: Float64Array, refs: readonly Float64Array[], what: string): CheckOutcome {
  const bad = refs.findIndex((r) => r.length !== w.length || r.some((v, i) => !Object.is(v, w[i])));
  return { ok: bad < 0, detail: bad < 0 ? `${what} bit-identical to the twin and the per-point path` : `${what} differ from reference ${bad}` };
}

/** Fits bit-identical in E, A, B, α, β, RSS, iterations and status (see {@link compareSame}). */
export function compareFitsExact(w: SurfaceFitResult, refs: readonly SurfaceFitResult[]): CheckOutcome {
  const names = ['E', 'A', 'B', 'alpha', 'beta', 'rss'] as const;
  const bad = refs.findIndex((t) => names.some((k) => !Object.is(w[k], t[k])) || w.iterations !== t.iterations || w.status !== t.status);
  return {
    ok: bad < 0,
    detail: bad < 0 ? `fit bit-identical to the twin and the per-point path (${w.status}, ${w.iterations} iterations)` : `fit differs from reference ${bad}`,
  };
}

/**
 * Many fits (bootstrap resamples): each WASM fit against the twin's to rtol in
 * E, A, B, α, β with the same status. Unlike {@link compareFits} an abnormal
 * status is accepted when both backends report it: some resamples stop at the
 * rounding floor of the RSS (specs/fitting.md), on either backend alike.
 */
export function compareFitSets(w: readonly SurfaceFitResult[], t: readonly SurfaceFitResult[], rtol: number): CheckOutcome {
  const names = ['E', 'A', 'B', 'alpha', 'beta'] as const;
  let max = 0;
  let statusDiffers = 0;
  w.forEach((r, i) => {
    for (const k of names) {
      const e = relErr(r[k], t[i][k]);
      if (!(e <= max)) max = Number.isNaN(e) ? Infinity : e;
    }
    if (r.status !== t[i].status) statusDiffers++;
  });
  const abnormal = w.filter((r) => r.status === 'abnormal').length;
  return {
    ok: w.length === t.length && max <= rtol && statusDiffers === 0,
    detail: `${w.length} resample fits: max rel. diff of E, A, B, α, β ${fmt(max)} ≤ ${fmt(rtol)}; statuses equal (${abnormal} abnormal on both)`,
  };
}
