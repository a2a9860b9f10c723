/**
 * What every Monte Carlo path draws from (specs/random.md): the interface
 * both generators implement, apart from `random.ts`, which builds them, so
 * that the generators can name it without an import cycle.
 */

/** The generator kinds: numpy's Generator(PCG64) or the project's xoshiro128**. */
export type RngKind = 'numpy' | 'xoshiro';

export interface RandomSource {
  readonly kind: RngKind;
  /** Uniform in [0, 1). */
  random(): number;
  /** lo + (hi − lo)·random(). */
  uniform(lo: number, hi: number): number;
  /** One standard normal. */
  standardNormal(): number;
  /** `size` integers uniform in [0, high), drawn in order. */
  integers(high: number, size: number): Int32Array;
  /** An independent child generator. */
  spawn(): RandomSource;
}
