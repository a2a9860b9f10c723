import type { InnerSolve, PointResult, PreparedData } from '../types.ts';
import { nnls3, SINGULAR_TOL, type Nnls3Out } from './nnls3.ts';

const NAN_POINT: PointResult = Object.freeze({ rss: NaN, E: NaN, A: NaN, B: NaN, gradAlpha: NaN, gradBeta: NaN });

/** TS twin of assembly/vpnls-point.ts. */
export function vpnlsPointTs(data: PreparedData, alpha: number, beta: number, inner: InnerSolve): PointResult {
  const { n, lnN, lnD, L } = data;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let sx = 0,
    sy = 0,
    sL = 0;
  for (let i = 0; i < n; i++) {
    const x = Math.exp(-alpha * lnN[i]);
    const y = Math.exp(-beta * lnD[i]);
    xs[i] = x;
    ys[i] = y;
    sx += x;
    sy += y;
    sL += L[i];
  }
  const xm = sx / n,
    ym = sy / n,
    Lm = sL / n;
  let Sxx = 0,
    Syy = 0,
    Sxy = 0,
    SxL = 0,
    SyL = 0,
    SLL = 0;
  let Sx2 = 0,
    Sy2 = 0,
    SxLr = 0,
    SyLr = 0,
    SL2 = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i],
      y = ys[i],
      l = L[i];
    const dx = x - xm,
      dy = y - ym,
      dl = l - Lm;
    Sxx += dx * dx;
    Syy += dy * dy;
    Sxy += dx * dy;
    SxL += dx * dl;
    SyL += dy * dl;
    SLL += dl * dl;
    Sx2 += x * x;
    Sy2 += y * y;
    SxLr += x * l;
    SyLr += y * l;
    SL2 += l * l;
  }
  let E: number, A: number, B: number;
  if (inner === 'nnls') {
    const c: Nnls3Out = { E: 0, A: 0, B: 0 };
    nnls3(n, Float64Array.of(xm, Sxx, SxL, Sx2, SxLr), 0, Float64Array.of(ym, Syy, SyL, Sy2, SyLr), 0, Lm, SLL, SL2, Sxy, c);
    E = c.E;
    A = c.A;
    B = c.B;
  } else {
    const det = Sxx * Syy - Sxy * Sxy;
    if (!(det > SINGULAR_TOL * Sxx * Syy)) return NAN_POINT;
    A = (Syy * SxL - Sxy * SyL) / det;
    B = (Sxx * SyL - Sxy * SxL) / det;
    E = Lm - A * xm - B * ym;
  }
  let rss = 0,
    ga = 0,
    gb = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i],
      y = ys[i];
    const r = L[i] - E - A * x - B * y;
    rss += r * r;
    ga += r * lnN[i] * x;
    gb += r * lnD[i] * y;
  }
  return { rss, E, A, B, gradAlpha: 2 * A * ga, gradBeta: 2 * B * gb };
}
