import { describe, expect, it } from 'vitest';
import {
  BOUND_TOLERANCE,
  boundHits,
  describeBoundHit,
  fitMessage,
  fitStatus,
  gridEdgeHit,
  hitParameters,
  stopDiagnostics,
  vanishingHits,
} from '../../../src/fit/result.ts';
import { lbfgsb, nelderMead } from '../../../src/optim/index.ts';

const surface = { E: 1.7, A: 400, B: 5e-7, alpha: 0.99, beta: 0.01 };
const box = { alpha: [0.01, 0.99], beta: [0.01, 0.99] } as const;

describe('bound hits name the parameter and the bound', () => {
  it('finds parameters within the tolerance of a lower or upper box bound', () => {
    expect(boundHits({ ...surface, alpha: 0.99 - BOUND_TOLERANCE / 2 }, box)).toEqual([
      { parameter: 'alpha', value: 0.99 - BOUND_TOLERANCE / 2, where: 'upper', bound: 0.99 },
      { parameter: 'beta', value: 0.01, where: 'lower', bound: 0.01 },
    ]);
    expect(boundHits({ ...surface, alpha: 0.5, beta: 0.5 }, box)).toEqual([]);
  });

  it('flags E, A or B at or below the tolerance as near zero', () => {
    expect(vanishingHits(surface)).toEqual([{ parameter: 'B', value: 5e-7, where: 'near_zero', bound: BOUND_TOLERANCE }]);
  });

  it('flags only the first and last value of a grid axis', () => {
    const axis = [0.05, 0.5, 0.95];
    expect(gridEdgeHit('beta', axis, 0)).toEqual({ parameter: 'beta', value: 0.05, where: 'grid_first', bound: 0.05 });
    expect(gridEdgeHit('beta', axis, 2)?.where).toBe('grid_last');
    expect(gridEdgeHit('beta', axis, 1)).toBeNull();
    expect(gridEdgeHit('beta', [0.3], 0)).toBeNull();
  });

  it('writes each hit as value and bound, and appends them to the optimiser message', () => {
    const hits = [...boundHits(surface, box), ...vanishingHits(surface), gridEdgeHit('E', [0.1, 5], 1)!];
    expect(hits.map(describeBoundHit)).toEqual([
      'alpha = 0.99 (upper bound 0.99)',
      'beta = 0.01 (lower bound 0.01)',
      'B = 5e-7 (near zero, ≤ 0.000001)',
      'E = 5 (last value of the search grid)',
    ]);
    expect(fitMessage('CONVERGENCE: NORM OF PROJECTED GRADIENT <= GTOL', hits.slice(0, 1))).toBe(
      'CONVERGENCE: NORM OF PROJECTED GRADIENT <= GTOL; at a bound or grid edge: alpha = 0.99 (upper bound 0.99)',
    );
    expect(fitMessage('best cell', [])).toBe('best cell');
    expect(hitParameters([...hits, ...boundHits(surface, box)])).toEqual(['alpha', 'beta', 'B', 'E']);
  });
});

describe('fit status', () => {
  it('keeps the optimiser status abnormal or max_iter even with a bound hit, else bound_hit, else converged', () => {
    const hit = boundHits(surface, box);
    expect(fitStatus('abnormal', hit)).toBe('abnormal');
    expect(fitStatus('max_iter', hit)).toBe('max_iter');
    expect(fitStatus('converged', hit)).toBe('bound_hit');
    expect(fitStatus('none', [])).toBe('converged');
  });
});

describe('stopDiagnostics', () => {
  it('carries ‖proj g‖∞ and the last relative change from L-BFGS-B, and nulls otherwise', () => {
    const opt = lbfgsb((x, g) => ((g[0] = 2 * (x[0]! - 3)), (x[0]! - 3) ** 2 + 1), [0]);
    expect(stopDiagnostics(opt)).toEqual({ projGradInf: opt.diagnostics.projectedGradientNorm, lastRelChange: opt.diagnostics.lastRelativeChange });
    expect(Number.isFinite(opt.diagnostics.lastRelativeChange)).toBe(true);
    expect(stopDiagnostics(nelderMead((x) => x[0]! ** 2, [1]))).toEqual({ projGradInf: null, lastRelChange: null });
    expect(stopDiagnostics(null)).toEqual({ projGradInf: null, lastRelChange: null });
  });
});
