/** TS twin of assembly/columns.ts. */

/** Even length so two-lane sums need no tail. */
export function padded(n: number): number {
  return (n + 1) & ~1;
}

/** Centred column exp(−p·lnV) into out[o..o+nPad) and its stats into stats[so..so+5). */
export function centredColumn(
  lnV: Float64Array, L: Float64Array, Lm: number, n: number, p: number,
  out: Float64Array, o: number, stats: Float64Array, so: number,
): void {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const c = Math.exp(-p * lnV[i]);
    out[o + i] = c;
    sum += c;
  }
  const m = sum / n;
  let Scc = 0, ScL = 0, S2 = 0, SL = 0;
  for (let i = 0; i < n; i++) {
    const c = out[o + i];
    const l = L[i];
    S2 += c * c;
    SL += c * l;
    const d = c - m;
    Scc += d * d;
    ScL += d * (l - Lm);
    out[o + i] = d;
  }
  if (padded(n) !== n) out[o + n] = 0;
  stats[so] = m;
  stats[so + 1] = Scc;
  stats[so + 2] = ScL;
  stats[so + 3] = S2;
  stats[so + 4] = SL;
}

/** [mean, centred Σ(L−m)², raw ΣL²]. */
export function lossStats(L: Float64Array, n: number): [number, number, number] {
  let s = 0;
  for (let i = 0; i < n; i++) s += L[i];
  const m = s / n;
  let Sc = 0, S2 = 0;
  for (let i = 0; i < n; i++) {
    const d = L[i] - m;
    Sc += d * d;
    S2 += L[i] * L[i];
  }
  return [m, Sc, S2];
}
