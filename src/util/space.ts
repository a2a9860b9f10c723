/** n values from lo to hi inclusive, evenly spaced (numpy.linspace). */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`linspace: n must be a positive integer, got ${n}`);
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = lo;
    return out;
  }
  const step = (hi - lo) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = lo + i * step;
  out[n - 1] = hi;
  return out;
}

/** n values from 10^lo to 10^hi inclusive, log-spaced (numpy.logspace). */
export function logspace(lo: number, hi: number, n: number): Float64Array {
  const e = linspace(lo, hi, n);
  for (let i = 0; i < n; i++) e[i] = Math.pow(10, e[i]);
  return e;
}
