/**
 * Experiment 0: reproducing published Chinchilla fits (specs/experiments.md §C.0).
 */
import { EPOCH_CHINCHILLA_RAW_FILE, loadEpochChinchillaRaw } from '../src/data/index.ts';
import { grid8 } from '../src/fit/index.ts';
import { DEFAULT_HUBER_DELTA, fitSurfaceMethod, type SurfaceMethodId } from '../src/fit/methods.ts';
import { exponentA, exponentB, type LossSurface, SURFACES } from '../src/surface/index.ts';
import { PARAM_KEYS, PARAM_LABELS, paramColumns, type ParamKey, SURFACE_FIELD } from './shared/surface-params.ts';
import type { Artifacts, RunContext } from './harness/types.ts';

export const id = 0;
export const title = 'Reproducing published Chinchilla fits';
export const hypothesis =
  'On the 217 Epoch AI Chinchilla runs below 1e21 FLOPs, VPNLS and Approach 3 with a squared error on L ' +
  "reach the optimum Apple's ml-scalefit reports (to 4 significant digits), while switching Approach 3 to a " +
  'log-loss objective moves the estimate because it fits a different (multiplicative-noise) model, and the Huber ' +
  'objective on ln L of Hoffmann et al. and Epoch AI moves it further.';

/** ml-scalefit (MSE, L-BFGS, 100 restarts) on the same 217 points (specs/conventions.md §5); N/1e6, D/1e9 units. */
export const ML_SCALEFIT_REFERENCE: LossSurface = Object.freeze({ E: 1.9051, A: 4.0001, B: 1.0509, alpha: 0.351, beta: 0.4588 });

/** Our published VPNLS (MSE) reference on the same points (specs/conventions.md §5). */
export const VPNLS_REFERENCE: LossSurface & { rss: number } = Object.freeze({
  E: 1.905092,
  A: 4.00052,
  B: 1.050948,
  alpha: 0.351058,
  beta: 0.458742,
  rss: 0.0624143,
});

/** Significant digits to which fitted real-data parameters must agree (specs/conventions.md §5). */
export const AGREEMENT_DIGITS = 4;

export interface Exp0Config {
  /** Rows with the largest loss dropped first (245 → 240). */
  readonly dropHighestLoss: number;
  /** Then keep C < cMax, unscaled FLOPs (240 → 217). */
  readonly cMax: number;
  /** Fits use N/nScale and D/dScale. */
  readonly nScale: number;
  readonly dScale: number;
  /** Huber threshold on ln-loss residuals of the Huber row (Hoffmann et al.'s δ = 1e−3, also Epoch AI's). */
  readonly huberDelta: number;
}

export const defaultConfig: Exp0Config = { dropHighestLoss: 5, cMax: 1e21, nScale: 1e6, dScale: 1e9, huberDelta: DEFAULT_HUBER_DELTA };

/** No quick variant: four fits on 217 points. */
export const quickConfig: Exp0Config = defaultConfig;

/**
 * The fits, by their `fits.csv` row name: the three of specs/experiments.md §C.0,
 * then the objective Hoffmann et al. and Epoch AI minimise (Huber on ln L), an
 * extra row that shows how much the objective alone moves the estimate.
 */
export const FITTED_METHODS = ['vpnls', 'approach3_lse_logloss', 'approach3_lse', 'approach3_lse_logloss_huber'] as const;
export type FittedMethod = (typeof FITTED_METHODS)[number];

/** What each row name runs: a registry method (specs/experiments.md §B.8); every Approach 3 row seeds from grid 8⁵. */
const RECIPES: Readonly<Record<FittedMethod, SurfaceMethodId>> = {
  vpnls: 'vpnls_lbfgsb_grad_256',
  approach3_lse_logloss: 'approach3_lse_logloss',
  approach3_lse: 'approach3_lse',
  // Same seed grid as the other Approach 3 rows, so only the objective differs.
  approach3_lse_logloss_huber: 'approach3_lse_logloss_huber',
};

