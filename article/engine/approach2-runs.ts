/**
 * Cheap, deterministic library work the article does at build time
 * (specs/article.md, "Commands"): noise-free Approach 2 runs through the same code path
 * as experiments 3 and 10 (`runApproach2`), memoized by their inputs.
 */
import { runApproach2, type Approach2Run } from '../../experiments/shared/approach2-run.ts';
import { BIASES, type BiasName, DEFAULT_BUDGETS, DEFAULT_POINTS_PER_CURVE, NAMED_GRIDS, type SamplingGridName } from '../../src/sampling/index.ts';
import { SURFACES, type SurfaceName } from '../../src/surface/index.ts';

const cache = new Map<string, Approach2Run>();

/** One noise-free Approach 2 run on a named surface with the article defaults (5 budgets, 15 points). */
export function simRun(surface: SurfaceName, W: number, bias: BiasName = 'centered'): Approach2Run {
  const key = `${surface}|${W}|${bias}`;
  let run = cache.get(key);
  if (!run) {
    run = runApproach2({ surface: SURFACES[surface], budgets: DEFAULT_BUDGETS, pointsPerCurve: DEFAULT_POINTS_PER_CURVE, bias: BIASES[bias], W });
    cache.set(key, run);
  }
  return run;
}

/** A run on a named grid. */
export function gridRun(surface: SurfaceName, grid: SamplingGridName, bias: BiasName = 'centered'): Approach2Run {
  return simRun(surface, NAMED_GRIDS[grid].W, bias);
}

/** The 16 widths of the offset figures: W from log10 2 to log10 16, evenly spaced in W. */
export function offsetWidths(): number[] {
  const lo = Math.log10(2);
  const hi = Math.log10(16);
  return Array.from({ length: 16 }, (_, i) => lo + ((hi - lo) * i) / 15);
}

/** Leading-order vertex shift (specs/approach2-bias.md, "Small W"): δw ≈ (ln10/6)(α−β)·Σw⁴/Σw² on the grid linspace(−W, W, n). */
export function leadingOrderShift(alpha: number, beta: number, W: number, n: number): number {
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const w = -W + (2 * W * i) / (n - 1);
    s2 += w * w;
    s4 += w ** 4;
  }
  return (Math.LN10 / 6) * (alpha - beta) * (s4 / s2);
}
