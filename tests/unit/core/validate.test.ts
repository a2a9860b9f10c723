import { describe, expect, it } from 'vitest';
import { InvalidInputError, TooFewPointsError } from '../../../src/core/errors.ts';
import { checkArray, checkFinite, checkNDL, checkPositiveFinite, checkVector } from '../../../src/core/validate.ts';

describe('src/core/validate.ts', () => {
  it('checkArray names the array, the index and the value', () => {
    expect(() => checkArray('x', [])).toThrow(new InvalidInputError('x is empty', 'x'));
    expect(() => checkArray('x', [1, NaN])).toThrow(new InvalidInputError('x[1] = NaN is not finite', 'x', 1, NaN));
    expect(() => checkArray('x', [1, 0], { positive: true })).toThrow('x[1] = 0 must be positive');
    expect(() => checkArray('D', [1], { length: 2 })).toThrow('D has 1 elements but N has 2; the arrays must have equal lengths');
    expect(() => checkArray('x', Float64Array.of(1, 2), { positive: true, length: 2 })).not.toThrow();
  });

  it('checkFinite and checkPositiveFinite prefix the function when given', () => {
    expect(() => checkFinite('alpha', Infinity)).toThrow(new InvalidInputError('alpha = Infinity is not finite', 'alpha', undefined, Infinity));
    expect(() => checkFinite('alpha', NaN, 'f')).toThrow('f: alpha = NaN is not finite');
    expect(() => checkFinite('alpha', 0.3)).not.toThrow();
    expect(() => checkPositiveFinite('step', 0, 'g')).toThrow('g: step = 0 must be a positive finite number');
    expect(() => checkPositiveFinite('step', Infinity)).toThrow('step = Infinity must be a positive finite number');
    expect(() => checkPositiveFinite('step', 1e-6)).not.toThrow();
  });

  it('checkVector copies a vector of the right length and rejects non-finite entries', () => {
    const p = [1, 2, 3];
    const v = checkVector('f', 'p', p, 3);
    expect(Array.from(v)).toEqual(p);
    v[0] = 9;
    expect(p[0]).toBe(1);
    expect(() => checkVector('f', 'p', p, 5)).toThrow('f: p has 3 elements; expected 5');
    expect(() => checkVector('f', 'p', [1, NaN, 3], 3)).toThrow('f: p[1] = NaN is not finite');
  });

  it('checkNDL asks for positive N and D, equal lengths and enough points', () => {
    expect(() => checkNDL([1, 2], [1, 2], [3, 4], 3)).toThrow(TooFewPointsError);
    expect(() => checkNDL([1, -2], [1, 2], [3, 4])).toThrow('N[1] = -2 must be positive');
    expect(() => checkNDL([1, 2], [1, 2], [3])).toThrow('L has 1 elements but N has 2');
    expect(() => checkNDL([1, 2], [1, 2], [3, 4], 2)).not.toThrow();
  });
});
