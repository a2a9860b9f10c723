/**
 * Writes examples/compare-baseline.csv and examples/compare-variant.csv: two
 * IsoFLOP sweeps whose true effective compute multiplier is 1.3 at every
 * budget (specs/envelope.md "The shipped pair").
 *
 * Baseline: the "chinchilla" surface (E 1.69, A 406.4, B 410.7, α 0.34,
 * β 0.28). Variant: the same surface with parameters and tokens each √1.3
 * times as effective, L_var(N, D) = L_base(√1.3·N, √1.3·D), i.e.
 * A_var = A·1.3^(−α/2), B_var = B·1.3^(−β/2). Under C = 6ND the variant's
 * compute-optimal loss at C is the baseline's at (√1.3)²·C = 1.3·C, so
 * m(C) = C_base(L_opt,var(C))/C = 1.3 exactly, at every C.
 *
 * Both: seven budgets half a decade apart from 1e18 to 1e21 FLOPs, 15 model
 * sizes per budget on a ±4× grid centred on each surface's own N*, seeded
 * Gaussian noise of 0.005 nats (independent streams). Losses 2.3–3.7 nats.
 * Synthetic only: no published data.
 *
 *     npx tsx examples/make-compare-csv.ts           # (re)write both files
 *     npx tsx examples/make-compare-csv.ts --check   # exit 1 if a file differs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Rng, SURFACES, sampleIsoflops, type LossSurface } from '../src/index.ts';

/** Where the pair lives. */
export const COMPARE_BASELINE_PATH = fileURLToPath(new URL('./compare-baseline.csv', import.meta.url));
export const COMPARE_VARIANT_PATH = fileURLToPath(new URL('./compare-variant.csv', import.meta.url));
/** The true multiplier at every budget. */
export const COMPARE_MULTIPLIER = 1.3;
/** Seeds of the two noise streams. */
export const COMPARE_SEEDS = { baseline: 20261301, variant: 20261302 } as const;
/** Standard deviation of the Gaussian noise on the loss (nats). */
export const COMPARE_NOISE_STD = 0.005;
/** Budgets: half a decade apart, 1e18 … 1e21 FLOPs. */
export const COMPARE_BUDGETS: readonly number[] = [1e18, 3e18, 1e19, 3e19, 1e20, 3e20, 1e21];
/** Model sizes per budget and the grid half-width (±4×). */
export const COMPARE_POINTS = 15;
export const COMPARE_W = Math.log10(4);

/** The baseline surface. */
export const COMPARE_BASELINE: LossSurface = SURFACES.chinchilla;

/** The variant: parameters and tokens each √m times as effective, so its L_opt(C) is the baseline's at m·C. */
export function variantSurface(base: LossSurface, m: number): LossSurface {
  const k = Math.sqrt(m);
  return { ...base, A: base.A * Math.pow(k, -base.alpha), B: base.B * Math.pow(k, -base.beta) };
}

function sweepCsv(surface: LossSurface, seed: number): string {
  const s = sampleIsoflops(surface, {
    W: COMPARE_W,
    budgets: COMPARE_BUDGETS,
    pointsPerCurve: COMPARE_POINTS,
    noiseStd: COMPARE_NOISE_STD,
    rng: new Rng(seed),
  });
  const lines = ['budget,params,tokens,loss'];
  for (let i = 0; i < s.N.length; i++) {
    const N = Math.round(s.N[i]!);
    const D = Math.round(s.C[i]! / (6 * N));
    lines.push(`${s.C[i]!.toExponential().replace('e+', 'e')},${N},${D},${s.L[i]!.toFixed(6)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The two CSV texts: columns budget, params, tokens, loss; one row per run. */
export function compareCsvs(): { baseline: string; variant: string } {
  return {
    baseline: sweepCsv(COMPARE_BASELINE, COMPARE_SEEDS.baseline),
    variant: sweepCsv(variantSurface(COMPARE_BASELINE, COMPARE_MULTIPLIER), COMPARE_SEEDS.variant),
  };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const { baseline, variant } = compareCsvs();
  const files: Array<[string, string]> = [
    [COMPARE_BASELINE_PATH, baseline],
    [COMPARE_VARIANT_PATH, variant],
  ];
  if (process.argv.includes('--check')) {
    let same = true;
    for (const [path, text] of files) {
      const ok = readFileSync(path, 'utf8') === text;
      same &&= ok;
      console.log(ok ? `${path} is up to date` : `${path} differs from the generator's output`);
    }
    process.exitCode = same ? 0 : 1;
  } else {
    for (const [path, text] of files) {
      writeFileSync(path, text);
      console.log(`wrote ${path} (${text.split('\n').length - 2} runs)`);
    }
  }
}
