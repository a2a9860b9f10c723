/**
 * Bootstrap replicates of the `envelope` and `compare` subcommands: run a
 * replicate task over pre-drawn inputs on the project's worker pool (outputs
 * in input order, so identical for any `--jobs`) and summarise the values
 * into percentile intervals, counting failures (specs/cli.md "Bootstrap").
 */
import { availableParallelism } from 'node:os';
import { percentileInterval } from '../util/stats.ts';
import { createWorkerPool, type TaskRef } from '../util/worker-pool.ts';
import type { Rng } from '../util/rng.ts';
import { BootstrapError, chooseScheme, groupRowIndices, resampleScheme, type BootstrapScheme, type ReplicateFailure } from './bootstrap-core.ts';
import type { ReplicateValues } from './envelope-core.ts';

export interface ReplicateRunOptions {
  readonly jobs: number;
  /** CPUs available; default the number of CPUs. */
  readonly cpus?: number;
  readonly onNote?: (note: string) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Runs `task` on every input with at most min(jobs, inputs, CPUs) threads. */
export async function runReplicates<I>(task: TaskRef<I, ReplicateValues>, inputs: readonly I[], o: ReplicateRunOptions): Promise<ReplicateValues[]> {
  const cpus = o.cpus ?? availableParallelism();
  const jobs = Math.max(1, Math.min(o.jobs, inputs.length, cpus));
  if (jobs < o.jobs) o.onNote?.(`--jobs ${o.jobs} capped at ${jobs} (${jobs === inputs.length ? `${inputs.length} replicates` : `${cpus} CPUs`})`);
  const pool = createWorkerPool(jobs);
  let done = 0;
  try {
    return await pool.map(task, inputs, {
      onDone: (covered) => {
        done += covered.length;
        o.onProgress?.(done, inputs.length);
      },
    });
  } finally {
    await pool.close();
  }
}

/** Intervals of named values over the successful replicates. */
export interface ValueSummary<K extends string> {
  readonly replicates: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly failures: readonly ReplicateFailure[];
  readonly level: number;
  /** Values of the successful replicates, in replicate order. */
  readonly samples: Readonly<Record<K, Float64Array>>;
  readonly intervals: Readonly<Record<K, readonly [number, number]>>;
}

/**
 * Percentile intervals of every key (the replicates' values in `keys` order).
 * @throws BootstrapError when fewer than two replicates succeed
 */
export function summariseValues<K extends string>(outcomes: readonly ReplicateValues[], keys: readonly K[], level: number): ValueSummary<K> {
  const ok = outcomes.filter((x): x is Extract<ReplicateValues, { ok: true }> => x.ok);
  const counts = new Map<string, ReplicateFailure>();
  for (const x of outcomes) {
    if (x.ok) continue;
    const message = `${x.kind}: ${x.text}`;
    counts.set(message, { message, text: x.text, count: (counts.get(message)?.count ?? 0) + 1 });
  }
  const failures = [...counts.values()].sort((a, b) => b.count - a.count);
  if (ok.length < 2) {
    const why = failures.length > 0 ? `; the most common failure: ${failures[0]!.text}` : '';
    throw new BootstrapError(`--bootstrap ${outcomes.length}: only ${ok.length} of ${outcomes.length} replicates could be fitted${why}`);
  }
  const samples = {} as Record<K, Float64Array>;
  const intervals = {} as Record<K, readonly [number, number]>;
  keys.forEach((k, j) => {
    samples[k] = Float64Array.from(ok, (x) => x.values[j]!);
    intervals[k] = percentileInterval(samples[k], level);
  });
  return { replicates: outcomes.length, succeeded: ok.length, failed: outcomes.length - ok.length, failures, level, samples, intervals };
}

/** Seeded row indices of every replicate (within curves, whole curves or runs, as `fit` chooses). */
export function drawIndices(
  N: Float64Array,
  groups: Float64Array,
  replicates: number,
  rng: Rng,
): { scheme: BootstrapScheme; reason: string; indices: Int32Array[] } {
  const groupRows = groupRowIndices(groups);
  const { scheme, reason } = chooseScheme(N, groupRows);
  return { scheme, reason, indices: Array.from({ length: replicates }, () => resampleScheme(scheme, groupRows, N.length, rng)) };
}
