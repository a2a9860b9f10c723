import { describe, expect, it } from 'vitest';
import { MoreThuente, type LineSearchTask } from '../../../src/optim/index.ts';

/** Run a Moré–Thuente search on φ from step a0; return the final step, evaluations and task. */
function search(phi: (a: number) => [number, number], a0: number, ftol: number, gtol: number): { stp: number; evaluations: number; task: LineSearchTask } {
  const ls = new MoreThuente(ftol, gtol, 0.1, 0, 1e10);
  const [f0, g0] = phi(0);
  let task = ls.start(f0, g0, a0);
  let evaluations = 0;
  while (task === 'fg') {
    evaluations++;
    const [f, g] = phi(ls.stp);
    task = ls.next(f, g);
  }
  return { stp: ls.stp, evaluations, task };
}

describe('MoreThuente', () => {
  // Moré & Thuente (1994), function (5.1): φ(α) = −α/(α² + β), β = 2, μ = 0.001, η = 0.1.
  const beta = 2;
  const phi = (a: number): [number, number] => [-a / (a * a + beta), (a * a - beta) / (a * a + beta) ** 2];

  it.each([
    [1e-3, 1.36, 6],
    [1e-1, 1.44, 3],
    [1e1, 10, 1],
    [1e3, 37, 4],
  ])('reproduces Table 1 of Moré & Thuente from α0 = %g: α ≈ %g after %i evaluations', (a0, alpha, evaluations) => {
    const r = search(phi, a0, 1e-3, 0.1);
    expect(r.task).toBe('convergence');
    expect(r.evaluations).toBe(evaluations);
    expect(r.stp).toBeCloseTo(alpha, alpha > 5 ? 0 : 2);
    const [f0, g0] = phi(0);
    const [f, g] = phi(r.stp);
    expect(f).toBeLessThanOrEqual(f0 + 1e-3 * r.stp * g0);
    expect(Math.abs(g)).toBeLessThanOrEqual(0.1 * Math.abs(g0));
  });

  it('reports an error when the initial derivative is not negative', () => {
    const ls = new MoreThuente(1e-3, 0.9, 0.1, 0, 10);
    expect(ls.start(1, 0.5, 1)).toBe('error');
    expect(ls.error).toBe('INITIAL G >= 0');
  });
});
