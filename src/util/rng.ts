/**
 * Seeded pseudo-random numbers: xoshiro128** 1.1 (Blackman & Vigna 2018) on
 * 32-bit words, so each step is a few Math.imul and shifts (no BigInt in the
 * hot path), seeded through SplitMix64. Uniforms take 53 bits from two
 * outputs; normals come from Box–Muller. It is the 'xoshiro' RandomSource
 * (./random.ts); pass it as an argument, never as a global.
 */
import type { RandomSource } from './random-source.ts';

const MASK64 = (1n << 64n) - 1n;

function splitmix64(state: bigint): [bigint, bigint] {
  const z0 = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let r = z0;
  r = ((r ^ (r >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  r = ((r ^ (r >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [z0, r ^ (r >> 31n)];
}

export class Rng implements RandomSource {
  readonly kind = 'xoshiro' as const;
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  /** @param seed any integer (taken modulo 2^64). */
  constructor(seed: number | bigint) {
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
      throw new RangeError(`Rng: seed must be a safe integer, got ${seed}`);
    }
    const [s1, w1] = splitmix64(BigInt.asUintN(64, BigInt(seed)));
    const [, w2] = splitmix64(s1);
    this.a = Number(w1 & 0xffffffffn) | 0;
    this.b = Number(w1 >> 32n) | 0;
    this.c = Number(w2 & 0xffffffffn) | 0;
    this.d = Number(w2 >> 32n) | 0;
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // the all-zero state is a fixed point
  }

  /** Next raw 32-bit output as an unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** lo + (hi − lo)·u; with the defaults exactly u in [0, 1). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.random();
  }

  /** Standard normal by Box–Muller (the second value is kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.random();
    const v = this.random();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`Rng.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.random() * n);
  }

  /** RandomSource's standard normal: {@link normal}. */
  standardNormal(): number {
    return this.normal();
  }

  /** `size` draws of {@link int}(high), in order. */
  integers(high: number, size: number): Int32Array {
    if (!(Number.isInteger(size) && size >= 0)) throw new RangeError(`Rng.integers: size must be a non-negative integer, got ${size}`);
    if (!(Number.isInteger(high) && high >= 1 && high <= 2 ** 31)) throw new RangeError(`Rng.integers: high must be an integer in [1, 2^31], got ${high}`);
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) out[i] = this.int(high);
    return out;
  }

  /** RandomSource's child generator: {@link fork}. */
  spawn(): Rng {
    return this.fork();
  }

  /** An independent generator derived from this one (for per-trial streams). */
  fork(): Rng {
    return new Rng((BigInt(this.nextU32()) << 32n) | BigInt(this.nextU32()));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
