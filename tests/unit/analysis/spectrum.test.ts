import { describe, expect, it } from 'vitest';
import { conditioningAtTruth, jacobiScale, projectOnEigenvectors, rescaleHessian, symmetricSpectrum } from '../../../src/analysis/index.ts';
import { SURFACES } from '../../../src/surface/index.ts';
import { InvalidInputError } from '../../../src/core/errors.ts';

describe('symmetricSpectrum', () => {
  it('returns ascending eigenvalues, unit eigenvectors with a positive largest component, and κ', () => {
    const s = symmetricSpectrum([
      [2, 1],
      [1, 2],
    ]);
    expect(s.eigenvalues[0]).toBeCloseTo(1, 14);
    expect(s.eigenvalues[1]).toBeCloseTo(3, 14);
    const r = Math.SQRT1_2;
    // [−r, r] has equal magnitudes; the sign rule keeps the first largest component positive.
    expect(s.eigenvectors[0][0]).toBeCloseTo(r, 14);
    expect(s.eigenvectors[0][1]).toBeCloseTo(-r, 14);
    expect(s.eigenvectors[1][0]).toBeCloseTo(r, 14);
    expect(s.eigenvectors[1][1]).toBeCloseTo(r, 14);
    expect(s.conditionNumber).toBeCloseTo(3, 13);
    expect(s.positiveDefinite).toBe(true);
  });

  it('sorts the eigenvalues of an unsorted diagonal matrix', () => {
    const s = symmetricSpectrum([
      [3, 0, 0],
      [0, 1, 0],
      [0, 0, 2],
    ]);
    expect(s.eigenvalues).toEqual([1, 2, 3]);
    expect(s.eigenvectors).toEqual([
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(s.conditionNumber).toBe(3);
  });

  it('solves H·v = λ·v on a dense 5×5 matrix with eigenvalues spread over 1e10', () => {
    // H = Q·diag(λ)·Qᵀ with Q = I − 2uuᵀ/uᵀu, an orthogonal Householder reflection.
    const lambda = [1e-4, 1e-2, 1, 1e3, 1e6];
    const u = [1, -2, 0.5, 3, -1];
    const uu = u.reduce((s, x) => s + x * x, 0);
    const Q = u.map((ui, i) => u.map((uj, j) => (i === j ? 1 : 0) - (2 * ui * uj) / uu));
    const H = Q.map((_, i) => Q.map((__, j) => lambda.reduce((s, l, k) => s + Q[i][k] * l * Q[j][k], 0)));
    const s = symmetricSpectrum(H);
    s.eigenvalues.forEach((l, k) => expect(Math.abs(l - lambda[k])).toBeLessThan(1e-9));
    for (let k = 0; k < 5; k++) {
      const v = s.eigenvectors[k];
      expect(Math.hypot(...v)).toBeCloseTo(1, 14);
      for (let i = 0; i < 5; i++) {
        const Hv = H[i].reduce((acc, h, j) => acc + h * v[j], 0);
        expect(Math.abs(Hv - s.eigenvalues[k] * v[i])).toBeLessThan(1e-9);
      }
    }
    expect(s.conditionNumber / 1e10).toBeCloseTo(1, 3);
  });

  it('reports κ = Infinity and not positive definite when λmin ≤ 0', () => {
    const indefinite = symmetricSpectrum([
      [1, 2],
      [2, 1],
    ]);
    expect(indefinite.eigenvalues[0]).toBeCloseTo(-1, 14);
    expect(indefinite.conditionNumber).toBe(Infinity);
    expect(indefinite.positiveDefinite).toBe(false);
    const singular = symmetricSpectrum([
      [0, 0],
      [0, 1],
    ]);
    expect(singular.conditionNumber).toBe(Infinity);
  });

  it('rejects empty, ragged, non-finite and asymmetric matrices', () => {
    expect(() => symmetricSpectrum([])).toThrow(InvalidInputError);
    expect(() => symmetricSpectrum([[1, 2], [3]])).toThrow('symmetricSpectrum: row 1 has 1 entries; a 2×2 matrix needs 2');
    expect(() =>
      symmetricSpectrum([
        [1, NaN],
        [NaN, 1],
      ]),
    ).toThrow('symmetricSpectrum: H[0][1] = NaN is not finite');
    expect(() =>
      symmetricSpectrum([
        [1, 0],
        [1, 1],
      ]),
    ).toThrow(InvalidInputError);
  });
});

describe('projectOnEigenvectors', () => {
  it('gives the coordinates that rebuild the vector from the eigenvectors', () => {
    const s = symmetricSpectrum([
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ]);
    const g = [0.3, -1.2, 2.5];
    const c = projectOnEigenvectors(g, s);
    for (let i = 0; i < 3; i++) {
      expect(c.reduce((acc, ck, k) => acc + ck * s.eigenvectors[k][i], 0)).toBeCloseTo(g[i], 13);
    }
  });

  it('rejects a vector of the wrong length', () => {
    const s = symmetricSpectrum([[1]]);
    expect(() => projectOnEigenvectors([1, 2], s)).toThrow('projectOnEigenvectors: g has 2 elements; expected 1');
  });
});

describe('rescaleHessian', () => {
  it('returns diag(s)·H·diag(s)', () => {
    expect(
      rescaleHessian(
        [
          [2, 1],
          [1, 2],
        ],
        [10, 1],
      ),
    ).toEqual([
      [200, 10],
      [10, 2],
    ]);
  });

  it('shows that most of κ₅ at the truth comes from the units of A and B', () => {
    const r = conditioningAtTruth(SURFACES.asymmetric);
    const relative = symmetricSpectrum(rescaleHessian(r.fiveD.hessian, r.truth));
    expect(relative.conditionNumber).toBeLessThan(1e-5 * r.fiveD.spectrum.conditionNumber);
    expect(relative.conditionNumber).toBeGreaterThan(1e4);
  });

  it('rejects a zero scale', () => {
    expect(() => rescaleHessian([[1]], [0])).toThrow('rescaleHessian: scales[0] = 0 must be finite and non-zero');
  });
});

describe('jacobiScale', () => {
  it('returns D^−1/2·H·D^−1/2 with a unit diagonal', () => {
    const S = jacobiScale([
      [4, 2],
      [2, 9],
    ]);
    expect(S[0][0]).toBe(1);
    expect(S[1][1]).toBe(1);
    expect(S[0][1]).toBeCloseTo(1 / 3, 15);
    expect(S[1][0]).toBeCloseTo(1 / 3, 15);
  });

  it('gives a condition number that no rescaling of the parameters changes', () => {
    const r = conditioningAtTruth(SURFACES.asymmetric);
    const base = symmetricSpectrum(jacobiScale(r.fiveD.hessian)).conditionNumber;
    const rescaled = rescaleHessian(r.fiveD.hessian, [1e-3, 7, 1e4, 0.2, -5]);
    expect(symmetricSpectrum(rescaled).conditionNumber).not.toBeCloseTo(r.fiveD.spectrum.conditionNumber, -3);
    expect(symmetricSpectrum(jacobiScale(rescaled)).conditionNumber / base).toBeCloseTo(1, 8);
  });

  it('rejects a non-positive diagonal entry, naming it', () => {
    expect(() =>
      jacobiScale([
        [1, 0],
        [0, 0],
      ]),
    ).toThrow('jacobiScale: H[1][1] = 0 must be positive and finite');
  });
});
