/**
 * Surface parameters under their CSV/summary names (specs/experiments.md §A.4: `e, coef_a, coef_b,
 * alpha, beta`) and their relative errors against a true surface. Used by the
 * surface-fitting experiments (0, 5, 8).
 */
import type { LossSurface } from '../../src/surface/index.ts';

/** Column names of the five parameters, in the order E, A, B, α, β. */
export const PARAM_KEYS = ['e', 'coef_a', 'coef_b', 'alpha', 'beta'] as const;
export type ParamKey = (typeof PARAM_KEYS)[number];

/** The `LossSurface` field behind each column name. */
export const SURFACE_FIELD: Readonly<Record<ParamKey, keyof LossSurface>> = Object.freeze({
  e: 'E',
  coef_a: 'A',
  coef_b: 'B',
  alpha: 'alpha',
  beta: 'beta',
});

/** Display names for figure titles and reports. */
export const PARAM_LABELS: Readonly<Record<ParamKey, string>> = Object.freeze({
  e: 'E',
  coef_a: 'A',
  coef_b: 'B',
  alpha: 'α',
  beta: 'β',
});

/** `X_err_pct` column names. */
export type ErrPctKey = `${ParamKey}_err_pct`;
export const ERR_PCT_KEYS: readonly ErrPctKey[] = PARAM_KEYS.map((k) => `${k}_err_pct` as const);

/** `{e, coef_a, coef_b, alpha, beta}` of a surface. */
export function paramColumns(s: LossSurface): Record<ParamKey, number> {
  return { e: s.E, coef_a: s.A, coef_b: s.B, alpha: s.alpha, beta: s.beta };
}

/** Relative errors (x − x_true)/x_true as fractions, keyed by column name. */
export function relativeErrors(fit: LossSurface, truth: LossSurface): Record<ParamKey, number> {
  const out = {} as Record<ParamKey, number>;
  for (const k of PARAM_KEYS) out[k] = (fit[SURFACE_FIELD[k]] - truth[SURFACE_FIELD[k]]) / truth[SURFACE_FIELD[k]];
  return out;
}

/** `X_err_pct` = 100·(x − x_true)/x_true for the five parameters. */
export function errPctColumns(fit: LossSurface, truth: LossSurface): Record<ErrPctKey, number> {
  const rel = relativeErrors(fit, truth);
  const out = {} as Record<ErrPctKey, number>;
  for (const k of PARAM_KEYS) out[`${k}_err_pct`] = 100 * rel[k];
  return out;
}

/** Every parameter and error column NaN (written as empty fields), for a failed fit. */
export function missingParamColumns(): Record<ParamKey | ErrPctKey, number> {
  const out = {} as Record<ParamKey | ErrPctKey, number>;
  for (const k of PARAM_KEYS) {
    out[k] = NaN;
    out[`${k}_err_pct`] = NaN;
  }
  return out;
}
