import { describe, expect, it } from 'vitest';
import { prepareData, type Kernels, type PreparedData } from '../../../src/kernels/index.ts';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { lstsq } from '../../../src/util/lstsq.ts';
import { linspace } from '../../../src/util/space.ts';
import { Rng } from '../../../src/util/rng.ts';
import { SURFACES } from '../../../src/surface/index.ts';
import { sampleIsoflops } from '../../../src/sampling/index.ts';
import { bothBackends } from '../../helpers/backends.ts';

/**
 * Brute-force NNLS reference on explicit residuals: least squares by QR on
 * every subset of the columns [1, x, y], keeping the feasible subset of least
 * RSS. Independent of the kernels' closed form from sufficient statistics.
 */
function bruteNnls(x: Float64Array, y: Float64Array, L: Float64Array): { coef: number[]; rss: number } {
  const one = new Float64Array(x.length).fill(1);
  const cols = [one, x, y];
  let best = { coef: [0, 0, 0], rss: L.reduce((s, l) => s + l * l, 0) };
  for (let mask = 1; mask < 8; mask++) {
    const idx = [0, 1, 2].filter((j) => mask & (1 << j));
    const c = lstsq(
      idx.map((j) => cols[j]),
      L,
    );
    if (!c || c.some((v) => v < 0)) continue;
    const coef = [0, 0, 0];
    idx.forEach((j, k) => (coef[j] = c[k]));
    let rss = 0;
    for (let i = 0; i < L.length; i++) rss += (L[i] - coef[0] - coef[1] * x[i] - coef[2] * y[i]) ** 2;
    if (rss < best.rss) best = { coef, rss };
  }
  return best;
}

/** Data L = E + A·N^−α + B·D^−β + noise with chosen (possibly negative) true coefficients. */
function planted(E: number, A: number, B: number, seed: number): { d: PreparedData; x: Float64Array; y: Float64Array } {
  const rng = new Rng(seed);
  const n = 30;
  const N = new Float64Array(n);
  const D = new Float64Array(n);
  const L = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    N[i] = Math.pow(10, 7 + 3 * rng.uniform());
    D[i] = Math.pow(10, 9 + 3 * rng.uniform());
    L[i] = E + A * Math.pow(N[i], -0.3) + B * Math.pow(D[i], -0.25) + 0.01 * rng.normal();
  }
  const d = prepareData(N, D, L);
  return { d, x: N.map((v) => Math.pow(v, -0.3)), y: D.map((v) => Math.pow(v, -0.25)) };
}

