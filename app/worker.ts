/**
 * The page's Web Worker (bundled separately, started from a blob: URL):
 * fits bootstrap chunks with the CLI's `runReplicates` and runs the sweep
 * planner, on the WebAssembly core the page hands over.
 */
import { runReplicates } from '../src/cli/bootstrap-replicates.ts';
import { kernelsFromModule, setKernels, tsKernels } from '../src/kernels/index.ts';
import { formatPlanJson, formatPlanText } from '../src/plan/format.ts';
import { runPlan } from '../src/plan/plan.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const post = (m: FromWorker): void => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m);

/** Progress is posted at most this often (ms), so messages do not flood the page. */
const PROGRESS_INTERVAL_MS = 50;

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  if (m.type === 'init') {
    setKernels(m.wasm ? kernelsFromModule(m.wasm) : tsKernels);
    return;
  }
  try {
    if (m.type === 'chunk') {
      post({ type: 'chunk', id: m.id, outcomes: runReplicates(m.chunk) });
    } else {
      const t0 = performance.now();
      let last = 0;
      const result = runPlan(m.options, {
        onProgress: (done, total) => {
          const now = performance.now();
          if (now - last >= PROGRESS_INTERVAL_MS || done === total) {
            last = now;
            post({ type: 'progress', id: m.id, done, total });
          }
        },
      });
      post({ type: 'plan', id: m.id, json: formatPlanJson(result), text: formatPlanText(result), ms: performance.now() - t0 });
    }
  } catch (e) {
    post({ type: 'error', id: m.id, message: e instanceof Error ? e.message : String(e) });
  }
};
