/**
 * Entry of the page (results/app/index.html): loads the WebAssembly core
 * from the base64 in the page (or falls back to the TypeScript twin), starts
 * the worker pools, wires the two tabs, loads the first example and fits it.
 * `window.__app` exposes timings and the last JSON for the browser test.
 */
import { kernelsFromModule, setKernels, tsKernels } from '../src/kernels/index.ts';
import { el } from './dom.ts';
import { FitTab, type FitState } from './fit-tab.ts';
import { PlanTab } from './plan-tab.ts';
import { WorkerPool } from './workers.ts';

interface AppDebug {
  engine: 'wasm' | 'ts';
  /** Per fit: time to the numbers (parse, filter, fit) and to everything drawn (Plotly's synchronous part included). */
  fitMs: Array<{ compute: number; total: number }>;
  bootstrapMs: Array<{ replicates: number; ms: number }>;
  planMs: number[];
  lastFitJson: string | null;
  lastPlanJson: string | null;
}

declare global {
  interface Window {
    __app?: AppDebug;
  }
}

function decodeBase64(text: string): Uint8Array {
  const bin = atob(text.trim());
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Most workers the bootstrap starts: more rarely helps a page and costs memory. */
const MAX_WORKERS = 8;

function start(): void {
  let wasm: Uint8Array | null = null;
  let engine: 'wasm' | 'ts' = 'ts';
  let note = '';
  try {
    if (typeof WebAssembly === 'undefined') throw new Error('WebAssembly is not available in this browser');
    wasm = decodeBase64(el('core-wasm').textContent ?? '');
    setKernels(kernelsFromModule(wasm));
    engine = 'wasm';
  } catch (e) {
    wasm = null;
    setKernels(tsKernels);
    note = `: ${(e as Error).message}`;
  }
  el('engine').textContent = engine === 'wasm' ? 'WebAssembly core' : `TypeScript kernels${note}`;
  const debug: AppDebug = { engine, fitMs: [], bootstrapMs: [], planMs: [], lastFitJson: null, lastPlanJson: null };
  window.__app = debug;

  const workerJs = el('worker-js').textContent ?? '';
  const cores = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 2));
  const bootPool = new WorkerPool(workerJs, wasm, cores);
  const planPool = new WorkerPool(workerJs, wasm, 1);

  let plan: PlanTab | null = null;
  const fit = new FitTab(bootPool, () => el('plotly-js').textContent ?? '', {
    onFit: (s: FitState, ms: number, computeMs: number) => {
      if (ms > 0) debug.fitMs.push({ compute: computeMs, total: ms });
      debug.lastFitJson = s.json;
      plan?.surfaceNote();
    },
    onBootstrap: (ms, replicates) => debug.bootstrapMs.push({ replicates, ms }),
  });
  plan = new PlanTab(planPool, () => fit.state, {
    onPlan: (json, ms) => {
      debug.lastPlanJson = json;
      debug.planMs.push(ms);
    },
  });

  const tabs = [
    ['tabbtn-fit', 'tab-fit'],
    ['tabbtn-plan', 'tab-plan'],
  ] as const;
  for (const [btn, panel] of tabs) {
    el(btn).addEventListener('click', () => {
      for (const [b, p] of tabs) {
        el(b).setAttribute('aria-selected', String(b === btn));
        el(p).hidden = p !== panel;
      }
      // Plotly sizes figures to their container; redraw sizes when the Fit tab comes back.
      window.dispatchEvent(new Event('resize'));
    });
  }

  const first = el('example-0');
  fit.load({ name: first.dataset.name ?? 'example.csv', text: first.textContent ?? '' });
  document.body.dataset.ready = '1';
}

start();
