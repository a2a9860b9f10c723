/**
 * The experiments' task pool: the project's one worker pool
 * (src/util/worker-pool.ts) with progress reporting. A task is a named,
 * exported, pure function of one structured-cloneable input (configuration
 * plus seed-derived values), declared with `defineTask`; `map` returns
 * outputs in input order, so results are identical for any number of jobs.
 *
 * @example
 * // in experiments/exp7/fits.ts:
 * export function fitRepeat(input: RepeatInput): RepeatOutput { … }
 * export const fitRepeatTask = defineTask(import.meta.url, 'fitRepeat', fitRepeat);
 * // in run():
 * const outputs = await ctx.pool.map(fitRepeatTask, inputs, { label: 'repeats', progress: ctx.progress });
 */
import { createWorkerPool, defaultJobs, defineTask, type TaskRef } from '../../src/util/worker-pool.ts';
import type { Progress } from './progress.ts';

export { defaultJobs, defineTask, type TaskRef };

export interface MapOptions {
  /** Progress label; with `progress`, one tick per finished input. */
  label?: string;
  progress?: Progress;
  /** Inputs per message to a worker. Default: about four chunks per job. */
  chunkSize?: number;
}

export interface TaskPool {
  /** Number of parallel jobs (1 = inline). */
  readonly jobs: number;
  /** Runs `task` on every input; outputs in input order. Rejects with the first task error. */
  map<I, O>(task: TaskRef<I, O>, inputs: readonly I[], options?: MapOptions): Promise<O[]>;
  /** Stops the worker threads (idempotent). */
  close(): Promise<void>;
}

/** Creates a pool of `jobs` workers (started lazily on the first parallel `map`). */
export function createTaskPool(jobs: number = defaultJobs()): TaskPool {
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new RangeError(`createTaskPool: jobs must be a positive integer, got ${jobs}`);
  const pool = createWorkerPool(jobs);
  let closed = false;
  return {
    jobs,
    async map<I, O>(task: TaskRef<I, O>, inputs: readonly I[], options: MapOptions = {}): Promise<O[]> {
      if (closed) throw new Error('TaskPool.map: the pool is closed');
      const tick = options.progress?.start(options.label ?? task.name, inputs.length);
      try {
        return await pool.map(task, inputs, {
          ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
          onDone: (done) => tick?.tick(done.length),
        });
      } finally {
        tick?.done();
      }
    },
    async close() {
      closed = true;
      await pool.close();
    },
  };
}
