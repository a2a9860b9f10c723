/**
 * VPNLS with pinned parameters (specs/pinned.md). For fixed free exponents
 * the model is linear in the free coefficients among E, A, B: the pinned
 * terms move to the left-hand side, y = L − E_pin − A_pin·N^−α − B_pin·D^−β,
 * and (N)NLS over the remaining columns of [1, N^−α, D^−β] gives the
 * profile RSS. A pinned exponent removes its grid axis and its coordinate of
 * the outer search (both pinned: no outer search, one linear solve).
 */
import type { PreparedData } from '../kernels/index.ts';
import { lbfgsb, nelderMead, withFiniteDifferences, type OptimResult } from '../optim/index.ts';
import type { LossSurface } from '../surface/loss-surface.ts';
import { linspace } from '../util/space.ts';
import { InvalidInputError } from '../core/errors.ts';
import type { PinnedParameters } from './pinned.ts';
import {
  boundHits,
  fitMessage,
  fitStatus,
  gridEdgeHit,
  hitParameters,
  stopDiagnostics,
  surfaceFitResult,
  vanishingHits,
  type BoundHit,
  type ParameterName,
  type SurfaceFitResult,
} from './result.ts';
import { smallLsq } from './small-lsq.ts';
import type { ExponentGrid, VpnlsRefinement } from './vpnls-refinement.ts';

/** The profile at one point of the free exponents: the full surface, its RSS and the envelope gradient. */
export interface PinnedProfilePoint {
  readonly surface: LossSurface;
  readonly rss: number;
  readonly gradAlpha: number;
  readonly gradBeta: number;
}

const COEFFICIENTS = ['E', 'A', 'B'] as const;

/**
 * The pinned VPNLS profile at (α, β): the free coefficients by the inner
 * solve, RSS and ∂RSS/∂α = 2A·Σ r·ln N·N^−α, ∂RSS/∂β = 2B·Σ r·ln D·D^−β
 * (envelope theorem; A and B pinned or fitted alike). NaN RSS when the inner
 * solve has no solution (OLS on rank-deficient columns).
 */
export function pinnedProfile(data: PreparedData, fix: PinnedParameters, alpha: number, beta: number, inner: 'nnls' | 'ols'): PinnedProfilePoint {
  const { n, lnN, lnD, L } = data;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.exp(-alpha * lnN[i]);
    y[i] = Math.exp(-beta * lnD[i]);
  }
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) target[i] = L[i] - (fix.E ?? 0) - (fix.A ?? 0) * x[i] - (fix.B ?? 0) * y[i];
  const free = COEFFICIENTS.filter((c) => fix[c] === undefined);
  const ones = new Float64Array(n).fill(1);
  const column = { E: ones, A: x, B: y };
  const solved = smallLsq(
    free.map((c) => column[c]),
    target,
    inner,
  );
  if (solved === null) {
    return { surface: { E: NaN, A: NaN, B: NaN, alpha, beta }, rss: NaN, gradAlpha: NaN, gradBeta: NaN };
  }
  const coef = { E: fix.E ?? 0, A: fix.A ?? 0, B: fix.B ?? 0 };
  free.forEach((c, j) => (coef[c] = solved.coef[j]!));
  let rss = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < n; i++) {
    const r = L[i] - coef.E - coef.A * x[i] - coef.B * y[i];
    rss += r * r;
    ga += r * lnN[i] * x[i];
    gb += r * lnD[i] * y[i];
  }
  return { surface: { ...coef, alpha, beta }, rss, gradAlpha: 2 * coef.A * ga, gradBeta: 2 * coef.B * gb };
}

/** What {@link fitVpnlsPinned} needs, resolved by `fitVpnlsPrepared`. */
export interface PinnedVpnlsSettings {
  readonly fix: PinnedParameters;
  readonly refine: VpnlsRefinement;
  readonly grid: ExponentGrid;
  readonly bounds: readonly [number, number];
  readonly method: string;
}

/**
 * VPNLS with some of E, A, B, α, β pinned: a grid over the free exponents
 * (one axis per free exponent), then the chosen refinement on them; E, A, B
 * from the inner solve at the end. The result carries `pinned`.
 */
