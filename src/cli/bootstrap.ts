/**
 * Seeded bootstrap with percentile intervals. The resampling scheme follows
 * the data ({@link chooseScheme}, specs/cli.md): runs within IsoFLOP curves
 * when every curve keeps ≥ 3 distinct model sizes, else whole curves when
 * there are ≥ 5 of them, else runs (case bootstrap). Each replicate refits
 * with the same method, scales and target budget. The row indices of all replicates are drawn in
 * the main thread from one generator seeded with `seed`, so the output
 * depends only on the data, the options and the seed — not on the number of
 * worker threads. Replicates that fail (e.g. a resampled group with fewer
 * than three distinct model sizes for Approach 2) are counted and left out.
 */
import { availableParallelism } from 'node:os';
import { createWorkerPool } from '../util/worker-pool.ts';
import { FitError } from '../core/errors.ts';
import { Rng } from '../util/rng.ts';
import { percentileInterval } from '../util/stats.ts';
import { runReplicatesTask, type BootstrapChunk, type ReplicateOutcome } from './bootstrap-worker.ts';
import { QUANTITY_KEYS, type FitInput, type MethodSpec, type QuantityKey, type Scales } from './fit-core.ts';

/** Default `--seed`. */
export const DEFAULT_BOOTSTRAP_SEED = 1;
/** Default `--level` of the percentile intervals. */
export const DEFAULT_INTERVAL_LEVEL = 0.95;

/** The bootstrap could not produce intervals (too few replicates succeeded). */
export class BootstrapError extends FitError {
  override name = 'BootstrapError';
}

export interface BootstrapOptions {
  /** Number of replicates (≥ 2). */
  readonly replicates: number;
  readonly seed: number;
  /** Central coverage of the intervals, in (0, 1). */
  readonly level: number;
  /** Worker threads; 1 runs every replicate in this thread. */
  readonly jobs: number;
  /** Called as replicates finish (count so far, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with notes that do not change the result (e.g. `--jobs` capped). */
  readonly onNote?: (note: string) => void;
  /** Worker threads available; default the number of CPUs. */
  readonly cpus?: number;
}

/**
 * How replicates resample the runs:
 * - `within-curves`: in every IsoFLOP group, as many runs as it has, with
 *   replacement (the budgets are the design; every group keeps its size);
 * - `curves`: as many whole groups as there are, with replacement (a group
 *   drawn twice contributes its runs twice);
 * - `runs`: as many runs as there are, with replacement, ignoring groups.
 */
export type BootstrapScheme = 'within-curves' | 'curves' | 'runs';

/** Within-curve resampling needs every curve to keep at least this many distinct model sizes. */
export const MIN_DISTINCT_PER_CURVE = 3;
/** Whole-curve resampling needs at least this many curves. */
export const MIN_CURVES_TO_RESAMPLE = 5;
/** An interval narrower than this × its magnitude counts as zero width. */
export const ZERO_WIDTH_RELATIVE = 1e-12;

/** What each scheme resamples, in words (text summary, JSON `resampling`, report). */
export const SCHEME_DESCRIPTIONS: Readonly<Record<BootstrapScheme, string>> = Object.freeze({
  'within-curves': 'runs within each IsoFLOP curve',
  curves: 'whole IsoFLOP curves',
  runs: 'runs, ignoring IsoFLOP curves (case bootstrap)',
});

/** A loud warning naming every quantity (RSS aside) whose interval has zero width; empty when none. */
export function zeroWidthWarnings(intervals: Readonly<Record<QuantityKey, readonly [number, number] | null>>, scheme: BootstrapScheme): string[] {
  const flat = QUANTITY_KEYS.filter((key) => {
    const iv = intervals[key];
    return key !== 'rss' && iv !== null && iv[1] - iv[0] <= ZERO_WIDTH_RELATIVE * Math.max(Math.abs(iv[0]), Math.abs(iv[1]));
  });
  if (flat.length === 0) return [];
  return [
    `the bootstrap intervals of ${flat.join(', ')} have zero width: the resampled data sets (${SCHEME_DESCRIPTIONS[scheme]}) ` +
      'all gave the same value, so these intervals say nothing about the uncertainty',
  ];
}

