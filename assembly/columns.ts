// Power columns c_i = exp(−p·lnV_i), centred and zero-padded to an even
// length, with their per-column statistics (see nnls3.ts for the layout).
import { STATS } from './nnls3';

// Even length so f64x2 loops need no tail; padding entries are zero and
// add nothing to centred cross sums.
export function padded(n: i32): i32 {
  return (n + 1) & ~1;
}

// Writes the centred column for exponent p at out (nPad f64) and its stats at stats.
export function centredColumn(lnV: usize, L: usize, Lm: f64, n: i32, p: f64, out: usize, stats: usize): void {
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const c = Math.exp(-p * load<f64>(lnV + (<usize>i << 3)));
    store<f64>(out + (<usize>i << 3), c);
    sum += c;
  }
  const m = sum / <f64>n;
  let Scc: f64 = 0, ScL: f64 = 0, S2: f64 = 0, SL: f64 = 0;
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    const c = load<f64>(out + off);
    const l = load<f64>(L + off);
    S2 += c * c;
    SL += c * l;
    const d = c - m;
    Scc += d * d;
    ScL += d * (l - Lm);
    store<f64>(out + off, d);
  }
  if (padded(n) != n) store<f64>(out + (<usize>n << 3), 0);
  store<f64>(stats, m);
  store<f64>(stats + 8, Scc);
  store<f64>(stats + 16, ScL);
  store<f64>(stats + 24, S2);
  store<f64>(stats + 32, SL);
}

// Mean, centred and raw sums of squares of L, into out[0..3).
export function lossStats(L: usize, n: i32, out: usize): void {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += load<f64>(L + (<usize>i << 3));
  const m = s / <f64>n;
  let Sc: f64 = 0, S2: f64 = 0;
  for (let i = 0; i < n; i++) {
    const l = load<f64>(L + (<usize>i << 3));
    const d = l - m;
    Sc += d * d;
    S2 += l * l;
  }
  store<f64>(out, m);
  store<f64>(out + 8, Sc);
  store<f64>(out + 16, S2);
}

export const STATS_BYTES: i32 = STATS * 8;
