/**
 * The published reference values of specs/conventions.md §5, typed once for every
 * test that checks them.
 */

/** Noise-free Approach 2, centred sampling: extrapolated D* error at 1e24 FLOPs (%), by grid. */
export const APPROACH2_D_ERR_PCT = {
  chinchilla: { XS: -0.326937803732719, S: -1.3011250437043, L: -2.902904738135434, XL: -5.100244551712022 },
  asymmetric: { XS: -1.674747716507073, S: -6.497778742083532, L: -13.910418584294648, XL: -23.116308048545221 },
} as const;

/** The symmetric surface sampled with every N-centre at a third of N* (offset by 3×). */
export const APPROACH2_D_ERR_PCT_SYMMETRIC_OFFSET_3X = { XS: 3.974243556888148, XL: 1.509792259842919 } as const;

/** True D*(1e24) on the chinchilla surface, in tokens. */
export const CHINCHILLA_D_OPT_1E24 = 4.035834749563681e12;

/** VPNLS (MSE) on the 217 Epoch AI Chinchilla points, N/1e6 and D/1e9. */
export const EPOCH_VPNLS = { E: 1.905092, A: 4.00052, B: 1.050948, alpha: 0.351058, beta: 0.458742, rss: 0.0624143 } as const;

/** Apple's ml-scalefit (MSE, L-BFGS, 100 restarts) on the same 217 points. */
export const EPOCH_ML_SCALEFIT = { E: 1.9051, A: 4.0001, B: 1.0509, alpha: 0.351, beta: 0.4588 } as const;
