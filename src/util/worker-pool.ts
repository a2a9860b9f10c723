/**
 * One worker-pool wrapper for the whole project (Node only): the `fit`
 * command's bootstrap and the experiments' Monte Carlo sweeps. A task is a
 * named, exported, pure function of one structured-cloneable input;
 * {@link WorkerPool.map} returns the outputs in input order, so results are
 * identical for any number of jobs. With one job (or one input) the function
 * runs inline; otherwise tinypool threads each import the task's module once.
 *
 * The worker entry is {@link workerEntryUrl}: from the TypeScript sources
 * (tsx, vitest) a plain-JavaScript shim registers tsx first, so task modules
 * load from their `.ts` files whatever flags the parent ran with; from
 * `dist/` the compiled entry loads the compiled task modules directly.
 *
 * @example
 * export function fitRepeat(input: RepeatInput): RepeatOutput { … }
 * export const fitRepeatTask = defineTask(import.meta.url, 'fitRepeat', fitRepeat);
 * const pool = createWorkerPool(4);
 * try { outputs = await pool.map(fitRepeatTask, inputs); } finally { await pool.close(); }
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';

/** A reference to an exported task function that workers can import by module URL and export name. */
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

/** Message sent to a worker: one chunk of inputs for one task. */
export interface WorkerChunk {
  readonly module: string;
  readonly name: string;
  readonly inputs: readonly unknown[];
}

export interface WorkerMapOptions<I> {
  /** Inputs per message to a worker. Default: about four chunks per job. */
  readonly chunkSize?: number;
  /** Called once per finished chunk (inline: per input) with the inputs it covered. */
  readonly onDone?: (inputs: readonly I[]) => void;
}

export interface WorkerPool {
  /** Number of parallel jobs (1 = inline). */
  readonly jobs: number;
  /** Runs `task` on every input; outputs in input order. Rejects with the first task error. */
  map<I, O>(task: TaskRef<I, O>, inputs: readonly I[], options?: WorkerMapOptions<I>): Promise<O[]>;
  /** Stops the worker threads (idempotent); `map` afterwards rejects. */
  close(): Promise<void>;
}

/** Default number of jobs: the CPUs Node may use. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** URL of the worker entry: the tsx-registering shim when running from sources, else the compiled entry. */
export function workerEntryUrl(): string {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('./worker-entry-tsx.mjs', here).href : new URL('./worker-entry.js', here).href;
}

/** Creates a pool of `jobs` worker threads, started lazily on the first parallel `map`. */
export function createWorkerPool(jobs: number = defaultJobs()): WorkerPool {
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new RangeError(`createWorkerPool: jobs must be a positive integer, got ${jobs}`);
  let pool: Tinypool | null = null;
  let closed = false;

  async function map<I, O>(task: TaskRef<I, O>, inputs: readonly I[], options: WorkerMapOptions<I> = {}): Promise<O[]> {
    if (closed) throw new Error('WorkerPool.map: the pool is closed');
    if (jobs === 1 || inputs.length <= 1) {
      const out: O[] = [];
      for (const input of inputs) {
        out.push(await task.fn(input));
        options.onDone?.([input]);
      }
      return out;
    }
    pool ??= new Tinypool({
      filename: workerEntryUrl(),
      minThreads: jobs,
      maxThreads: jobs,
      isolateWorkers: false,
      // The entry sets up TypeScript itself when needed; don't inherit tsx's or vitest's flags.
      execArgv: [],
    });
    const size = options.chunkSize ?? Math.max(1, Math.ceil(inputs.length / (4 * jobs)));
    const chunks: Promise<O[]>[] = [];
    for (let start = 0; start < inputs.length; start += size) {
      const slice = inputs.slice(start, start + size);
      const message: WorkerChunk = { module: task.module, name: task.name, inputs: slice };
      chunks.push(
        (pool.run(message) as Promise<O[]>).then((res) => {
          options.onDone?.(slice);
          return res;
        }),
      );
    }
    return (await Promise.all(chunks)).flat() as O[];
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
