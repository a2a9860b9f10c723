import type { LossSurface } from './loss-surface.ts';

/** The named surfaces of specs/conventions.md §1: the one table of their constants. */
export const SURFACES = {
  symmetric: { E: 1.69, A: 400, B: 400, alpha: 0.31, beta: 0.31 },
  chinchilla: { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 },
  asymmetric: { E: 1.69, A: 406.4, B: 410.7, alpha: 0.465, beta: 0.155 },
  soda: { E: 3.169, A: 215886, B: 4750, alpha: 0.684, beta: 0.439 },
  sparse_nmm: { E: 2.158, A: 381773, B: 4659, alpha: 0.71, beta: 0.372 },
} as const satisfies Record<string, LossSurface>;

export type SurfaceName = keyof typeof SURFACES;

/** Sum of exponents shared by the imbalance family (experiment 2). */
export const IMBALANCE_EXPONENT_SUM = 0.62;

/**
 * The imbalance family of experiment 2, by config name. `chinchilla` is the
 * chinchilla surface itself (exponents 0.34 and 0.28 exactly, r ≈ 1.214);
 * the others are built from their ratio r by {@link imbalanceSurface}.
 */
export const IMBALANCE_RATIOS = {
  balanced: 1,
  small_imbalance: 1.5,
  moderate_imbalance: 2,
  high_imbalance: 3,
  extreme_imbalance: 9,
} as const;

export type ImbalanceConfig = keyof typeof IMBALANCE_RATIOS | 'chinchilla';

/** The surfaces of experiment 2 in table order. */
export function imbalanceFamily(): Array<{ config: ImbalanceConfig; ratio: number; surface: LossSurface }> {
  const out: Array<{ config: ImbalanceConfig; ratio: number; surface: LossSurface }> = [
    { config: 'balanced', ratio: 1, surface: imbalanceSurface(1) },
    { config: 'chinchilla', ratio: SURFACES.chinchilla.alpha / SURFACES.chinchilla.beta, surface: SURFACES.chinchilla },
  ];
  for (const config of ['small_imbalance', 'moderate_imbalance', 'high_imbalance', 'extreme_imbalance'] as const) {
    out.push({ config, ratio: IMBALANCE_RATIOS[config], surface: imbalanceSurface(IMBALANCE_RATIOS[config]) });
  }
  return out;
}

/**
 * A member of the imbalance family: α+β = 0.62, α/β = r, with E, A, B of
 * the chinchilla surface. β = 0.62/(1+r), α = 0.62·r/(1+r).
 */
export function imbalanceSurface(r: number): LossSurface {
  if (!(r > 0) || !Number.isFinite(r)) throw new RangeError(`imbalanceSurface: ratio r must be a positive finite number, got ${r}`);
  const { E, A, B } = SURFACES.chinchilla;
  return {
    E,
    A,
    B,
    alpha: (IMBALANCE_EXPONENT_SUM * r) / (1 + r),
    beta: IMBALANCE_EXPONENT_SUM / (1 + r),
  };
}
