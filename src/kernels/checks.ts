import { InvalidInputError } from '../core/errors.ts';
import { checkArray, checkFinite } from '../core/validate.ts';
import type { LossSurface } from '../surface/loss-surface.ts';
import type { Approach3Axes, Approach3Mode, DiffOptions } from './types.ts';

/** Argument checks shared by both backends, run before any kernel so no bad value reaches WebAssembly. */
export function checkSurface(s: LossSurface): void {
  for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) checkFinite(k, s[k]);
}

export function checkParams(p: Float64Array): void {
  if (p.length !== 5) throw new InvalidInputError(`parameter vector has ${p.length} elements; expected 5 (E, A, B, alpha, beta)`, 'p');
  checkArray('p', p);
}

/** Every Approach 3 grid axis finite (as rss5 checks each grid point). */
export function checkApproach3Axes(axes: Approach3Axes): void {
  for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) checkArray(k, axes[k]);
}

/**
 * θ for the Approach 3 objective: 5 elements; finite too for the RSS (natural,
 * squared error on L), which is rss5 and checks as rss5 does. The other
 * objectives let a non-finite θ give NaN, as their per-point loop did.
 */
export function checkApproach3Theta(mode: Approach3Mode, theta: Float64Array): void {
  if (!mode.lse && !mode.logScale && mode.huberDelta === null) checkParams(theta);
  else if (theta.length !== 5) throw new InvalidInputError(`parameter vector has ${theta.length} elements; expected 5`, 'theta');
}

export function checkDiff(d: DiffOptions): void {
  if (d.scheme !== 'forward' && d.scheme !== 'central') {
    throw new InvalidInputError(`finite-difference scheme "${String(d.scheme)}" is not "forward" or "central"`, 'scheme');
  }
  if (!(d.step > 0) || !Number.isFinite(d.step))
    throw new InvalidInputError(`finite-difference step = ${d.step} must be positive and finite`, 'step', undefined, d.step);
}

export function checkOut(name: string, out: Float64Array | undefined, length: number): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (out.length < length) throw new InvalidInputError(`${name} has ${out.length} elements; needs ${length}`, name);
  return out;
}

export function checkGridAxes(alphas: Float64Array, betas: Float64Array): void {
  checkArray('alphas', alphas);
  checkArray('betas', betas);
}

export function checkLossInputs(N: Float64Array, D: Float64Array): void {
  checkArray('N', N, { positive: true });
  checkArray('D', D, { length: N.length, positive: true });
}

/**
 * Most bytes a kernel may use for one call: what a wasm32 module can address
 * (4 GiB less one 64 KiB page). Both backends refuse larger work up front, so
 * the TypeScript backend does not allocate until the process is killed.
 */
export const KERNEL_MEMORY_LIMIT = 4 * 1024 * 1024 * 1024 - 65536;

/** @throws InvalidInputError when `bytes` exceed {@link KERNEL_MEMORY_LIMIT} (the WebAssembly backend's message). */
export function checkKernelMemory(bytes: number, what: string): void {
  if (!(bytes <= KERNEL_MEMORY_LIMIT)) {
    throw new InvalidInputError(`${what} needs ${(bytes / 2 ** 30).toFixed(2)} GiB of WebAssembly memory, beyond the 4 GiB a wasm32 module can address`, what);
  }
}
