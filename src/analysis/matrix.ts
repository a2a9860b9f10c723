/** Small dense-matrix helpers of the Hessian code. */

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
