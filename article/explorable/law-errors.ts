/**
 * Errors of a fitted D* law in the article's notation, shared by the
 * explorable's readout (in the page) and the build's facts and figures, so
 * both compute them the same way.
 */

/** Intercept factor error (the article's notation): 10^(b̂0 − b0) − 1, as a fraction. */
export function interceptFactorError(fitted: number, truth: number): number {
  return Math.expm1((fitted - truth) * Math.LN10);
}
