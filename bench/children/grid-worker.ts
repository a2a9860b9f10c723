/**
 * A worker thread of the threaded grid: instantiates the core once (from the
 * compiled module in workerData), receives the data and axes once, then
 * scans the α rows [from, to) against every β per 'run' message and replies
 * with its best cell (index relative to row `from`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { kernelsFromModule, type PreparedData } from '../../src/kernels/index.ts';

export interface InitMessage {
  readonly kind: 'init';
  readonly n: number;
  readonly lnN: Float64Array;
  readonly lnD: Float64Array;
  readonly L: Float64Array;
  readonly alphas: Float64Array;
  readonly betas: Float64Array;
}
export interface RunMessage {
  readonly kind: 'run';
  readonly from: number;
  readonly to: number;
}
export interface BestMessage {
  readonly bestIndex: number;
  readonly rss: number;
  readonly E: number;
  readonly A: number;
  readonly B: number;
}

const k = kernelsFromModule((workerData as { module: WebAssembly.Module }).module);
let data: PreparedData | null = null;
let alphas: Float64Array = new Float64Array(0);
let betas: Float64Array = new Float64Array(0);

parentPort!.on('message', (m: InitMessage | RunMessage) => {
  if (m.kind === 'init') {
    data = { n: m.n, lnN: m.lnN, lnD: m.lnD, L: m.L, id: 1 };
    alphas = m.alphas;
    betas = m.betas;
    parentPort!.postMessage({ bestIndex: -1, rss: NaN, E: NaN, A: NaN, B: NaN } satisfies BestMessage);
    return;
  }
  const g = k.vpnlsGrid(data!, alphas.subarray(m.from, m.to), betas);
  parentPort!.postMessage({ bestIndex: g.bestIndex, rss: g.rss, E: g.E, A: g.A, B: g.B } satisfies BestMessage);
});
