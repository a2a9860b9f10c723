/**
 * Messages between the page and its Web Workers. Only plain data crosses
 * (typed arrays, numbers, strings), as with the CLI's worker threads, so a
 * worker's numbers are the main thread's.
 */
import type { BootstrapChunk, ReplicateOutcome } from '../src/cli/bootstrap-replicates.ts';
import type { PlanOptions } from '../src/plan/options.ts';

export type ToWorker =
  | { readonly type: 'init'; readonly wasm: Uint8Array | null }
  | { readonly type: 'chunk'; readonly id: number; readonly chunk: BootstrapChunk }
  | { readonly type: 'plan'; readonly id: number; readonly options: PlanOptions };

export type FromWorker =
  | { readonly type: 'chunk'; readonly id: number; readonly outcomes: ReplicateOutcome[] }
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly type: 'plan'; readonly id: number; readonly json: string; readonly text: string; readonly ms: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
