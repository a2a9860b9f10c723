/**
 * The simulated settings behind the figures the explorable can reproduce
 * ("load scenario" buttons): surface, named grid and sampling bias. The
 * figure builders read them from here too, so a button always shows the
 * figure's own setting.
 */
import type { BiasName, SamplingGridName } from '../../src/sampling/index.ts';
import type { SurfaceName } from '../../src/surface/index.ts';

export interface FigureScenario {
  /** Figure the setting comes from (its number is filled in at build time). */
  readonly figure: string;
  /** Short description shown on the button after the figure number. */
  readonly label: string;
  readonly surface: SurfaceName;
  readonly grid: SamplingGridName;
  readonly bias: BiasName;
}

/** Surfaces and grid of the asymmetric-surface figure (article §4.1). */
export const ASYMMETRIC_FIGURE = { surfaces: ['chinchilla', 'asymmetric'] as const, grid: 'XL' as const };
/** Surface and grid of the off-center IsoFLOP panels (article §5). */
export const OFFSET_FIGURE = { surface: 'symmetric' as const, grid: 'L' as const };
/** The compounding figure's largest case (article §7): Asymmetric, drift to 3×, XS. */
export const COMPOUNDING_HIGHLIGHT = { surface: 'asymmetric' as const, grid: 'XS' as const, bias: 'drift_3x' as const };

export const FIGURE_SCENARIOS: readonly FigureScenario[] = [
  ...ASYMMETRIC_FIGURE.surfaces.map((s) => ({
    figure: 'fig-asymmetric',
    label: s === 'chinchilla' ? 'Chinchilla, XL grid' : 'Asymmetric, XL grid',
    surface: s,
    grid: ASYMMETRIC_FIGURE.grid,
    bias: 'centered' as const,
  })),
  { figure: 'fig-offset-constant', label: 'offset by 3×, L grid', ...OFFSET_FIGURE, bias: 'offset_3x' },
  { figure: 'fig-offset-drift', label: 'drift to 3×, L grid', ...OFFSET_FIGURE, bias: 'drift_3x' },
  { figure: 'fig-compounding', label: 'Asymmetric, drift to 3×, XS grid', ...COMPOUNDING_HIGHLIGHT },
];
