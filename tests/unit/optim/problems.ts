/** Test problems shared by the optimiser tests (plain arithmetic only, so results are deterministic). */

/** Rosenbrock f(x) = Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², with its gradient; minimum 0 at (1, …, 1). */
export function rosenbrock(x: Float64Array, g?: Float64Array): number {
  let f = 0;
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1]! - x[i]! * x[i]!;
    const b = 1 - x[i]!;
    f += 100 * a * a + b * b;
    if (g !== undefined) {
      g[i] += -400 * x[i]! * a - 2 * b;
      g[i + 1] += 200 * a;
    }
  }
  return f;
}

/** The standard start (−1.2, 1, −1.2, 1, …). */
export function rosenbrockStart(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
}

/** y = A·x for a dense row-major n × n matrix. */
export function matVec(A: number[][], x: ArrayLike<number>): number[] {
  return A.map((row) => row.reduce((s, a, j) => s + a * x[j]!, 0));
}

/** Householder reflection H = I − 2vvᵀ/vᵀv (orthogonal, symmetric). */
export function householder(v: number[]): number[][] {
  const vv = v.reduce((s, a) => s + a * a, 0);
  return v.map((vi, i) => v.map((vj, j) => (i === j ? 1 : 0) - (2 * vi * vj) / vv));
}

/** A = H·diag(eigenvalues)·H for a Householder H: symmetric with the given spectrum. */
export function matrixWithSpectrum(eigenvalues: number[], v: number[]): number[][] {
  const H = householder(v);
  const n = eigenvalues.length;
  return H.map((_, i) =>
    H.map((__, j) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += H[i]![k]! * eigenvalues[k]! * H[k]![j]!;
      return s;
    }),
  );
}

/** ½(x − c)ᵀA(x − c) + offset and its gradient A(x − c). */
export function quadratic(A: number[][], c: number[], offset = 0) {
  return (x: Float64Array, g?: Float64Array): number => {
    const r = Array.from(x, (xi, i) => xi - c[i]!);
    const Ar = matVec(A, r);
    if (g !== undefined) for (let i = 0; i < x.length; i++) g[i] = Ar[i]!;
    return 0.5 * r.reduce((s, ri, i) => s + ri * Ar[i]!, 0) + offset;
  };
}

/** max_i |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Throws if x leaves [lower, upper]; wrap objectives with it to check feasibility of every evaluation. */
export function assertInside(x: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): void {
  for (let i = 0; i < x.length; i++) {
    if (!(x[i]! >= lower[i]! && x[i]! <= upper[i]!)) {
      throw new Error(`evaluation outside the bounds: x[${i}] = ${x[i]} not in [${lower[i]}, ${upper[i]}]`);
    }
  }
}