export function fitVpnlsPinned(data: PreparedData, s: PinnedVpnlsSettings): SurfaceFitResult {
  const { fix, refine, grid, bounds, method } = s;
  const inner = refine.method === 'lbfgsb' ? (refine.inner ?? 'ols') : 'nnls';
  const freeExp = (['alpha', 'beta'] as const).filter((p) => fix[p] === undefined);
  const full = (z: ArrayLike<number>): [number, number] => {
    let j = 0;
    const alpha = fix.alpha ?? z[j++]!;
    const beta = fix.beta ?? z[j++]!;
    return [alpha, beta];
  };
  const profile = (z: ArrayLike<number>): PinnedProfilePoint => {
    const [a, b] = full(z);
    return pinnedProfile(data, fix, a, b, inner);
  };
  const gridProfile = (z: ArrayLike<number>): PinnedProfilePoint => {
    const [a, b] = full(z);
    return pinnedProfile(data, fix, a, b, 'nnls');
  };

  // Grid over the free exponents (NNLS, as the unpinned grid kernel).
  const axis = linspace(grid.lo, grid.hi, grid.size);
  const cells = freeExp.length === 0 ? 1 : Math.pow(grid.size, freeExp.length);
  let bestRss = Infinity;
  let bestIdx: number[] = [];
  const z = new Float64Array(freeExp.length);
  for (let c = 0; c < cells; c++) {
    const idx: number[] = [];
    let rest = c;
    for (let j = freeExp.length - 1; j >= 0; j--) {
      idx[j] = rest % grid.size;
      rest = Math.floor(rest / grid.size);
    }
    idx.forEach((ix, j) => (z[j] = axis[ix]!));
    const r = gridProfile(z).rss;
    if (r < bestRss) {
      bestRss = r;
      bestIdx = idx;
    }
  }
  if (!Number.isFinite(bestRss)) throw new InvalidInputError(`${method}: every grid cell gave a non-finite RSS`, 'data');
  const z0 = Float64Array.from(bestIdx, (ix) => axis[ix]!);
  const start = gridProfile(z0).surface;
  const pinned = Object.freeze({ ...fix });
  const freeHits = (hits: BoundHit[]): BoundHit[] => hits.filter((h) => fix[h.parameter as ParameterName] === undefined);

  if (refine.method === 'none' || freeExp.length === 0) {
    const final = freeExp.length === 0 ? profile(z0) : pinnedProfile(data, fix, ...full(z0), 'nnls');
    const edges = freeExp.map((p, j) => gridEdgeHit(p, axis, bestIdx[j]!)).filter((h): h is BoundHit => h !== null);
    const hits = freeHits([...edges, ...vanishingHits(final.surface)]);
    const why = freeExp.length === 0 ? 'both exponents pinned: one linear solve' : 'best cell of the exponent grid';
    return surfaceFitResult(final.surface, {
      rss: final.rss,
      nPoints: data.n,
      method,
      iterations: 0,
      status: fitStatus('none', hits),
      message: fitMessage(why, hits),
      diagnostics: { nfev: cells, boundsHit: hitParameters(hits), start, objective: bestRss, ...stopDiagnostics(null) },
      pinned,
    });
  }

  const box = { lower: freeExp.map(() => bounds[0]), upper: freeExp.map(() => bounds[1]) };
  let opt: OptimResult;
  if (refine.method === 'nelder-mead') {
    opt = nelderMead((v) => profile(v).rss, z0, { ...refine.options, bounds: box });
  } else if (refine.gradient === 'analytic') {
    opt = lbfgsb(
      (v, g) => {
        const p = profile(v);
        freeExp.forEach((e, j) => (g[j] = e === 'alpha' ? p.gradAlpha : p.gradBeta));
        return p.rss;
      },
      z0,
      { ...refine.options, bounds: box, objectiveName: 'RSS' },
    );
  } else {
    const f = withFiniteDifferences((v) => profile(v).rss, { scheme: refine.gradient, step: refine.step, bounds: box });
    opt = lbfgsb(f, z0, { ...refine.options, bounds: box, objectiveName: 'RSS' });
  }
  const p = profile(opt.x);
  const expBounds = Object.fromEntries(freeExp.map((e) => [e, bounds])) as Partial<Record<'alpha' | 'beta', readonly [number, number]>>;
  const hits = freeHits([...boundHits(p.surface, expBounds), ...vanishingHits(p.surface)]);
  return surfaceFitResult(p.surface, {
    rss: p.rss,
    nPoints: data.n,
    method,
    iterations: opt.iterations,
    status: fitStatus(opt.status, hits),
    message: fitMessage(opt.message, hits),
    diagnostics: { nfev: opt.nfev, boundsHit: hitParameters(hits), start, objective: opt.fun, ...stopDiagnostics(opt) },
    pinned,
  });
}
