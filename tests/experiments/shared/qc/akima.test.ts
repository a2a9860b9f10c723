import { describe, expect, it } from 'vitest';
import { akimaInterpolant, akimaSlopes } from '../../../../experiments/shared/qc/index.ts';

const close = (got: ArrayLike<number>, want: readonly number[], tol = 1e-12): void => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want[i])));
};

describe('Akima slopes (specs/experiments.md §B.7 stage 4)', () => {
  it('reproduces the derivative of a quadratic on a uniform grid (hand computed)', () => {
    // m = 1, 3, 5; extended m_-1 = -1, m_-2 = -3, m_3 = 7, m_4 = 9; all weights 2.
    close(akimaSlopes([0, 1, 2, 3], [0, 1, 4, 9]), [0, 2, 4, 6]);
    expect(akimaInterpolant([0, 1, 2, 3], [0, 1, 4, 9])(1.5)).toBeCloseTo(2.25, 14);
  });

  it('falls back to (m_{i-2} + m_{i+1})/2 where both weights vanish (hand computed)', () => {
    // m = 0, 0, 1, 0; m_-1 = m_-2 = 0; m_4 = -1, m_5 = -2.
    // node 0: w1 = w2 = 0 → (m_-2 + m_1)/2 = 0; node 1: w1 = 1, w2 = 0 → m_0 = 0;
    // node 2: w1 = 1, w2 = 0 → m_1 = 0; node 3: w1 = w2 = 1 → (m_2 + m_3)/2 = 0.5; node 4 → (m_3 + m_4)/2 = -0.5.
    const x = [0, 1, 2, 3, 4];
    const y = [0, 0, 0, 1, 1];
    close(akimaSlopes(x, y), [0, 0, 0, 0.5, -0.5]);
    const f = akimaInterpolant(x, y);
    // Hermite piece on [2, 3] at s = 1/2: h01·1 + h11·0.5 = 0.5 − 0.125·0.5.
    expect(f(2.5)).toBeCloseTo(0.4375, 14);
    // On [3, 4]: h00·1 + h10·0.5 + h01·1 + h11·(−0.5) = 1 + 0.0625 + 0.0625.
    expect(f(3.5)).toBeCloseTo(1.125, 14);
    expect(f(0.5)).toBe(0);
  });

  it('continues the first and last cubic piece outside the nodes (hand computed)', () => {
    // m = 1, −1 → extended 5, 3 | −3, −5; slopes 2, 0, −2.
    const f = akimaInterpolant([0, 1, 2], [0, 1, 0]);
    close(akimaSlopes([0, 1, 2], [0, 1, 0]), [2, 0, -2]);
    // First piece at s = −1: h00 = −4, h10 = −4, h01 = 5, h11 = −2 → −4·2 + 5 = −3.
    expect(f(-1)).toBeCloseTo(-3, 13);
    expect(f(3)).toBeCloseTo(-3, 13);
    expect(f(0.5)).toBeCloseTo(0.75, 14);
  });

  it('matches scipy Akima1DInterpolator on uneven nodes', () => {
    const x = [0, 1, 2.5, 3, 4.5];
    const y = [1, 0.3, 0.8, 0.2, 2.0];
    close(akimaSlopes(x, y), [-1.2166666666666663, -0.283982683982684, -0.12815533980582516, -0.264406779661017, 2.400000000000001]);
    const f = akimaInterpolant(x, y);
    close(
      [-0.5, 0.5, 1.7, 2.75, 4, 5.2].map(f),
      [1.7752435064935062, 0.5334145021645023, 0.4908204373835442, 0.5085157149909495, 0.9706214689265534, 3.945319774011301],
    );
    // Interpolates the nodes.
    close(x.map(f), y);
  });

  it('is the straight line through two nodes', () => {
    const f = akimaInterpolant([1, 3], [2, 6]);
    expect(f(0)).toBe(0);
    expect(f(2)).toBe(4);
    expect(f(5)).toBe(10);
  });

  it('rejects unsorted, repeated, mismatched or too few nodes', () => {
    expect(() => akimaInterpolant([0, 2, 1], [0, 1, 2])).toThrow(RangeError);
    expect(() => akimaInterpolant([0, 1, 1], [0, 1, 2])).toThrow('strictly increasing');
    expect(() => akimaInterpolant([0, 1], [0])).toThrow(RangeError);
    expect(() => akimaInterpolant([0], [0])).toThrow('at least 2');
    expect(() => akimaSlopes([0, 1], [0, 1])).toThrow('at least 3');
  });
});
