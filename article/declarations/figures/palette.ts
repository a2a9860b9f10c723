/**
 * The article's shared label map and palette (specs/article.md, "Adding a figure"):
 * method, surface, grid and bias names as the prose writes them, and their
 * colors. Surface and grid colors come from the library theme so the
 * article and the experiment figures agree.
 */
import { type MethodId, METHOD_LABELS as REGISTRY_LABELS } from '../../../src/fit/method-ids.ts';
import { OFFLINE_PLOTLY_CONFIG } from '../../../src/plot/plotly.ts';
import { BIAS_COLORS, GRID_COLORS, SURFACE_COLORS } from '../../../src/plot/theme.ts';
import { BIASES, type SamplingBias } from '../../../src/sampling/center-offset.ts';
import { METHOD_COLORS } from '../../explorable/style.ts';

/** The methods the article names, with the registry's labels (src/fit/method-ids.ts); `vpnls` is the method family. */
const ARTICLE_METHODS: readonly MethodId[] = [
  'approach2',
  'approach3_naive',
  'approach3',
  'approach3_lse',
  'approach3_lse_logloss',
  'approach3_lse_logloss_fd',
  'vpnls_lbfgsb_grad',
  'vpnls_lbfgsb_fd',
  'vpnls_nelder_mead',
  'vpnls_grid256',
  'vpnls_lbfgsb_grad_256',
];
export const METHOD_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(ARTICLE_METHODS.map((id) => [id, REGISTRY_LABELS[id]])),
  vpnls: 'VPNLS',
};

export const SURFACE_LABELS: Readonly<Record<string, string>> = {
  symmetric: 'Symmetric',
  chinchilla: 'Chinchilla',
  asymmetric: 'Asymmetric',
  soda: 'SODA',
  sparse_nmm: 'Sparse-NMM',
  llama_3: 'Llama 3',
  balanced: 'balanced',
  small_imbalance: 'small imbalance',
  moderate_imbalance: 'moderate imbalance',
  high_imbalance: 'high imbalance',
  extreme_imbalance: 'extreme imbalance',
};

/** A multiple of the optimum as the article writes it: 3×, 1.5×, 1.58× (at most two decimals). */
export function factorLabel(x: number): string {
  return `${Number(x.toFixed(2))}×`;
}

/**
 * Sampling biases in the one unit of article §2, multiples of the optimal
 * token count: a constant offset is "offset by k×" (centerScale k), a drift is
 * "drift to k×" with k = 10^driftRate at the largest budget.
 */
export function biasLabel(bias: SamplingBias): string {
  if (bias.driftRate === 0 && bias.centerScale === 1) return 'centered';
  if (bias.driftRate === 0) return `offset by ${factorLabel(bias.centerScale)}`;
  if (bias.centerScale === 1) return `drift to ${factorLabel(Math.pow(10, bias.driftRate))}`;
  return `offset by ${factorLabel(bias.centerScale)}, drift to ${factorLabel(Math.pow(10, bias.driftRate))}`;
}

export const BIAS_LABELS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(BIASES).map(([name, bias]) => [name, biasLabel(bias)]));

export const GRID_NAMES = ['XS', 'S', 'L', 'XL'] as const;
export const MAIN_SURFACES = ['symmetric', 'chinchilla', 'asymmetric'] as const;

export { BIAS_COLORS, GRID_COLORS, SURFACE_COLORS };
/** Method colors: one map for the figures and the explorable's views. */
export { METHOD_COLORS };

/** Label of a method id; unknown ids are returned as they are. */
export function methodLabel(id: string): string {
  return METHOD_LABELS[id] ?? id;
}

export function surfaceLabel(id: string): string {
  return SURFACE_LABELS[id] ?? id;
}

/** Plotly config of every article figure (specs/article.md, "Adding a figure"): the offline config plus a trimmed mode bar. */
export const PLOT_CONFIG = Object.freeze({
  ...OFFLINE_PLOTLY_CONFIG,
  modeBarButtonsToRemove: [...OFFLINE_PLOTLY_CONFIG.modeBarButtonsToRemove, 'toggleSpikelines', 'hoverClosestCartesian', 'hoverCompareCartesian'],
  toImageButtonOptions: { format: 'png', scale: 2 },
});

/** Qualitative colors for lists of studies or series. */
export function qualitativeColor(i: number): string {
  const q = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
  return q[i % q.length];
}

/** Labels of experiment 5 part 3 (specs/experiments.md §C.5): the method labels above, so every figure and table names a method the same way. */
export const EXP5_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  ['approach3_lse_logloss', 'approach3_lse_logloss_fd', 'vpnls_lbfgsb_grad', 'vpnls_lbfgsb_fd', 'vpnls_nelder_mead', 'vpnls_grid256'].map((m) => [
    m,
    METHOD_LABELS[m],
  ]),
);

/** Experiment label → article label, for figures reused from experiment output (trace names). */
export function relabel(experimentLabels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(experimentLabels).map(([id, label]) => [label, methodLabel(id)]));
}

export const COST_LABELS: Readonly<Record<string, string>> = {
  llama_3_vpnls: 'Llama 3 data, VPNLS reference',
  llama_3_approach3: 'Llama 3 data, Approach 3 reference',
  llama_3_sim: 'Simulated Llama 3 surface',
  chinchilla_sim: 'Simulated Chinchilla',
  soda_sim: 'Simulated SODA',
  sparse_nmm_sim: 'Simulated Sparse-NMM',
};
