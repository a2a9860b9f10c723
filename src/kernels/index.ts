/**
 * Backend choice: the WebAssembly core where it instantiates, else the
 * TypeScript twin with a warning. Node loads build/<flavour>.wasm from disk
 * synchronously on first use; a browser calls {@link initKernels} with a URL
 * or the module's bytes first. `SCALING_FIT_BACKEND=ts|wasm` forces a
 * backend and `SCALING_FIT_WASM=debug|release` picks the build (Node).
 */
import type { Kernels } from './types.ts';
import { tsKernels } from './twin/index.ts';
import type { CoreExports } from './abi.ts';
import { wasmKernels } from './wasm.ts';

export type { Kernels, PreparedData, GridResult, PointResult, InnerSolve, DiffOptions } from './types.ts';
export { prepareData } from './prepare.ts';
export { tsKernels } from './twin/index.ts';
export { wasmKernels } from './wasm.ts';
export type { CoreExports } from './abi.ts';

export type WasmFlavour = 'release' | 'debug';
export type WasmSource = BufferSource | WebAssembly.Module | URL | string;

let current: Kernels | null = null;
let warn: (message: string) => void = (m) => console.warn(`scaling-fit: ${m}`);

/** Replace the warning sink (default console.warn). */
export function onKernelWarning(sink: (message: string) => void): void {
  warn = sink;
}

function env(name: string): string | undefined {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return p?.env?.[name];
}

/** Instantiate the core from bytes or a compiled module, synchronously. */
export function kernelsFromModule(source: BufferSource | WebAssembly.Module): Kernels {
  const module = source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source);
  const instance = new WebAssembly.Instance(module, {});
  return wasmKernels(instance.exports as unknown as CoreExports);
}

interface NodeBuiltins {
  fs: { readFileSync(path: string): Uint8Array };
  url: { fileURLToPath(u: URL): string };
}

function nodeBuiltins(): NodeBuiltins | null {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (!p?.getBuiltinModule) return null;
  return { fs: p.getBuiltinModule('node:fs') as NodeBuiltins['fs'], url: p.getBuiltinModule('node:url') as NodeBuiltins['url'] };
}

/** URL of a built core next to this package. */
export function wasmUrl(flavour: WasmFlavour = 'release'): URL {
  // Literal URLs, so bundlers (Vite, webpack) recognise and emit the assets.
  return flavour === 'debug' ? new URL('../../build/debug.wasm', import.meta.url) : new URL('../../build/release.wasm', import.meta.url);
}

function loadNodeSync(flavour: WasmFlavour): Kernels {
  const node = nodeBuiltins();
  if (!node) throw new Error('not running under Node; call initKernels() with the module URL or bytes');
  return kernelsFromModule(node.fs.readFileSync(node.url.fileURLToPath(wasmUrl(flavour))));
}

function defaultFlavour(): WasmFlavour {
  return env('SCALING_FIT_WASM') === 'debug' ? 'debug' : 'release';
}

function resolveDefault(): Kernels {
  if (env('SCALING_FIT_BACKEND') === 'ts') return tsKernels;
  try {
    return loadNodeSync(defaultFlavour());
  } catch (e) {
    if (env('SCALING_FIT_BACKEND') === 'wasm') throw e;
    warn(`WebAssembly core unavailable (${(e as Error).message}); using the TypeScript kernels`);
    return tsKernels;
  }
}

/** The kernels in use: loaded on first call (Node) or set by initKernels/setKernels. */
export function getKernels(): Kernels {
  if (!current) current = resolveDefault();
  return current;
}

/** Use these kernels from now on (e.g. force the twin in a test). */
export function setKernels(k: Kernels): void {
  current = k;
}

export interface InitOptions {
  /** Which backend: 'auto' (default) tries WebAssembly then falls back to the twin. */
  backend?: 'auto' | 'wasm' | 'ts';
  /** Where the core comes from: bytes, a compiled module, or a URL to fetch. Default: the release build beside the package. */
  source?: WasmSource;
}

/** Load the kernels (async: works in browsers) and make them the default. */
export async function initKernels(options: InitOptions = {}): Promise<Kernels> {
  const backend = options.backend ?? 'auto';
  if (backend === 'ts') return (current = tsKernels);
  try {
    let source = options.source;
    if (source === undefined && nodeBuiltins()) {
      current = loadNodeSync(defaultFlavour());
      return current;
    }
    source ??= wasmUrl(defaultFlavour());
    if (typeof source === 'string' || source instanceof URL) {
      const res = await fetch(source);
      if (!res.ok) throw new Error(`fetching ${String(source)} gave HTTP ${res.status}`);
      source = await WebAssembly.compile(await res.arrayBuffer());
    } else if (!(source instanceof WebAssembly.Module)) {
      source = await WebAssembly.compile(source);
    }
    const instance = await WebAssembly.instantiate(source, {});
    current = wasmKernels(instance.exports as unknown as CoreExports);
  } catch (e) {
    if (backend === 'wasm') throw e;
    warn(`WebAssembly core unavailable (${(e as Error).message}); using the TypeScript kernels`);
    current = tsKernels;
  }
  return current;
}
