/**
 * The library modules the benchmark uses, imported from the TypeScript
 * sources as the experiments and the article run them (through tsx; child
 * processes and worker threads too, see processes.ts and threads.ts).
 * specs/performance.md "One way to run the library" has the cost measured
 * against the same code compiled by tsc.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as kernels from '../src/kernels/index.ts';
import * as fit from '../src/fit/index.ts';
import * as sampling from '../src/sampling/index.ts';
import * as surface from '../src/surface/index.ts';
import * as rng from '../src/util/rng.ts';
import * as space from '../src/util/space.ts';
import * as optim from '../src/optim/index.ts';
import type { Kernels } from '../src/kernels/index.ts';

/** The repository root (this file is bench/library.ts). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const RELEASE_WASM = join(ROOT, 'build', 'release.wasm');

export interface Library {
  readonly kernels: typeof kernels;
  readonly fit: typeof fit;
  readonly sampling: typeof sampling;
  readonly surface: typeof surface;
  readonly rng: typeof rng;
  readonly space: typeof space;
  readonly optim: typeof optim;
  /** The release build of the core, instantiated once. */
  readonly wasm: Kernels;
  /** The TypeScript twin. */
  readonly ts: Kernels;
  /** Path of build/release.wasm. */
  readonly wasmPath: string;
}

export function loadLibrary(): Library {
  const wasm = kernels.kernelsFromModule(readFileSync(RELEASE_WASM));
  // Library code that asks for the default kernels gets this release build,
  // whatever SCALING_FIT_WASM says (the test runner sets it to debug).
  kernels.setKernels(wasm);
  return { kernels, fit, sampling, surface, rng, space, optim, wasm, ts: kernels.tsKernels, wasmPath: RELEASE_WASM };
}
