import type { DiffOptions, PreparedData } from '../types.ts';
import type { LossSurface } from '../../surface/loss-surface.ts';

/**
 * TS twin of assembly/loss.ts lossBatch: N^−α as exp(−α·ln N), the
 * operations the kernel runs on f64x2 lanes (V8's Math.exp and Math.log are
 * fdlibm's, as the kernel's), so both give the same bits. Against pow this
 * is off by about |α·ln N| ulps of N^−α (specs/kernels.md).
 */
export function lossBatchTs(s: LossSurface, N: Float64Array, D: Float64Array, out: Float64Array): Float64Array {
  const { E, A, B, alpha, beta } = s;
  for (let i = 0; i < N.length; i++) out[i] = E + A * Math.exp(-alpha * Math.log(N[i])) + B * Math.exp(-beta * Math.log(D[i]));
  return out;
}

function predict(p: Float64Array, lnN: number, lnD: number): number {
  return p[0] + p[1] * Math.exp(-p[3] * lnN) + p[2] * Math.exp(-p[4] * lnD);
}

/** TS twin of assembly/loss.ts rss5. */
export function rss5Ts(data: PreparedData, p: Float64Array, grad?: Float64Array): number {
  const { n, lnN, lnD, L } = data;
  const [E, A, B, al, be] = p;
  let rss = 0,
    gE = 0,
    gA = 0,
    gB = 0,
    gal = 0,
    gbe = 0;
  for (let i = 0; i < n; i++) {
    const ln = lnN[i],
      ld = lnD[i];
    const x = Math.exp(-al * ln),
      y = Math.exp(-be * ld);
    const r = L[i] - (E + A * x + B * y);
    rss += r * r;
    gE += r;
    gA += r * x;
    gB += r * y;
    gal += r * ln * x;
    gbe += r * ld * y;
  }
  if (grad) {
    grad[0] = -2 * gE;
    grad[1] = -2 * gA;
    grad[2] = -2 * gB;
    grad[3] = 2 * A * gal;
    grad[4] = 2 * B * gbe;
  }
  return rss;
}

function perturbed(p: Float64Array, work: Float64Array, j: number, h: number): Float64Array {
  work.set(p);
  work[j] += h;
  return work;
}

/** TS twin of assembly/numdiff.ts jacobian5. */
export function jacobian5Ts(data: PreparedData, p: Float64Array, diff: DiffOptions, out: Float64Array): Float64Array {
  const { n, lnN, lnD } = data;
  const h = diff.step;
  const work = new Float64Array(5);
  for (let j = 0; j < 5; j++) {
    const plus = perturbed(p, work, j, h);
    for (let i = 0; i < n; i++) out[i * 5 + j] = predict(plus, lnN[i], lnD[i]);
    if (diff.scheme === 'central') {
      const minus = perturbed(p, work, j, -h);
      for (let i = 0; i < n; i++) out[i * 5 + j] = (out[i * 5 + j] - predict(minus, lnN[i], lnD[i])) / (2 * h);
    } else {
      for (let i = 0; i < n; i++) out[i * 5 + j] = (out[i * 5 + j] - predict(p, lnN[i], lnD[i])) / h;
    }
  }
  return out;
}

/** TS twin of assembly/numdiff.ts rssGradient5. */
export function rssGradient5Ts(data: PreparedData, p: Float64Array, diff: DiffOptions, grad: Float64Array): number {
  const h = diff.step;
  const work = new Float64Array(5);
  const f0 = rss5Ts(data, p);
  for (let j = 0; j < 5; j++) {
    const fp = rss5Ts(data, perturbed(p, work, j, h));
    grad[j] = diff.scheme === 'central' ? (fp - rss5Ts(data, perturbed(p, work, j, -h))) / (2 * h) : (fp - f0) / h;
  }
  return f0;
}
