import { vpnlsPoint, MODE_NNLS, MODE_OLS } from '../vpnls-point';
import { rss5 } from '../loss';

const n = 12;

// Noise-free data from E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28.
function fill(lnN: usize, lnD: usize, L: usize): void {
  for (let i = 0; i < n; i++) {
    const ln = Math.log(1e7) + <f64>i * 0.5;
    const ld = Math.log(1e9) + <f64>((i * 7) % n) * 0.4;
    store<f64>(lnN + (<usize>i << 3), ln);
    store<f64>(lnD + (<usize>i << 3), ld);
    store<f64>(L + (<usize>i << 3), 1.69 + 406.4 * Math.exp(-0.34 * ln) + 410.7 * Math.exp(-0.28 * ld));
  }
}

describe('vpnlsPoint', () => {
  it('recovers E, A, B with tiny RSS at the true exponents', () => {
    const buf = memory.data(8 * (3 * n + 2 * n + 6 + 5));
    const lnN = buf, lnD = buf + n * 8, L = buf + 2 * n * 8, scratch = buf + 3 * n * 8, out = scratch + 2 * n * 8;
    fill(lnN, lnD, L);
    vpnlsPoint(lnN, lnD, L, n, 0.34, 0.28, MODE_NNLS, scratch, out);
    expect(load<f64>(out)).toBeLessThan(1e-24);
    expect(Math.abs(load<f64>(out + 8) - 1.69)).toBeLessThan(1e-9);
    expect(Math.abs(load<f64>(out + 16) / 406.4 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(load<f64>(out + 24) / 410.7 - 1)).toBeLessThan(1e-9);
  });

  it('agrees between the OLS objective and rss5 at the inner optimum', () => {
    const buf = memory.data(8 * (3 * n + 2 * n + 6 + 5 + 5));
    const lnN = buf, lnD = buf + n * 8, L = buf + 2 * n * 8, scratch = buf + 3 * n * 8, out = scratch + 2 * n * 8, p = out + 48;
    fill(lnN, lnD, L);
    vpnlsPoint(lnN, lnD, L, n, 0.3, 0.3, MODE_OLS, scratch, out);
    store<f64>(p, load<f64>(out + 8));
    store<f64>(p + 8, load<f64>(out + 16));
    store<f64>(p + 16, load<f64>(out + 24));
    store<f64>(p + 24, 0.3);
    store<f64>(p + 32, 0.3);
    const r = rss5(lnN, lnD, L, n, p, 0);
    expect(Math.abs(r - load<f64>(out)) / r).toBeLessThan(1e-10);
  });
});
