/**
 * The article's tables (specs/article.md, "How a section declares what it needs"). Cells are templates: every number is
 * a `{{ key | format }}` placeholder, so tables go through the same facts
 * registry, formats and lint as the prose.
 */
import { PATHS } from './config.ts';
import { EXP5_METHODS, EXP7_METHODS } from './facts/surface-fits.ts';
import { COST_ROWS } from './facts/costs.ts';
import { FITTED_SURFACES, TABLE_SURFACES } from './facts/surfaces.ts';
import { loadPublishedExponents, type CheckStatus } from './facts/literature.ts';
import { COST_LABELS, EXP5_LABELS, GRID_NAMES, MAIN_SURFACES, methodLabel, surfaceLabel } from './figures/palette.ts';
import type { TableDef } from '../engine/types.ts';

const g = (x: string): string => x.toLowerCase();
/** Appendix G's last column; the caption in a7-exponents.md explains the three labels. */
const CHECK_LABELS: Record<CheckStatus, string> = { primary: 'publication', 'third-party': 'third-party fit', secondary: 'original study only' };
const short = (s: string): string => s.replace('_', '');
const gridCell = (grid: string): string => `${grid} ({{ cfg.grid.${g(grid)}.k | pm:0 }})`;

function asymTable(surface: 'chinchilla' | 'asymmetric'): TableDef {
  return {
    id: `tbl-asym-${surface}`,
    columns: ['Grid', '$\\hat b$', '$b$ error', 'Intercept factor error'],
    rows: GRID_NAMES.map((grid) => [
      gridCell(grid),
      `{{ sim.${surface}.${g(grid)}.b_fit | fixed:6 }}`,
      `{{ sim.${surface}.${g(grid)}.b_err | below:-9 }}`,
      `{{ sim.${surface}.${g(grid)}.icpt_err | pct:2 }}`,
    ]),
  };
}

const BIAS_TEMPLATES: Record<string, string> = {
  offset_3x: 'offset by {{ cfg.offset.factor | times:0 }}',
  drift_3x: 'drift to {{ cfg.drift.factor | times:0 }}',
};

const PARAMS = ['e', 'coef_a', 'coef_b', 'alpha', 'beta'] as const;
const PARAM_TEX: Record<string, string> = { e: '$E$', coef_a: '$A$', coef_b: '$B$', alpha: '$\\alpha$', beta: '$\\beta$', a: '$a$', b: '$b$' };

/** Row label of the surface table (fact prefix → name used in the prose). */
const SURFACE_ROW: Record<(typeof TABLE_SURFACES)[number], string> = {
  symmetric: surfaceLabel('symmetric'),
  chinchilla: `${surfaceLabel('chinchilla')} [@chinchilla]`,
  asymmetric: surfaceLabel('asymmetric'),
  soda: `${surfaceLabel('soda')} [@audio_scaling]`,
  sparsenmm: `${surfaceLabel('sparse_nmm')} [@nmm_scaling]`,
  llama3: `${surfaceLabel('llama_3')} (VPNLS fit)`,
};

/** Library constants print as written; fitted values get significant digits. */
function surfaceRow(k: (typeof TABLE_SURFACES)[number]): string[] {
  const fitted = FITTED_SURFACES.has(k);
  const coef = (p: string): string => `{{ surf.${k}.${p} | ${fitted ? 'sig:4' : 'num'} }}`;
  const expo = (p: string): string => `{{ surf.${k}.${p} | ${fitted ? 'sig:3' : 'num'} }}`;
  return [
    SURFACE_ROW[k],
    coef('e'),
    coef('coef_a'),
    coef('coef_b'),
    expo('alpha'),
    expo('beta'),
    `{{ surf.${k}.ratio | fixed:2 }}`,
    `{{ surf.${k}.a | fixed:3 }}`,
    `{{ surf.${k}.b | fixed:3 }}`,
    `{{ surf.${k}.nstar_eval | params }}`,
    `{{ surf.${k}.dstar_eval | tokens }}`,
  ];
}

