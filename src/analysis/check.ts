import { InvalidInputError } from '../fit/errors.ts';

/** Copy a parameter vector of the expected length, rejecting non-finite entries. */
export function checkVector(fn: string, name: string, p: ArrayLike<number>, length: number): Float64Array {
  if (p.length !== length) {
    throw new InvalidInputError(`${fn}: ${name} has ${p.length} elements; expected ${length}`, name);
  }
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(p[i])) throw new InvalidInputError(`${fn}: ${name}[${i}] = ${p[i]} is not finite`, name, i, p[i]);
  }
  return Float64Array.from(p);
}

/** Reject a non-positive or non-finite relative step. */
export function checkStep(fn: string, step: number): void {
  if (!(Number.isFinite(step) && step > 0)) {
    throw new InvalidInputError(`${fn}: step = ${step} must be a positive finite number`, 'step', undefined, step);
  }
}

/** An m×m matrix of zeros. */
export function zeros(m: number): number[][] {
  return Array.from({ length: m }, () => new Array<number>(m).fill(0));
}

/** (H + Hᵀ)/2 in place; returns H. */
export function symmetrise(H: number[][]): number[][] {
  for (let i = 0; i < H.length; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (H[i][j] + H[j][i]);
      H[i][j] = v;
      H[j][i] = v;
    }
  }
  return H;
}

/** Reject a non-finite scalar argument, naming it. */
export function checkFiniteScalar(fn: string, name: string, v: number): void {
  if (!Number.isFinite(v)) throw new InvalidInputError(`${fn}: ${name} = ${v} is not finite`, name, undefined, v);
}
