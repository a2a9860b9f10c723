import { nnls3, outE, outA, outB } from '../nnls3';

// Sufficient statistics of L = E + A·x + B·y on given points, then nnls3.
function solve(xs: f64[], ys: f64[], ls: f64[]): f64 {
  const n = xs.length;
  let sx: f64 = 0, sy: f64 = 0, sl: f64 = 0;
  for (let i = 0; i < n; i++) { sx += xs[i]; sy += ys[i]; sl += ls[i]; }
  const xm = sx / n, ym = sy / n, lm = sl / n;
  let Sxx: f64 = 0, Syy: f64 = 0, Sxy: f64 = 0, SxL: f64 = 0, SyL: f64 = 0, SLL: f64 = 0;
  let Sx2: f64 = 0, Sy2: f64 = 0, SxLr: f64 = 0, SyLr: f64 = 0, SL2: f64 = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - xm, dy = ys[i] - ym, dl = ls[i] - lm;
    Sxx += dx * dx; Syy += dy * dy; Sxy += dx * dy; SxL += dx * dl; SyL += dy * dl; SLL += dl * dl;
    Sx2 += xs[i] * xs[i]; Sy2 += ys[i] * ys[i]; SxLr += xs[i] * ls[i]; SyLr += ys[i] * ls[i]; SL2 += ls[i] * ls[i];
  }
  return nnls3(<f64>n, xm, Sxx, SxL, Sx2, SxLr, ym, Syy, SyL, Sy2, SyLr, lm, SLL, SL2, Sxy);
}

const X: f64[] = [0.1, 0.2, 0.35, 0.5, 0.8, 1.0];
const Y: f64[] = [0.9, 0.4, 0.6, 0.2, 0.3, 0.05];

function model(E: f64, A: f64, B: f64): f64[] {
  const out = new Array<f64>(X.length);
  for (let i = 0; i < X.length; i++) out[i] = E + A * X[i] + B * Y[i];
  return out;
}

describe('nnls3', () => {
  it('recovers an interior solution exactly with zero RSS', () => {
    const rss = solve(X, Y, model(1.5, 2.0, 3.0));
    expect(Math.abs(outE - 1.5)).toBeLessThan(1e-12);
    expect(Math.abs(outA - 2.0)).toBeLessThan(1e-12);
    expect(Math.abs(outB - 3.0)).toBeLessThan(1e-12);
    // RSS from sums is accurate to about eps·ΣL² (see nnls3.ts).
    expect(Math.abs(rss)).toBeLessThan(1e-12);
  });

  it('clamps a negative coefficient to zero and refits the rest', () => {
    // L = 1 + 2x − 0.5y: B would be negative, so the fit is E + A·x with B = 0.
    solve(X, Y, model(1.0, 2.0, -0.5));
    expect(outB).toBe(0.0);
    expect(outA).toBeGreaterThan(0.0);
    expect(outE).toBeGreaterThan(0.0);
  });

  it('returns all zeros when every loss is negative', () => {
    const rss = solve(X, Y, model(-1.0, -1.0, -1.0));
    expect(outE).toBe(0.0);
    expect(outA).toBe(0.0);
    expect(outB).toBe(0.0);
    expect(rss).toBeGreaterThan(0.0);
  });

  it('falls back to E alone when the columns are constant', () => {
    const c: f64[] = [0.5, 0.5, 0.5, 0.5];
    const l: f64[] = [2.0, 2.0, 2.0, 2.0];
    const rss = solve(c, c, l);
    expect(rss).toBeLessThanOrEqual(1e-24);
    expect(Math.abs(outE + 0.5 * outA + 0.5 * outB - 2.0)).toBeLessThan(1e-12);
  });
});
