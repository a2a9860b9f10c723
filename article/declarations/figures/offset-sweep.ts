/**
 * §5.1 figure of the D* error against a constant sampling offset (0.5×–4×),
 * one panel per surface and one line per grid: experiment 3's
 * `offset_sweep` figure, reused, with a data table of the quoted factors.
 */
import type { FigureDef } from '../../engine/types.ts';
import { QUOTED_OFFSETS } from '../facts/bias.ts';
import { cell, declutter, reuseFigure } from './figure-helpers.ts';
import { GRID_NAMES, MAIN_SURFACES, surfaceLabel } from './palette.ts';

export const OFFSET_SWEEP_FIGURES: readonly FigureDef[] = [
  {
    id: 'fig-offset-sweep',
    needs: [3],
    build: (ctx) => {
      const e = ctx.store.exp(3);
      const t = e.table('offset_sweep.csv');
      const rows = MAIN_SURFACES.flatMap((s) =>
        GRID_NAMES.map((g) => {
          const ks = t.column('center_scale', { surface: s, grid: g });
          const err = t.column('d_err_pct', { surface: s, grid: g });
          return [surfaceLabel(s), g, ...QUOTED_OFFSETS.map((k) => cell(err[ks.findIndex((x) => Math.abs(x - k) < 1e-12)]))];
        }),
      );
      return {
        figure: declutter(reuseFigure(e.figure('offset_sweep'), 'fig-offset-sweep')),
        summary:
          'D* error at 10²⁴ FLOPs against a constant offset of the sampling center from 0.5× to 4× the optimal token count, one panel per surface and one line per grid; the error changes sign at a factor that grows with the grid width.',
        dataTable: { columns: ['surface', 'grid', ...QUOTED_OFFSETS.map((k) => `${k}× (%)`)], rows },
      };
    },
  },
];
