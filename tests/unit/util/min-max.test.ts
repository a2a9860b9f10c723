import { describe, expect, it } from 'vitest';
import { maxOf, minOf } from '../../../src/util/stats.ts';

describe('minOf / maxOf', () => {
  it('handle 10⁶ values, where Math.min(...values) throws a RangeError', () => {
    const v = new Float64Array(1_000_000);
    for (let i = 0; i < v.length; i++) v[i] = Math.sin(i) * 1000;
    v[123_456] = -5000;
    v[987_654] = 7000;
    expect(() => Math.min(...v)).toThrow(RangeError);
    expect(minOf(v)).toBe(-5000);
    expect(maxOf(v)).toBe(7000);
    expect(maxOf(Array.from(v))).toBe(7000);
  });

  it('give what Math.min and Math.max give on small inputs', () => {
    for (const v of [[], [3], [2, -1, 5], [0, -0], [-0, 0], [1, NaN, 2], [Infinity, -Infinity]]) {
      expect(Object.is(minOf(v), Math.min(...v)), `minOf(${v})`).toBe(true);
      expect(Object.is(maxOf(v), Math.max(...v)), `maxOf(${v})`).toBe(true);
    }
  });
});
