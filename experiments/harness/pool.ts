/**
 * Worker pool for Monte Carlo sweeps. A task is a named, exported, pure
 * function of one structured-cloneable input (configuration plus
 * seed-derived values); `map` returns outputs in input order, so results are
 * identical for any number of jobs. With one job the function runs inline;
 * with more, tinypool threads each import the task's module once (the
 * worker entry registers tsx, so workers load the TypeScript sources
 * whether the parent runs under tsx, vitest or plain Node).
 *
 * @example
 * // in experiments/exp7-….ts:
 * export function fitRepeat(input: RepeatInput): RepeatOutput { … }
 * export const fitRepeatTask = defineTask(import.meta.url, 'fitRepeat', fitRepeat);
 * // in run():
 * const outputs = await ctx.pool.map(fitRepeatTask, inputs, { label: 'repeats', progress: ctx.progress });
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import type { Progress } from './progress.ts';

/** A reference to an exported task function that workers can import by module URL and name. */
export interface TaskRef<I, O> {
  /** `import.meta.url` of the module that exports the function. */
  readonly module: string;
  /** Export name of the function in that module. */
  readonly name: string;
  /** The function itself, run inline when there is one job. */
  readonly fn: (input: I) => O | Promise<O>;
}

/** Declares a task: pass the defining module's `import.meta.url`, the export name and the function. */
export function defineTask<I, O>(moduleUrl: string, name: string, fn: (input: I) => O | Promise<O>): TaskRef<I, O> {
  if (!moduleUrl.startsWith('file:')) throw new RangeError(`defineTask: module must be a file: URL (import.meta.url), got ${moduleUrl}`);
  return Object.freeze({ module: moduleUrl, name, fn });
}

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

/** `--jobs` default: the number of CPUs Node may use. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** The worker entry module (plain JS, so it loads before tsx is registered). */
export const WORKER_ENTRY_URL = new URL('./worker-entry.mjs', import.meta.url);

/** Message sent to a worker: one chunk of inputs for one task. */
export interface WorkerChunk {
  readonly module: string;
  readonly name: string;
  readonly inputs: readonly unknown[];
}

/** Creates a pool of `jobs` workers (started lazily on the first parallel `map`). */
export function createTaskPool(jobs: number = defaultJobs()): TaskPool {
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new RangeError(`createTaskPool: jobs must be a positive integer, got ${jobs}`);
  let pool: Tinypool | null = null;
  let closed = false;

  async function map<I, O>(task: TaskRef<I, O>, inputs: readonly I[], options: MapOptions = {}): Promise<O[]> {
    if (closed) throw new Error('TaskPool.map: the pool is closed');
    const tick = options.progress?.start(options.label ?? task.name, inputs.length);
    try {
      if (jobs === 1 || inputs.length <= 1) {
        const out: O[] = [];
        for (const input of inputs) {
          out.push(await task.fn(input));
          tick?.tick();
        }
        return out;
      }
      pool ??= new Tinypool({
        filename: WORKER_ENTRY_URL.href,
        minThreads: jobs,
        maxThreads: jobs,
        isolateWorkers: false,
        execArgv: [],
      });
      const size = options.chunkSize ?? Math.max(1, Math.ceil(inputs.length / (4 * jobs)));
      const chunks: Promise<O[]>[] = [];
      for (let start = 0; start < inputs.length; start += size) {
        const slice = inputs.slice(start, start + size);
        const message: WorkerChunk = { module: task.module, name: task.name, inputs: slice };
        chunks.push(
          (pool.run(message) as Promise<O[]>).then((res) => {
            tick?.tick(slice.length);
            return res;
          }),
        );
      }
      return (await Promise.all(chunks)).flat() as O[];
    } finally {
      tick?.done();
    }
  }

  return {
    jobs,
    map,
    async close() {
      closed = true;
      if (pool) {
        const p = pool;
        pool = null;
        await p.destroy();
      }
    },
  };
}
