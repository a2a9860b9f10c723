/**
 * The library modules the benchmark uses, loaded either from the
 * tsc-transpiled copy (default; see compile.ts) or from the TypeScript
 * sources through tsx (--lib tsx).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileLibrary, ROOT } from './compile.ts';
import type { Kernels } from '../src/kernels/index.ts';

type KernelsModule = typeof import('../src/kernels/index.ts');
type FitModule = typeof import('../src/fit/index.ts');
type SamplingModule = typeof import('../src/sampling/index.ts');
type SurfaceModule = typeof import('../src/surface/index.ts');
type RngModule = typeof import('../src/util/rng.ts');
type SpaceModule = typeof import('../src/util/space.ts');
type OptimModule = typeof import('../src/optim/index.ts');

export interface Library {
  readonly mode: 'tsc' | 'tsx';
  /** Directory holding the compiled copy (always built: workers and children use it). */
  readonly compiledDir: string;
  readonly kernels: KernelsModule;
  readonly fit: FitModule;
  readonly sampling: SamplingModule;
  readonly surface: SurfaceModule;
  readonly rng: RngModule;
  readonly space: SpaceModule;
  readonly optim: OptimModule;
  /** The release build of the core, instantiated once. */
  readonly wasm: Kernels;
  /** The TypeScript twin. */
  readonly ts: Kernels;
  /** Path of build/release.wasm. */
  readonly wasmPath: string;
}

export const RELEASE_WASM = join(ROOT, 'build', 'release.wasm');

export async function loadLibrary(mode: 'tsc' | 'tsx'): Promise<Library> {
  const compiledDir = compileLibrary();
  const base = mode === 'tsc' ? join(compiledDir, 'src') : join(ROOT, 'src');
  const ext = mode === 'tsc' ? '.js' : '.ts';
  const load = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(join(base, rel + ext)).href)) as T;
  const kernels = await load<KernelsModule>('kernels/index');
  const wasm = kernels.kernelsFromModule(readFileSync(RELEASE_WASM));
  // Library code that asks for the default kernels gets this release build,
  // whatever SCALING_FIT_WASM says (the test runner sets it to debug).
  kernels.setKernels(wasm);
  return {
    mode,
    compiledDir,
    kernels,
    fit: await load<FitModule>('fit/index'),
    sampling: await load<SamplingModule>('sampling/index'),
    surface: await load<SurfaceModule>('surface/index'),
    rng: await load<RngModule>('util/rng'),
    space: await load<SpaceModule>('util/space'),
    optim: await load<OptimModule>('optim/index'),
    wasm,
    ts: kernels.tsKernels,
    wasmPath: RELEASE_WASM,
  };
}
