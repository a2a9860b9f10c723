/**
 * In-process cases: each kernel on both backends (and each fit with both
 * kernel sets), a comparison of the two answers before timing, and one
 * call per timed run whose result is reduced to a checked number.
 */
import type { GridResult, Kernels } from '../src/kernels/index.ts';
import type { CheckOutcome, Impl, Runner } from './types.ts';
import type { Library } from './library.ts';
import { BENCH_SEED, BUDGETS, axis, isoflop, lossPoints } from './data.ts';
import {
  APPROACH3_FIT_RTOL,
  VPNLS_FIT_RTOL,
  compareFitSets,
  compareFits,
  compareFitsExact,
  compareGrids,
  compareJacobians,
  compareRelative,
  compareSame,
} from './checks.ts';
import { maxOf } from '../src/util/stats.ts';
import type { Approach3ObjectiveSpec } from '../src/fit/approach3-objective.ts';
import type { SurfaceFitResult } from '../src/fit/result.ts';

function runner<R>(call: () => R, digest: (result: R) => number): Runner {
  return { call, digest: digest as (result: unknown) => number };
}

export interface BenchCase {
  readonly name: string;
  /** What one unit of `work` is, for the table. */
  readonly unit: string;
  readonly work: number;
  /** Backends timed. */
  readonly impls: readonly Impl[];
  /** Grid rows of the scaling sweep that are timed for WASM only. */
  readonly sweep: boolean;
  /** WASM against the twin; null when there is no twin (Approach 2). */
  check(): CheckOutcome | null;
  run(impl: Impl): Runner;
}

const kernelsOf = (lib: Library, impl: Impl): Kernels => (impl === 'wasm' ? lib.wasm : lib.ts);

const tsGridCache = new Map<string, GridResult>();

/** The twin's full grid (with surface), computed once per size: the reference of every grid check. */
export function tsGrid(lib: Library, side: number, n: number): GridResult {
  const key = `${side}x${n}`;
  let g = tsGridCache.get(key);
  if (!g) {
    const ax = axis(lib, side);
    g = lib.ts.vpnlsGrid(isoflop(lib, n).data, ax, ax, { surface: true });
    tsGridCache.set(key, g);
  }
  return g;
}

function gridCase(lib: Library, side: number, n: number, sweep: boolean): BenchCase {
  const ax = axis(lib, side);
  const iso = isoflop(lib, n);
  return {
    name: `vpnls_grid_${side}_n${n}`,
    unit: 'candidate·point',
    work: side * side * n,
    impls: sweep ? ['wasm'] : ['wasm', 'ts'],
    sweep,
    check: () => compareGrids(lib.wasm.vpnlsGrid(iso.data, ax, ax, { surface: true }), tsGrid(lib, side, n), iso.sumL2),
    run: (impl) => {
      const k = kernelsOf(lib, impl);
      return runner(
        () => k.vpnlsGrid(iso.data, ax, ax),
        (r) => (r.bestIndex >= 0 ? r.rss + r.bestIndex : NaN),
      );
    },
  };
}

function lossCase(lib: Library, m: number, name: string): BenchCase {
  const { N, D } = lossPoints(lib, m);
  const s = lib.surface.SURFACES.asymmetric;
  return {
    name,
    unit: 'point',
    work: m,
    impls: ['wasm', 'ts'],
    sweep: false,
    check: () => compareRelative(lib.wasm.lossBatch(s, N, D), lib.ts.lossBatch(s, N, D)),
    run: (impl) => {
      const k = kernelsOf(lib, impl);
      const out = new Float64Array(m);
      return runner(
        () => k.lossBatch(s, N, D, out),
        (r) => {
          let sum = 0;
          for (let i = 0; i < r.length; i++) sum += r[i];
          return sum;
        },
      );
    },
  };
}

function jacobianCase(lib: Library, n: number, scheme: 'forward' | 'central'): BenchCase {
  const iso = isoflop(lib, n);
  const s = lib.surface.SURFACES.asymmetric;
  const p = Float64Array.of(s.E, s.A, s.B, s.alpha, s.beta);
  const step = scheme === 'forward' ? lib.optim.FORWARD_DIFFERENCE_STEP : lib.optim.CENTRAL_DIFFERENCE_STEP;
  const diff = { scheme, step };
  return {
    name: `jacobian_${scheme === 'forward' ? 'fwd' : 'central'}_n${n}`,
    unit: 'Jacobian',
    work: 1,
    impls: ['wasm', 'ts'],
    sweep: false,
    check: () => {
      const fmax = maxOf(lib.ts.lossBatch(s, iso.N, iso.D));
      return compareJacobians(lib.wasm.jacobian5(iso.data, p, diff), lib.ts.jacobian5(iso.data, p, diff), fmax, step);
    },
    run: (impl) => {
      const k = kernelsOf(lib, impl);
      const out = new Float64Array(n * 5);
      return runner(
        () => k.jacobian5(iso.data, p, diff, out),
        (r) => {
          let sum = 0;
          for (let i = 0; i < r.length; i++) sum += r[i];
          return sum;
        },
      );
    },
  };
}

