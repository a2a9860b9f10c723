import { describe, expect, it } from 'vitest';
import {
  CONDITIONING_W,
  PERTURBATION_DELTA,
  conditioningAtTruth,
  perturbedGradientNorms,
  projectOnEigenvectors,
} from '../../../src/analysis/index.ts';
import { getKernels, tsKernels } from '../../../src/kernels/index.ts';
import { NAMED_GRIDS } from '../../../src/sampling/index.ts';
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

  it('uses the §C.8 setup by default (±8×) and gives κ₅ ≈ 3.463e11, κ₂ ≈ 8.413', () => {
    expect(CONDITIONING_W).toBe(Math.log10(8));
    const r = conditioningAtTruth(SURFACES.asymmetric);
    expect(r.fiveD.spectrum.conditionNumber / 3.4635e11).toBeCloseTo(1, 3);
    expect(r.twoD.spectrum.conditionNumber / 8.4135).toBeCloseTo(1, 3);
    expect(r.fiveD.spectrum.eigenvalues).toHaveLength(5);
    expect([...r.fiveD.spectrum.eigenvalues]).toEqual([...r.fiveD.spectrum.eigenvalues].sort((a, b) => a - b));
    // the stiffest direction is α, β; the two flattest mix A and B
    const [v1, , , , v5] = r.fiveD.spectrum.eigenvectors;
    expect(Math.hypot(v1[1], v1[2])).toBeGreaterThan(0.99);
    expect(Math.hypot(v5[3], v5[4])).toBeGreaterThan(0.99);
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
