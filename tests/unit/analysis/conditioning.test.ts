import { describe, expect, it } from 'vitest';
import {
  CONDITIONING_BIAS,
  CONDITIONING_W,
  PERTURBATION_DELTA,
  conditioningAtTruth,
  perturbedGradientNorms,
  projectOnEigenvectors,
} from '../../../src/analysis/index.ts';
import { getKernels, tsKernels } from '../../../src/kernels/index.ts';
import { bestGridPoint, grid4, VPNLS_GRID } from '../../../src/fit/index.ts';
import { BIASES, NAMED_GRIDS } from '../../../src/sampling/index.ts';
import { linspace } from '../../../src/util/space.ts';
import { SURFACES } from '../../../src/surface/index.ts';

describe('conditioningAtTruth on the asymmetric surface', () => {
  it('finds κ₅ ≥ 1e11 for the 5-D RSS but κ₂ of order 10 for VPNLS on the ±16× grid (75 noise-free points)', () => {
    const r = conditioningAtTruth(SURFACES.asymmetric, { W: NAMED_GRIDS.XL.W });
    expect(r.data.n).toBe(75);
    expect(r.rssTrue).toBeLessThan(1e-20);
    expect(r.fiveD.spectrum.conditionNumber).toBeGreaterThan(1e11);
    expect(r.twoD.spectrum.conditionNumber).toBeGreaterThan(2);
    expect(r.twoD.spectrum.conditionNumber).toBeLessThan(50);
    expect(r.conditionRatio).toBeGreaterThan(1e9);
  });

  it('uses the specs/experiments.md §C.8 setup by default (±8×, drift_0.2) and gives κ₅ ≈ 3.484e11, κ₂ ≈ 10.57', () => {
    expect(CONDITIONING_W).toBe(Math.log10(8));
    expect(CONDITIONING_BIAS).toEqual({ driftRate: 0.2, centerScale: 1 });
    const r = conditioningAtTruth(SURFACES.asymmetric);
    expect(r.bias).toEqual(BIASES['drift_0.2']);
    // As the original study prints them.
    expect(r.fiveD.spectrum.conditionNumber.toPrecision(3)).toBe('3.48e+11');
    expect(r.twoD.spectrum.conditionNumber.toPrecision(3)).toBe('10.6');
    // To more digits, as computed here.
    expect(r.fiveD.spectrum.conditionNumber / 3.4841e11).toBeCloseTo(1, 3);
    expect(r.twoD.spectrum.conditionNumber / 10.569).toBeCloseTo(1, 3);
    expect(r.fiveD.spectrum.eigenvalues[0] / 7.7825e-6).toBeCloseTo(1, 3);
    expect(r.twoD.spectrum.eigenvalues[0] / 113.2).toBeCloseTo(1, 3);
    expect(r.fiveD.spectrum.eigenvalues).toHaveLength(5);
    expect([...r.fiveD.spectrum.eigenvalues]).toEqual([...r.fiveD.spectrum.eigenvalues].sort((a, b) => a - b));
    // the stiffest direction is α, β; the two flattest mix A and B
    const [v1, , , , v5] = r.fiveD.spectrum.eigenvectors;
    expect(Math.hypot(v1[1], v1[2])).toBeGreaterThan(0.99);
    expect(Math.hypot(v5[3], v5[4])).toBeGreaterThan(0.99);
  });

  it('gives the centred values through the bias option: κ₅ ≈ 3.46e11, κ₂ ≈ 8.41', () => {
    const r = conditioningAtTruth(SURFACES.asymmetric, { bias: BIASES.centered });
    expect(r.fiveD.spectrum.conditionNumber.toPrecision(3)).toBe('3.46e+11');
    expect(r.twoD.spectrum.conditionNumber.toPrecision(3)).toBe('8.41');
    expect(r.fiveD.spectrum.conditionNumber / 3.4635e11).toBeCloseTo(1, 3);
    expect(r.twoD.spectrum.conditionNumber / 8.4135).toBeCloseTo(1, 3);
  });

  it('gives the best seed-grid RSS of the original: 2.37e2 (4⁵) and 7.73e−2 (32²) with drift_0.2, 2.39e2 and 7.17e−2 centred', () => {
    const axis = linspace(VPNLS_GRID.lo, VPNLS_GRID.hi, VPNLS_GRID.size);
    const cases = [
      [BIASES['drift_0.2'], '237', '0.0773'],
      [BIASES.centered, '239', '0.0717'],
    ] as const;
    for (const [bias, a3, vp] of cases) {
      const { data } = conditioningAtTruth(SURFACES.asymmetric, { bias });
      expect(bestGridPoint(data, grid4(), getKernels()).rss.toPrecision(3)).toBe(a3);
      expect(getKernels().vpnlsGrid(data, axis, axis).rss.toPrecision(3)).toBe(vp);
    }
  });

  it('measures the gap without units: Jacobi-scaled κ₅ ≈ 1.87e4 against κ₂ ≈ 1.66 (drift_0.2), 2.16e4 and 1.68 centred', () => {
    const cases = [
      [BIASES['drift_0.2'], 1.8732e4, 1.6627, 2.8721e6],
      [BIASES.centered, 2.161e4, 1.6773, 3.0144e6],
    ] as const;
    for (const [bias, k5s, k2s, k5lse] of cases) {
      const r = conditioningAtTruth(SURFACES.asymmetric, { bias });
      expect(r.fiveD.scaledSpectrum.conditionNumber / k5s).toBeCloseTo(1, 3);
      expect(r.twoD.scaledSpectrum.conditionNumber / k2s).toBeCloseTo(1, 3);
      expect(r.fiveDLse.spectrum.conditionNumber / k5lse).toBeCloseTo(1, 3);
      expect(r.scaledConditionRatio).toBeCloseTo(r.fiveD.scaledSpectrum.conditionNumber / r.twoD.scaledSpectrum.conditionNumber, 6);
      // The LSE Hessian differs from the raw one by a per-parameter factor, so the Jacobi-scaled κ is the same.
      expect(r.fiveDLse.scaledSpectrum.conditionNumber / r.fiveD.scaledSpectrum.conditionNumber).toBeCloseTo(1, 8);
      // The intrinsic gain of projection is ≈ 1e4, far below the raw 3e10.
      expect(r.scaledConditionRatio).toBeGreaterThan(5e3);
      expect(r.scaledConditionRatio).toBeLessThan(1e-5 * r.conditionRatio);
    }
  });

  it('rejects a non-positive centre scale and a non-finite drift rate, naming them', () => {
    expect(() => conditioningAtTruth(SURFACES.asymmetric, { bias: { driftRate: 0, centerScale: 0 } })).toThrow(
      'conditioningAtTruth: bias.centerScale = 0 must be a positive finite number',
    );
    expect(() => conditioningAtTruth(SURFACES.asymmetric, { bias: { driftRate: NaN, centerScale: 1 } })).toThrow(
      'conditioningAtTruth: bias.driftRate = NaN is not finite',
    );
  });

  it('gives the same spectra from the WebAssembly and the TypeScript kernels', () => {
    const spectra = [getKernels(), tsKernels].map((kernels) =>
      conditioningAtTruth(SURFACES.asymmetric, {
        kernels,
        hessian5: { method: 'gradient-difference', kernels },
        hessian2: { method: 'gradient-difference', kernels },
      }),
    );
    const [a, b] = spectra;
    a.fiveD.spectrum.eigenvalues.forEach((l, k) => expect(Math.abs(b.fiveD.spectrum.eigenvalues[k] / l - 1)).toBeLessThan(1e-6));
    a.twoD.spectrum.eigenvalues.forEach((l, k) => expect(Math.abs(b.twoD.spectrum.eigenvalues[k] / l - 1)).toBeLessThan(1e-6));
  });

  it('finds the 5-D problem at least 1e8 times worse conditioned than VPNLS on the symmetric, chinchilla and asymmetric surfaces', () => {
    for (const name of ['symmetric', 'chinchilla', 'asymmetric'] as const) {
      const r = conditioningAtTruth(SURFACES[name]);
      expect(r.fiveD.spectrum.positiveDefinite).toBe(true);
      expect(r.conditionRatio).toBeGreaterThan(1e8);
    }
  });
});

