import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { prepareData, tsKernels, wasmUrl, type CoreExports, type Kernels, type PreparedData } from '../../src/kernels/index.ts';
import { sampleIsoflops } from '../../src/sampling/index.ts';
import { approach3Objective, fromNatural, type Approach3ObjectiveSpec } from '../../src/fit/approach3-objective.ts';
import { APPROACH3_BOUNDS, bestGridPoint, grid4, type SeedGrid5 } from '../../src/fit/grids5.ts';
import { PARAMETER_NAMES } from '../../src/fit/result.ts';
import { lbfgsb } from '../../src/optim/index.ts';
import { Rng } from '../../src/util/rng.ts';
import { wasmDebugKernels } from '../helpers/backends.ts';

// The fused Approach 3 kernels (seed grid from power columns, one objective
// call per iteration; src/fit/approach3-kernels.ts) and the SIMD log/exp of
// lossBatch and the Jacobian, against the per-point path and the twins.
//
// Tolerance: zero everywhere except lossBatch against pow. Every kernel here
// runs the operations of its reference in the same order, with fdlibm's exp
// and log (V8's Math.exp and Math.log are fdlibm's), so a difference in any
// bit is a regression; Approach 3 amplifies last bits into different fits
// (tests/parity/approach3-backends.test.ts, specs/kernels.md), which is why
// the switch between the paths must not change one.
const wasm = wasmDebugKernels();
const core = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(fileURLToPath(wasmUrl('debug')))), {}).exports as unknown as CoreExports;
const backends: Array<[string, Kernels]> = [
  ['wasm', wasm],
  ['ts', tsKernels],
];

const surfaceArb = fc.record({
  E: fc.double({ min: 0.5, max: 4, noNaN: true }),
  A: fc.double({ min: 10, max: 5000, noNaN: true }),
  B: fc.double({ min: 10, max: 5000, noNaN: true }),
  alpha: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
  beta: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
});

const dataArb = fc.record({
  surface: surfaceArb,
  points: fc.integer({ min: 2, max: 25 }),
  budgets: fc.integer({ min: 1, max: 5 }),
  noise: fc.constantFrom(0, 0.01, 0.2),
  seed: fc.integer({ min: 0, max: 1 << 30 }),
});

function makeData(x: {
  surface: { E: number; A: number; B: number; alpha: number; beta: number };
  points: number;
  budgets: number;
  noise: number;
  seed: number;
}): PreparedData {
  const budgets = Array.from({ length: x.budgets }, (_, i) => 1e17 * Math.pow(10, i));
  const s = sampleIsoflops(x.surface, { W: 1, pointsPerCurve: x.points, budgets, noiseStd: x.noise, rng: new Rng(x.seed) });
  // Keep the losses positive (the log-loss needs them); noise can push small ones below 0.
  return prepareData(
    s.N,
    s.D,
    Array.from(s.L, (l) => Math.max(l, 0.05)),
  );
}

const SPECS: Approach3ObjectiveSpec[] = [];
for (const parameterization of ['natural', 'lse'] as const) {
  for (const scale of ['linear', 'log'] as const) {
    for (const error of [{ kind: 'squared' }, { kind: 'huber', delta: 1e-3 }] as const) SPECS.push({ parameterization, scale, error });
  }
}
const specName = (s: Approach3ObjectiveSpec): string => `${s.parameterization}/${s.scale}/${s.error.kind}`;

const same = (a: number, b: number): boolean => Object.is(a, b);

describe('fdlibm log in the core', () => {
  it('is bit-identical to V8 Math.log over every binade, subnormals and special values', () => {
    const rng = new Rng(7);
    let differ = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = (1 + rng.uniform()) * Math.pow(2, Math.floor(rng.uniform() * 2098) - 1074);
      if (!same(core.fdlibmLog(x), Math.log(x))) differ++;
    }
    expect(differ).toBe(0);
    const special = [
      0,
      -0,
      -1,
      Infinity,
      -Infinity,
      NaN,
      1,
      1 + 2 ** -52,
      1 - 2 ** -53,
      1 + 2 ** -21,
      1 - 2 ** -21,
      5e-324,
      2.2250738585072014e-308,
      Number.MAX_VALUE,
      2,
      0.5,
      Math.E,
    ];
    for (const x of special) expect(same(core.fdlibmLog(x), Math.log(x)), `log(${x})`).toBe(true);
  });
});