/** The scheme for data grouped as `groupRows`, and why. */
export function chooseScheme(N: Float64Array, groupRows: readonly (readonly number[])[]): { scheme: BootstrapScheme; reason: string } {
  let fewest = Infinity;
  for (const rows of groupRows) fewest = Math.min(fewest, new Set(rows.map((r) => N[r]!)).size);
  const G = groupRows.length;
  if (fewest >= MIN_DISTINCT_PER_CURVE) {
    return { scheme: 'within-curves', reason: `every one of the ${G} IsoFLOP curves has ≥ ${MIN_DISTINCT_PER_CURVE} distinct model sizes` };
  }
  const few = `a curve has only ${fewest} distinct model size${fewest === 1 ? '' : 's'}`;
  if (G >= MIN_CURVES_TO_RESAMPLE) return { scheme: 'curves', reason: `${few}, and there are ${G} curves (≥ ${MIN_CURVES_TO_RESAMPLE})` };
  return { scheme: 'runs', reason: `${few}, and only ${G} curves (< ${MIN_CURVES_TO_RESAMPLE})` };
}

/** Row indices of one replicate under `scheme` (see {@link BootstrapScheme}). */
export function resampleScheme(scheme: BootstrapScheme, groupRows: readonly (readonly number[])[], total: number, rng: Rng): Int32Array {
  if (scheme === 'within-curves') return resampleIndices(groupRows, total, rng);
  if (scheme === 'runs') {
    const out = new Int32Array(total);
    for (let i = 0; i < total; i++) out[i] = rng.int(total);
    return out;
  }
  const picked: number[] = [];
  for (let g = 0; g < groupRows.length; g++) for (const r of groupRows[rng.int(groupRows.length)]!) picked.push(r);
  return Int32Array.from(picked);
}

/** One kind of failure and how many replicates it stopped. */
export interface ReplicateFailure {
  /** The error class and its message (`DegenerateDataError: …`), for scripts reading the JSON. */
  readonly message: string;
  /** The message alone, for what a person reads. */
  readonly text: string;
  readonly count: number;
}

/** Bootstrap samples and intervals of every quantity in `QUANTITY_KEYS`. */
export interface BootstrapSummary {
  readonly scheme: BootstrapScheme;
  /** Why the scheme was chosen. */
  readonly schemeReason: string;
  /** Loud warnings about the intervals (e.g. zero width), empty when none. */
  readonly warnings: readonly string[];
  readonly replicates: number;
  readonly seed: number;
  readonly level: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Distinct failure messages, most frequent first. */
  readonly failures: readonly ReplicateFailure[];
  /** Values of the successful replicates; null for quantities the method does not report. */
  readonly samples: Readonly<Record<QuantityKey, Float64Array | null>>;
  /** Percentile interval [lo, hi]; null for quantities the method does not report. */
  readonly intervals: Readonly<Record<QuantityKey, readonly [number, number] | null>>;
}

/**
 * Row indices of one replicate: within each group, `size` draws with replacement.
 * @param groupRows row indices of each group, in a fixed order
 */
export function resampleIndices(groupRows: readonly (readonly number[])[], total: number, rng: Rng): Int32Array {
  const out = new Int32Array(total);
  let k = 0;
  for (const rows of groupRows) {
    for (let i = 0; i < rows.length; i++) out[k++] = rows[rng.int(rows.length)]!;
  }
  return out;
}

/** Row indices of each group, groups in ascending order of their key and rows in file order. */
export function groupRowIndices(groups: Float64Array): number[][] {
  const map = new Map<number, number[]>();
  groups.forEach((g, i) => {
    const rows = map.get(g);
    if (rows) rows.push(i);
    else map.set(g, [i]);
  });
  return [...map.keys()].sort((x, y) => x - y).map((g) => map.get(g)!);
}

