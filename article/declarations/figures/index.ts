/**
 * Every figure of the article, by id. A figure declares the experiments it
 * reads; to add one, write a builder `(ctx) → {figure, summary, dataTable?}`
 * in a module here, list it below, and place it in a section with
 * `::: figure <id>` followed by its caption and `:::`.
 */
import type { FigureDef } from '../../engine/types.ts';
import { APPENDIX_FIGURES } from './appendix.ts';
import { OFFSET_SWEEP_FIGURES } from './offset-sweep.ts';
import { PUBLISHED_FIGURES } from './published.ts';
import { SIMULATED_FIGURES } from './simulated.ts';
import { SURFACE_FIT_FIGURES } from './surface-fits.ts';

export const FIGURES: readonly FigureDef[] = [...SIMULATED_FIGURES, ...OFFSET_SWEEP_FIGURES, ...PUBLISHED_FIGURES, ...SURFACE_FIT_FIGURES, ...APPENDIX_FIGURES];
