import { describe, expect, it } from 'vitest';
import { lseHessian5, predictionJacobian5, rssGradient5, rssHessian5, symmetricSpectrum } from '../../../src/analysis/index.ts';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { getKernels, tsKernels } from '../../../src/kernels/index.ts';
import { NAMED_GRIDS } from '../../../src/sampling/index.ts';
import { SURFACES } from '../../../src/surface/index.ts';
import { isoflopData, maxAbs, maxAbsDiff, relErrors, truthOf } from './helpers.ts';

const surface = SURFACES.asymmetric;
const W = NAMED_GRIDS.L.W;

describe('predictionJacobian5', () => {
  it('matches the central-difference Jacobian of the kernels', () => {
    const data = isoflopData(surface, W);
    const p = truthOf(surface);
    const J = predictionJacobian5(data, p);
    const fd = getKernels().jacobian5(data, p, { scheme: 'central', step: 1e-6 });
    for (let k = 0; k < J.length; k++) expect(Math.abs(J[k] - fd[k])).toBeLessThan(1e-6 * Math.max(1, Math.abs(J[k])));
  });
});

describe('rssHessian5', () => {
  it('has the (E, A, B) block 2·XᵀX of the quadratic sub-problem, reproduced by gradient differences', () => {
    // For fixed (α, β) the RSS is exactly quadratic in (E, A, B) with design X = [1, N^−α, D^−β].
    const data = isoflopData(surface, W, 0.05, 7);
    const p = Float64Array.of(2.0, 300, 500, 0.4, 0.2);
    const H = rssHessian5(data, p);
    const fd = rssHessian5(data, p, { method: 'gradient-difference' });
    const xtx = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    for (let i = 0; i < data.n; i++) {
      const row = [1, Math.exp(-p[3] * data.lnN[i]), Math.exp(-p[4] * data.lnD[i])];
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) xtx[a][b] += 2 * row[a] * row[b];
    }
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        expect(Math.abs(H[a][b] - xtx[a][b])).toBeLessThanOrEqual(1e-13 * Math.abs(xtx[a][b]));
        expect(Math.abs(fd[a][b] - xtx[a][b])).toBeLessThanOrEqual(1e-7 * Math.abs(xtx[0][0]));
      }
    }
  });

  it('matches central differences of the analytic gradient away from the truth, residual term included', () => {
    const data = isoflopData(surface, W, 0.05, 11);
    const p = Float64Array.of(1.8, 350, 450, 0.43, 0.17);
    const exact = rssHessian5(data, p);
    const gn = rssHessian5(data, p, { method: 'gauss-newton' });
    for (const kernels of [getKernels(), tsKernels]) {
      const fd = rssHessian5(data, p, { method: 'gradient-difference', kernels });
      // entry-wise, relative to the largest entry, and on the α/β block relative to its own size
      expect(maxAbsDiff(exact, fd)).toBeLessThan(1e-7 * maxAbs(exact));
      for (const [a, b] of [
        [3, 3],
        [4, 4],
        [3, 1],
        [4, 2],
      ] as const) {
        expect(Math.abs(exact[a][b] - fd[a][b])).toBeLessThan(1e-5 * Math.abs(exact[a][b]));
      }
    }
    // the residual term is not negligible here, so the check above does test it
    expect(Math.abs(exact[3][3] - gn[3][3])).toBeGreaterThan(1e-3 * Math.abs(exact[3][3]));
  });

  it('equals 2·JᵀJ at the truth on noise-free data, and gradient differences meet the specs/experiments.md §C.8 1e-3 rule per eigenvalue', () => {
    const data = isoflopData(surface, W);
    const p = truthOf(surface);
    const exact = symmetricSpectrum(rssHessian5(data, p)).eigenvalues;
    const gn = symmetricSpectrum(rssHessian5(data, p, { method: 'gauss-newton' })).eigenvalues;
    const fd = symmetricSpectrum(rssHessian5(data, p, { method: 'gradient-difference' })).eigenvalues;
    for (const e of relErrors(gn, exact)) expect(e).toBeLessThan(1e-9);
    for (const e of relErrors(fd, exact)) expect(e).toBeLessThan(1e-3);
  });

  it('rejects a parameter vector that is not 5 finite numbers and a bad step', () => {
    const data = isoflopData(surface, W);
    expect(() => rssHessian5(data, [1, 2, 3, 4])).toThrow('rssHessian5: p has 4 elements; expected 5');
    expect(() => rssHessian5(data, [1, 2, NaN, 0.3, 0.3])).toThrow('rssHessian5: p[2] = NaN is not finite');
    expect(() => rssHessian5(data, truthOf(surface), { method: 'gradient-difference', step: 0 })).toThrow(InvalidInputError);
  });
});

