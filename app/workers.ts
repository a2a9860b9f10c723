/**
 * A small pool of Web Workers started from the worker bundle embedded in the
 * page (a blob: URL; the page's CSP allows `worker-src blob:`). Bootstrap
 * chunks go to whichever worker is free; cancelling terminates the workers,
 * which stops their fits at once, and the next job starts fresh ones.
 */
import type { BootstrapChunk, ReplicateOutcome } from '../src/cli/bootstrap-replicates.ts';
import type { PlanOptions } from '../src/plan/options.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

export class Cancelled extends Error {
  override name = 'Cancelled';
}

export class WorkerPool {
  private workers: Worker[] = [];
  private url: string | null = null;
  private nextId = 1;
  private rejectAll: Array<(e: Error) => void> = [];

  constructor(
    private readonly source: string,
    private readonly wasm: Uint8Array | null,
    readonly size: number,
  ) {}

  private start(n: number): Worker[] {
    if (this.url === null) this.url = URL.createObjectURL(new Blob([this.source], { type: 'text/javascript' }));
    while (this.workers.length < n) {
      const w = new Worker(this.url);
      w.postMessage({ type: 'init', wasm: this.wasm } satisfies ToWorker);
      this.workers.push(w);
    }
    return this.workers.slice(0, n);
  }

  /** Stops every running job; their promises reject with {@link Cancelled}. */
  cancel(): void {
    for (const w of this.workers) w.terminate();
    this.workers = [];
    const rejects = this.rejectAll;
    this.rejectAll = [];
    for (const r of rejects) r(new Cancelled('cancelled'));
  }

  private call<T>(
    w: Worker,
    msg: ToWorker & { id: number },
    onMessage: (m: FromWorker, resolve: (v: T) => void, reject: (e: Error) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.rejectAll.push(reject);
      const done = (): void => {
        w.removeEventListener('message', listener);
        this.rejectAll = this.rejectAll.filter((r) => r !== reject);
      };
      const listener = (ev: MessageEvent<FromWorker>): void => {
        const m = ev.data;
        if (m.id !== msg.id) return;
        if (m.type === 'error') {
          done();
          reject(new Error(m.message));
          return;
        }
        onMessage(
          m,
          (v) => {
            done();
            resolve(v);
          },
          reject,
        );
      };
      w.addEventListener('message', listener);
      w.addEventListener('error', (e) => reject(new Error(`worker failed: ${e.message}`)), { once: true });
      w.postMessage(msg);
    });
  }

  /** Runs the chunks on the workers; outcomes in chunk order. */
  async runChunks(chunks: readonly BootstrapChunk[], onChunk: (replicates: number) => void): Promise<ReplicateOutcome[]> {
    const workers = this.start(Math.min(this.size, chunks.length));
    const results: ReplicateOutcome[][] = new Array(chunks.length);
    let next = 0;
    const loop = async (w: Worker): Promise<void> => {
      while (next < chunks.length) {
        const k = next++;
        const id = this.nextId++;
        results[k] = await this.call<ReplicateOutcome[]>(w, { type: 'chunk', id, chunk: chunks[k]! }, (m, resolve) => {
          if (m.type === 'chunk') resolve(m.outcomes);
        });
        onChunk(chunks[k]!.replicates.length);
      }
    };
    await Promise.all(workers.map(loop));
    return results.flat();
  }

  /** Runs the planner in a worker. */
  runPlan(options: PlanOptions, onProgress: (done: number, total: number) => void): Promise<{ json: string; text: string; ms: number }> {
    const [w] = this.start(1);
    const id = this.nextId++;
    return this.call(w!, { type: 'plan', id, options }, (m, resolve) => {
      if (m.type === 'progress') onProgress(m.done, m.total);
      else if (m.type === 'plan') resolve({ json: m.json, text: m.text, ms: m.ms });
    });
  }
}
