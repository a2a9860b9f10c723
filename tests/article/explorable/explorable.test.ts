import { describe, expect, it } from 'vitest';
import { approach2ExtrapolationError } from '../../../src/fit/approach2-bias.ts';
import { tsKernels, getKernels } from '../../../src/kernels/index.ts';
import { computeExplorable, offsetVertexError } from '../../../article/explorable/compute.ts';
import { decodeState, defaultState, encodeState, LIMITS, scenarioState } from '../../../article/explorable/state.ts';
import { fmtCount } from '../../../article/explorable/format.ts';
import { explorableMarkup } from '../../../article/explorable/markup.ts';
import { FIGURE_SCENARIOS } from '../../../article/explorable/scenarios.ts';
import { gridRun } from '../../../article/engine/approach2-runs.ts';
import { failingState, CHINCHILLA_XL_REFERENCE } from '../../../article/bin/check.ts';

describe('explorable computation', () => {
  it('reproduces the specs/conventions.md §5 Chinchilla value at the defaults on both engines', () => {
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

  it("loads each figure scenario with the figure's own Approach 2 fit (same exponent and intercept)", () => {
    expect(explorableMarkup().match(/data-action="scenario"/g)?.length).toBe(FIGURE_SCENARIOS.length);
    for (const sc of FIGURE_SCENARIOS) {
      const r = computeExplorable(scenarioState(sc));
      const fig = gridRun(sc.surface, sc.grid, sc.bias).fit;
      if (!r.approach2.ok) throw new Error(`${sc.figure}: ${r.approach2.error}`);
      expect(Math.abs(r.approach2.value.fit.b / fig.b - 1), sc.figure).toBeLessThan(1e-9);
      expect(Math.abs(r.approach2.value.fit.b0 - fig.b0), sc.figure).toBeLessThan(1e-9);
    }
  });

  it('separates exponent and intercept error: on a centered grid the exponent is exact and the intercept error is the D* error', () => {
    const r = computeExplorable(defaultState());
    if (!r.approach2.ok) throw new Error(r.approach2.error);
    expect(Math.abs(r.approach2.value.law.bErr)).toBeLessThan(1e-9);
    expect(r.approach2.value.law.interceptErr).toBeCloseTo(r.approach2.value.at.dErr, 9);
    const drift = computeExplorable({ ...defaultState(), drift: 3 });
    if (!drift.approach2.ok) throw new Error(drift.approach2.error);
    expect(Math.abs(drift.approach2.value.law.bErr)).toBeGreaterThan(1e-4);
  });

  it('accepts noise up to the largest level of the inference study and stays finite there', () => {
    expect(LIMITS.sigma.max).toBe(0.2);
    const s = { ...defaultState(), sigma: 0.2, seed: 3 };
    expect(decodeState(`#${encodeState(s)}`)).toEqual(s);
    const r = computeExplorable(s);
    if (r.vpnls.ok) expect(Number.isFinite(r.vpnls.value.at.D)).toBe(true);
  });

  it('writes large token counts with thousands separators, not exponent notation', () => {
    expect(fmtCount(4.51e16)).toBe('45,100T');
    expect(fmtCount(4.04e12)).toBe('4.04T');
    expect(fmtCount(3.7e6)).toBe('3.70M');
    expect(fmtCount(9.996e14)).toBe('1,000T');
  });
});
