import { describe, expect, it } from 'vitest';
import { grid4, grid8, seedGrid5 } from '../../../src/fit/grids5.ts';
import { linspace, logspace } from '../../../src/util/space.ts';

describe('seedGrid5: the one 5-D seed-grid builder', () => {
  it('k = 4 is the default grid of specs/conventions.md §4 (A, B up to 1e4)', () => {
    const g = seedGrid5();
    expect(g).toEqual(grid4());
    expect(Array.from(g.E)).toEqual(Array.from(linspace(0.1, 5, 4)));
    expect(Array.from(g.A)).toEqual(Array.from(logspace(1, 4, 4)));
    expect(Array.from(g.beta)).toEqual(Array.from(linspace(0.05, 0.95, 4)));
  });

  it('other sizes keep the 8⁵ grid ranges (A, B up to 1e6)', () => {
    expect(seedGrid5(8)).toEqual(grid8());
    const g = seedGrid5(5);
    expect(g.A.length).toBe(5);
    expect(g.B[4]).toBeCloseTo(1e6, 6);
    expect(g.alpha[0]).toBe(0.05);
  });

  it('rejects a size below 2 or not an integer', () => {
    expect(() => seedGrid5(1)).toThrow('seed grid size = 1 must be an integer ≥ 2');
    expect(() => seedGrid5(2.5)).toThrow(RangeError);
  });
});