export const TABLES: readonly TableDef[] = [
  {
    id: 'tbl-surfaces',
    columns: [
      'Surface',
      '$E$',
      '$A$',
      '$B$',
      '$\\alpha$',
      '$\\beta$',
      '$\\alpha/\\beta$',
      '$a$',
      '$b$',
      '$N^*$ at {{ cfg.eval_budget | pow10 }}',
      '$D^*$ at {{ cfg.eval_budget | pow10 }}',
    ],
    rows: TABLE_SURFACES.map(surfaceRow),
  },
  {
    id: 'tbl-symmetric',
    columns: ['Quantity', 'True', 'Inferred', 'Error'],
    rows: [
      ['Exponent $b$', '{{ sim.symmetric.b_true | fixed:6 }}', '{{ sim.symmetric.xl.b_fit | fixed:6 }}', '{{ sim.symmetric.xl.b_err | below:-9 }}'],
      [
        'Intercept $b_0$ (factor error)',
        '{{ sim.symmetric.b0_true | fixed:6 }}',
        '{{ sim.symmetric.xl.b0_fit | fixed:6 }}',
        '{{ sim.symmetric.xl.icpt_err | below:-9 }}',
      ],
    ],
  },
  asymTable('chinchilla'),
  asymTable('asymmetric'),
  {
    id: 'tbl-grids',
    columns: ['Grid', '$\\pm k$', 'Sampling range', 'Total ratio $k^2$', 'Span $2W$ (decades)'],
    rows: GRID_NAMES.map((grid) => [
      grid,
      `{{ cfg.grid.${g(grid)}.k | pm:0 }}`,
      `{{ cfg.grid.${g(grid)}.inv | sig:3 }} to {{ cfg.grid.${g(grid)}.k | int }} times the center`,
      `{{ cfg.grid.${g(grid)}.ratio | int }}`,
      `{{ cfg.grid.${g(grid)}.span | decades:2 }}`,
    ]),
  },
  {
    id: 'tbl-extrapolation',
    columns: ['Surface', 'Grid', 'True $D^*$', 'Inferred $D^*$', 'Absolute error', 'Relative error', 'Compute lost (DCL)'],
    rows: MAIN_SURFACES.flatMap((s) =>
      GRID_NAMES.map((grid) => {
        const k = `x10.centered.${short(s)}.${g(grid)}`;
        return [
          surfaceLabel(s),
          grid,
          `{{ ${k}.d_true | tokens }}`,
          `{{ ${k}.d_hat | tokens }}`,
          `{{ ${k}.d_err_abs | sig:3 }}`,
          `{{ ${k}.d_err_pct | pct:2 }}`,
          `{{ ${k}.dcl_pct | apct:3 }}`,
        ];
      }),
    ),
  },
  {
    id: 'tbl-compounding',
    columns: ['Sampling', 'Surface', 'XS', 'S', 'L', 'XL'],
    rows: (['offset_3x', 'drift_3x'] as const).flatMap((bias) =>
      MAIN_SURFACES.map((s) => [
        BIAS_TEMPLATES[bias],
        surfaceLabel(s),
        ...GRID_NAMES.map((grid) => `{{ x10.${bias}.${short(s)}.${g(grid)}.d_err_pct | pct:1 }} ({{ x10.${bias}.${short(s)}.${g(grid)}.dcl_pct | apct:2 }})`),
      ]),
    ),
  },
  {
    id: 'tbl-recovery',
    columns: ['Method', 'Failed fits', ...PARAMS.map((p) => `max |error| ${PARAM_TEX[p]}`)],
    rows: EXP5_METHODS.map((m) => [methodLabel5(m), `{{ rec.${m}.failed | int }}`, ...PARAMS.map((p) => `{{ rec.${m}.max_${p} | sig:2 }}%`)]),
  },
  {
    id: 'tbl-inference',
    columns: [
      'Method',
      'Geometric mean',
      'Median',
      '{{ q.p99 | num }}th percentile ({{ inf.boot.level | apct:0 }} interval)',
      'Max $a$ error',
      'Max $b$ error',
      'Hard failures',
      'Iteration limit',
      'Abnormal',
      'At a bound',
    ],
    rows: EXP7_METHODS.map((m) => [
      methodLabel(m),
      `{{ inf.${m}.gmean | sig:3 }}%`,
      `{{ inf.${m}.median | sig:3 }}%`,
      `{{ inf.${m}.p99 | sig:3 }}% ({{ inf.${m}.p99.low | sig:3 }} to {{ inf.${m}.p99.high | sig:3 }})`,
      `{{ inf.${m}.max_a | sig:3 }}%`,
      `{{ inf.${m}.max_b | sig:3 }}%`,
      `{{ inf.${m}.fail | int }}`,
      `{{ inf.${m}.maxiter | int }}`,
      `{{ inf.${m}.abnormal | int }}`,
      `{{ inf.${m}.bound_hit | int }}`,
    ]),
  },
  {
    id: 'tbl-validation',
    columns: ['Parameter', 'VPNLS', 'Approach 3 (linear loss)', 'ml-scalefit', 'Approach 3 (log-loss)', 'Approach 3 (Huber, log-loss)'],
    rows: [...PARAMS, 'a', 'b'].map((p) => [
      PARAM_TEX[p],
      ...['vpnls', 'approach3_lse', 'ml_scalefit_mse_lbfgs', 'approach3_lse_logloss', 'approach3_lse_logloss_huber'].map(
        (m) => `{{ val.${m}.${p} | sig:${m === 'ml_scalefit_mse_lbfgs' ? 5 : 6} }}`,
      ),
    ]),
  },
  {
    id: 'tbl-costs',
    columns: [
      'Row',
      '$D^*$ true',
      '$D^*$ Approach 2',
      '$N^*$ true',
      '$N^*$ Approach 2',
      'Loss penalty (nats)',
      'DCL',
      'DCL {{ cfg.ci | apct:0 }} bootstrap interval',
      'DCL cost',
    ],
    rows: COST_ROWS.map((r) => [
      COST_LABELS[r],
      `{{ cost.${r}.d_true | tokens }}`,
      `{{ cost.${r}.d_hat | tokens }}`,
      `{{ cost.${r}.n_true | params }}`,
      `{{ cost.${r}.n_hat | params }}`,
      `{{ cost.${r}.loss_penalty | sci:2 }}`,
      `{{ cost.${r}.dcl_pct | apct:2 }}`,
      r.startsWith('llama_3_') && !r.endsWith('_sim') ? `{{ cost.${r}.ci_low_pct | apct:1 }} to {{ cost.${r}.ci_high_pct | apct:1 }}` : '',
      `{{ cost.${r}.dcl_usd | usd }}`,
    ]),
  },
  {
    id: 'tbl-published-exponents',
    columns: ['Study', 'Domain', 'Method', 'Configuration', '$a$', '$b$', '$\\alpha/\\beta$', 'Checked against'],
    rows: loadPublishedExponents(PATHS.publishedExponents).map((e) => [
      `${e.study} [@${e.key}]`,
      e.domain,
      e.method,
      `${e.config}${e.mark ? ` ${e.mark}` : ''}`,
      e.a !== null ? `{{ pubexp.${e.index}.a | num }}` : 'n/a',
      e.b !== null ? `{{ pubexp.${e.index}.b | num }}` : 'n/a',
      `{{ pubexp.${e.index}.ratio | fixed:2 }}`,
      CHECK_LABELS[e.checkStatus],
    ]),
    align: ['l', 'l', 'l', 'l', 'r', 'r', 'r', 'l'],
  },
];

function methodLabel5(m: string): string {
  return EXP5_LABELS[m] ?? methodLabel(m);
}
