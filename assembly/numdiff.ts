// Finite-difference derivatives of the 5-parameter model with absolute
// step h per parameter: forward (f(p + h·e_j) − f(p))/h, truncation error
// O(h); central (f(p + h·e_j) − f(p − h·e_j))/(2h), error O(h²).
import { rss5 } from './loss';
import { expLanes } from './columns';

// p: 5 f64 (restored on return); work: 5 f64 scratch.
function perturbed(p: usize, work: usize, j: i32, h: f64): usize {
  memory.copy(work, p, 40);
  const at = work + (<usize>j << 3);
  store<f64>(at, load<f64>(at) + h);
  return work;
}

// Jacobian of the predictions, n × 5 row-major, at out. Each entry is
// (f(p + h·e_j) − f(p))/h or (f(p + h·e_j) − f(p − h·e_j))/(2h) with every
// prediction E + A·x + B·y formed exactly as predict() forms it, so the
// result is bit-identical to evaluating the perturbed models point by point
// (the twin does). Perturbing E, A or B leaves x = N^−α and y = D^−β
// unchanged and perturbing α (β) changes only x (y), so two points at a time
// need 2 (forward) or 3 (central) pairs of exps instead of 10 or 20.
export function jacobian5(lnN: usize, lnD: usize, n: i32, p: usize, h: f64, central: bool, work: usize, out: usize): void {
  const E = load<f64>(p), A = load<f64>(p + 8), B = load<f64>(p + 16), al = load<f64>(p + 24), be = load<f64>(p + 32);
  for (let i = 0; i < n; i += 2) {
    const two = i + 1 < n;
    const off = <usize>i << 3;
    const ln = two ? v128.load(lnN + off) : f64x2.splat(load<f64>(lnN + off));
    const ld = two ? v128.load(lnD + off) : f64x2.splat(load<f64>(lnD + off));
    jacobianPair(ln, ld, E, A, B, al, be, h, central, out + (<usize>(i * 5) << 3), two);
  }
}

// Rows i and i + 1 (when two) of the Jacobian for the points in the lanes of ln, ld.
// @ts-ignore: decorator
@inline
function jacobianPair(ln: v128, ld: v128, E: f64, A: f64, B: f64, al: f64, be: f64, h: f64, central: bool, row: usize, two: bool): void {
  const x = expLanes(f64x2.mul(f64x2.splat(-al), ln));
  const y = expLanes(f64x2.mul(f64x2.splat(-be), ld));
  const xp = expLanes(f64x2.mul(f64x2.splat(-(al + h)), ln));
  const yp = expLanes(f64x2.mul(f64x2.splat(-(be + h)), ld));
  const ev = f64x2.splat(E), av = f64x2.splat(A), bv = f64x2.splat(B), hv = f64x2.splat(h);
  const ax = f64x2.mul(av, x), by = f64x2.mul(bv, y);
  // f(p + h·e_j) for j = 0..4
  const p0 = f64x2.add(f64x2.add(f64x2.splat(E + h), ax), by);
  const p1 = f64x2.add(f64x2.add(ev, f64x2.mul(f64x2.splat(A + h), x)), by);
  const p2 = f64x2.add(f64x2.add(ev, ax), f64x2.mul(f64x2.splat(B + h), y));
  const p3 = f64x2.add(f64x2.add(ev, f64x2.mul(av, xp)), by);
  const p4 = f64x2.add(f64x2.add(ev, ax), f64x2.mul(bv, yp));
  let j0: v128, j1: v128, j2: v128, j3: v128, j4: v128;
  if (central) {
    const xm = expLanes(f64x2.mul(f64x2.splat(-(al + -h)), ln));
    const ym = expLanes(f64x2.mul(f64x2.splat(-(be + -h)), ld));
    const h2 = f64x2.splat(2 * h);
    j0 = f64x2.div(f64x2.sub(p0, f64x2.add(f64x2.add(f64x2.splat(E + -h), ax), by)), h2);
    j1 = f64x2.div(f64x2.sub(p1, f64x2.add(f64x2.add(ev, f64x2.mul(f64x2.splat(A + -h), x)), by)), h2);
    j2 = f64x2.div(f64x2.sub(p2, f64x2.add(f64x2.add(ev, ax), f64x2.mul(f64x2.splat(B + -h), y))), h2);
    j3 = f64x2.div(f64x2.sub(p3, f64x2.add(f64x2.add(ev, f64x2.mul(av, xm)), by)), h2);
    j4 = f64x2.div(f64x2.sub(p4, f64x2.add(f64x2.add(ev, ax), f64x2.mul(bv, ym))), h2);
  } else {
    const f0 = f64x2.add(f64x2.add(ev, ax), by);
    j0 = f64x2.div(f64x2.sub(p0, f0), hv);
    j1 = f64x2.div(f64x2.sub(p1, f0), hv);
    j2 = f64x2.div(f64x2.sub(p2, f0), hv);
    j3 = f64x2.div(f64x2.sub(p3, f0), hv);
    j4 = f64x2.div(f64x2.sub(p4, f0), hv);
  }
  store<f64>(row, f64x2.extract_lane(j0, 0));
  store<f64>(row + 8, f64x2.extract_lane(j1, 0));
  store<f64>(row + 16, f64x2.extract_lane(j2, 0));
  store<f64>(row + 24, f64x2.extract_lane(j3, 0));
  store<f64>(row + 32, f64x2.extract_lane(j4, 0));
  if (two) {
    store<f64>(row + 40, f64x2.extract_lane(j0, 1));
    store<f64>(row + 48, f64x2.extract_lane(j1, 1));
    store<f64>(row + 56, f64x2.extract_lane(j2, 1));
    store<f64>(row + 64, f64x2.extract_lane(j3, 1));
    store<f64>(row + 72, f64x2.extract_lane(j4, 1));
  }
}

// Gradient of the RSS by finite differences into grad (5 f64); returns RSS at p.
export function rssGradient5(lnN: usize, lnD: usize, L: usize, n: i32, p: usize, h: f64, central: bool, work: usize, grad: usize): f64 {
  const f0 = rss5(lnN, lnD, L, n, p, 0);
  for (let j = 0; j < 5; j++) {
    const fp = rss5(lnN, lnD, L, n, perturbed(p, work, j, h), 0);
    const g = central
      ? (fp - rss5(lnN, lnD, L, n, perturbed(p, work, j, -h), 0)) / (2 * h)
      : (fp - f0) / h;
    store<f64>(grad + (<usize>j << 3), g);
  }
  return f0;
}