describe('lossBatch and the Jacobian (SIMD exp and log)', () => {
  it('lossBatch is bit-identical to its twin at every chunk edge', () => {
    fc.assert(
      fc.property(surfaceArb, fc.constantFrom(1, 2, 3, 255, 256, 257, 511, 513, 1001), fc.integer({ min: 0, max: 1 << 30 }), (s, m, seed) => {
        const rng = new Rng(seed);
        const N = Float64Array.from({ length: m }, () => Math.pow(10, 3 + 10 * rng.uniform()));
        const D = Float64Array.from({ length: m }, () => Math.pow(10, 5 + 10 * rng.uniform()));
        const a = wasm.lossBatch(s, N, D);
        const b = tsKernels.lossBatch(s, N, D);
        for (let i = 0; i < m; i++) expect(same(a[i], b[i]), `point ${i} of ${m}`).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('lossBatch is within a few ulps of pow', () => {
    // N^−α = exp(t), t = −α·ln N: ln N and the product each round by ≤ 1 ulp,
    // which moves t by ≤ 2·eps·|t| and exp(t) by that relative, plus exp's own
    // rounding: |Δx| ≤ (2|t| + 2)·eps·x. The sum E + A·x + B·y adds 2 roundings.
    fc.assert(
      fc.property(surfaceArb, fc.integer({ min: 0, max: 1 << 30 }), (s, seed) => {
        const rng = new Rng(seed);
        const N = Float64Array.from({ length: 64 }, () => Math.pow(10, 3 + 10 * rng.uniform()));
        const D = Float64Array.from({ length: 64 }, () => Math.pow(10, 5 + 10 * rng.uniform()));
        const a = wasm.lossBatch(s, N, D);
        for (let i = 0; i < N.length; i++) {
          const x = Math.pow(N[i], -s.alpha);
          const y = Math.pow(D[i], -s.beta);
          const tN = Math.abs(s.alpha * Math.log(N[i]));
          const tD = Math.abs(s.beta * Math.log(D[i]));
          const exact = s.E + s.A * x + s.B * y;
          const bound = Number.EPSILON * (2 * Math.abs(exact) + (2 * tN + 3) * s.A * x + (2 * tD + 3) * s.B * y);
          expect(Math.abs(a[i] - exact)).toBeLessThanOrEqual(bound);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the Jacobian (columns shared between perturbations, two points per lane pair) is bit-identical to the twin', () => {
    fc.assert(
      fc.property(dataArb, surfaceArb, fc.constantFrom('forward', 'central'), fc.constantFrom(1e-8, 1e-6, 1e-3), (x, s, scheme, step) => {
        const d = makeData(x);
        const p = Float64Array.of(s.E, s.A, s.B, s.alpha, s.beta);
        const a = wasm.jacobian5(d, p, { scheme, step });
        const b = tsKernels.jacobian5(d, p, { scheme, step });
        for (let i = 0; i < a.length; i++) expect(same(a[i], b[i]), `entry ${i}`).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('fused Approach 3 kernels against the per-point path', () => {
  const axisArb = (lo: number, hi: number) =>
    fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: 1, maxLength: 5 }).map((v) => Float64Array.from(v));
  const gridArb = fc.record({ E: axisArb(0.1, 5), A: axisArb(10, 1e4), B: axisArb(10, 1e4), alpha: axisArb(0.02, 1.2), beta: axisArb(0.02, 1.2) });

  it('the seed grid gives the per-point best index and RSS, bit for bit, on both backends', () => {
    fc.assert(
      fc.property(dataArb, fc.oneof(fc.constant(grid4() as SeedGrid5), gridArb), (x, grid) => {
        const d = makeData(x);
        const ref = bestGridPoint(d, grid, tsKernels, 'per-point');
        for (const [name, k] of backends) {
          const got = bestGridPoint(d, grid, k, 'fused');
          expect(got.index, name).toEqual(ref.index);
          expect(same(got.rss, ref.rss), `${name}: ${got.rss} vs ${ref.rss}`).toBe(true);
          expect(got.evaluations).toBe(ref.evaluations);
          expect(got.surface).toEqual(ref.surface);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('ties keep the first point in E-major order', () => {
    const d = prepareData([1e8, 1e9], [1e10, 1e11], [2, 2]);
    const grid: SeedGrid5 = {
      E: Float64Array.of(2, 2, 2),
      A: Float64Array.of(0, 0),
      B: Float64Array.of(0),
      alpha: Float64Array.of(0.3, 0.3),
      beta: Float64Array.of(0.4),
    };
    for (const [, k] of backends) expect(bestGridPoint(d, grid, k, 'fused').index).toEqual([0, 0, 0, 0, 0]);
  });

  it('every objective and its gradient equal the per-point evaluation, bit for bit', () => {
    fc.assert(
      fc.property(dataArb, fc.constantFrom(...SPECS), surfaceArb, (x, spec, s) => {
        const d = makeData(x);
        const theta = fromNatural([s.E, s.A, s.B, s.alpha, s.beta], spec.parameterization);
        const gRef = new Float64Array(5);
        const fRef = approach3Objective(d, spec, tsKernels, 'per-point')(theta, gRef);
        for (const [name, k] of backends) {
          const g = new Float64Array(5);
          const f = approach3Objective(d, spec, k, 'fused')(theta, g);
          expect(same(f, fRef), `${name} ${specName(spec)}: f ${f} vs ${fRef}`).toBe(true);
          for (let j = 0; j < 5; j++) expect(same(g[j], gRef[j]), `${name} ${specName(spec)}: grad[${j}]`).toBe(true);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('L-BFGS-B from the grid seed follows the same iterates with either path (every objective, both backends)', () => {
    const box = (spec: Approach3ObjectiveSpec) => ({
      lower: fromNatural(
        PARAMETER_NAMES.map((p) => APPROACH3_BOUNDS[p][0]),
        spec.parameterization,
      ),
      upper: fromNatural(
        PARAMETER_NAMES.map((p) => APPROACH3_BOUNDS[p][1]),
        spec.parameterization,
      ),
    });
    fc.assert(
      fc.property(dataArb, fc.constantFrom(...SPECS), (x, spec) => {
        const d = makeData(x);
        const seed = bestGridPoint(d, grid4(), tsKernels, 'per-point').surface;
        const x0 = fromNatural([seed.E, seed.A, seed.B, seed.alpha, seed.beta], spec.parameterization);
        const ref = lbfgsb(approach3Objective(d, spec, tsKernels, 'per-point'), x0, { bounds: box(spec) });
        for (const [name, k] of backends) {
          const got = lbfgsb(approach3Objective(d, spec, k, 'fused'), x0, { bounds: box(spec) });
          for (let j = 0; j < 5; j++) expect(same(got.x[j], ref.x[j]), `${name} ${specName(spec)}: x[${j}]`).toBe(true);
          expect(got.nfev).toBe(ref.nfev);
          expect(got.status).toBe(ref.status);
        }
      }),
      { numRuns: 16 },
    );
  });
});
