/**
 * Writes examples/isoflops-realistic.csv: IsoFLOP runs with the magnitudes of
 * a real sweep, sampled from the Chinchilla-like "chinchilla" surface (E 1.69,
 * A 406.4, B 410.7, α 0.34, β 0.28; specs/conventions.md §1). Seven budgets,
 * half a decade apart from 1e18 to 1e21 FLOPs; 9 model sizes per budget on a
 * ±4× grid whose centre sits 1.25× below N* and drifts a further 0.15 decades
 * low by the largest budget (sweeps are laid out before N* is known); seeded
 * Gaussian noise of 0.01 nats on the final loss (seed-to-seed spread of small
 * runs). Losses come out between 2 and 4 nats and N from about 1e7 to 1e10.
 * Synthetic only: no published data. The lopsided isoflops-synthetic.csv
 * (make-synthetic-csv.ts) stays for the Approach 2 bias demonstration.
 *
 *     npx tsx examples/make-realistic-csv.ts           # (re)write the file
 *     npx tsx examples/make-realistic-csv.ts --check   # exit 1 if the file differs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Rng, SURFACES, sampleIsoflops } from '../src/index.ts';

/** Where the example lives. */
export const REALISTIC_CSV_PATH = fileURLToPath(new URL('./isoflops-realistic.csv', import.meta.url));
/** Seed of the noise. */
export const REALISTIC_SEED = 20261206;
/** Standard deviation of the Gaussian noise on the loss (nats). */
export const REALISTIC_NOISE_STD = 0.01;
/** Budgets: half a decade apart, 1e18 … 1e21 FLOPs. */
export const REALISTIC_BUDGETS: readonly number[] = [1e18, 3e18, 1e19, 3e19, 1e20, 3e20, 1e21];
/** Model sizes per budget. */
export const REALISTIC_POINTS = 9;
/** Grid half-width in log10 N: ±4×. */
export const REALISTIC_W = Math.log10(4);
/** The grid centre: 1.25× below N*, drifting 0.15 decades further by the largest budget. */
export const REALISTIC_BIAS = { centerScale: 1.25, driftRate: 0.15 } as const;

/** The CSV text: columns budget, params, tokens, loss; one row per run. */
export function realisticCsv(): string {
  const s = sampleIsoflops(SURFACES.chinchilla, {
    budgets: REALISTIC_BUDGETS,
    pointsPerCurve: REALISTIC_POINTS,
    W: REALISTIC_W,
    bias: REALISTIC_BIAS,
    noiseStd: REALISTIC_NOISE_STD,
    rng: new Rng(REALISTIC_SEED),
  });
  const lines = ['budget,params,tokens,loss'];
  for (let i = 0; i < s.N.length; i++) {
    const N = Math.round(s.N[i]!);
    const D = Math.round(s.C[i]! / (6 * N));
    lines.push(`${s.C[i]!.toExponential().replace('e+', 'e')},${N},${D},${s.L[i]!.toFixed(4)}`);
  }
  return `${lines.join('\n')}\n`;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const text = realisticCsv();
  if (process.argv.includes('--check')) {
    const same = readFileSync(REALISTIC_CSV_PATH, 'utf8') === text;
    console.log(same ? `${REALISTIC_CSV_PATH} is up to date` : `${REALISTIC_CSV_PATH} differs from the generator's output`);
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(REALISTIC_CSV_PATH, text);
    console.log(`wrote ${REALISTIC_CSV_PATH} (${text.split('\n').length - 2} runs)`);
  }
}