describe.each(bothBackends())('%s kernels', (_name: string, k: Kernels) => {
  describe('NNLS inner solve against a brute-force reference', () => {
    // Every other true coefficient zeroed or negative, so constraints are active.
    const cases: Array<[number, number, number]> = [
      [1.7, 400, 400],
      [1.7, 400, -300],
      [1.7, -400, 400],
      [-2, 400, 400],
      [-2, -400, 400],
      [0, 0, 400],
      [1.7, -400, -400],
      [-3, -400, -400],
    ];
    for (const [E, A, B] of cases) {
      it(`matches the brute force for true (E, A, B) = (${E}, ${A}, ${B}) and satisfies KKT`, () => {
        for (let seed = 1; seed <= 5; seed++) {
          const { d, x, y } = planted(E, A, B, seed);
          const got = k.vpnlsPoint(d, 0.3, 0.25, 'nnls');
          const ref = bruteNnls(x, y, d.L);
          expect(Math.abs(got.rss - ref.rss)).toBeLessThanOrEqual(1e-9 * Math.max(ref.rss, 1e-12));
          const coef = [got.E, got.A, got.B];
          coef.forEach((c, j) => {
            expect(c).toBeGreaterThanOrEqual(0);
            expect(Math.abs(c - ref.coef[j])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(ref.coef[j])));
          });
          // KKT: gradient g = Xᵀ(Xθ − L) vanishes on free coefficients, ≥ 0 on clamped ones.
          const g = [0, 0, 0];
          for (let i = 0; i < d.n; i++) {
            const r = coef[0] + coef[1] * x[i] + coef[2] * y[i] - d.L[i];
            g[0] += r;
            g[1] += r * x[i];
            g[2] += r * y[i];
          }
          const colNorm = [Math.sqrt(d.n), Math.hypot(...x), Math.hypot(...y)];
          const resNorm = Math.sqrt(got.rss) + 1e-12;
          coef.forEach((c, j) => {
            if (c > 0) expect(Math.abs(g[j])).toBeLessThan(1e-8 * colNorm[j] * resNorm + 1e-9);
            else expect(g[j]).toBeGreaterThan(-1e-8 * colNorm[j] * resNorm - 1e-9);
          });
        }
      });
    }

    it('grid cells agree with the point objective at the same (α, β)', () => {
      const { d } = planted(1.7, 400, -300, 3);
      const alphas = linspace(0.1, 0.5, 5);
      const betas = linspace(0.1, 0.4, 4);
      const g = k.vpnlsGrid(d, alphas, betas, { surface: true });
      alphas.forEach((a, i) =>
        betas.forEach((b, j) => {
          const p = k.vpnlsPoint(d, a, b, 'nnls');
          expect(Math.abs(g.surface![i * 4 + j] - p.rss)).toBeLessThan(1e-10 * d.L.reduce((s, l) => s + l * l, 0));
        }),
      );
    });
  });

  describe('noise-free recovery', () => {
    it('puts the grid optimum on the true cell and recovers E, A, B there', () => {
      const s = SURFACES.chinchilla;
      const smp = sampleIsoflops(s, { W: 0.6 });
      const d = prepareData(smp.N, smp.D, smp.L);
      const alphas = Float64Array.of(0.2, 0.3, 0.34, 0.4);
      const betas = Float64Array.of(0.2, 0.28, 0.3);
      const g = k.vpnlsGrid(d, alphas, betas);
      expect([g.alpha, g.beta]).toEqual([0.34, 0.28]);
      expect(g.E).toBeCloseTo(1.69, 6);
      expect(g.A / 406.4).toBeCloseTo(1, 6);
      expect(g.B / 410.7).toBeCloseTo(1, 6);
    });
  });

  describe('memory', () => {
    it('handles 100,000 points and grows memory, then a small set again', () => {
      const rng = new Rng(5);
      const n = 100_000;
      const N = Float64Array.from({ length: n }, () => Math.pow(10, 7 + 3 * rng.uniform()));
      const D = Float64Array.from({ length: n }, () => Math.pow(10, 9 + 3 * rng.uniform()));
      const L = tsLoss(N, D);
      const big = k.vpnlsGrid(prepareData(N, D, L), linspace(0.05, 0.95, 16), linspace(0.05, 0.95, 16));
      expect(big.rss).toBeGreaterThanOrEqual(0);
      const smp = sampleIsoflops(SURFACES.chinchilla, { W: 0.5 });
      const small = k.vpnlsPoint(prepareData(smp.N, smp.D, smp.L), 0.34, 0.28, 'nnls');
      expect(small.rss).toBeLessThan(1e-20);
    });

    it('scans a 1024×1024 grid and returns every cell', () => {
      const smp = sampleIsoflops(SURFACES.asymmetric, { W: 1 });
      const d = prepareData(smp.N, smp.D, smp.L);
      const ax = linspace(0.05, 0.95, 1024);
      const g = k.vpnlsGrid(d, ax, ax, { surface: true });
      expect(g.surface!.length).toBe(1024 * 1024);
      expect(g.surface!.every((v) => Number.isFinite(v))).toBe(true);
      expect(Math.abs(g.alpha - 0.465)).toBeLessThan(1e-3);
    });
  });

  describe('bad input gives typed errors, never a trap', () => {
    const smp = sampleIsoflops(SURFACES.chinchilla, { W: 0.5, pointsPerCurve: 4 });
    const d = prepareData(smp.N, smp.D, smp.L);
    const p = Float64Array.of(1.69, 406.4, 410.7, 0.34, 0.28);

    it('rejects a non-finite exponent', () => {
      expect(() => k.vpnlsPoint(d, NaN, 0.3, 'nnls')).toThrow(new InvalidInputError('alpha = NaN is not finite', 'alpha', undefined, NaN));
    });
    it('rejects empty and non-finite grid axes', () => {
      expect(() => k.vpnlsGrid(d, new Float64Array(0), Float64Array.of(0.3))).toThrow('alphas is empty');
      expect(() => k.vpnlsGrid(d, Float64Array.of(0.3), Float64Array.of(0.3, Infinity))).toThrow('betas[1] = Infinity is not finite');
    });
    it('rejects a parameter vector of the wrong length or with NaN', () => {
      expect(() => k.rss5(d, Float64Array.of(1, 2, 3))).toThrow('parameter vector has 3 elements; expected 5 (E, A, B, alpha, beta)');
      expect(() => k.rss5(d, Float64Array.of(1, 2, 3, NaN, 0.3))).toThrow('p[3] = NaN is not finite');
    });
    it('rejects a zero finite-difference step', () => {
      expect(() => k.jacobian5(d, p, { scheme: 'forward', step: 0 })).toThrow('finite-difference step = 0 must be positive and finite');
    });
    it('rejects loss inputs with non-positive N', () => {
      expect(() => k.lossBatch(SURFACES.chinchilla, Float64Array.of(1, -1), Float64Array.of(1, 1))).toThrow('N[1] = -1 must be positive');
    });
    it.runIf(k.backend === 'wasm')('rejects a grid too large for memory with a message, not a trap', () => {
      const huge = new Float64Array(200_000).fill(0.3);
      expect(() => k.vpnlsGrid(d, huge, huge, { surface: true })).toThrow(InvalidInputError);
      expect(() => k.vpnlsGrid(d, huge, huge, { surface: true })).toThrow(/needs \d+\.\d+ GiB of WebAssembly memory, beyond the 4 GiB/);
    });
  });
});

function tsLoss(N: Float64Array, D: Float64Array): Float64Array {
  const s = SURFACES.chinchilla;
  return N.map((v, i) => s.E + s.A * Math.pow(v, -s.alpha) + s.B * Math.pow(D[i], -s.beta));
}

describe('prepareData', () => {
  it('rejects mismatched lengths and non-positive D', () => {
    expect(() => prepareData([1, 2], [1], [1, 2])).toThrow('D has 1 elements but N has 2; the arrays must have equal lengths');
    expect(() => prepareData([1, 2], [1, 0], [1, 2])).toThrow('D[1] = 0 must be positive');
  });
});
