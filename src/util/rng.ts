/**
 * Seeded pseudo-random numbers: xoshiro256** (Blackman & Vigna 2018) seeded
 * through SplitMix64, with Box–Muller normals. The one generator used
 * everywhere; pass it as an argument, never as a global.
 */
const MASK64 = (1n << 64n) - 1n;

function rotl(x: bigint, k: bigint): bigint {
  return ((x << k) | (x >> (64n - k))) & MASK64;
}

export class Rng {
  private s0: bigint;
  private s1: bigint;
  private s2: bigint;
  private s3: bigint;
  private spare: number | null = null;

  /** @param seed any integer (negative values and values ≥ 2^53 are taken modulo 2^64). */
  constructor(seed: number | bigint) {
    if (typeof seed === 'number' && !Number.isInteger(seed)) {
      throw new RangeError(`Rng: seed must be an integer, got ${seed}`);
    }
    let z = BigInt.asUintN(64, BigInt(seed));
    const next = (): bigint => {
      z = (z + 0x9e3779b97f4a7c15n) & MASK64;
      let r = z;
      r = ((r ^ (r >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
      r = ((r ^ (r >> 27n)) * 0x94d049bb133111ebn) & MASK64;
      return r ^ (r >> 31n);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** Next raw 64-bit output. */
  nextU64(): bigint {
    const result = (rotl((this.s1 * 5n) & MASK64, 7n) * 9n) & MASK64;
    const t = (this.s1 << 17n) & MASK64;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 45n);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    return Number(this.nextU64() >> 11n) / 9007199254740992;
  }

  /** Standard normal by Box–Muller (the second value is kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`Rng.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** An independent generator derived from this one (for per-trial streams). */
  fork(): Rng {
    return new Rng(this.nextU64());
  }
}
