/**
 * Colors of the fitting methods and the Plotly config of the explorable's
 * views. The method colors are the article's (declarations/figures/palette.ts
 * re-exports them for every figure); they live here because the explorable's
 * bundle imports nothing but the library and itself.
 */
import { OFFLINE_PLOTLY_CONFIG } from '../../src/plot/plotly.ts';

export const METHOD_COLORS: Readonly<Record<string, string>> = {
  approach2: '#D55E00',
  approach3_naive: '#999999',
  approach3: '#E69F00',
  approach3_lse: '#CC79A7',
  approach3_lse_logloss: '#CC79A7',
  approach3_lse_logloss_fd: '#F0A3D0',
  vpnls: '#0072B2',
  vpnls_lbfgsb_grad: '#0072B2',
  vpnls_lbfgsb_fd: '#56B4E9',
  vpnls_nelder_mead: '#009E73',
  vpnls_grid256: '#7F7F7F',
  vpnls_lbfgsb_grad_256: '#0072B2',
};

/** Config of the explorable's views: offline, no mode bar. */
export const EXPLORABLE_PLOT_CONFIG = Object.freeze({ ...OFFLINE_PLOTLY_CONFIG, displayModeBar: false });