// One home for the quantile and the percentile interval (src/util/stats.ts).
export { percentileInterval, quantileSorted } from '../util/stats.ts';

/**
 * Fits the chunks on the project's worker pool (src/util/worker-pool.ts), one
 * chunk per task input: inline for one job or one chunk, else worker threads;
 * outcomes in chunk order either way.
 */
async function runChunks(chunks: BootstrapChunk[], jobs: number, onDone: (n: number) => void): Promise<ReplicateOutcome[]> {
  const pool = createWorkerPool(jobs);
  try {
    const parts = await pool.map(runReplicatesTask, chunks, {
      chunkSize: 1,
      onDone: (done) => {
        for (const c of done) onDone(c.replicates.length);
      },
    });
    return parts.flat();
  } finally {
    await pool.close();
  }
}

/**
 * Resamples and refits `options.replicates` times and returns percentile
 * intervals of every reported quantity.
 * @throws BootstrapError when fewer than two replicates succeed
 */
export async function bootstrapFit(
  input: FitInput,
  spec: MethodSpec,
  scales: Scales,
  targetCompute: number,
  groupingNote: string,
  options: BootstrapOptions,
): Promise<BootstrapSummary> {
  const { replicates, seed, level, jobs } = options;
  const rng = new Rng(seed);
  const groupRows = groupRowIndices(input.groups);
  const { scheme, reason } = chooseScheme(input.N, groupRows);
  const indices = Array.from({ length: replicates }, () => resampleScheme(scheme, groupRows, input.N.length, rng));
  const cpus = options.cpus ?? availableParallelism();
  // More threads than CPUs or than replicates only cost memory and start-up time.
  const workers = Math.max(1, Math.min(jobs, replicates, cpus));
  if (workers < jobs) {
    options.onNote?.(`--jobs ${jobs} capped at ${workers} (${workers === replicates ? `${replicates} replicates` : `${cpus} CPUs`})`);
  }
  const size = Math.max(1, Math.ceil(replicates / (4 * workers)));
  const chunks: BootstrapChunk[] = [];
  for (let s = 0; s < replicates; s += size) {
    chunks.push({ input, spec, scales, targetCompute, groupingNote, replicates: indices.slice(s, s + size) });
  }
  let done = 0;
  const outcomes = await runChunks(chunks, workers, (n) => {
    done += n;
    options.onProgress?.(done, replicates);
  });

  const ok = outcomes.filter((o): o is Extract<ReplicateOutcome, { ok: true }> => o.ok);
  const failureCounts = new Map<string, ReplicateFailure>();
  for (const o of outcomes) {
    if (o.ok) continue;
    const message = `${o.kind}: ${o.text}`;
    const seen = failureCounts.get(message);
    failureCounts.set(message, { message, text: o.text, count: (seen?.count ?? 0) + 1 });
  }
  const failures = [...failureCounts.values()].sort((x, y) => y.count - x.count);
  if (ok.length < 2) {
    const why = failures.length > 0 ? `; the most common failure: ${failures[0]!.text}` : '';
    throw new BootstrapError(`--bootstrap ${replicates}: only ${ok.length} of ${replicates} replicates could be fitted${why}`);
  }

  const samples = {} as Record<QuantityKey, Float64Array | null>;
  const intervals = {} as Record<QuantityKey, readonly [number, number] | null>;
  QUANTITY_KEYS.forEach((key, j) => {
    if (ok.some((o) => o.values[j] === null)) {
      samples[key] = null;
      intervals[key] = null;
      return;
    }
    const v = Float64Array.from(ok, (o) => o.values[j] as number);
    samples[key] = v;
    intervals[key] = percentileInterval(v, level);
  });
  const warnings = zeroWidthWarnings(intervals, scheme);
  return { scheme, schemeReason: reason, warnings, replicates, seed, level, succeeded: ok.length, failed: replicates - ok.length, failures, samples, intervals };
}
