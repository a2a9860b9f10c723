/**
 * Writes examples/isoflops-synthetic.csv: IsoFLOP runs sampled from the
 * "asymmetric" surface (E 1.69, A 406.4, B 410.7, α 0.465, β 0.155) with a
 * drifting sampling centre (BIASES.drift_3x: the centre slides to a third of N* at the
 * largest budget), a ±8× grid of 15 model sizes at each of the budgets
 * 1e17 … 1e21 FLOPs, and seeded Gaussian noise on the loss. Synthetic only:
 * no published data.
 *
 *     npx tsx examples/make-synthetic-csv.ts           # (re)write the file
 *     npx tsx examples/make-synthetic-csv.ts --check   # exit 1 if the file differs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BIASES, Rng, SURFACES, sampleIsoflops } from '../src/index.ts';

/** Where the example lives. */
export const SYNTHETIC_CSV_PATH = fileURLToPath(new URL('./isoflops-synthetic.csv', import.meta.url));
/** Seed of the noise. */
export const SYNTHETIC_SEED = 20250611;
/** Standard deviation of the Gaussian noise added to the loss. */
export const SYNTHETIC_NOISE_STD = 0.005;
/** Grid half-width in log10 N: ±8×. */
export const SYNTHETIC_W = Math.log10(8);

/** The CSV text: columns budget, params, tokens, loss; one row per run. */
export function syntheticCsv(): string {
  const s = sampleIsoflops(SURFACES.asymmetric, {
    W: SYNTHETIC_W,
    bias: BIASES.drift_3x,
    noiseStd: SYNTHETIC_NOISE_STD,
    rng: new Rng(SYNTHETIC_SEED),
  });
  const lines = ['budget,params,tokens,loss'];
  for (let i = 0; i < s.N.length; i++) {
    const N = Math.round(s.N[i]!);
    const D = Math.round(s.C[i]! / (6 * N));
    lines.push(`${s.C[i]!.toExponential().replace('e+', 'e')},${N},${D},${s.L[i]!.toFixed(6)}`);
  }
  return `${lines.join('\n')}\n`;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const text = syntheticCsv();
  if (process.argv.includes('--check')) {
    const same = readFileSync(SYNTHETIC_CSV_PATH, 'utf8') === text;
    console.log(same ? `${SYNTHETIC_CSV_PATH} is up to date` : `${SYNTHETIC_CSV_PATH} differs from the generator's output`);
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(SYNTHETIC_CSV_PATH, text);
    console.log(`wrote ${SYNTHETIC_CSV_PATH} (${text.split('\n').length - 2} runs)`);
  }
}
