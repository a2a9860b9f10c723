// VPNLS objective at one (α, β): the inner solve (NNLS, or unconstrained
// OLS) and the RSS from explicit residuals, so it stays accurate to
// about n·(eps·L)² near an exact fit. Also the envelope-theorem gradient
// dRSS/dα = 2A·Σ r·lnN·N^−α, dRSS/dβ = 2B·Σ r·lnD·D^−β at the inner optimum.
import { nnls3, outE, outA, outB, SINGULAR_TOL } from './nnls3';
import { expPair } from './columns';

export const MODE_NNLS: i32 = 0;
export const MODE_OLS: i32 = 1;

// Scratch bytes vpnlsPoint needs: two raw columns.
export function pointScratchBytes(n: i32): f64 {
  return <f64>n * 16;
}

// out: [rss, E, A, B, dRSS/dα, dRSS/dβ]; NaN everywhere when the OLS system is singular.
export function vpnlsPoint(
  lnN: usize, lnD: usize, L: usize, n: i32, alpha: f64, beta: f64, mode: i32, scratch: usize, out: usize,
): void {
  const xs = scratch;
  const ys = scratch + (<usize>n << 3);
  let sx: f64 = 0, sy: f64 = 0, sL: f64 = 0;
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    const e = expPair(-alpha * load<f64>(lnN + off), -beta * load<f64>(lnD + off));
    const x = f64x2.extract_lane(e, 0), y = f64x2.extract_lane(e, 1);
    store<f64>(xs + off, x);
    store<f64>(ys + off, y);
    sx += x; sy += y; sL += load<f64>(L + off);
  }
  const nf = <f64>n;
  const xm = sx / nf, ym = sy / nf, Lm = sL / nf;
  let Sxx: f64 = 0, Syy: f64 = 0, Sxy: f64 = 0, SxL: f64 = 0, SyL: f64 = 0, SLL: f64 = 0;
  let Sx2: f64 = 0, Sy2: f64 = 0, SxLr: f64 = 0, SyLr: f64 = 0, SL2: f64 = 0;
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    const x = load<f64>(xs + off), y = load<f64>(ys + off), l = load<f64>(L + off);
    const dx = x - xm, dy = y - ym, dl = l - Lm;
    Sxx += dx * dx; Syy += dy * dy; Sxy += dx * dy;
    SxL += dx * dl; SyL += dy * dl; SLL += dl * dl;
    Sx2 += x * x; Sy2 += y * y; SxLr += x * l; SyLr += y * l; SL2 += l * l;
  }
  let E: f64, A: f64, B: f64;
  if (mode == MODE_NNLS) {
    nnls3(nf, xm, Sxx, SxL, Sx2, SxLr, ym, Syy, SyL, Sy2, SyLr, Lm, SLL, SL2, Sxy);
    E = outE; A = outA; B = outB;
  } else {
    const det = Sxx * Syy - Sxy * Sxy;
    if (!(det > SINGULAR_TOL * Sxx * Syy)) {
      for (let k = 0; k < 6; k++) store<f64>(out + (<usize>k << 3), NaN);
      return;
    }
    A = (Syy * SxL - Sxy * SyL) / det;
    B = (Sxx * SyL - Sxy * SxL) / det;
    E = Lm - A * xm - B * ym;
  }
  let rss: f64 = 0, ga: f64 = 0, gb: f64 = 0;
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    const x = load<f64>(xs + off), y = load<f64>(ys + off);
    const r = load<f64>(L + off) - E - A * x - B * y;
    rss += r * r;
    ga += r * load<f64>(lnN + off) * x;
    gb += r * load<f64>(lnD + off) * y;
  }
  store<f64>(out, rss);
  store<f64>(out + 8, E);
  store<f64>(out + 16, A);
  store<f64>(out + 24, B);
  store<f64>(out + 32, 2 * A * ga);
  store<f64>(out + 40, 2 * B * gb);
}
