/**
 * The random source every Monte Carlo path draws from (specs/random.md):
 * either numpy's Generator(PCG64) reproduced bit for bit ('numpy'), so runs
 * compare value by value with the original Python study, or the project's
 * own xoshiro128** generator ('xoshiro'). Pass it as an argument, never as a
 * global.
 */
import { NumpyGenerator } from './numpy-random.ts';
import type { RandomSource, RngKind } from './random-source.ts';
import { Rng } from './rng.ts';

export type { RandomSource, RngKind };

/** Every generator kind, in `--rng` order. */
export const RNG_KINDS: readonly RngKind[] = ['numpy', 'xoshiro'];

/**
 * The kind used when none is chosen: numpy, so default runs match the
 * original study value by value; its extra cost per draw is negligible next
 * to the fits (specs/random.md).
 */
export const DEFAULT_RNG_KIND: RngKind = 'numpy';

/** The name a run records in its summary (`"rng"`): 'numpy', or the project generator's name. */
export const RNG_NAMES: Readonly<Record<RngKind, string>> = { numpy: 'numpy', xoshiro: 'xoshiro128**' };

/** Whether `value` names a generator kind. */
export function isRngKind(value: unknown): value is RngKind {
  return RNG_KINDS.includes(value as RngKind);
}

/**
 * A generator of the given kind: `numpy` is numpy's `default_rng(seed)`
 * (seed ≥ 0), `xoshiro` the project's {@link Rng}.
 *
 * @example createRandom('numpy', 42).random() // 0.7739560485559633
 */
export function createRandom(kind: RngKind, seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`createRandom: seed must be a safe integer, got ${seed}`);
  switch (kind) {
    case 'numpy':
      return new NumpyGenerator(seed);
    case 'xoshiro':
      return new Rng(seed);
    default:
      throw new RangeError(`createRandom: unknown generator kind ${JSON.stringify(kind)}; expected one of ${RNG_KINDS.join(', ')}`);
  }
}