export interface Exp0Fit extends LossSurface {
  readonly method: FittedMethod;
  /** The specs/experiments.md §B.8 identifier of the recipe. */
  readonly recipe: string;
  readonly rss: number;
  readonly nPoints: number;
  readonly status: string;
  readonly iterations: number;
  readonly message: string;
}

export interface Exp0Result {
  readonly source: string;
  readonly nRowsRaw: number;
  readonly nRowsAfterDrop: number;
  readonly nRowsFit: number;
  readonly fits: Exp0Fit[];
}

export async function run(config: Exp0Config, ctx: RunContext): Promise<Exp0Result> {
  const load = { dataDir: ctx.dataDir };
  const raw = await loadEpochChinchillaRaw(load);
  const dropped = await loadEpochChinchillaRaw({ ...load, dropHighestLoss: config.dropHighestLoss });
  const data = await loadEpochChinchillaRaw({ ...load, dropHighestLoss: config.dropHighestLoss, maxCompute: config.cMax });
  const N = data.N.map((x) => x / config.nScale);
  const D = data.D.map((x) => x / config.dScale);
  const task = ctx.progress.start('fits', FITTED_METHODS.length);
  const fits = FITTED_METHODS.map((method): Exp0Fit => {
    const r = fitSurfaceMethod(RECIPES[method], N, D, data.L, { seedGrid: grid8(), huberDelta: config.huberDelta });
    task.tick();
    return {
      method,
      recipe: r.method,
      E: r.E,
      A: r.A,
      B: r.B,
      alpha: r.alpha,
      beta: r.beta,
      rss: r.rss,
      nPoints: r.nPoints,
      status: r.status,
      iterations: r.iterations,
      message: r.message,
    };
  });
  task.done();
  return { source: data.source, nRowsRaw: raw.N.length, nRowsAfterDrop: dropped.N.length, nRowsFit: data.N.length, fits };
}

export const FITS_COLUMNS = ['method', 'e', 'coef_a', 'coef_b', 'alpha', 'beta', 'a', 'b', 'rss', 'n_points', 'status', 'iterations'] as const;

/**
 * Agreement of x with a reference to `digits` significant digits, as numpy's
 * `assert_approx_equal`: both scaled by the power of ten of their mean
 * magnitude must differ by less than 10^−(digits−1).
 */
export function agreesToDigits(x: number, ref: number, digits = AGREEMENT_DIGITS): boolean {
  const scale = Math.pow(10, Math.floor(Math.log10(0.5 * (Math.abs(x) + Math.abs(ref)))));
  return Math.abs(x - ref) / scale < Math.pow(10, -(digits - 1));
}

function withExponents(s: LossSurface): Record<ParamKey | 'a' | 'b', number> {
  return { ...paramColumns(s), a: exponentA(s), b: exponentB(s) };
}

/** Per parameter: relative difference to ml-scalefit and whether 4 significant digits agree. */
export function scalefitAgreement(s: LossSurface): { max_abs_rel_diff: number; agrees: boolean; disagreeing: ParamKey[] } {
  const disagreeing = PARAM_KEYS.filter((k) => !agreesToDigits(s[SURFACE_FIELD[k]], ML_SCALEFIT_REFERENCE[SURFACE_FIELD[k]]));
  const maxRel = Math.max(...PARAM_KEYS.map((k) => Math.abs(s[SURFACE_FIELD[k]] / ML_SCALEFIT_REFERENCE[SURFACE_FIELD[k]] - 1)));
  return { max_abs_rel_diff: maxRel, agrees: disagreeing.length === 0, disagreeing };
}

/** 1e21 → "1e21". */
function sci(x: number): string {
  return x.toExponential().replace('e+', 'e');
}

function fmt(x: number, digits = 6): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : '—';
}

