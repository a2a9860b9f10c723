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
import { drawReplicates, summariseReplicates, type BootstrapSummary } from './bootstrap-core.ts';
import { runReplicatesTask, type BootstrapChunk, type ReplicateOutcome } from './bootstrap-worker.ts';
import type { FitInput, MethodSpec, Scales } from './fit-core.ts';

// The thread-free part (scheme, resampling, summary) lives in ./bootstrap-core.ts so the web page can use it.
export * from './bootstrap-core.ts';

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
  const { scheme, reason, indices } = drawReplicates(input, replicates, seed);
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
  return summariseReplicates(outcomes, { replicates, seed, level, scheme, reason });
}
