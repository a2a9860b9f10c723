/**
 * Argument checks shared by every layer (kernels, fit, analysis): each one
 * throws {@link InvalidInputError} naming the argument, the index and the
 * value, so no bad number reaches a kernel or an optimiser.
 */
import { InvalidInputError, TooFewPointsError } from './errors.ts';
import type { NumArray } from './types.ts';

/** Prefix `where: ` of a message, or nothing. */
function at(where: string | undefined): string {
  return where === undefined ? '' : `${where}: `;
}

/** Check one array: non-empty, expected length, finite, optionally positive. */
export function checkArray(name: string, x: NumArray, opts: { length?: number; positive?: boolean } = {}): void {
  if (x.length === 0) throw new InvalidInputError(`${name} is empty`, name);
  if (opts.length !== undefined && x.length !== opts.length) {
    throw new InvalidInputError(`${name} has ${x.length} elements but N has ${opts.length}; the arrays must have equal lengths`, name);
  }
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) throw new InvalidInputError(`${name}[${i}] = ${v} is not finite`, name, i, v);
    if (opts.positive && !(v > 0)) throw new InvalidInputError(`${name}[${i}] = ${v} must be positive`, name, i, v);
  }
}

/** Reject a non-finite scalar argument, naming it (and the function `where`, if given). */
export function checkFinite(name: string, v: number, where?: string): void {
  if (!Number.isFinite(v)) throw new InvalidInputError(`${at(where)}${name} = ${v} is not finite`, name, undefined, v);
}

/** Reject a scalar that is not a positive finite number. */
export function checkPositiveFinite(name: string, v: number, where?: string): void {
  if (!(Number.isFinite(v) && v > 0)) {
    throw new InvalidInputError(`${at(where)}${name} = ${v} must be a positive finite number`, name, undefined, v);
  }
}

/** Copy a parameter vector of the expected length, rejecting non-finite entries. */
export function checkVector(where: string, name: string, p: NumArray, length: number): Float64Array {
  if (p.length !== length) {
    throw new InvalidInputError(`${where}: ${name} has ${p.length} elements; expected ${length}`, name);
  }
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(p[i])) throw new InvalidInputError(`${where}: ${name}[${i}] = ${p[i]} is not finite`, name, i, p[i]);
  }
  return Float64Array.from(p);
}

/**
 * Pooled (N, D, L) data: equal non-zero lengths, finite values, N and D
 * positive, and at least `minPoints` points.
 */
export function checkNDL(N: NumArray, D: NumArray, L: NumArray, minPoints = 1): void {
  checkArray('N', N, { positive: true });
  checkArray('D', D, { length: N.length, positive: true });
  checkArray('L', L, { length: N.length });
  if (N.length < minPoints) {
    throw new TooFewPointsError(`${N.length} data points but the fit needs at least ${minPoints}`, null, N.length, minPoints);
  }
}