const ROW_LABELS: Readonly<Record<string, string>> = {
  vpnls: 'VPNLS (256² grid + L-BFGS-B, MSE on L)',
  approach3_lse_logloss: 'Approach 3, LSE, squared error on ln L (8⁵ grid)',
  approach3_lse: 'Approach 3, LSE, squared error on L (8⁵ grid)',
  approach3_lse_logloss_huber: 'Approach 3, LSE, Huber on ln L (8⁵ grid)',
  chinchilla_paper: 'Chinchilla paper (Hoffmann et al. 2022; A, B in unscaled units)',
  ml_scalefit_mse_lbfgs: 'ml-scalefit (MSE, L-BFGS, 100 restarts)',
};

function report(result: Exp0Result, config: Exp0Config, rows: Array<Record<string, number | string | null>>): string {
  const lines: string[] = [
    '# Experiment 0: reproducing published Chinchilla fits',
    '',
    '## Question',
    '',
    "On the real Chinchilla training runs, do VPNLS and Approach 3 reach the same optimum as Apple's ml-scalefit,",
    'and how much does switching Approach 3 to a log-loss objective move the estimate?',
    '',
    '## Data',
    '',
    `\`${result.source}\` (Epoch AI's extraction of the Chinchilla training runs): N = \`Model Size\`, C = \`Training FLOP\`,`,
    'L = `loss`, D = C/(6N).',
    '',
    `1. ${result.nRowsRaw} rows read.`,
    `2. The ${config.dropHighestLoss} rows with the largest loss dropped, as in Epoch AI's replication: ${result.nRowsAfterDrop} rows.`,
    `3. Rows with C < ${sci(config.cMax)} FLOPs kept (unscaled C): ${result.nRowsFit} rows.`,
    `4. Fits use N/${sci(config.nScale)} and D/${sci(config.dScale)}, so E is in nats and A, B are in these units.`,
    `5. The Huber row uses δ = ${config.huberDelta} on ln-loss residuals, Hoffmann et al.'s objective (also Epoch AI's).`,
    '',
    '## Fits',
    '',
    '| row | method | E | A | B | α | β | a | b | RSS | status | iterations |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const cell = (k: string) => (r[k] === null ? '' : typeof r[k] === 'number' ? fmt(r[k] as number) : String(r[k]));
    lines.push(
      `| \`${r.method}\` | ${ROW_LABELS[String(r.method)]} | ${['e', 'coef_a', 'coef_b', 'alpha', 'beta', 'a', 'b', 'rss', 'status', 'iterations'].map(cell).join(' | ')} |`,
    );
  }
  lines.push('', '## Agreement with ml-scalefit', '');
  lines.push(
    `ml-scalefit reports its values to 4 decimals; agreement "to ${AGREEMENT_DIGITS} significant digits" is tested as numpy's`,
    '`assert_approx_equal(significant=4)`: both numbers, scaled by the power of ten of their mean magnitude, differ by',
    'less than 1e−3.',
    '',
  );
  for (const f of result.fits) {
    const ag = scalefitAgreement(f);
    const rel = PARAM_KEYS.map(
      (k) => `${PARAM_LABELS[k]} ${(100 * (f[SURFACE_FIELD[k]] / ML_SCALEFIT_REFERENCE[SURFACE_FIELD[k]] - 1)).toPrecision(2)} %`,
    ).join(', ');
    const verdict = ag.agrees
      ? `agrees with ml-scalefit to ${AGREEMENT_DIGITS} significant digits in all five parameters (largest relative difference ${(100 * ag.max_abs_rel_diff).toFixed(3)} %)`
      : `does not agree with ml-scalefit to ${AGREEMENT_DIGITS} significant digits in ${ag.disagreeing.map((k) => PARAM_LABELS[k]).join(', ')} (largest relative difference ${(100 * ag.max_abs_rel_diff).toFixed(2)} %)`;
    lines.push(`- **\`${f.method}\`** (\`${f.recipe}\`, status ${f.status}, RSS ${fmt(f.rss)}) ${verdict}. Differences: ${rel}.`);
  }
  const vp = result.fits.find((f) => f.method === 'vpnls');
  const lin = result.fits.find((f) => f.method === 'approach3_lse');
  const log = result.fits.find((f) => f.method === 'approach3_lse_logloss');
  if (vp && lin && log) {
    const linGap = Math.max(...PARAM_KEYS.map((k) => Math.abs(lin[SURFACE_FIELD[k]] / vp[SURFACE_FIELD[k]] - 1)));
    const refGap = Math.max(...PARAM_KEYS.map((k) => Math.abs(vp[SURFACE_FIELD[k]] / VPNLS_REFERENCE[SURFACE_FIELD[k]] - 1)));
    lines.push(
      '',
      `VPNLS reproduces the published VPNLS reference of specs/conventions.md §5 (largest relative difference ${refGap.toExponential(1)},`,
      `RSS ${fmt(vp.rss)} against ${VPNLS_REFERENCE.rss}). Approach 3 with a squared error on L reaches the same optimum as`,
      `VPNLS (largest relative parameter difference ${linGap.toExponential(1)}), as it must: both minimise the same RSS.`,
      `The log-loss fit minimises Σ (ln L − ln L̂)² instead, which is maximum likelihood under multiplicative rather than`,
      `additive Gaussian noise; it lands elsewhere (b = ${fmt(exponentB(log), 4)} against ${fmt(exponentB(vp), 4)} for VPNLS) and its RSS on L is`,
      `${(100 * (log.rss / vp.rss - 1)).toFixed(1)} % above the least-squares minimum.`,
    );
  }
  const hub = result.fits.find((f) => f.method === 'approach3_lse_logloss_huber');
  if (vp && hub) {
    const hubGap = Math.max(...PARAM_KEYS.map((k) => Math.abs(hub[SURFACE_FIELD[k]] / vp[SURFACE_FIELD[k]] - 1)));
    lines.push(
      '',
      `The Huber objective on ln L (δ = ${config.huberDelta}) treats every residual above δ linearly, close to a least-absolute-deviation`,
      `fit of ln L; it gives b = ${fmt(exponentB(hub), 4)} against ${fmt(exponentB(vp), 4)} for VPNLS (largest relative parameter difference`,
      `${(100 * hubGap).toFixed(1)} %) and an RSS on L ${(100 * (hub.rss / vp.rss - 1)).toFixed(1)} % above the least-squares minimum.`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

export function render(result: Exp0Result, config: Exp0Config): Artifacts {
  const rows: Array<Record<string, number | string | null>> = [
    ...result.fits.map((f) => ({ method: f.method, ...withExponents(f), rss: f.rss, n_points: f.nPoints, status: f.status, iterations: f.iterations })),
    { method: 'chinchilla_paper', ...withExponents(SURFACES.chinchilla), rss: null, n_points: null, status: null, iterations: null },
    { method: 'ml_scalefit_mse_lbfgs', ...withExponents(ML_SCALEFIT_REFERENCE), rss: null, n_points: null, status: null, iterations: null },
  ];
  const fits: Record<string, Record<string, number | string>> = {};
  const agreement: Record<string, { max_abs_rel_diff: number; agrees: boolean }> = {};
  for (const f of result.fits) {
    fits[f.method] = { ...withExponents(f), rss: f.rss, status: f.status };
    const ag = scalefitAgreement(f);
    agreement[f.method] = { max_abs_rel_diff: ag.max_abs_rel_diff, agrees: ag.agrees };
  }
  return {
    tables: { 'fits.csv': { columns: FITS_COLUMNS, rows } },
    figures: {},
    texts: { 'report.md': report(result, config, rows) },
    summary: {
      data_file: EPOCH_CHINCHILLA_RAW_FILE,
      n_rows_raw: result.nRowsRaw,
      n_rows_after_drop: result.nRowsAfterDrop,
      n_rows_fit: result.nRowsFit,
      c_max: config.cMax,
      n_scale: config.nScale,
      d_scale: config.dScale,
      huber_delta: config.huberDelta,
      fits,
      ml_scalefit_agreement: agreement,
    },
  };
}
