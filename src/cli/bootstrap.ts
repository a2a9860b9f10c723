/**
 * Seeded case-resampling bootstrap with percentile intervals.
 *
 * Each replicate draws, within every IsoFLOP group, as many points as the
 * group has, uniformly with replacement (so every group keeps its size and
 * Approach 2 still sees every budget), and refits with the same method,
 * scales and target budget. The row indices of all replicates are drawn in
 * the main thread from one generator seeded with `seed`, so the output
 * depends only on the data, the options and the seed — not on the number of
 * worker threads. Replicates that fail (e.g. a resampled group with fewer
 * than three distinct model sizes for Approach 2) are counted and left out.
 */
import Tinypool from 'tinypool';
import { FitError } from '../fit/errors.ts';
import { Rng } from '../util/rng.ts';
import { percentileInterval } from '../util/stats.ts';
import { runReplicates, type BootstrapChunk, type ReplicateOutcome } from './bootstrap-worker.ts';
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
}

/** One kind of failure and how many replicates it stopped. */
export interface ReplicateFailure {
  readonly message: string;
  readonly count: number;
}

/** Bootstrap samples and intervals of every quantity in `QUANTITY_KEYS`. */
export interface BootstrapSummary {
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

/** URL of the worker module: the TypeScript one through a tsx-registering entry when running from sources, else the compiled one. */
export function bootstrapWorkerUrl(): string {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('./bootstrap-worker-tsx.mjs', here).href : new URL('./bootstrap-worker.js', here).href;
}

async function runChunks(chunks: BootstrapChunk[], jobs: number, onDone: (n: number) => void): Promise<ReplicateOutcome[]> {
  if (jobs <= 1 || chunks.length <= 1) {
    const out: ReplicateOutcome[] = [];
    for (const c of chunks) {
      out.push(...runReplicates(c));
      onDone(c.replicates.length);
    }
    return out;
  }
  const pool = new Tinypool({
    filename: bootstrapWorkerUrl(),
    minThreads: jobs,
    maxThreads: jobs,
    isolateWorkers: false,
    // The worker entry sets up TypeScript itself when needed; don't inherit tsx's or vitest's flags.
    execArgv: [],
  });
  try {
    const parts = await Promise.all(
      chunks.map((c) =>
        (pool.run(c) as Promise<ReplicateOutcome[]>).then((res) => {
          onDone(c.replicates.length);
          return res;
        }),
      ),
    );
    return parts.flat();
  } finally {
    await pool.destroy();
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
  const indices = Array.from({ length: replicates }, () => resampleIndices(groupRows, input.N.length, rng));
  const workers = Math.max(1, Math.min(jobs, replicates));
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
  const failureCounts = new Map<string, number>();
  for (const o of outcomes) if (!o.ok) failureCounts.set(o.error, (failureCounts.get(o.error) ?? 0) + 1);
  const failures = [...failureCounts].map(([message, count]) => ({ message, count })).sort((x, y) => y.count - x.count);
  if (ok.length < 2) {
    const why = failures.length > 0 ? `; the most common failure: ${failures[0]!.message}` : '';
    throw new BootstrapError(`bootstrap: only ${ok.length} of ${replicates} replicates could be fitted${why}`);
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
  return { replicates, seed, level, succeeded: ok.length, failed: replicates - ok.length, failures, samples, intervals };
}
