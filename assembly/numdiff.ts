// Finite-difference derivatives of the 5-parameter model with absolute
// step h per parameter: forward (f(p + h·e_j) − f(p))/h, truncation error
// O(h); central (f(p + h·e_j) − f(p − h·e_j))/(2h), error O(h²).
import { predict, rss5 } from './loss';

// p: 5 f64 (restored on return); work: 5 f64 scratch.
function perturbed(p: usize, work: usize, j: i32, h: f64): usize {
  memory.copy(work, p, 40);
  const at = work + (<usize>j << 3);
  store<f64>(at, load<f64>(at) + h);
  return work;
}

// Jacobian of the predictions, n × 5 row-major, at out.
export function jacobian5(lnN: usize, lnD: usize, n: i32, p: usize, h: f64, central: bool, work: usize, out: usize): void {
  for (let j = 0; j < 5; j++) {
    const plus = perturbed(p, work, j, h);
    for (let i = 0; i < n; i++) {
      const off = <usize>i << 3;
      store<f64>(out + (<usize>(i * 5 + j) << 3), predict(plus, load<f64>(lnN + off), load<f64>(lnD + off)));
    }
    if (central) {
      const minus = perturbed(p, work, j, -h);
      for (let i = 0; i < n; i++) {
        const off = <usize>i << 3;
        const at = out + (<usize>(i * 5 + j) << 3);
        store<f64>(at, (load<f64>(at) - predict(minus, load<f64>(lnN + off), load<f64>(lnD + off))) / (2 * h));
      }
    } else {
      for (let i = 0; i < n; i++) {
        const off = <usize>i << 3;
        const at = out + (<usize>(i * 5 + j) << 3);
        store<f64>(at, (load<f64>(at) - predict(p, load<f64>(lnN + off), load<f64>(lnD + off))) / h);
      }
    }
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
