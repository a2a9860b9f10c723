import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kernelsFromModule, tsKernels, wasmUrl, type Kernels } from '../../src/kernels/index.ts';

/** The debug build of the core (asserts on), as the style guide asks tests to use. */
export function wasmDebugKernels(): Kernels {
  return kernelsFromModule(readFileSync(fileURLToPath(wasmUrl('debug'))));
}

/** Both backends, for suites that must pass on each. */
export function bothBackends(): Array<[string, Kernels]> {
  return [
    ['wasm', wasmDebugKernels()],
    ['ts', tsKernels],
  ];
}

/** |a − b| ≤ rtol·|b| (or ≤ rtol when b = 0). */
export function relClose(a: number, b: number, rtol: number): boolean {
  return Math.abs(a - b) <= rtol * Math.max(Math.abs(b), b === 0 ? 1 : 0);
}