type FitKind = 'vpnls_nm' | 'vpnls_lbfgsb' | 'approach3';

function fitCase(lib: Library, kind: FitKind, n: number): BenchCase {
  const { N, D, L } = isoflop(lib, n);
  const fit = (k: Kernels) => {
    switch (kind) {
      case 'vpnls_nm':
        return lib.fit.fitVpnls(N, D, L, { kernels: k, refine: { method: 'nelder-mead' } });
      case 'vpnls_lbfgsb':
        return lib.fit.fitVpnls(N, D, L, { kernels: k });
      case 'approach3':
        return lib.fit.fitApproach3(N, D, L, { kernels: k });
    }
  };
  return {
    name: `fit_${kind}_n${n}`,
    unit: 'fit',
    work: 1,
    impls: ['wasm', 'ts'],
    sweep: false,
    check: () => compareFits(fit(lib.wasm), fit(lib.ts), kind === 'approach3' ? APPROACH3_FIT_RTOL : VPNLS_FIT_RTOL),
    run: (impl) => {
      const k = kernelsOf(lib, impl);
      return runner(
        () => fit(k),
        (r) => r.rss + r.alpha + r.beta,
      );
    },
  };
}

function approach2Case(lib: Library, n: number): BenchCase {
  const { N, D, L, C } = isoflop(lib, n);
  return {
    name: `fit_approach2_n${n}`,
    unit: 'fit',
    work: 1,
    impls: ['ts'],
    sweep: false,
    check: () => null,
    run: () =>
      runner(
        () => lib.fit.fitApproach2(N, D, L, C),
        (r) => r.a + r.b,
      ),
  };
}

/** The Approach 3 objectives (src/fit/approach3-objective.ts), named as in the case names. */
export const APPROACH3_OBJECTIVES: ReadonlyArray<readonly [string, Approach3ObjectiveSpec]> = [
  ['rss', { parameterization: 'natural', scale: 'linear', error: { kind: 'squared' } }],
  ['lse', { parameterization: 'lse', scale: 'linear', error: { kind: 'squared' } }],
  ['logloss', { parameterization: 'natural', scale: 'log', error: { kind: 'squared' } }],
  ['huber', { parameterization: 'lse', scale: 'log', error: { kind: 'huber', delta: 1e-3 } }],
];

/** The 4⁵ seed grid in one approach3Grid call; checked bit for bit against the per-point path (1,024 rss5 calls). */
function approach3GridCase(lib: Library, n: number): BenchCase {
  const { data } = isoflop(lib, n);
  const grid = lib.fit.grid4();
  return {
    name: `approach3_grid4_n${n}`,
    unit: 'candidate·point',
    work: 1024 * n,
    impls: ['wasm', 'ts'],
    sweep: false,
    check: () => {
      const ref = lib.fit.bestGridPoint(data, grid, lib.ts, 'per-point');
      const w = lib.fit.bestGridPoint(data, grid, lib.wasm, 'fused');
      const t = lib.fit.bestGridPoint(data, grid, lib.ts, 'fused');
      const ok = [w, t].every((g) => g.index.join() === ref.index.join() && Object.is(g.rss, ref.rss));
      return {
        ok,
        detail: ok
          ? 'best point and RSS bit-identical to the twin and to 1,024 rss5 calls'
          : `best ${w.index.join()} / ${t.index.join()} vs ${ref.index.join()}`,
      };
    },
    run: (impl) => {
      const k = kernelsOf(lib, impl);
      return runner(
        () => k.approach3Grid(data, grid),
        (r) => r.rss + r.index,
      );
    },
  };
}

/** One fused objective + gradient call at the grid seed; checked bit for bit against the twin and the per-point objective. */
function approach3ObjectiveCase(lib: Library, name: string, spec: Approach3ObjectiveSpec, n: number): BenchCase {
  const { data } = isoflop(lib, n);
  const s = lib.surface.SURFACES.asymmetric;
  const theta = lib.fit.fromNatural([s.E * 1.1, s.A * 0.9, s.B * 1.2, s.alpha * 1.05, s.beta * 0.95], spec.parameterization);
  const evaluate = (k: Kernels, kind: 'per-point' | 'fused'): Float64Array => {
    const g = new Float64Array(6);
    g[5] = lib.fit.approach3Objective(data, spec, k, kind)(theta, g);
    return g;
  };
  return {
    name: `approach3_objective_${name}_n${n}`,
    unit: 'evaluation',
    work: 1,
    impls: ['wasm', 'ts'],
    sweep: false,
    check: () => compareSame(evaluate(lib.wasm, 'fused'), [evaluate(lib.ts, 'fused'), evaluate(lib.ts, 'per-point')], 'objective and gradient'),
    run: (impl) => {
      const k = kernelsOf(lib, impl);
      const mode = { lse: spec.parameterization === 'lse', logScale: spec.scale === 'log', huberDelta: spec.error.kind === 'huber' ? spec.error.delta : null };
      const grad = new Float64Array(5);
      return runner(
        () => k.approach3Objective(data, mode, theta, grad),
        (f) => f + grad[4],
      );
    },
  };
}

