/**
 * In-process cases: each kernel on both backends (and each fit with both
 * kernel sets), a comparison of the two answers before timing, and one
 * call per timed run whose result is reduced to a checked number.
 */
import type { GridResult, Kernels } from '../src/kernels/index.ts';
import type { CheckOutcome, Impl, Runner } from './types.ts';
import type { Library } from './library.ts';
import { axis, isoflop, lossPoints } from './data.ts';
import { APPROACH3_FIT_RTOL, VPNLS_FIT_RTOL, compareFits, compareGrids, compareJacobians, compareRelative } from './checks.ts';

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
      return runner(() => k.vpnlsGrid(iso.data, ax, ax), (r) => (r.bestIndex >= 0 ? r.rss + r.bestIndex : NaN));
    },
  };
}

function lossCase(lib: Library, m: number, name: string): BenchCase {
  const { N, D } = lossPoints(lib, m);
  const s = lib.surface.SURFACES.asymmetric;
  return {
    name, unit: 'point', work: m, impls: ['wasm', 'ts'], sweep: false,
    check: () => compareRelative(lib.wasm.lossBatch(s, N, D), lib.ts.lossBatch(s, N, D)),
    run: (impl) => {
      const k = kernelsOf(lib, impl);
      const out = new Float64Array(m);
      return runner(() => k.lossBatch(s, N, D, out), (r) => {
        let sum = 0;
        for (let i = 0; i < r.length; i++) sum += r[i];
        return sum;
      });
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
    unit: 'Jacobian', work: 1, impls: ['wasm', 'ts'], sweep: false,
    check: () => {
      const fmax = Math.max(...lib.ts.lossBatch(s, iso.N, iso.D));
      return compareJacobians(lib.wasm.jacobian5(iso.data, p, diff), lib.ts.jacobian5(iso.data, p, diff), fmax, step);
    },
    run: (impl) => {
      const k = kernelsOf(lib, impl);
      const out = new Float64Array(n * 5);
      return runner(() => k.jacobian5(iso.data, p, diff, out), (r) => {
        let sum = 0;
        for (let i = 0; i < r.length; i++) sum += r[i];
        return sum;
      });
    },
  };
}

type FitKind = 'vpnls_nm' | 'vpnls_lbfgsb' | 'approach3';

function fitCase(lib: Library, kind: FitKind, n: number): BenchCase {
  const { N, D, L } = isoflop(lib, n);
  const fit = (k: Kernels) => {
    switch (kind) {
      case 'vpnls_nm': return lib.fit.fitVpnls(N, D, L, { kernels: k, refine: { method: 'nelder-mead' } });
      case 'vpnls_lbfgsb': return lib.fit.fitVpnls(N, D, L, { kernels: k });
      case 'approach3': return lib.fit.fitApproach3(N, D, L, { kernels: k });
    }
  };
  return {
    name: `fit_${kind}_n${n}`, unit: 'fit', work: 1, impls: ['wasm', 'ts'], sweep: false,
    check: () => compareFits(fit(lib.wasm), fit(lib.ts), kind === 'approach3' ? APPROACH3_FIT_RTOL : VPNLS_FIT_RTOL),
    run: (impl) => {
      const k = kernelsOf(lib, impl);
      return runner(() => fit(k), (r) => r.rss + r.alpha + r.beta);
    },
  };
}

function approach2Case(lib: Library, n: number): BenchCase {
  const { N, D, L, C } = isoflop(lib, n);
  return {
    name: `fit_approach2_n${n}`, unit: 'fit', work: 1, impls: ['ts'], sweep: false,
    check: () => null,
    run: () => runner(() => lib.fit.fitApproach2(N, D, L, C), (r) => r.a + r.b),
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
  ];
}