describe('perturbedGradientNorms', () => {
  it('grows like δ·λ_k along the well-determined eigenvectors', () => {
    const r = conditioningAtTruth(SURFACES.asymmetric);
    const norms = perturbedGradientNorms(r.data, r.truth, r.fiveD.spectrum);
    expect(norms).toHaveLength(5);
    for (let k = 2; k < 5; k++) {
      expect(Math.abs(norms[k] / (PERTURBATION_DELTA * r.fiveD.spectrum.eigenvalues[k]) - 1)).toBeLessThan(0.01);
    }
    // along the flattest directions the gradient is tiny: < 1e-8 for a 1e-4 step
    expect(norms[0]).toBeLessThan(1e-8);
  });

  it('projects the gradient at a perturbed point mostly onto the eigenvector it moved along', () => {
    const r = conditioningAtTruth(SURFACES.asymmetric);
    const v = r.fiveD.spectrum.eigenvectors[4];
    const p = r.truth.map((x, i) => x + 1e-6 * v[i]);
    const g = new Float64Array(5);
    getKernels().rss5(r.data, p, g);
    const c = projectOnEigenvectors(g, r.fiveD.spectrum);
    expect(Math.abs(c[4])).toBeGreaterThan(1e3 * Math.max(...c.slice(0, 4).map(Math.abs)));
  });

  it('rejects a non-positive delta', () => {
    const r = conditioningAtTruth(SURFACES.asymmetric);
    expect(() => perturbedGradientNorms(r.data, r.truth, r.fiveD.spectrum, { delta: 0 })).toThrow(
      'perturbedGradientNorms: delta = 0 must be a positive finite number',
    );
  });
});