/** The whole Approach 3 fit with the fused kernels (4⁵ grid seed, L-BFGS-B); checked bit for bit against the twin and the per-point path. */
function approach3FusedFitCase(lib: Library, name: string, spec: Approach3ObjectiveSpec, n: number): BenchCase {
  const { N, D, L } = isoflop(lib, n);
  const fit = (k: Kernels, kind: 'per-point' | 'fused'): SurfaceFitResult =>
    lib.fit.fitApproach3(N, D, L, { kernels: k, approach3Kernels: kind, parameterization: spec.parameterization, scale: spec.scale, error: spec.error });
  return {
    name: `fit_approach3_fused_${name}_n${n}`,
    unit: 'fit',
    work: 1,
    impls: ['wasm', 'ts'],
    sweep: false,
    check: () => compareFitsExact(fit(lib.wasm, 'fused'), [fit(lib.ts, 'fused'), fit(lib.ts, 'per-point')]),
    run: (impl) => {
      const k = kernelsOf(lib, impl);
      return runner(
        () => fit(k, 'fused'),
        (r) => r.rss + r.alpha + r.beta,
      );
    },
  };
}

/**
 * 1,000 bootstrap resamples of the 75 points (within each IsoFLOP curve, with
 * replacement, seeded), each fitted by the default VPNLS fit, in one thread;
 * checked: every resample's fit on WASM against the twin's to 1e−9.
 */
function bootstrapCase(lib: Library, n: number, resamples: number): BenchCase {
  const { N, D, L } = isoflop(lib, n);
  const per = n / BUDGETS;
  const rng = new lib.rng.Rng(BENCH_SEED);
  const draws = Array.from({ length: resamples }, () => {
    const idx = new Int32Array(n);
    for (let g = 0; g < BUDGETS; g++) for (let j = 0; j < per; j++) idx[g * per + j] = g * per + Math.floor(rng.uniform() * per);
    return { N: Float64Array.from(idx, (i) => N[i]), D: Float64Array.from(idx, (i) => D[i]), L: Float64Array.from(idx, (i) => L[i]) };
  });
  const all = (k: Kernels): SurfaceFitResult[] => draws.map((d) => lib.fit.fitVpnls(d.N, d.D, d.L, { kernels: k }));
  return {
    name: `bootstrap_vpnls_${resamples}_n${n}`,
    unit: 'resample',
    work: resamples,
    impls: ['wasm', 'ts'],
    sweep: false,
    check: () => compareFitSets(all(lib.wasm), all(lib.ts), VPNLS_FIT_RTOL),
    run: (impl) => {
      const k = kernelsOf(lib, impl);
      return runner(
        () => all(k),
        (rs) => rs.reduce((a, r) => a + r.alpha, 0),
      );
    },
  };
}

/** Grid sizes of the scaling sweep beyond the named cases (WASM only, each checked). */
export const SWEEP_SIDES = [64, 128, 512] as const;
export const SWEEP_POINTS = [300, 3000] as const;

/** Every in-process case, in table order. */
export function inProcessCases(lib: Library): BenchCase[] {
  return [
    lossCase(lib, 1_000_000, 'loss_eval_1e6'),
    gridCase(lib, 32, 75, false),
    gridCase(lib, 256, 75, false),
    gridCase(lib, 1024, 75, false),
    gridCase(lib, 256, 1000, false),
    gridCase(lib, 256, 10000, false),
    ...SWEEP_SIDES.map((side) => gridCase(lib, side, 75, true)),
    ...SWEEP_POINTS.map((n) => gridCase(lib, 256, n, true)),
    jacobianCase(lib, 75, 'forward'),
    jacobianCase(lib, 75, 'central'),
    jacobianCase(lib, 1000, 'forward'),
    approach2Case(lib, 75),
    fitCase(lib, 'vpnls_nm', 75),
    fitCase(lib, 'vpnls_lbfgsb', 75),
    fitCase(lib, 'approach3', 75),
    approach3GridCase(lib, 75),
    ...APPROACH3_OBJECTIVES.map(([name, spec]) => approach3ObjectiveCase(lib, name, spec, 75)),
    ...APPROACH3_OBJECTIVES.map(([name, spec]) => approach3FusedFitCase(lib, name, spec, 75)),
    bootstrapCase(lib, 75, 1000),
  ];
}
