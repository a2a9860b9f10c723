/**
 * A grid split across worker threads: the α rows are cut into one
 * contiguous block per worker, each worker scans its block against every β
 * with its own instance of the core (instantiated once), and the best cells
 * are merged (least RSS; ties to the lower row-major index, as one scan would).
 * A timed run includes posting the work and receiving the answers.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { GridResult, PreparedData } from '../src/kernels/index.ts';
import { ROOT } from './library.ts';
import type { BestMessage, InitMessage, RunMessage } from './children/grid-worker.ts';

export interface ThreadedGrid {
  /** One scan of the whole grid; resolves to the merged best cell. */
  run(): Promise<Omit<GridResult, 'surface'>>;
  close(): Promise<void>;
}

export async function threadedGrid(wasmPath: string, data: PreparedData, alphas: Float64Array, betas: Float64Array, threads: number): Promise<ThreadedGrid> {
  const module = new WebAssembly.Module(readFileSync(wasmPath));
  // A worker does not inherit tsx from `--import` on Node 20: the plain-JS
  // shim registers it, then imports the TypeScript worker named in workerData.
  const shim = pathToFileURL(join(ROOT, 'bench', 'children', 'tsx-worker.mjs'));
  const entry = pathToFileURL(join(ROOT, 'bench', 'children', 'grid-worker.ts')).href;
  const workers = Array.from({ length: threads }, () => new Worker(shim, { workerData: { module, entry } }));
  const ask = (w: Worker, m: InitMessage | RunMessage): Promise<BestMessage> =>
    new Promise((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      w.once('error', onError);
      w.once('message', (reply: BestMessage) => {
        w.off('error', onError);
        resolve(reply);
      });
      w.postMessage(m);
    });
  const init: InitMessage = { kind: 'init', n: data.n, lnN: data.lnN, lnD: data.lnD, L: data.L, alphas, betas };
  await Promise.all(workers.map((w) => ask(w, init)));
  const na = alphas.length;
  const nb = betas.length;
  const blocks = workers.map((_, i) => ({ from: Math.floor((i * na) / threads), to: Math.floor(((i + 1) * na) / threads) }));
  return {
    async run() {
      const replies = await Promise.all(workers.map((w, i) => ask(w, { kind: 'run', ...blocks[i] })));
      let best: BestMessage = { bestIndex: -1, rss: Infinity, E: 0, A: 0, B: 0 };
      replies.forEach((r, i) => {
        if (r.bestIndex < 0) return;
        const idx = r.bestIndex + blocks[i].from * nb;
        if (r.rss < best.rss || (r.rss === best.rss && idx < best.bestIndex)) best = { ...r, bestIndex: idx };
      });
      const alphaIndex = best.bestIndex >= 0 ? Math.floor(best.bestIndex / nb) : -1;
      const betaIndex = best.bestIndex >= 0 ? best.bestIndex % nb : -1;
      return {
        ...best,
        alphaIndex,
        betaIndex,
        alpha: alphaIndex >= 0 ? alphas[alphaIndex] : NaN,
        beta: betaIndex >= 0 ? betas[betaIndex] : NaN,
      };
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
