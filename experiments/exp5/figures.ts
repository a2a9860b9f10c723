/**
 * Figures of experiment 5 (specs/experiments.md §C.5): parameter errors by bias,
 * extrapolated D* errors (experiment 4's layout) and the optimiser comparison.
 */
import { type LinePanel, lineGrid, type Series } from '../../src/plot/builders.ts';
import type { Figure } from '../../src/plot/figure.ts';
import { BIAS_COLORS, colorFor, gridFactorLabel, qualitative } from '../../src/plot/theme.ts';
import type { Exp5Config, FitRow } from './types.ts';
import { EXP5_METHOD_LABELS } from './fits.ts';
import { namedWidth } from '../shared/sweep.ts';
import { PARAM_KEYS, PARAM_LABELS } from '../shared/surface-params.ts';

/** 3 rows (surfaces) × 5 columns (parameters): signed `_err_pct` against W, one trace per bias. */
export function paramErrorsFigure(rows: FitRow[], config: Exp5Config): Figure {
  const panels: LinePanel[] = [];
  for (const { name } of config.surfaces) {
    for (const k of PARAM_KEYS) {
      const series: Series[] = config.biases.map((bias, i) => {
        const sel = rows.filter((r) => r.surface === name && r.bias === bias);
        return {
          name: bias,
          x: sel.map((r) => r.log_range as number),
          y: sel.map((r) => r[`${k}_err_pct`] as number),
          color: colorFor(BIAS_COLORS, bias, i),
          markerSize: 4,
        };
      });
      panels.push({ title: `${name}: ${PARAM_LABELS[k]}`, wAxis: true, yTitle: `${PARAM_LABELS[k]} relative error (%)`, zeroLine: true, series });
    }
  }
  return lineGrid({
    title: `Parameter errors of VPNLS (${config.recoveryMethod}) on biased noise-free samples`,
    rows: config.surfaces.length,
    cols: PARAM_KEYS.length,
    panels,
    height: 1000,
  });
}

/** 3 rows (ranges) × 3 columns (surfaces): `d_err_pct` against budget, one trace per bias. */
export function extrapolationFigure(rows: FitRow[], config: Exp5Config): Figure {
  const panels: LinePanel[] = [];
  for (const range of config.ranges) {
    const w = namedWidth(range);
    for (const { name } of config.surfaces) {
      const series: Series[] = config.biases.map((bias, i) => {
        const sel = rows.filter((r) => r.range_name === range && r.surface === name && r.bias === bias);
        return {
          name: bias,
          x: sel.map((r) => r.budget as number),
          y: sel.map((r) => r.d_err_pct as number),
          color: colorFor(BIAS_COLORS, bias, i),
          markerSize: 4,
        };
      });
      panels.push({
        title: `${range} (${gridFactorLabel(w.log_range)}), ${name}`,
        xTitle: 'Compute budget C (FLOPs)',
        xType: 'log',
        yTitle: 'D* relative error (%)',
        zeroLine: true,
        series,
      });
    }
  }
  return lineGrid({
    title: 'Error of D* from the VPNLS-fitted surface (fit on 10¹⁷–10²¹ FLOPs)',
    rows: config.ranges.length,
    cols: config.surfaces.length,
    panels,
    height: 1000,
  });
}

/** 3 rows (surfaces) × 5 columns: |`_err_pct`| (log y) against W, one trace per method, gaps where a fit failed. */
export function methodComparisonFigure(rows: FitRow[], config: Exp5Config): Figure {
  const panels: LinePanel[] = [];
  for (const { name } of config.surfaces) {
    for (const k of PARAM_KEYS) {
      const series: Series[] = config.comparisonMethods.map((method, i) => {
        const sel = rows.filter((r) => r.surface === name && r.method === method);
        return {
          name: EXP5_METHOD_LABELS[method],
          group: method,
          x: sel.map((r) => r.log_range as number),
          // Failed fits are NaN (null in JSON): a gap in the line.
          y: sel.map((r) => Math.abs(r[`${k}_err_pct`] as number)),
          color: qualitative(i),
          markerSize: 4,
        };
      });
      panels.push({ title: `${name}: ${PARAM_LABELS[k]}`, wAxis: true, yType: 'log', yTitle: `|${PARAM_LABELS[k]} error| (%)`, series });
    }
  }
  return lineGrid({
    title: `Parameter recovery by optimiser (bias ${config.comparisonBias}, noise-free)`,
    rows: config.surfaces.length,
    cols: PARAM_KEYS.length,
    panels,
    height: 1000,
  });
}
