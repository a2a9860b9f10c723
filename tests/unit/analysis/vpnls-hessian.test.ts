import { describe, expect, it } from 'vitest';
import { symmetricSpectrum, vpnlsHessian } from '../../../src/analysis/index.ts';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { tsKernels } from '../../../src/kernels/index.ts';
import { NAMED_GRIDS } from '../../../src/sampling/index.ts';
import { SURFACES } from '../../../src/surface/index.ts';
import { isoflopData, maxAbs, maxAbsDiff, relErrors } from './helpers.ts';

const surface = SURFACES.asymmetric;
const W = NAMED_GRIDS.L.W;

describe('vpnlsHessian', () => {
  it('agrees across gradient differences, value differences and 2·(P⊥J₂)ᵀ(P⊥J₂) at the truth to 1e-6 per eigenvalue', () => {
    const data = isoflopData(surface, W);
    const ref = symmetricSpectrum(vpnlsHessian(data, surface.alpha, surface.beta)).eigenvalues;
    for (const options of [
      { method: 'value-difference' },
      { method: 'gauss-newton' },
      { method: 'gradient-difference', inner: 'ols' },
      { method: 'gradient-difference', kernels: tsKernels },
    ] as const) {
      const l = symmetricSpectrum(vpnlsHessian(data, surface.alpha, surface.beta, options)).eigenvalues;
      for (const e of relErrors(l, ref)) expect(e).toBeLessThan(1e-6);
    }
  });

  it('matches value differences away from the truth on noisy data, where 2·(P⊥J₂)ᵀ(P⊥J₂) is only approximate', () => {
    const data = isoflopData(surface, W, 0.05, 3);
    const [a, b] = [0.42, 0.19];
    const grad = vpnlsHessian(data, a, b);
    const value = vpnlsHessian(data, a, b, { method: 'value-difference' });
    expect(maxAbsDiff(grad, value)).toBeLessThan(1e-5 * maxAbs(grad));
    expect(grad[0][1]).toBe(grad[1][0]);
  });

  it('rejects non-finite exponents and a bad step', () => {
    const data = isoflopData(surface, W);
    expect(() => vpnlsHessian(data, NaN, 0.2)).toThrow('vpnlsHessian: alpha = NaN is not finite');
    expect(() => vpnlsHessian(data, 0.3, Infinity)).toThrow(InvalidInputError);
    expect(() => vpnlsHessian(data, 0.3, 0.2, { method: 'value-difference', step: -1 })).toThrow('vpnlsHessian: step = -1 must be a positive finite number');
  });
});