describe('rssGradient5 and lseHessian5', () => {
  it('rssGradient5 agrees with the kernels’ analytic gradient on noisy data', () => {
    const data = isoflopData(surface, W, 0.05, 3);
    const p = Float64Array.of(2.0, 300, 500, 0.4, 0.2);
    const g = rssGradient5(data, p);
    const gk = new Float64Array(5);
    getKernels().rss5(data, p, gk);
    for (let j = 0; j < 5; j++) expect(Math.abs(g[j] - gk[j])).toBeLessThan(1e-9 * Math.max(1, Math.abs(gk[j])));
  });

  it('is the Hessian in q = [ln E, ln A, ln B, α, β]: matches central differences of the chain-rule gradient, residual term included', () => {
    const data = isoflopData(surface, W, 0.05, 3);
    const p = Float64Array.of(2.0, 300, 500, 0.4, 0.2);
    const H = lseHessian5(data, p);
    const q0 = [Math.log(p[0]), Math.log(p[1]), Math.log(p[2]), p[3], p[4]];
    // ∇_q RSS = S·∇_p RSS with S = diag(E, A, B, 1, 1) at p = (exp q_0..2, q_3, q_4).
    const gradQ = (q: number[]): number[] => {
      const pp = Float64Array.of(Math.exp(q[0]), Math.exp(q[1]), Math.exp(q[2]), q[3], q[4]);
      const g = new Float64Array(5);
      getKernels().rss5(data, pp, g);
      return [...g].map((v, j) => (j < 3 ? v * pp[j] : v));
    };
    const h = 1e-6;
    for (let j = 0; j < 5; j++) {
      const up = [...q0];
      const down = [...q0];
      up[j] += h;
      down[j] -= h;
      const gp = gradQ(up);
      const gm = gradQ(down);
      for (let i = 0; i < 5; i++) {
        const fd = (gp[i] - gm[i]) / (2 * h);
        expect(Math.abs(H[i][j] - fd)).toBeLessThan(1e-5 * maxAbs(H));
      }
    }
    // Without the gradient term (Gauss-Newton) the diagonal of the (E, A, B) block differs on noisy data.
    const gn = lseHessian5(data, p, { method: 'gauss-newton' });
    expect(Math.abs(gn[1][1] - H[1][1])).toBeGreaterThan(1e-6 * Math.abs(H[1][1]));
  });

  it('equals diag(E, A, B, 1, 1)·2JᵀJ·diag(E, A, B, 1, 1) at the truth of noise-free data', () => {
    const data = isoflopData(surface, W);
    const p = truthOf(surface);
    const H = lseHessian5(data, p);
    const raw = rssHessian5(data, p, { method: 'gauss-newton' });
    const s = [p[0], p[1], p[2], 1, 1];
    expect(
      maxAbsDiff(
        H,
        raw.map((row, i) => row.map((v, j) => v * s[i] * s[j])),
      ),
    ).toBeLessThan(1e-9 * maxAbs(H));
  });

  it('rejects a non-positive E, A or B, naming the element', () => {
    const data = isoflopData(surface, W);
    expect(() => lseHessian5(data, [1.7, 0, 400, 0.4, 0.2])).toThrow(InvalidInputError);
    expect(() => lseHessian5(data, [1.7, 0, 400, 0.4, 0.2])).toThrow('lseHessian5: p[1] = 0 must be positive to take its logarithm');
  });
});
