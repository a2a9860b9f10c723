/**
 * The method identifiers of the registry (src/fit/methods.ts) and their
 * labels, as plain data: no imports, so browser code (the article's palette
 * and explorable) can name methods without loading the fitting code.
 */

/** VPNLS identifiers: refinement and gradient, the profile's inner solve, and a grid size other than 32. */
export type VpnlsMethodId =
  | 'vpnls_lbfgsb_grad'
  | 'vpnls_lbfgsb_grad_nnls'
  | 'vpnls_lbfgsb_fd'
  | 'vpnls_nelder_mead'
  | 'vpnls_grid256'
  | 'vpnls_lbfgsb_grad_256';

/**
 * Approach 3 identifiers: `approach3`, then `_naive` (random start), `_lse`
 * (log-sum-exp parameters), `_logloss` (residuals on ln L), `_huber` (Huber
 * error), `_fd` (central-difference gradient), in that order.
 */
export type Approach3MethodId =
  | 'approach3'
  | 'approach3_naive'
  | 'approach3_lse'
  | 'approach3_logloss'
  | 'approach3_lse_logloss'
  | 'approach3_lse_logloss_fd'
  | `approach3${'' | '_lse'}${'' | '_logloss'}_huber`;

/** Surface methods: fit E, A, B, α, β. */
export type SurfaceMethodId = VpnlsMethodId | Approach3MethodId | 'grid_search';
/** Every registered identifier (specs/experiments.md §B.8 and the `fit` command's variants). */
export type MethodId = 'approach2' | SurfaceMethodId;

/** Each method's label as the article and the `fit` command's report write it. */
export const METHOD_LABELS: Readonly<Record<MethodId, string>> = Object.freeze({
  approach2: 'Approach 2',
  vpnls_lbfgsb_grad: 'VPNLS',
  vpnls_lbfgsb_grad_nnls: 'VPNLS',
  vpnls_lbfgsb_fd: 'VPNLS (L-BFGS-B, numerical gradient)',
  vpnls_nelder_mead: 'VPNLS (Nelder-Mead)',
  vpnls_grid256: 'VPNLS (fine grid, no refinement)',
  vpnls_lbfgsb_grad_256: 'VPNLS (fine grid, L-BFGS-B)',
  approach3: 'MLE Approach 3',
  approach3_naive: 'Naive Approach 3',
  approach3_lse: 'Approach 3 (LSE)',
  approach3_logloss: 'Approach 3 (log-loss)',
  approach3_lse_logloss: 'Approach 3 (LSE, log-loss)',
  approach3_lse_logloss_fd: 'Approach 3 (LSE, log-loss, numerical gradient)',
  approach3_huber: 'Approach 3 (Huber)',
  approach3_lse_huber: 'Approach 3 (LSE, Huber)',
  approach3_logloss_huber: 'Approach 3 (Huber, log-loss)',
  approach3_lse_logloss_huber: 'Approach 3 (LSE, Huber, log-loss)',
  grid_search: '5-D grid search',
});
