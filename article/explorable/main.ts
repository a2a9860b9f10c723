/**
 * Browser entry of the explorable: instantiates the WebAssembly core from
 * the base64 bytes in the page (or falls back to the TypeScript twin),
 * reads the controls, recomputes once per animation frame on every input,
 * and redraws two Plotly views and the readout. Failures of a fit show the
 * typed error's message; no NaN reaches the screen.
 */
import { kernelsFromModule, setKernels, tsKernels, type Kernels } from '../../src/kernels/index.ts';
import { computeExplorable, type ExplorableResult } from './compute.ts';
import { curvesFigure, lawFigure } from './views.ts';
import { decodeState, defaultState, encodeState, PRESET_LABELS, scenarioState, type ExplorableState, type Preset } from './state.ts';
import { FIGURE_SCENARIOS } from './scenarios.ts';
import { fmtCount, fmtFlops, fmtNum, fmtPct } from './format.ts';
import { SURFACES } from '../../src/surface/index.ts';
import { EXPLORABLE_PLOT_CONFIG } from './style.ts';

interface PlotlyLike {
  react(el: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<unknown>;
}

interface ExplorableDebug {
  engine: 'wasm' | 'ts';
  state: ExplorableState;
  last: ExplorableResult | null;
  times: number[];
  recomputes: number;
  error: string | null;
}

declare global {
  interface Window {
    Plotly?: PlotlyLike;
    __explorable?: ExplorableDebug;
  }
}

/** Readout fields per method (data-out="<method>.<field>"). */
const READOUT_FIELDS = ['a', 'b', 'bErr', 'iErr', 'D', 'dErr', 'dcl', 'N', 'nErr'] as const;

function decodeBase64(text: string): Uint8Array {
  const bin = atob(text.trim());
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function chooseKernels(): { kernels: Kernels; engine: 'wasm' | 'ts'; note: string } {
  const el = document.getElementById('core-wasm');
  if (typeof WebAssembly === 'undefined') return { kernels: tsKernels, engine: 'ts', note: 'WebAssembly is not available in this browser' };
  if (!el?.textContent) return { kernels: tsKernels, engine: 'ts', note: 'the WebAssembly core is missing from the page' };
  try {
    return { kernels: kernelsFromModule(decodeBase64(el.textContent)), engine: 'wasm', note: '' };
  } catch (e) {
    return { kernels: tsKernels, engine: 'ts', note: `the WebAssembly core failed to load (${(e as Error).message})` };
  }
}

function start(): void {
  const root = document.getElementById('explorable');
  const plotly = window.Plotly;
  if (!root || !plotly) return;
  const { kernels, engine, note } = chooseKernels();
  setKernels(kernels);
  root.dataset.engine = engine;
  const badge = root.querySelector<HTMLElement>('[data-engine-badge]')!;
  badge.textContent = engine === 'wasm' ? 'WebAssembly core' : `TypeScript twin${note ? `: ${note}` : ''}`;

  let state = decodeState(location.hash) ?? defaultState();
  const debug: ExplorableDebug = { engine, state, last: null, times: [], recomputes: 0, error: null };
  window.__explorable = debug;

  const q = <T extends Element>(sel: string): T | null => root.querySelector<T>(sel);
  const out = (key: string, text: string): void => {
    const el = q<HTMLElement>(`[data-out="${key}"]`);
    if (el) el.textContent = text;
  };

  const sliderValue: Record<string, (s: ExplorableState) => number> = {
    alpha: (s) => s.alpha,
    beta: (s) => s.beta,
    k: (s) => Math.log10(s.k),
    n: (s) => s.n,
    offset: (s) => Math.log10(s.offset),
    drift: (s) => Math.log10(s.drift),
    C: (s) => Math.log10(s.C),
    sigma: (s) => s.sigma,
  };
  const shown: Record<string, (s: ExplorableState) => string> = {
    preset: (s) => PRESET_LABELS[s.preset],
    alpha: (s) => s.alpha.toFixed(3),
    beta: (s) => s.beta.toFixed(3),
    k: (s) => `±${s.k < 10 ? s.k.toFixed(1) : s.k.toFixed(0)}×`,
    n: (s) => String(s.n),
    offset: (s) => `${s.offset.toFixed(2)}×`,
    drift: (s) => `${s.drift.toFixed(2)}×`,
    C: (s) => fmtFlops(s.C),
    sigma: (s) => s.sigma.toFixed(3),
  };

  const syncControls = (): void => {
    q<HTMLSelectElement>('[data-control="preset"]')!.value = state.preset;
    for (const [id, get] of Object.entries(sliderValue)) {
      const input = q<HTMLInputElement>(`[data-control="${id}"]`);
      if (input) input.value = String(get(state));
    }
    syncShown();
  };
  const syncShown = (): void => {
    for (const [id, get] of Object.entries(shown)) {
      const el = q<HTMLElement>(`[data-value="${id}"]`);
      if (el) el.textContent = get(state);
    }
  };

  const writeHash = (): void => {
    const h = `#${encodeState(state)}`;
    try {
      history.replaceState(null, '', h);
    } catch {
      location.hash = h;
    }
  };

  const render = (r: ExplorableResult, ms: number): void => {
    const t = r.truth;
    out('true.a', fmtNum(t.a));
    out('true.b', fmtNum(t.b));
    out('true.D', fmtCount(t.D));
    out('true.N', fmtCount(t.N));
    out('true.dErr', fmtPct(0));
    out('true.nErr', fmtPct(0));
    out('true.dcl', fmtPct(0));
    out('true.bErr', fmtPct(0));
    out('true.iErr', fmtPct(0));
    const messages: string[] = [];
    for (const [key, res, label] of [
      ['a2', r.approach2, 'Approach 2'],
      ['vpnls', r.vpnls, 'VPNLS'],
    ] as const) {
      if (res.ok) {
        const fit = res.value.fit;
        const at = res.value.at;
        out(`${key}.a`, fmtNum('a' in fit ? fit.a : NaN));
        out(`${key}.b`, fmtNum('b' in fit ? fit.b : NaN));
        out(`${key}.D`, fmtCount(at.D));
        out(`${key}.N`, fmtCount(at.N));
        out(`${key}.dErr`, fmtPct(at.dErr));
        out(`${key}.nErr`, fmtPct(at.nErr));
        out(`${key}.dcl`, fmtPct(at.dclFrac));
        out(`${key}.bErr`, fmtPct(res.value.law.bErr));
        out(`${key}.iErr`, fmtPct(res.value.law.interceptErr));
      } else {
        for (const f of READOUT_FIELDS) out(`${key}.${f}`, 'fit failed');
        messages.push(`${label} failed: ${res.error}`);
      }
    }
    out('pred.centered', r.predicted.centered.ok ? fmtPct(r.predicted.centered.value) : 'n/a');
    out('pred.offset', r.predicted.withOffset.ok ? fmtPct(r.predicted.withOffset.value) : 'n/a');
    out('message', messages.join(' '));
    out('engine', engine === 'wasm' ? 'WebAssembly' : 'TypeScript twin');
    out('time', `${ms.toFixed(1)} ms`);
    const a2 = r.approach2.ok
      ? `Approach 2 D* error at ${fmtFlops(state.C)} FLOPs: ${fmtPct(r.approach2.value.at.dErr)} (deadweight compute ${fmtPct(r.approach2.value.at.dclFrac)} of C).`
      : 'Approach 2 failed on these samples.';
    const vp = r.vpnls.ok
      ? ` VPNLS: ${fmtPct(r.vpnls.value.at.dErr)} (deadweight compute ${fmtPct(r.vpnls.value.at.dclFrac)}).`
      : ' VPNLS failed on these samples.';
    const sum1 = q<HTMLElement>('[data-summary="curves"]');
    if (sum1)
      sum1.textContent = `${r.budgets.length} IsoFLOP curves of ${state.n} points each on the ${PRESET_LABELS[state.preset]} preset (α ${state.alpha.toFixed(3)}, β ${state.beta.toFixed(3)}), grid ${shown.k(state)}.`;
    const sum2 = q<HTMLElement>('[data-summary="law"]');
    if (sum2) sum2.textContent = a2 + vp;
    const curves = curvesFigure(r);
    const law = lawFigure(r, state.C);
    void plotly.react(q<HTMLElement>('#ex-plot-curves')!, curves.data, curves.layout, EXPLORABLE_PLOT_CONFIG);
    void plotly.react(q<HTMLElement>('#ex-plot-law')!, law.data, law.layout, EXPLORABLE_PLOT_CONFIG);
  };

  let scheduled = false;
  const recompute = (): void => {
    scheduled = false;
    const t0 = performance.now();
    let r: ExplorableResult;
    try {
      r = computeExplorable(state);
    } catch (e) {
      debug.error = (e as Error).message;
      out('message', `Cannot sample these settings: ${(e as Error).message}`);
      return;
    }
    const ms = performance.now() - t0;
    debug.times.push(ms);
    debug.recomputes++;
    debug.last = r;
    debug.state = { ...state };
    render(r, ms);
    root.dataset.state = 'ready';
    writeHash();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(recompute);
  };

  root.addEventListener('input', (ev) => {
    const el = ev.target as HTMLInputElement | HTMLSelectElement;
    const id = el.dataset.control;
    if (!id) return;
    const v = Number(el.value);
    switch (id) {
      case 'preset': {
        const p = el.value as Preset;
        state = { ...state, preset: p, alpha: SURFACES[p].alpha, beta: SURFACES[p].beta };
        syncControls();
        break;
      }
      case 'alpha':
      case 'beta':
      case 'sigma':
        state = { ...state, [id]: v };
        break;
      case 'n':
        state = { ...state, n: Math.round(v) };
        break;
      case 'k':
      case 'offset':
      case 'drift':
      case 'C':
        state = { ...state, [id]: Math.pow(10, v) };
        break;
    }
    syncShown();
    schedule();
  });
  root.addEventListener('change', (ev) => {
    if ((ev.target as HTMLElement).dataset.control === 'preset') root.dispatchEvent(new Event('input'));
  });
  root.addEventListener('click', (ev) => {
    const action = (ev.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action === 'scenario') {
      const sc = FIGURE_SCENARIOS[Number((ev.target as HTMLElement).closest<HTMLElement>('[data-scenario]')?.dataset.scenario)];
      if (!sc) return;
      state = scenarioState(sc);
      syncControls();
      schedule();
    } else if (action === 'reset') {
      state = defaultState();
      syncControls();
      schedule();
    } else if (action === 'resample') {
      state = { ...state, seed: state.seed + 1 };
      schedule();
    }
  });
  window.addEventListener('hashchange', () => {
    const s = decodeState(location.hash);
    if (s && encodeState(s) !== encodeState(state)) {
      state = s;
      syncControls();
      schedule();
    }
  });
  syncControls();
  recompute();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
