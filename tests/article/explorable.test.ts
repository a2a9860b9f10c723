import { describe, expect, it } from 'vitest';
import { approach2ExtrapolationError } from '../../src/fit/approach2-bias.ts';
import { tsKernels, getKernels } from '../../src/kernels/index.ts';
import { computeExplorable, offsetVertexError } from '../../article/explorable/compute.ts';
import { decodeState, defaultState, encodeState } from '../../article/explorable/state.ts';
import { failingState, CHINCHILLA_XL_REFERENCE } from '../../article/check.ts';

describe('explorable computation', () => {
  it('reproduces the conventions §5 Chinchilla value at the defaults on both engines', () => {
    for (const kernels of [getKernels(), tsKernels]) {
      const r = computeExplorable(defaultState(), kernels);
      expect(r.approach2.ok).toBe(true);
      if (!r.approach2.ok || !r.vpnls.ok) return;
      const pct = r.approach2.value.at.dErr * 100;
      expect(Math.abs(pct - CHINCHILLA_XL_REFERENCE) / Math.abs(CHINCHILLA_XL_REFERENCE)).toBeLessThan(1e-9);
      expect(Math.abs(r.vpnls.value.at.dErr)).toBeLessThan(1e-9);
    }
  });

  it('gives the same numbers with the WebAssembly core and the TypeScript twin', () => {
    const s = { ...defaultState(), preset: 'asymmetric' as const, alpha: 0.465, beta: 0.155, k: 8, offset: 2, drift: 3 };
    const a = computeExplorable(s, getKernels());
    const b = computeExplorable(s, tsKernels);
    if (!a.vpnls.ok || !b.vpnls.ok || !a.approach2.ok || !b.approach2.ok) throw new Error('fit failed');
    expect(b.approach2.value.at.D / a.approach2.value.at.D - 1).toBe(0);
    expect(Math.abs(b.vpnls.value.at.D / a.vpnls.value.at.D - 1)).toBeLessThan(1e-12);
  });

  it('matches the closed form for a centered grid and moves with a constant offset', () => {
    const W = Math.log10(16);
    expect(offsetVertexError(0.34, 0.28, W, 15, 1)).toBeCloseTo(approach2ExtrapolationError(0.34, 0.28, W, 15), 12);
    expect(offsetVertexError(0.31, 0.31, W, 15, 3)).toBeGreaterThan(0);
  });

  it('explains a failing setting instead of producing NaN', () => {
    const r = computeExplorable(failingState());
    expect(r.approach2.ok).toBe(false);
    if (!r.approach2.ok) expect(r.approach2.error).toMatch(/curvature|minimum|parabola/);
  });

  it('round-trips its state through the URL hash and ignores bad values', () => {
    const s = { ...defaultState(), preset: 'soda' as const, alpha: 0.684, k: 4, n: 9, C: 1e25, sigma: 0.01, seed: 7 };
    expect(decodeState(`#${encodeState(s)}`)).toEqual(s);
    expect(decodeState('#explore:n=500&alpha=x&preset=nope')).toEqual(defaultState());
    expect(decodeState('#sec-motivation')).toBeNull();
  });
});
