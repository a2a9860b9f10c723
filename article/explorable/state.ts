/**
 * The explorable's state (specs/article.md, "The explorable"): a preset surface, the exponents,
 * the grid, points per curve, sampling-center offset and drift, the
 * extrapolation budget and optional noise. Pure data; mirrored in
 * `location.hash`.
 */
import { BIASES, NAMED_GRIDS } from '../../src/sampling/index.ts';
import { SURFACES, type LossSurface, type SurfaceName } from '../../src/surface/index.ts';
import type { FigureScenario } from './scenarios.ts';

export const PRESETS = ['symmetric', 'chinchilla', 'asymmetric', 'soda', 'sparse_nmm'] as const satisfies readonly SurfaceName[];
export type Preset = (typeof PRESETS)[number];

export const PRESET_LABELS: Readonly<Record<Preset, string>> = {
  symmetric: 'Symmetric',
  chinchilla: 'Chinchilla',
  asymmetric: 'Asymmetric',
  soda: 'SODA',
  sparse_nmm: 'Sparse-NMM',
};

export interface ExplorableState {
  preset: Preset;
  alpha: number;
  beta: number;
  /** Grid factor k: points span the center divided and multiplied by k (W = log10 k). */
  k: number;
  /** Points per IsoFLOP curve. */
  n: number;
  /** Constant D-center offset: every grid centered at offset·D* (center_scale). */
  offset: number;
  /** D-center at the largest budget, as a multiple of D* (drift_rate = log10 drift). */
  drift: number;
  /** Extrapolation budget in FLOPs. */
  C: number;
  /** Gaussian loss noise (0 = noise-free). */
  sigma: number;
  seed: number;
}

/** Slider ranges (specs/article.md, "The explorable"). */
export const LIMITS = {
  exponent: { min: 0.05, max: 0.95, step: 0.005 },
  log10k: { min: Math.log10(1.5), max: 2 },
  n: { min: 3, max: 50 },
  log10offset: { min: -1, max: 1 },
  log10drift: { min: -1, max: 1 },
  log10C: { min: 22, max: 26 },
  // Up to the largest noise level of the exponent-inference study (article §8.4).
  sigma: { min: 0, max: 0.2 },
} as const;

/** Defaults: Chinchilla, XL grid, 15 points, centered, C = 1e24, noise-free. */
export function defaultState(): ExplorableState {
  const s = SURFACES.chinchilla;
  return { preset: 'chinchilla', alpha: s.alpha, beta: s.beta, k: 16, n: 15, offset: 1, drift: 1, C: 1e24, sigma: 0, seed: 1 };
}

/**
 * The state that reproduces a figure's simulated setting: its surface
 * (exponents included), named grid and sampling bias, with the article's
 * defaults for everything else (15 points, C = 10²⁴, noise-free).
 */
export function scenarioState(sc: FigureScenario): ExplorableState {
  if (!(PRESETS as readonly string[]).includes(sc.surface))
    throw new RangeError(`scenario for ${sc.figure}: surface "${sc.surface}" is not an explorable preset (${PRESETS.join(', ')})`);
  const p = SURFACES[sc.surface];
  const bias = BIASES[sc.bias];
  return {
    ...defaultState(),
    preset: sc.surface as Preset,
    alpha: p.alpha,
    beta: p.beta,
    k: NAMED_GRIDS[sc.grid].factor,
    offset: bias.centerScale,
    drift: Math.pow(10, bias.driftRate),
  };
}

/** The surface the state describes: E, A, B of the preset with the chosen α, β. */
export function stateSurface(s: ExplorableState): LossSurface {
  const p = SURFACES[s.preset];
  return { E: p.E, A: p.A, B: p.B, alpha: s.alpha, beta: s.beta };
}

const KEYS: ReadonlyArray<keyof ExplorableState> = ['preset', 'alpha', 'beta', 'k', 'n', 'offset', 'drift', 'C', 'sigma', 'seed'];

/** `explore:preset=chinchilla&alpha=0.34&…` */
export function encodeState(s: ExplorableState): string {
  return `explore:${KEYS.map((k) => `${k}=${encodeURIComponent(String(s[k]))}`).join('&')}`;
}

/** Parses a hash written by {@link encodeState}; unknown or out-of-range values keep their defaults. */
export function decodeState(hash: string): ExplorableState | null {
  const h = hash.replace(/^#/, '');
  if (!h.startsWith('explore:')) return null;
  const s = defaultState();
  for (const part of h.slice('explore:'.length).split('&')) {
    const [k, raw] = part.split('=');
    const v = decodeURIComponent(raw ?? '');
    if (k === 'preset') {
      if ((PRESETS as readonly string[]).includes(v)) s.preset = v as Preset;
      continue;
    }
    const x = Number(v);
    if (!Number.isFinite(x)) continue;
    switch (k) {
      case 'alpha':
      case 'beta':
        if (x >= LIMITS.exponent.min && x <= LIMITS.exponent.max) s[k] = x;
        break;
      case 'k':
        if (x >= 1.5 && x <= 100) s.k = x;
        break;
      case 'n':
        if (Number.isInteger(x) && x >= LIMITS.n.min && x <= LIMITS.n.max) s.n = x;
        break;
      case 'offset':
      case 'drift':
        if (x >= 0.1 && x <= 10) s[k] = x;
        break;
      case 'C':
        if (x >= 1e22 && x <= 1e26) s.C = x;
        break;
      case 'sigma':
        if (x >= 0 && x <= LIMITS.sigma.max) s.sigma = x;
        break;
      case 'seed':
        if (Number.isSafeInteger(x)) s.seed = x;
        break;
    }
  }
  return s;
}
