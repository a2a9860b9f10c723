import { checkNDL } from '../core/validate.ts';
import type { PreparedData } from './types.ts';

let nextId = 1;

/**
 * Validate pooled (N, D, L) and take logs once. Throws InvalidInputError for
 * empty or mismatched arrays, non-finite values, or non-positive N or D.
 */
export function prepareData(N: ArrayLike<number>, D: ArrayLike<number>, L: ArrayLike<number>): PreparedData {
  checkNDL(N, D, L);
  const n = N.length;
  const lnN = new Float64Array(n);
  const lnD = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lnN[i] = Math.log(N[i]);
    lnD[i] = Math.log(D[i]);
  }
  return { n, lnN, lnD, L: Float64Array.from(L), id: nextId++ };
}
